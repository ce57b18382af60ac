#!/bin/bash
# One git repository locked at one commit under several refs: the same crate
# twice in Cargo.lock, as `?tag=v0.3.1`, `?branch=main` and
# `?rev=release-0.3.1` (a second tag at that commit), which cargo builds.
# `generate` accepts it, the archive is fetched once, `unpack` vendors the
# crate once and points every one of those sources at it, and
# `cargo build --offline --frozen` builds the program.
# Exit 77 (skip) only without cargo or git.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/roundtrip.bash"
rt_setup
command -v git >/dev/null || { echo "SKIP: git not found"; exit 77; }

S=$CDF_SCRATCH/two-refs
rm -rf "$S"
mkdir -p "$S/src" "$S/www/git" "$S/www/archives" "$S/cargo-home" "$S/build-home" "$S/distdir"
S=$(cd "$S" && pwd)
rt_git_setup

rt_step "one repository, one commit, three refs"
T=$S/src/twin
mkdir -p "$T/src"
printf '[package]\nname = "twin"\nversion = "0.3.1"\nedition = "2021"\n' >"$T/Cargo.toml"
echo 'pub fn twin() -> u32 { 21 }' >"$T/src/lib.rs"
(cd "$T" && git_ init -q && git_ add -A && git_ commit -qm twin && git_ tag v0.3.1 && git_ tag release-0.3.1)
COMMIT=$(cd "$T" && git rev-parse HEAD)
rt_publish_git "$T" "$S/www" twin
rt_serve "$S/www" "$S"
HOSTPORT=127.0.0.1:$RT_PORT
URL=http://$HOSTPORT/git/twin.git

P=$S/app
mkdir -p "$P/src"
cat >"$P/Cargo.toml" <<EOT
[package]
name = "app"
version = "0.1.0"
edition = "2021"

[dependencies]
by_tag = { package = "twin", git = "$URL", tag = "v0.3.1" }
by_branch = { package = "twin", git = "$URL", branch = "main" }
by_rev = { package = "twin", git = "$URL", rev = "release-0.3.1" }
EOT
echo 'fn main() { println!("{}", by_tag::twin() + by_branch::twin() + by_rev::twin()); }' >"$P/src/main.rs"
printf '[net]\ngit-fetch-with-cli = true\n' >"$S/cargo-home/config.toml"
(cd "$P" && CARGO_HOME="$S/cargo-home" cargo generate-lockfile --quiet) || rt_fail "cargo could not lock the program"
[[ $(grep -c "^source = \"git+$URL?.*#$COMMIT\"" "$P/Cargo.lock") == 3 ]] ||
    { cat "$P/Cargo.lock"; rt_fail "expected twin three times at $COMMIT"; }
cp "$P/Cargo.lock" "$S/Cargo.lock.orig"
# (`cargo vendor` itself refuses this: "found duplicate version of package
# `twin v0.3.1` vendored from two sources".)

rt_step "generate: one archive"
(cd "$P" && "$CDF_BINARY" generate Cargo.lock --manifest "$S/manifest" \
    --git-archive "$HOSTPORT=http://{host}/archives/{name}-{commit}.tar.gz") >"$S/block" 2>"$S/generate.err" ||
    { rc=$?; cat "$S/generate.err"; rt_fail "generate exited with $rc"; }
[[ ! -s "$S/generate.err" ]] || { cat "$S/generate.err"; rt_fail "generate wrote to stderr"; }
[[ $(grep -c '^crate twin 0.3.1 ' "$S/manifest") == 3 ]] || { cat "$S/manifest"; rt_fail "expected 3 crate lines"; }
n=0
while read -r url dest; do
    rt_forge_archive "$S/www/git/twin.git" twin "$COMMIT" "$S/www/archives/twin-$COMMIT.tar.gz"
    curl -fsS --max-time 60 -o "$S/distdir/$dest" "$url" || rt_fail "could not fetch $url"
    n=$((n + 1))
done < <(rt_downloads "$S/block")
((n == 1)) || { cat "$S/block"; rt_fail "fetched $n archives, expected 1"; }
"$CDF_BINARY" pin --manifest "$S/manifest" --distdir "$S/distdir" >/dev/null || rt_fail "pin failed"

rt_step "unpack: the crate once, every source pointed at it"
CONFIG=$P/.cargo/config.toml
(cd "$P" && "$CDF_BINARY" unpack --manifest "$S/manifest" --distdir "$S/distdir" --vendor "$S/vendor" \
    --cargo-config "$CONFIG" --lock Cargo.lock) 2>"$S/unpack.err" ||
    { rc=$?; cat "$S/unpack.err"; rt_fail "unpack exited with $rc"; }
[[ "$(ls -A "$S/vendor")" == "twin-0.3.1" ]] || { ls -A "$S/vendor"; rt_fail "expected one vendor folder"; }
python3 - "$CONFIG" "$URL" <<'PY' || rt_fail "the cargo config does not replace every source"
import sys, tomllib
sources = tomllib.load(open(sys.argv[1], "rb"))["source"]
url = sys.argv[2]
for ref, key in (("tag=v0.3.1", "tag"), ("branch=main", "branch"), ("rev=release-0.3.1", "rev")):
    table = sources.get(f"git+{url}?{ref}")
    want = {"git": url, key: ref.split("=", 1)[1], "replace-with": "vendored-sources"}
    if table != want:
        print(f"git+{url}?{ref}: {table} (expected {want})")
        sys.exit(1)
PY

rt_step "cargo build --offline --frozen"
kill "$(cat "$RT_HTTP_PID_FILE")"
RT_HTTP_PID_FILE=""
(cd "$P" && CARGO_HOME="$S/build-home" cargo build --offline --frozen --quiet) ||
    rt_fail "cargo build with our vendor directory failed"
out=$("$P/target/debug/app")
[[ "$out" == 63 ]] || rt_fail "the program printed '$out'"
echo "    program output: $out"
cmp -s "$S/Cargo.lock.orig" "$P/Cargo.lock" || rt_fail "the build changed Cargo.lock"
rt_step
rt_done
