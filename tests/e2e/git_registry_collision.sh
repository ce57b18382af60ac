#!/bin/bash
# End to end, against real git and real cargo, without crates.io: one name and
# version from a registry AND from git (issue 4).
#
#   a cargo local-registry made here with one hand-made crate: xdup 1.0.0
#       (who() = "registry")
#   a git repository "dup", served as a bare repository over loopback HTTP:
#       a workspace with another xdup 1.0.0 (who() = "git") and wrap 0.1.0,
#       which depends on that xdup by path
#   a program depending on xdup 1.0.0 from the registry and on wrap from git
#       ──cargo──▶ Cargo.lock with two xdup 1.0.0 (two sources)
#   cargo-distfiles generate --git-archive, archive made with `git archive`,
#   served and fetched with curl; the .crate copied from the registry; pin
#   cargo-distfiles unpack --lock: the registry's xdup in VENDOR/xdup-1.0.0,
#   the git source's crates in VENDOR/.git-<commit12>/, the cargo config
#   (exact text) replacing that git source with its own directory source
#   cargo build --offline --frozen; the program prints both who()s
#   again after a second unpack (a re-run), and with --dir-names cargo.
# Exit 77 (skip) only without cargo or git.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/roundtrip.bash"
rt_setup
command -v git >/dev/null || { echo "SKIP: git not found"; exit 77; }
command -v sha256sum >/dev/null || rt_fail "sha256sum is missing"

S=$CDF_SCRATCH/git-registry-collision
rm -rf "$S"
mkdir -p "$S/src" "$S/www/git" "$S/www/archives" "$S/registry/index" "$S/cargo-home" "$S/build-home" "$S/distdir"
S=$(cd "$S" && pwd)
rt_git_setup

rt_step "a local registry with one hand-made crate: xdup 1.0.0"
python3 - "$S/registry" <<'EOF'
import hashlib, io, json, os, sys, tarfile
reg = sys.argv[1]
files = {
    "xdup-1.0.0/Cargo.toml": b'[package]\nname = "xdup"\nversion = "1.0.0"\nedition = "2021"\nlicense = "MIT"\n',
    "xdup-1.0.0/src/lib.rs": b'pub fn who() -> &\'static str {\n    "registry"\n}\n',
}
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w:gz", format=tarfile.USTAR_FORMAT) as t:
    for name, data in files.items():
        info = tarfile.TarInfo(name)
        info.size, info.mode, info.mtime = len(data), 0o644, 1500000000
        t.addfile(info, io.BytesIO(data))
crate = buf.getvalue()
open(os.path.join(reg, "xdup-1.0.0.crate"), "wb").write(crate)
os.makedirs(os.path.join(reg, "index", "xd", "up"))
entry = {"name": "xdup", "vers": "1.0.0", "deps": [], "cksum": hashlib.sha256(crate).hexdigest(),
         "features": {}, "yanked": False}
open(os.path.join(reg, "index", "xd", "up", "xdup"), "w").write(json.dumps(entry) + "\n")
EOF

rt_step "the git repository: another xdup 1.0.0 and wrap 0.1.0"
R=$S/src/dup
mkdir -p "$R/xdup/src" "$R/wrap/src"
cat >"$R/Cargo.toml" <<'EOF'
[workspace]
members = ["xdup", "wrap"]
resolver = "2"

[workspace.package]
version = "1.0.0"
edition = "2021"
license = "MIT"
EOF
cat >"$R/xdup/Cargo.toml" <<'EOF'
[package]
name = "xdup"
version.workspace = true
edition.workspace = true
license.workspace = true
EOF
printf 'pub fn who() -> &%sstatic str {\n    "git"\n}\n' "'" >"$R/xdup/src/lib.rs"
cat >"$R/wrap/Cargo.toml" <<'EOF'
[package]
name = "wrap"
version = "0.1.0"
edition.workspace = true
license.workspace = true

[dependencies]
xdup = { path = "../xdup", version = "1.0.0" }
EOF
echo 'pub fn who() -> &'"'"'static str { xdup::who() }' >"$R/wrap/src/lib.rs"
(cd "$R" && git_ init -q && git_ add -A && git_ commit -qm "dup 1.0.0")
COMMIT=$(cd "$R" && git rev-parse HEAD)
DOT=.git-${COMMIT:0:12}
echo "    dup: main = $COMMIT (dot folder $DOT)"
rt_publish_git "$R" "$S/www" dup
rt_serve "$S/www" "$S"
PORT=$RT_PORT
HOSTPORT=127.0.0.1:$PORT
BASE=http://$HOSTPORT/git

