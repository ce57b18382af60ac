#!/bin/bash
# The binary declares every shared library it uses: each one is a NEEDED
# entry (or linked in statically), none is loaded behind the linker's back.
# Fails when dlopen/dlsym/dlmopen is imported, or when the binary holds a
# SONAME-like string ("libfoo.so.N") that is not one of its NEEDED entries
# (a library name baked in for dlopen, as Botan's used to be).
# Usage: CDF_BINARY=path bash tests/e2e/linkage.sh
set -euo pipefail
: "${CDF_BINARY:?}"
command -v readelf >/dev/null && command -v strings >/dev/null ||
    { echo "SKIP: readelf/strings (binutils) not found"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

needed=$(readelf -d "$CDF_BINARY" | sed -n 's/.*(NEEDED).*Shared library: \[\(.*\)\]/\1/p' | sort -u)
[ -n "$needed" ] || fail "$CDF_BINARY: no NEEDED entries (not a dynamic ELF binary?)"

imports=$(readelf --dyn-syms -W "$CDF_BINARY" | awk '$7 == "UND" {print $8}' | sed 's/@.*//' | sort -u)
dl=$(grep -xE 'dlopen|dlmopen|dlsym|dlvsym' <<<"$imports" || true)
[ -z "$dl" ] || fail "$CDF_BINARY imports $(echo $dl): libraries loaded at run time are invisible to linkage checkers"

sonames=$(strings -a "$CDF_BINARY" | grep -oE 'lib[A-Za-z0-9_+.-]*\.so(\.[0-9]+)+' | sort -u || true)
hidden=$(comm -23 <(echo "$sonames" | sed '/^$/d') <(echo "$needed"))
[ -z "$hidden" ] || fail "$CDF_BINARY names libraries it does not declare NEEDED: $(echo $hidden)"
if strings -a "$CDF_BINARY" | grep -q 'libbotan'; then
    fail "$CDF_BINARY names libbotan: $(strings -a "$CDF_BINARY" | grep -m1 libbotan)"
fi
echo "ok: NEEDED $(echo $needed); no dl* imports; no undeclared SONAME"
