#!/bin/bash
# End to end for git dependencies, against real git and real cargo, without
# crates.io:
#
#   two real repositories, served as bare repositories over loopback HTTP:
#     ws    a workspace: alpha, beta, crates/gamma inherit version, edition,
#           licence, dependencies (with extra features, optional, default
#           features), lints and a readme from the root; beta depends on gamma
#           by path; alpha has a symlinked LICENSE; tag v0.3.1, and a branch
#           `stable` where the workspace is at 0.4.0 and has a member delta
#     solo  one crate, no workspace, used by rev
#   a program depending on them by tag, branch and rev ──cargo──▶ Cargo.lock
#   reference: cargo vendor --versioned-dirs, and its cargo metadata
#   cargo-distfiles generate --git-archive 127.0.0.1:PORT=http://{host}/archives/{name}-{commit}.tar.gz
#   archives made with `git archive --format=tar.gz --prefix=NAME-COMMIT/ COMMIT`,
#   served at those URLs, fetched with curl under the block's distfile names
#   cargo-distfiles pin, then unpack (with the pins verified)
#   cargo build --offline --frozen from our vendor dir; the program runs;
#   cargo metadata reports the same packages, versions, dependencies and
#   features as with cargo vendor's output; the cargo config's git tables are
#   the ones cargo vendor prints.
# Then the errors, each with its exit status and exact message: a crate not in
# the archive, another commit's archive, pinned bytes that changed, and a key
# a member inherits that the workspace root lacks.
# Exit 77 (skip) only without cargo or git.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/roundtrip.bash"
rt_setup
command -v git >/dev/null || { echo "SKIP: git not found"; exit 77; }
for tool in sha256sum stat; do command -v "$tool" >/dev/null || rt_fail "$tool is missing"; done

S=$CDF_SCRATCH/git
rm -rf "$S"
mkdir -p "$S/src" "$S/www/git" "$S/www/archives" "$S/cargo-home" "$S/build-home" "$S/distdir"
S=$(cd "$S" && pwd)
rt_git_setup
export HOME_ORIG=$HOME

rt_step "make the repositories"
W=$S/src/ws
mkdir -p "$W/alpha/src" "$W/beta/src" "$W/crates/gamma/src" "$W/delta/src"
cat >"$W/Cargo.toml" <<'EOF'
[workspace]
members = ["alpha", "beta", "crates/gamma"]
resolver = "2"

[workspace.package]
version = "0.3.1"
edition = "2021"
license = "MIT OR Apache-2.0"
readme = "README.md"
authors = ["Test <t@example.org>"]

[workspace.dependencies]
beta = { path = "beta", version = "0.3.1", features = ["fast"] }
gamma = { path = "crates/gamma", version = "0.3.1", default-features = false }

[workspace.lints.rust]
unsafe_code = "forbid"

[workspace.lints.clippy]
pedantic = { level = "warn", priority = -1 }
EOF
echo "# ws" >"$W/README.md"
echo "MIT licence" >"$W/LICENSE"
cat >"$W/alpha/Cargo.toml" <<'EOF'
[package]
name = "alpha"
version.workspace = true
edition.workspace = true
license.workspace = true
readme.workspace = true
authors.workspace = true

[dependencies]
beta = { workspace = true, features = ["extra"] }
gamma = { workspace = true, optional = true, features = ["g1"] }

[target.'cfg(unix)'.dependencies]
gamma = { workspace = true, features = ["g2"] }

[dev-dependencies]
gamma.workspace = true

[features]
default = ["gamma"]

[lints]
workspace = true
EOF
cat >"$W/alpha/src/lib.rs" <<'EOF'
pub fn alpha() -> u32 {
    beta::beta() + gamma::gamma()
}
EOF
ln -s ../LICENSE "$W/alpha/LICENSE"
cat >"$W/beta/Cargo.toml" <<'EOF'
[package]
name = "beta"
version.workspace = true
edition.workspace = true
license.workspace = true

[dependencies]
gamma = { path = "../crates/gamma" }

[features]
fast = []
extra = []

[lints]
workspace = true
EOF
cat >"$W/beta/src/lib.rs" <<'EOF'
pub fn beta() -> u32 {
    if cfg!(all(feature = "fast", feature = "extra")) { 40 } else { 0 }
}
EOF
cat >"$W/crates/gamma/Cargo.toml" <<'EOF'
[package]
name = "gamma"
version.workspace = true
edition.workspace = true
license-file = "../../LICENSE"