rt_step "the program, locked by cargo: xdup 1.0.0 from the registry and from git"
P=$S/app
mkdir -p "$P/src"
cat >"$P/Cargo.toml" <<EOF
[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
xdup = "1.0.0"
wrap = { git = "$BASE/dup.git", branch = "main" }
EOF
cat >"$P/src/main.rs" <<'EOF'
fn main() {
    println!("registry xdup: {}, git xdup through wrap: {}", xdup::who(), wrap::who());
}
EOF
cat >"$S/cargo-home/config.toml" <<EOF
[net]
git-fetch-with-cli = true

[source.crates-io]
replace-with = "local"

[source.local]
local-registry = "$S/registry"
EOF
(cd "$P" && CARGO_HOME="$S/cargo-home" cargo generate-lockfile --quiet) || rt_fail "cargo could not lock the program"
cp "$P/Cargo.lock" "$S/Cargo.lock.orig"
[[ $(grep -c '^name = "xdup"$' "$P/Cargo.lock") == 2 ]] || { cat "$P/Cargo.lock"; rt_fail "expected two xdup packages"; }
grep -qx 'source = "registry+https://github.com/rust-lang/crates.io-index"' "$P/Cargo.lock" ||
    { cat "$P/Cargo.lock"; rt_fail "no crates.io package in Cargo.lock"; }
cp -r "$P" "$S/app-cargo-names"

rt_step "cargo-distfiles generate --git-archive, fetch, pin"
TEMPLATE="http://{host}/archives/{name}-{commit}.tar.gz"
(cd "$P" && "$CDF_BINARY" generate Cargo.lock --manifest "$S/manifest" --git-archive "$HOSTPORT=$TEMPLATE") \
    >"$S/block" || rt_fail "generate exited with $?"
grep -c "^crate " "$S/manifest" | grep -qx 3 || { cat "$S/manifest"; rt_fail "expected 3 crate lines"; }
n=0
while read -r url dest; do
    if [[ "$url" =~ ^http://$HOSTPORT/archives/dup-([0-9a-f]{40})\.tar\.gz$ ]]; then
        c=${BASH_REMATCH[1]}
        rt_forge_archive "$S/www/git/dup.git" dup "$c" "$S/www/archives/dup-$c.tar.gz"
        curl -fsS --max-time 60 -o "$S/distdir/$dest" "$url" || rt_fail "could not fetch $url"
    elif [[ "$url" == https://static.crates.io/crates/xdup/xdup-1.0.0.crate ]]; then
        cp "$S/registry/xdup-1.0.0.crate" "$S/distdir/$dest"
    else
        rt_fail "unexpected URL $url"
    fi
    n=$((n + 1))
done < <(rt_downloads "$S/block")
((n == 2)) || { cat "$S/block"; rt_fail "fetched $n distfiles, expected 2"; }
"$CDF_BINARY" pin --manifest "$S/manifest" --distdir "$S/distdir" >"$S/pin.out" 2>"$S/pin.err" ||
    { rc=$?; cat "$S/pin.err"; rt_fail "pin exited with $rc"; }
kill "$(cat "$RT_HTTP_PID_FILE")"
RT_HTTP_PID_FILE=""

# unpack_into APP VENDOR [OPTIONS...]: unpack with --lock and the app's cargo config.
unpack_into() {
    local app=$1 vendor=$2 rc=0
    shift 2
    (cd "$app" && "$CDF_BINARY" unpack --manifest "$S/manifest" --distdir "$S/distdir" --vendor "$vendor" \
        --cargo-config "$app/.cargo/config.toml" --lock Cargo.lock "$@") 2>"$S/unpack.err" || rc=$?
    ((rc == 0)) || { cat "$S/unpack.err"; rt_fail "unpack exited with $rc"; }
    if grep -q warning "$S/unpack.err"; then cat "$S/unpack.err"; rt_later_fail "unpack warned"; fi
}
# layout VENDOR: every folder and file, sorted, dot folders included.
layout() { (cd "$1" && find . -mindepth 1 \( -type d -printf '%P/\n' -o -printf '%P\n' \) | LC_ALL=C sort); }
# build APP EXPECTED-OUTPUT
build() {
    (cd "$1" && CARGO_HOME="$S/build-home" cargo build --offline --frozen --quiet) ||
        rt_fail "cargo build --offline --frozen in $1 failed (config: $1/.cargo/config.toml)"
    local out
    out=$("$1/target/debug/app")
    [[ "$out" == "registry xdup: registry, git xdup through wrap: git" ]] || rt_fail "the program printed '$out'"
    echo "    program output: $out"
    cmp -s "$S/Cargo.lock.orig" "$1/Cargo.lock" || rt_fail "the build changed Cargo.lock"
}

rt_step "cargo-distfiles unpack --lock: the git source's crates in $DOT"
unpack_into "$P" "$S/vendor"
cat >"$S/layout.expected" <<EOF
$DOT/
$DOT/wrap-0.1.0/
$DOT/wrap-0.1.0/.cargo-checksum.json
$DOT/wrap-0.1.0/Cargo.toml
$DOT/wrap-0.1.0/src/
$DOT/wrap-0.1.0/src/lib.rs
$DOT/xdup-1.0.0/
$DOT/xdup-1.0.0/.cargo-checksum.json
$DOT/xdup-1.0.0/Cargo.toml
$DOT/xdup-1.0.0/src/
$DOT/xdup-1.0.0/src/lib.rs
xdup-1.0.0/
xdup-1.0.0/.cargo-checksum.json
xdup-1.0.0/Cargo.toml
xdup-1.0.0/src/
xdup-1.0.0/src/lib.rs
EOF
layout "$S/vendor" | diff -u "$S/layout.expected" - || rt_fail "unexpected vendor layout"
grep -q '"registry"' "$S/vendor/xdup-1.0.0/src/lib.rs" || rt_fail "vendor/xdup-1.0.0 is not the registry's"
grep -q '"git"' "$S/vendor/$DOT/xdup-1.0.0/src/lib.rs" || rt_fail "vendor/$DOT/xdup-1.0.0 is not git's"
cat >"$S/config.expected" <<EOF
[source.crates-io]
replace-with = "vendored-sources"

[source."git+$BASE/dup.git?branch=main"]
git = "$BASE/dup.git"
branch = "main"
replace-with = "vendored-git-${COMMIT:0:12}"

[source.vendored-git-${COMMIT:0:12}]
directory = "$S/vendor/$DOT"

[source.vendored-sources]
directory = "$S/vendor"
EOF
diff -u "$S/config.expected" "$P/.cargo/config.toml" || rt_fail "unexpected cargo config"

rt_step "cargo build --offline --frozen with our vendor directory"
build "$P"

rt_step "a re-run: the registry crate is complete, the git crates are redone, the dot folder stays"
echo "// stale" >>"$S/vendor/$DOT/xdup-1.0.0/src/lib.rs"
mkdir "$S/vendor/.cdf-tmp-leftover-abc123"
unpack_into "$P" "$S/vendor" -v
grep -qx "xdup 1.0.0 is already complete in xdup-1.0.0" "$S/unpack.err" || { cat "$S/unpack.err"; rt_fail "re-run: -v lines"; }
grep -qx "unpacked 2 crates into $S/vendor (1 already complete)" "$S/unpack.err" || { cat "$S/unpack.err"; rt_fail "re-run: summary"; }
layout "$S/vendor" | diff -u "$S/layout.expected" - || rt_fail "unexpected vendor layout after a re-run"
grep -q stale "$S/vendor/$DOT/xdup-1.0.0/src/lib.rs" && rt_fail "the re-run kept a changed git crate"
diff -u "$S/config.expected" "$P/.cargo/config.toml" || rt_fail "unexpected cargo config after a re-run"
rm -rf "$P/target"
build "$P"

rt_step "--dir-names cargo: bare names, inside the dot folder too"
unpack_into "$S/app-cargo-names" "$S/vendor-cargo" --dir-names cargo
sed -e 's/wrap-0\.1\.0/wrap/; s/xdup-1\.0\.0/xdup/' "$S/layout.expected" >"$S/layout-cargo.expected"
layout "$S/vendor-cargo" | diff -u "$S/layout-cargo.expected" - || rt_fail "unexpected vendor layout (cargo names)"
build "$S/app-cargo-names"

rt_step ""
rt_done
