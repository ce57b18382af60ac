#!/bin/bash
# Hostile distfiles: tests/hostile/make_hostile_crates.py writes the suite (65
# malicious or broken .crate files, each listed in a manifest with its real
# sha256 so that the extraction rules are what is tested); each goes through
# `cargo-distfiles unpack`, which must
#   - end with the expected exit status and print exactly the expected error,
#     naming the distfile and the offending entry (expect.status, expect.stderr);
#   - leave the vendor folder exactly as expected: empty for a refused crate (no
#     partial crate, no temporary folder), the exact files, modes and
#     .cargo-checksum.json for an accepted one (expect.listing);
#   - write nothing outside the vendor folder: the whole scratch tree but that
#     vendor folder is the same before and after, and outside/ (what escaping
#     entries aim at) stays as it was.
# Every case runs even when one fails; the failures are summed up at the end.
# Needs python3. Env: CDF_BINARY, CDF_SCRATCH; CDF_HOSTILE_CASES=a,b (only those).
set -euo pipefail
: "${CDF_BINARY:?CDF_BINARY must name the cargo-distfiles binary}"
: "${CDF_SCRATCH:?CDF_SCRATCH must name a scratch folder}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v python3 >/dev/null || { echo "SKIP: python3 is missing"; exit 77; }
umask 022

rm -rf "$CDF_SCRATCH"
mkdir -p "$CDF_SCRATCH"
scratch=$(cd "$CDF_SCRATCH" && pwd -P)
cases=$scratch/cases
python3 "$here/make_hostile_crates.py" cases "$cases"
listing() { python3 "$here/make_hostile_crates.py" listing "$1"; }
# Everything under the scratch folder but one vendor folder: type, mode, size,
# mtime and content hash of each entry.
snapshot() {
    (cd "$scratch" && find . -path "./cases/$1/vendor" -prune -o -path ./out -prune -o \
        -printf '%y %m %s %T@ %p\n' | sort)
    (cd "$scratch" && find . -path "./cases/$1/vendor" -prune -o -path ./out -prune -o \
        -type f -print0 | sort -z | xargs -0 sha256sum)
}

failures=()
failed_cases=()
fail() {
    echo "FAIL $case: $*"
    failures+=("$case: $*")
    [[ " ${failed_cases[*]} " == *" $case "* ]] || failed_cases+=("$case")
}
selected=",${CDF_HOSTILE_CASES:-},"
count=0
mkdir -p "$scratch/out"
while read -r case; do
    [[ "$selected" == ",," || "$selected" == *",$case,"* ]] || continue
    count=$((count + 1))
    dir=$cases/$case
    mkdir "$dir/vendor"  # made here, so that making it does not touch the case folder's mtime
    snapshot "$case" >"$scratch/out/snap.before"
    status=0
    "$CDF_BINARY" unpack --manifest "$dir/manifest" --distdir "$dir/dist" --vendor "$dir/vendor" -j 2 \
        >"$scratch/out/$case.stdout" 2>"$scratch/out/$case.stderr" || status=$?
    snapshot "$case" >"$scratch/out/snap.after"
    before=$(( ${#failures[@]} ))
    expected_status=$(cat "$dir/expect.status")
    [[ "$status" == "$expected_status" ]] || fail "exit status $status, expected $expected_status"
    if ! cmp -s "$dir/expect.stderr" "$scratch/out/$case.stderr"; then
        fail "stderr differs (expected, then actual):"
        sed 's/^/    expected: /' "$dir/expect.stderr"
        sed 's/^/    actual:   /' "$scratch/out/$case.stderr" | head -n 5 | cut -c1-400
    fi
    [[ ! -s "$scratch/out/$case.stdout" ]] || fail "wrote to stdout: $(head -c 300 "$scratch/out/$case.stdout")"
    if [[ ! -d "$dir/vendor" ]]; then
        fail "no vendor folder"
    elif ! diff <(cat "$dir/expect.listing") <(listing "$dir/vendor") >"$scratch/out/$case.listing.diff"; then
        fail "vendor folder differs from the expected (< expected, > actual):"
        head -n 40 "$scratch/out/$case.listing.diff" | sed 's/^/    /'
    fi
    if ! diff "$scratch/out/snap.before" "$scratch/out/snap.after" >"$scratch/out/$case.outside.diff"; then
        fail "something outside the vendor folder changed:"
        head -n 40 "$scratch/out/$case.outside.diff" | sed 's/^/    /'
    fi
    (( ${#failures[@]} == before )) && echo "ok   $case: $(cat "$dir/describe")"
    # What a wrongly accepted bomb left would slow every later snapshot down.
    chmod -R u+rwx "$dir/vendor" 2>/dev/null || true
    rm -rf "$dir/vendor"
done <"$cases/cases.list"

(( count > 0 )) || { echo "FAIL: no case selected"; exit 1; }
# Cases listed in known-open.txt are gaps of the unpacker that are known and
# tracked (issue 7 stays open for them): they are reported, not failed. A
# listed case that now passes fails the test, so that the list is kept true.
known_open=$(grep -v '^#' "$CDF_SOURCE_DIR/tests/hostile/known-open.txt" 2>/dev/null | cut -d' ' -f1 || true)
unexpected=()
for c in "${failed_cases[@]}"; do
    grep -qx -- "$c" <<<"$known_open" || unexpected+=("$c")
done
for c in $known_open; do
    [[ " ${failed_cases[*]} " == *" $c "* ]] || [[ "$selected" != ",," && "$selected" != *",$c,"* ]] ||
        unexpected+=("$c (listed in known-open.txt but handled as expected now: remove it from the list)")
done
if (( ${#failed_cases[@]} > 0 )); then
    echo
    echo "${#failed_cases[@]} of $count cases not handled as expected:"
    printf '  %s\n' "${failed_cases[@]}"
fi
if (( ${#unexpected[@]} > 0 )); then
    echo "unexpected:"
    printf '  %s\n' "${unexpected[@]}"
    exit 1
fi
if (( ${#failed_cases[@]} > 0 )); then
    echo "all of them known open (tests/hostile/known-open.txt); every other case handled as expected"
    exit 0
fi
echo "all $count hostile distfiles handled as expected"