[features]
default = []
g1 = []
g2 = []
EOF
cat >"$W/crates/gamma/src/lib.rs" <<'EOF'
pub fn gamma() -> u32 {
    (cfg!(feature = "g1") as u32) + (cfg!(feature = "g2") as u32)
}
EOF
(cd "$W" && git_ init -q && git_ add -A && git_ commit -qm "workspace 0.3.1" && git_ tag v0.3.1)
# The branch `stable`: version 0.4.0 and a new member delta.
cat >"$W/delta/Cargo.toml" <<'EOF'
[package]
name = "delta"
version.workspace = true
edition.workspace = true
license.workspace = true

[dependencies]
gamma = { workspace = true, features = ["g1"] }
EOF
echo 'pub fn delta() -> u32 { gamma::gamma() * 100 }' >"$W/delta/src/lib.rs"
sed -i 's/^members = .*/members = ["alpha", "beta", "crates\/gamma", "delta"]/; s/^version = "0.3.1"/version = "0.4.0"/; s/version = "0.3.1", features/version = "0.4.0", features/; s/version = "0.3.1", default/version = "0.4.0", default/' "$W/Cargo.toml"
(cd "$W" && git_ checkout -q -b stable && git_ add -A && git_ commit -qm "0.4.0 with delta" && git_ checkout -q main)
WS_TAG=$(cd "$W" && git rev-parse v0.3.1^{commit})
WS_STABLE=$(cd "$W" && git rev-parse stable)

O=$S/src/solo
mkdir -p "$O/src"
printf '[package]\nname = "solo"\nversion = "0.2.0"\nedition = "2021"\n' >"$O/Cargo.toml"
echo 'pub fn solo() -> u32 { 2 }' >"$O/src/lib.rs"
(cd "$O" && git_ init -q && git_ add -A && git_ commit -qm solo)
SOLO=$(cd "$O" && git rev-parse HEAD)
echo "    ws: tag v0.3.1 = $WS_TAG, branch stable = $WS_STABLE; solo: $SOLO"

for repo in ws solo; do rt_publish_git "$S/src/$repo" "$S/www" "$repo"; done
rt_serve "$S/www" "$S"
PORT=$RT_PORT
HOSTPORT=127.0.0.1:$PORT
BASE=http://$HOSTPORT/git

