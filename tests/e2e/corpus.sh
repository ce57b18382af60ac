#!/bin/bash
# Converts every real lockfile under ../shared/corpus/lockfiles (skipped when
# that folder is absent) and checks each output against the packages counted
# independently, with python's tomllib: crate lines, git sources (distinct
# repository+commit pairs), DOWNLOADS entries, and every crates.io checksum.
set -euo pipefail
corpus=${CDF_CORPUS:-$("$CDF_SOURCE_DIR/scripts/shared-dir" || echo "$CDF_SOURCE_DIR/../shared")/corpus/lockfiles}
[ -d "$corpus" ] || { echo "no corpus at $corpus: skipped"; exit 77; }
scratch=${CDF_SCRATCH:-$(mktemp -d)}
rm -rf "$scratch"; mkdir -p "$scratch"

count=0
for lock in "$corpus"/*.lock; do
    name=$(basename "$lock" .lock)
    args=()
    # What the packager must say for these two: an alternative registry's
    # template, and the opt-in for pre-2016 crates without checksums.
    case "$name" in
        *alt-registry*) args+=(--registry 'sparse+https://integer32llc.github.io/registry-conformance/=https://dl.example.org/{crate}/{version}') ;;
        alacritty__alacritty__2a7dc1deb8) args+=(--allow-missing-checksums) ;;
    esac
    "$CDF_BINARY" generate "$lock" --manifest "$scratch/$name.manifest" "${args[@]}" > "$scratch/$name.downloads"
    python3 - "$lock" "$scratch/$name.manifest" "$scratch/$name.downloads" "$corpus/../SOURCES.tsv" <<'PY'
import os, re, sys, tomllib
lock_path, manifest_path, downloads_path, sources_tsv = sys.argv[1:]
with open(lock_path, "rb") as f:
    lock = tomllib.load(f)
packages = list(lock.get("package", []))
if "root" in lock:
    packages.append(lock["root"])
metadata = lock.get("metadata", {})
def canon(url):
    url = url.rstrip("/")
    if url.endswith(".git"): url = url[:-4]
    return url.rstrip("/").lower()
crates_io = {"registry+https://github.com/rust-lang/crates.io-index", "sparse+https://index.crates.io/"}
expected = {}
git_pairs = set()
registry = 0
for p in packages:
    src = p.get("source")
    if src is None or "replace" in p:
        continue
    expected[(p["name"], p["version"], src)] = p
    if src.startswith("git+"):
        url, commit = src[4:].split("#")
        git_pairs.add((canon(url.split("?")[0]), commit))
    else:
        registry += 1
crate_lines, git_lines = [], []
for line in open(manifest_path):
    if line.startswith("crate "): crate_lines.append(line.split())
    elif line.startswith("git "): git_lines.append(line.split())
errors = []
def check(cond, msg):
    if not cond: errors.append(msg)
check(len(crate_lines) == len(expected), f"crate lines {len(crate_lines)} != packages {len(expected)}")
check(len(git_lines) == len(git_pairs), f"git lines {len(git_lines)} != repository+commit pairs {len(git_pairs)}")
for _, name, version, source, distfile, checksum in crate_lines:
    p = expected.get((name, version, source))
    check(p is not None, f"unexpected crate {name} {version} {source}")
    if p is None: continue
    if source.startswith("git+"):
        check(checksum == "git", f"{name} {version}: {checksum} for a git crate")
    else:
        want = p.get("checksum") or metadata.get(f"checksum {name} {version} ({source})")
        check(checksum == (want if want and want != "<none>" else "unverified"), f"{name} {version}: checksum {checksum} != {want}")
        if source in crates_io:
            check(distfile == f"{name}-{version}.crate", f"{name} {version}: distfile {distfile}")
entries = [l.strip() for l in open(downloads_path) if l.startswith("    ")]
check(len(entries) == registry + len(git_pairs), f"DOWNLOADS entries {len(entries)} != {registry} crates + {len(git_pairs)} git")
names = [e.split(" -> ")[-1].rsplit("/", 1)[-1] for e in entries]
check(names == sorted(names), "DOWNLOADS not sorted by distfile")
check(len(set(names)) == len(names), "duplicate distfile names")
for e in entries:
    if "static.crates.io" in e:
        check(re.fullmatch(r"https://static\.crates\.io/crates/([A-Za-z0-9_-]+)/\1-[0-9A-Za-z.+-]+\.crate", e) is not None, f"bad entry {e}")
# Third opinion: the corpus' own provenance table counts every [[package]]
# ("packages", minus "local=N" path packages) and the git packages.
if os.path.exists(sources_tsv):
    for row in open(sources_tsv):
        cols = row.rstrip("\n").split("\t")
        if cols[0] == os.path.basename(lock_path) and cols[5].isdigit():
            local = re.search(r"local=(\d+)", cols[7])
            total = int(cols[5]) - (int(local.group(1)) if local else 0)
            replaced = sum(1 for p in packages if "replace" in p)
            check(len(expected) + replaced == total, f"SOURCES.tsv counts {total} non-path packages, we {len(expected)}")
            git_crates = sum(1 for l in crate_lines if l[5] == "git")
            check(git_crates == int(cols[6]), f"SOURCES.tsv counts {cols[6]} git packages, we {git_crates}")
if errors:
    print(f"{lock_path}:", *errors[:10], sep="\n  ")
    sys.exit(1)
print(f"ok {len(expected):5d} packages {len(git_pairs):3d} git sources  {lock_path.rsplit('/', 1)[-1]}")
PY
    count=$((count + 1))
done
echo "$count lockfiles converted and checked"
