#!/bin/bash
# The packager tools on a few hundred real crates: Debian's crate sources
# (/usr/share/cargo/registry, see scripts/install-test-deps) packed by
# scripts/build-test-registry, every one of them listed in one Cargo.lock and one
# manifest (`generate`). Each command's output is checked against an independent
# Python computation on the same files (tarfile, tomllib, hashlib):
#   licences   every crate's expression holds with the names printed; no name is
#              invented; the crates warned about are exactly those without a
#              mappable licence
#   verify     all ok; then a corrupted, a missing and an unlisted file, exactly
#   manifest2  byte for byte the Manifest Python writes from hashlib digests
#   diff       the counts of a bump made by editing the lockfile
# Needs python3 and the Debian crate sources (exit 77 without them); not cargo.
set -euo pipefail
: "${CDF_BINARY:?}" "${CDF_SCRATCH:?}" "${CDF_SOURCE_DIR:?}"
fail() { echo "FAIL: $*" >&2; exit 1; }
DEBIAN_CRATES=/usr/share/cargo/registry
if [[ ! -d "$DEBIAN_CRATES" ]] || (($(ls "$DEBIAN_CRATES" | wc -l) < 20)); then
    echo "SKIP: Debian crate sources missing under $DEBIAN_CRATES (scripts/install-test-deps)"
    exit 77
fi
command -v python3 >/dev/null || fail "python3 is missing"
mkdir -p "$CDF_SCRATCH"
S=$(cd "$CDF_SCRATCH" && pwd)
REG=$S/registry
TABLE=$CDF_SOURCE_DIR/data/licences.tsv

echo "== registry from $DEBIAN_CRATES"
"$CDF_SOURCE_DIR/scripts/build-test-registry" --quiet "$REG"