rt_step "the program, locked by cargo against the served repositories"
P=$S/app
mkdir -p "$P/src"
cat >"$P/Cargo.toml" <<EOF
[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
alpha = { git = "$BASE/ws.git", tag = "v0.3.1" }
delta = { git = "$BASE/ws.git", branch = "stable" }
solo = { git = "$BASE/solo.git", rev = "${SOLO:0:10}" }
EOF
cat >"$P/src/main.rs" <<'EOF'
fn main() {
    println!("alpha {} delta {} solo {}", alpha::alpha(), delta::delta(), solo::solo());
}
EOF
printf '[net]\ngit-fetch-with-cli = true\n' >"$S/cargo-home/config.toml"
(cd "$P" && CARGO_HOME="$S/cargo-home" cargo generate-lockfile --quiet) || rt_fail "cargo could not lock the program"
cp "$P/Cargo.lock" "$S/Cargo.lock.orig"
grep -c '^source = "git+' "$P/Cargo.lock" | grep -qx 6 || { cat "$P/Cargo.lock"; rt_fail "expected 6 git packages"; }
cp -r "$P" "$S/app-ref"
cp -r "$P" "$S/app-ours"

rt_step "reference: cargo vendor --versioned-dirs"
(cd "$S/app-ref" && CARGO_HOME="$S/cargo-home" cargo vendor --versioned-dirs "$S/reference" \
    >"$S/reference-config.toml" 2>"$S/reference.log") || { cat "$S/reference.log"; rt_fail "cargo vendor failed"; }
mkdir -p "$S/app-ref/.cargo"
cp "$S/reference-config.toml" "$S/app-ref/.cargo/config.toml"

rt_step "cargo-distfiles generate --git-archive"
TEMPLATE="http://{host}/archives/{name}-{commit}.tar.gz"
(cd "$P" && "$CDF_BINARY" generate Cargo.lock --manifest "$S/manifest" --git-archive "$HOSTPORT=$TEMPLATE") \
    >"$S/block" || rt_fail "generate exited with $?"
grep -c "^crate " "$S/manifest" | grep -qx 6 || { cat "$S/manifest"; rt_fail "expected 6 crate lines"; }
grep -c '^git ' "$S/manifest" | grep -qx 3 || { cat "$S/manifest"; rt_fail "expected 3 git lines (ws twice, solo)"; }

rt_step "make the archives as a forge does, serve and fetch them"
n=0
while read -r url dest; do
    [[ "$url" =~ ^http://$HOSTPORT/archives/(ws|solo)-([0-9a-f]{40})\.tar\.gz$ ]] || rt_fail "unexpected URL $url"
    repo=${BASH_REMATCH[1]} commit=${BASH_REMATCH[2]}
    rt_forge_archive "$S/www/git/$repo.git" "$repo" "$commit" "$S/www/archives/$repo-$commit.tar.gz"
    curl -fsS --max-time 60 -o "$S/distdir/$dest" "$url" || rt_fail "could not fetch $url"
    n=$((n + 1))
done < <(rt_downloads "$S/block")
((n == 3)) || { cat "$S/block"; rt_fail "fetched $n archives, expected 3"; }
cp "$S/manifest" "$S/manifest.unpinned"

rt_step "cargo-distfiles pin"
"$CDF_BINARY" pin --manifest "$S/manifest" --distdir "$S/distdir" >"$S/pin.out" 2>"$S/pin.err" ||
    { rc=$?; cat "$S/pin.err"; rt_fail "pin exited with $rc"; }
while read -r kind distfile url ref commit sha size; do
    [[ "$kind" == git ]] || continue
    [[ "$sha" == "$(sha256sum "$S/distdir/$distfile" | cut -d' ' -f1)" ]] || rt_fail "pin recorded $sha for $distfile"
    [[ "$size" == "$(stat -c %s "$S/distdir/$distfile")" ]] || rt_fail "pin recorded size $size for $distfile"
    grep -qx "pinned $distfile $sha $size" "$S/pin.out" || { cat "$S/pin.out"; rt_fail "pin did not report $distfile"; }
done <"$S/manifest"
"$CDF_BINARY" pin --manifest "$S/manifest" --distdir "$S/distdir" >"$S/pin2.out" 2>&1 || rt_fail "a second pin failed"
[[ $(grep -c '^unchanged ' "$S/pin2.out") == 3 ]] || { cat "$S/pin2.out"; rt_fail "a second pin changed something"; }

rt_step "cargo-distfiles unpack"
CONFIG=$S/app-ours/.cargo/config.toml
(cd "$S/app-ours" && "$CDF_BINARY" unpack --manifest "$S/manifest" --distdir "$S/distdir" \
    --vendor "$S/vendor" --cargo-config "$CONFIG" --lock Cargo.lock) 2>"$S/unpack.err" ||
    { rc=$?; cat "$S/unpack.err"; rt_fail "unpack exited with $rc"; }
if grep -q warning "$S/unpack.err"; then cat "$S/unpack.err"; rt_later_fail "unpack warned"; fi
ls "$S/vendor" >"$S/vendor.ls"
printf '%s\n' alpha-0.3.1 beta-0.3.1 delta-0.4.0 gamma-0.3.1 gamma-0.4.0 solo-0.2.0 |
    diff -u - "$S/vendor.ls" || rt_fail "unexpected vendor folders"
grep -q '"package":null}$' "$S/vendor/alpha-0.3.1/.cargo-checksum.json" || rt_fail "alpha's checksum file"
cmp -s "$S/vendor/alpha-0.3.1/LICENSE" "$W/LICENSE" || rt_fail "alpha's LICENSE is not the linked file"
if grep -v '^#' "$S/vendor/alpha-0.3.1/Cargo.toml" | grep -qE '(^|[ .{])workspace *='; then
    cat "$S/vendor/alpha-0.3.1/Cargo.toml"
    rt_fail "alpha's Cargo.toml still inherits from a workspace"
fi
# Every file listed, with the hash of the file as written.
python3 - "$S/vendor" <<'EOF' || rt_fail "a .cargo-checksum.json does not list the files as written"
import hashlib, json, os, sys
root = sys.argv[1]
for crate in sorted(os.listdir(root)):
    d = os.path.join(root, crate)
    listed = json.load(open(os.path.join(d, ".cargo-checksum.json")))["files"]
    found = {}
    for dirpath, _dirs, names in os.walk(d):
        for n in names:
            p = os.path.join(dirpath, n)
            rel = os.path.relpath(p, d)
            if rel != ".cargo-checksum.json":
                found[rel] = hashlib.sha256(open(p, "rb").read()).hexdigest()
    if listed != found:
        print(f"{crate}: listed {sorted(listed)} vs on disk {sorted(found)}")
        sys.exit(1)
EOF

rt_step "same files, types and modes as cargo vendor; all but Cargo.toml byte for byte"
diff -rq "$S/reference" "$S/vendor" | grep -vE '/(Cargo\.toml|\.cargo-checksum\.json) differ$' >"$S/vendor.diff" || true
if [[ -s "$S/vendor.diff" ]]; then cat "$S/vendor.diff"; rt_fail "the vendor folder differs from cargo vendor's"; fi
rt_tree_listing "$S/reference" >"$S/reference.listing"
rt_tree_listing "$S/vendor" >"$S/vendor.listing"
diff -u "$S/reference.listing" "$S/vendor.listing" || rt_fail "file types or modes differ from cargo vendor's"
echo "    $(wc -l <"$S/vendor.listing") entries, same files as cargo vendor"

rt_step "the cargo config's source tables are cargo vendor's"
python3 - "$S/reference-config.toml" "$CONFIG" <<'EOF' || rt_later_fail "the cargo config differs from cargo vendor's"
import sys, tomllib
ref, ours = (tomllib.load(open(p, "rb"))["source"] for p in sys.argv[1:])
for d in (ref, ours):
    d.pop("vendored-sources")
if ref != ours:
    print("cargo vendor:", ref)
    print("ours:        ", ours)
    sys.exit(1)
EOF

rt_step "cargo build --offline --frozen with our vendor directory"
kill "$(cat "$RT_HTTP_PID_FILE")"
RT_HTTP_PID_FILE=""
(cd "$S/app-ours" && CARGO_HOME="$S/build-home" cargo build --offline --frozen --quiet) ||
    rt_fail "cargo build with our vendor directory failed"
out=$("$S/app-ours/target/debug/app")
# alpha: beta with fast and extra 40, gamma 0.3.1 with g1 and g2 (unix) 2;
# delta: gamma 0.4.0 with g1 alone, 100; solo 2.
[[ "$out" == "alpha 42 delta 100 solo 2" ]] || rt_fail "the program printed '$out'"
echo "    program output: $out"
cmp -s "$S/Cargo.lock.orig" "$S/app-ours/Cargo.lock" || rt_fail "the build changed Cargo.lock"

rt_step "cargo metadata: same packages, versions, dependencies and features as with cargo vendor"
metadata() {
    (cd "$1" && CARGO_HOME="$S/build-home" cargo metadata --offline --frozen --format-version 1) |
        python3 -c '
import json, sys
m = json.load(sys.stdin)
out = []
for p in sorted(m["packages"], key=lambda p: p["id"]):
    deps = sorted((d["name"], d["req"], d["kind"] or "", d["rename"] or "", d["optional"],
                   d["uses_default_features"], tuple(d["features"]), d["target"] or "", d["source"] or "")
                  for d in p["dependencies"])
    out.append({"id": p["id"], "name": p["name"], "version": p["version"], "source": p["source"],
                "features": p["features"], "dependencies": deps, "edition": p["edition"],
                "license": p["license"], "authors": p["authors"]})
nodes = sorted((n["id"], sorted(d["pkg"] for d in n["deps"]), sorted(n["features"]))
               for n in m["resolve"]["nodes"])
print(json.dumps({"packages": out, "resolve": nodes}, indent=1, sort_keys=True).replace(sys.argv[1], "APP"))
' "$1"
}
metadata "$S/app-ref" >"$S/metadata.ref" || rt_fail "cargo metadata with cargo vendor's output failed"
metadata "$S/app-ours" >"$S/metadata.ours" || rt_fail "cargo metadata with our vendor directory failed"
if ! diff -u "$S/metadata.ref" "$S/metadata.ours" >"$S/metadata.diff"; then
    head -n 80 "$S/metadata.diff"
    rt_fail "cargo metadata differs (- cargo vendor, + ours)"
fi
echo "    $(grep -c '"id"' "$S/metadata.ours") package entries identical"

# expect_failure STATUS NAME MANIFEST DISTDIR EXPECTED-LINE: unpack must exit
# with STATUS and print exactly EXPECTED-LINE as its error.
expect_failure() {
    local status=$1 name=$2 manifest=$3 distdir=$4 expected=$5 rc=0
    "$CDF_BINARY" unpack --manifest "$manifest" --distdir "$distdir" --vendor "$S/vendor-$name" \
        >"$S/$name.out" 2>"$S/$name.err" || rc=$?
    ((rc == status)) || { cat "$S/$name.err"; rt_fail "$name: unpack exited with $rc, expected $status"; }
    grep -qxF -- "$expected" "$S/$name.err" ||
        { echo "expected: $expected"; echo "got:"; cat "$S/$name.err"; rt_fail "$name: not the expected message"; }
    if [[ -d "$S/vendor-$name" ]] && ls "$S/vendor-$name" | grep -q "^alpha"; then
        rt_fail "$name: alpha was installed although its archive was refused"
    fi
    echo "    $name: exit $rc, $expected" | cut -c1-160
}
WS_DIST=$(awk -v c="$WS_TAG" '$1 == "git" && $5 == c { print $2 }' "$S/manifest")
[[ -n "$WS_DIST" ]] || rt_fail "no git line for commit $WS_TAG"

rt_step "error: a crate the archive does not hold"
sed "s/^crate alpha 0.3.1 /crate alpha 0.3.9 /" "$S/manifest" >"$S/manifest.missing"
expect_failure 2 missing "$S/manifest.missing" "$S/distdir" \
    "cargo-distfiles: error: $S/distdir/$WS_DIST: crate \"alpha\" 0.3.9 is not in this archive; it holds alpha 0.3.1 (ws-$WS_TAG/alpha/), beta 0.3.1 (ws-$WS_TAG/beta/), gamma 0.3.1 (ws-$WS_TAG/crates/gamma/)"

rt_step "error: the archive of another commit"
cp -r "$S/distdir" "$S/distdir-other"
(cd "$S/www/git/ws.git" && git archive --format=tar.gz --prefix="ws-$WS_TAG/" "$WS_STABLE") \
    >"$S/distdir-other/$WS_DIST"
expect_failure 1 other-commit "$S/manifest.unpinned" "$S/distdir-other" \
    "cargo-distfiles: error: $S/distdir-other/$WS_DIST: the archive was made from commit $WS_STABLE, but the manifest pins commit $WS_TAG: the server sent another commit's archive, or the distfile is stale"

rt_step "error: pinned bytes that changed (same commit, archived again with other compression)"
cp -r "$S/distdir" "$S/distdir-repacked"
(cd "$S/www/git/ws.git" && git archive --format=tar --prefix="ws-$WS_TAG/" "$WS_TAG") | gzip -1 -n \
    >"$S/distdir-repacked/$WS_DIST"
pinned_size=$(awk -v d="$WS_DIST" '$1 == "git" && $2 == d { print $7 }' "$S/manifest")
pinned_sha=$(awk -v d="$WS_DIST" '$1 == "git" && $2 == d { print $6 }' "$S/manifest")
new_size=$(stat -c %s "$S/distdir-repacked/$WS_DIST")
new_sha=$(sha256sum "$S/distdir-repacked/$WS_DIST" | cut -d' ' -f1)
if [[ "$new_size" != "$pinned_size" ]]; then
    expected="has $new_size bytes, but \`cargo-distfiles pin\` recorded $pinned_size"
else
    expected="has SHA-256 $new_sha, but \`cargo-distfiles pin\` recorded $pinned_sha"
fi
expect_failure 1 repacked "$S/manifest" "$S/distdir-repacked" \
    "cargo-distfiles: error: $S/distdir-repacked/$WS_DIST: $expected for this git archive: the forge made a new archive of commit $WS_TAG, or the download is broken"
# The unpinned manifest takes the same archive: the commit is right.
"$CDF_BINARY" unpack --manifest "$S/manifest.unpinned" --distdir "$S/distdir-repacked" \
    --vendor "$S/vendor-repacked-unpinned" >/dev/null 2>&1 || rt_fail "the unpinned manifest refused a good archive"

rt_step "error: a key a member inherits that the workspace root lacks"
cp -r "$S/distdir" "$S/distdir-broken"
python3 - "$S/distdir/$WS_DIST" "$S/distdir-broken/$WS_DIST" "ws-$WS_TAG" "$WS_TAG" <<'EOF'
# The same archive with `license` taken out of [workspace.package], the pax
# global header still naming the commit (as a forge's archive of such a
# commit would).
import io, sys, tarfile
src, dst, top, commit = sys.argv[1:]
with tarfile.open(src, "r:gz") as t, tarfile.open(dst, "w:gz", format=tarfile.PAX_FORMAT,
                                                  pax_headers={"comment": commit}) as out:
    for m in t.getmembers():
        data = t.extractfile(m).read() if m.isfile() else None
        if m.name == f"{top}/Cargo.toml":
            data = data.replace(b'license = "MIT OR Apache-2.0"\n', b"")
            m.size = len(data)
        out.addfile(m, io.BytesIO(data) if data is not None else None)
EOF
expect_failure 2 no-licence "$S/manifest.unpinned" "$S/distdir-broken" \
    "cargo-distfiles: error: $S/distdir-broken/$WS_DIST: ws-$WS_TAG/alpha/Cargo.toml: crate \"alpha\" inherits \`license\` from its workspace, but the workspace root $S/distdir-broken/$WS_DIST: ws-$WS_TAG/Cargo.toml has no \`workspace.package.license\`"

rt_step ""
rt_done