echo "== one Cargo.lock listing every crate of the registry (and two made here), its manifest"
rm -rf "$S/distdir" && mkdir "$S/distdir"
cp "$REG"/*.crate "$S/distdir/"
python3 - "$REG" "$S/distdir" "$S/all.lock" <<'EOF'
import hashlib, io, json, os, sys, tarfile
reg, distdir, out = sys.argv[1:]
pkgs = []
for d, _dirs, names in os.walk(os.path.join(reg, "index")):
    for n in names:
        for line in open(os.path.join(d, n)):
            e = json.loads(line)
            pkgs.append((e["name"], e["vers"], e["cksum"]))
# Two crates the licence table cannot cover: only a licence file, and ids it lacks.
for name, licence in (("zz-licence-file", 'license-file = "LICENSE"'),
                      ("zz-odd-licence", 'license = "LicenseRef-odd OR (MIT AND Foo-1.0)"')):
    path = os.path.join(distdir, f"{name}-0.1.0.crate")
    with tarfile.open(path, "w:gz", format=tarfile.GNU_FORMAT) as t:
        data = f'[package]\nname = "{name}"\nversion = "0.1.0"\n{licence}\n'.encode()
        info = tarfile.TarInfo(f"{name}-0.1.0/Cargo.toml")
        info.size = len(data)
        t.addfile(info, io.BytesIO(data))
    pkgs.append((name, "0.1.0", hashlib.sha256(open(path, "rb").read()).hexdigest()))
with open(out, "w") as f:
    f.write("version = 4\n")
    for name, vers, cksum in sorted(pkgs):
        f.write(f'\n[[package]]\nname = "{name}"\nversion = "{vers}"\n'
                f'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "{cksum}"\n')
EOF
N=$(grep -c '^\[\[package\]\]' "$S/all.lock")
"$CDF_BINARY" generate "$S/all.lock" --manifest "$S/all.manifest" >/dev/null || fail "generate exited with $?"
echo "    $N crates"

echo "== licences"
"$CDF_BINARY" licences --manifest "$S/all.manifest" --distdir "$S/distdir" --licence-table "$TABLE" \
    >"$S/licences.out" 2>"$S/licences.err" || fail "licences exited with $?"
cat "$S/licences.out"
python3 - "$S/distdir" "$TABLE" "$S/licences.out" "$S/licences.err" <<'EOF'
import glob, os, re, sys, tarfile, tomllib
distdir, table_path, out_path, err_path = sys.argv[1:]
table = {}
for line in open(table_path):
    line = line.rstrip("\n")
    if line and not line.startswith("#"):
        key, name = line.split("\t")
        table[key.lower()] = name

def tokens(text):
    return [t for t in re.split(r"\s+|([()/])", text) if t]

def evaluate(text, accepted, unknown):
    """Evaluates an SPDX expression: True when the accepted Exherbo names satisfy it."""
    toks = tokens(text)
    pos = 0
    def peek():
        return toks[pos] if pos < len(toks) else None
    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]
    def primary():
        if peek() == "(":
            take(); v = expr(); assert take() == ")"; return v
        lic = take().rstrip("+")
        if peek() and peek().upper() == "WITH":
            take(); take()
        name = table.get(lic.lower())
        if name is None:
            unknown.add(lic); name = lic
        return name in accepted
    def conj():
        v = primary()
        while peek() and peek().upper() == "AND":
            take(); v = primary() and v
        return v
    def expr():
        v = conj()
        while peek() and (peek().upper() == "OR" or peek() == "/"):
            take(); v = conj() or v
        return v
    v = expr()
    assert pos == len(toks), text
    return v

out = open(out_path).read()
printed = set(t for t in re.findall(r"[^\s\"()|=]+", out) if t != "LICENCES")
warned = set(re.match(r"cargo-distfiles: warning: (\S+ \S+):", l).group(1)
             for l in open(err_path).read().splitlines())
expect_warned, used = set(), set()
for f in sorted(glob.glob(os.path.join(distdir, "*.crate"))):
    stem = os.path.basename(f)[:-len(".crate")]
    pkg = tomllib.loads(tarfile.open(f).extractfile(stem + "/Cargo.toml").read().decode())["package"]
    who = f"{pkg['name']} {pkg['version']}"
    if "license" not in pkg:
        expect_warned.add(who); continue
    unknown = set()
    if not evaluate(pkg["license"], printed, unknown):
        sys.exit(f"FAIL: {who}: {pkg['license']!r} does not hold with the printed names {sorted(printed)}")
    if unknown:
        expect_warned.add(who)
    for t in tokens(pkg["license"]):
        if t not in "()/" and t.upper() not in ("AND", "OR", "WITH"):
            used.add(table.get(t.rstrip("+").lower(), t.rstrip("+")))
if warned != expect_warned:
    sys.exit(f"FAIL: warned about {sorted(warned)}, expected {sorted(expect_warned)}")
invented = printed - used
if invented:
    sys.exit(f"FAIL: names no crate maps to: {sorted(invented)}")
if len(warned) < 2:
    sys.exit("FAIL: the two crates made to be warned about were not")
print(f"    {len(printed)} names printed, {len(warned)} crates warned about: as computed independently")
EOF

echo "== verify (intact)"
"$CDF_BINARY" verify --manifest "$S/all.manifest" --distdir "$S/distdir" >"$S/verify.out" ||
    fail "verify exited with $? on intact distfiles: $(tail -n 5 "$S/verify.out")"
expected="checked $N distfile(s): $N ok, 0 unchecked, 0 missing, 0 mismatching, 0 unreadable; 0 unlisted .crate file(s)"
[[ "$(cat "$S/verify.out")" == "$expected" ]] || fail "verify printed: $(cat "$S/verify.out")"

echo "== manifest2"
"$CDF_BINARY" manifest2 --manifest "$S/all.manifest" --distdir "$S/distdir" --extra "$S/all.lock" \
    --output "$S/Manifest" || fail "manifest2 exited with $?"
python3 - "$S/distdir" "$S/all.lock" >"$S/Manifest.expected" <<'EOF'
import glob, hashlib, os, sys
distdir, extra = sys.argv[1:]
files = sorted(glob.glob(os.path.join(distdir, "*.crate")) + [extra], key=os.path.basename)
for f in files:
    data = open(f, "rb").read()
    print(f"DIST {os.path.basename(f)} {len(data)} SHA256 {hashlib.sha256(data).hexdigest()} "
          f"SHA512 {hashlib.sha512(data).hexdigest()}")
EOF
cmp -s "$S/Manifest.expected" "$S/Manifest" || { diff "$S/Manifest.expected" "$S/Manifest" | head; fail "Manifest differs"; }
echo "    $(wc -l <"$S/Manifest") DIST lines identical to Python's"

echo "== verify (one corrupted, one missing, one unlisted)"
mapfile -t crates < <(cd "$S/distdir" && ls *.crate | LC_ALL=C sort)
bad=${crates[3]} gone=${crates[7]}
old_sum=$(sha256sum "$S/distdir/$bad" | cut -d' ' -f1)
printf 'x' >>"$S/distdir/$bad"
new_sum=$(sha256sum "$S/distdir/$bad" | cut -d' ' -f1)
rm "$S/distdir/$gone"
cp "$S/distdir/${crates[0]}" "$S/distdir/zzz-unlisted-0.0.1.crate"
status=0
"$CDF_BINARY" verify --manifest "$S/all.manifest" --distdir "$S/distdir" -j 2 >"$S/verify2.out" 2>"$S/verify2.err" ||
    status=$?
((status == 1)) || fail "verify exited with $status, expected 1"
python3 - "$S/verify2.out" "$bad" "$gone" "$old_sum" "$new_sum" "$N" "$S/all.manifest" <<'EOF'
import sys
out, bad, gone, old, new, n, manifest = sys.argv[1:]
what = {}
for line in open(manifest):
    f = line.split()
    if f and f[0] == "crate":
        what[f[4]] = f"{f[1]} {f[2]}"
lines = sorted([f"mismatch: {bad} ({what[bad]}): sha256 is {new}, the manifest says {old}",
                f"missing: {gone} ({what[gone]})"], key=lambda l: l.split(": ")[1].split(" ")[0])
lines.append("unlisted: zzz-unlisted-0.0.1.crate: a .crate file the manifest does not name")
lines.append(f"checked {n} distfile(s): {int(n) - 2} ok, 0 unchecked, 1 missing, 1 mismatching, 0 unreadable; "
             "1 unlisted .crate file(s)")
got = open(out).read()
if got != "\n".join(lines) + "\n":
    sys.exit(f"FAIL: verify printed\n{got}expected\n" + "\n".join(lines))
EOF
grep -qx "cargo-distfiles: error: $S/distdir: verification failed: 1 missing, 1 mismatching, 1 unlisted" \
    "$S/verify2.err" || fail "verify's error: $(cat "$S/verify2.err")"
echo "    problems reported exactly"

echo "== diff (a bump made by editing the lockfile)"
python3 - "$S/all.lock" "$S/new.lock" >"$S/diff.expected" <<'EOF'
import re, sys
src, dst = sys.argv[1:]
text = open(src).read()
blocks = text.split("\n[[package]]\n")
head, pkgs = blocks[0], blocks[1:]
def field(b, k): return re.search(rf'^{k} = "([^"]*)"', b, re.M).group(1)
# Remove 3, upgrade 2 (patch + 1), downgrade 1 (patch 0 -> a pre-release of it), add 1.
keep = pkgs[:10] + pkgs[13:]
up = down = 0
out = []
for i, b in enumerate(keep):
    v = field(b, "version")
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", v)
    if m and i in (20, 40):
        b = b.replace(f'version = "{v}"', f'version = "{m[1]}.{m[2]}.{int(m[3]) + 1}"'); up += 1
    elif m and i == 60:
        b = b.replace(f'version = "{v}"', f'version = "{v}-rc.1"'); down += 1
    out.append(b)
out.append('name = "zz-new-crate"\nversion = "0.1.0"\n'
           'source = "registry+https://github.com/rust-lang/crates.io-index"\n'
           f'checksum = "{"0" * 64}"\n')
open(dst, "w").write(head + "".join("\n[[package]]\n" + b for b in out))
n = len(pkgs)
print(f"crates: 1 added, 3 removed, {up} upgraded, {down} downgraded, 0 changed, {n - 3 - up - down} unchanged")
print("git sources: 0 added, 0 removed, 0 changed, 0 unchanged")
EOF
"$CDF_BINARY" diff "$S/all.lock" "$S/new.lock" >"$S/diff.out" || fail "diff exited with $?"
head -n 2 "$S/diff.out" | cmp -s - "$S/diff.expected" || fail "diff counts: $(head -n 2 "$S/diff.out")"
"$CDF_BINARY" diff "$S/all.manifest" "$S/all.lock" >"$S/diff0.out" || fail "diff exited with $?"
printf 'crates: 0 added, 0 removed, 0 upgraded, 0 downgraded, 0 changed, %d unchanged\ngit sources: 0 added, 0 removed, 0 changed, 0 unchanged\n' "$N" |
    cmp -s - "$S/diff0.out" || fail "manifest against its own lockfile: $(cat "$S/diff0.out")"
head -n 2 "$S/diff.out" | sed 's/^/    /'
echo "PASS"
