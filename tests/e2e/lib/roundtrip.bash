# Shared by the tests of tests/e2e/. rt_roundtrip (registry_roundtrip.sh,
# bitflags_real.sh) is the whole way of a crate from a Cargo.lock to a build,
# against real cargo, without crates.io:
#
#   local registry ──cargo generate-lockfile──▶ Cargo.lock
#   Cargo.lock ──cargo-distfiles generate──▶ DOWNLOADS block + manifest
#   block URLs, host swapped for a loopback server laid out as static.crates.io
#       ──curl──▶ distdir (each file under the entry's distfile name)
#   manifest + distdir ──cargo-distfiles unpack──▶ vendor dir + cargo config
#   vendor dir  ==  `cargo vendor --versioned-dirs --respect-source-config` (diff -r, modes)
#   cargo build --offline --frozen with the written config; the program runs.
#
# Source this file, call rt_setup, then rt_roundtrip. Needs: $CDF_BINARY, $CDF_SCRATCH,
# $CDF_SOURCE_DIR; cargo (~/.cargo/bin or PATH; exit 77 without it), python3, curl.

rt_now() { date +%s.%N; }
rt_step_start=""
rt_step() {  # rt_step "what": prints the time the previous step took, names the next
    local now; now=$(rt_now)
    if [[ -n "$rt_step_start" ]]; then
        awk -v a="$rt_step_start" -v b="$now" 'BEGIN { printf "    (%.2f s)\n", b - a }'
    fi
    rt_step_start=$now
    [[ -n "${1:-}" ]] && echo "== $1"
    return 0
}
rt_fail() { echo "FAIL: $*" >&2; exit 1; }
RT_LATER_FAILURES=()
rt_later_fail() { echo "FAIL (test goes on): $*" >&2; RT_LATER_FAILURES+=("$*"); }

# rt_serve DIR STATE: serves DIR on loopback in the background (log and pid
# file in STATE, stopped by rt_cleanup) and sets RT_PORT.
rt_serve() {
    RT_HTTP_PID_FILE=$2/http.pid
    RT_PORT=$("$CDF_SOURCE_DIR/scripts/serve-http" --background --pid-file "$RT_HTTP_PID_FILE" --timeout 900 \
        --log "$2/http.log" "$1")
    [[ "$RT_PORT" =~ ^[0-9]+$ ]] || rt_fail "serve-http printed no port: '$RT_PORT'"
}

# rt_downloads BLOCK: "URL DISTFILE" for each entry of a DOWNLOADS block that
# generate printed (the distfile is the URL's last part unless `-> NAME`).
rt_downloads() {
    local line url dest
    while IFS= read -r line; do
        [[ "$line" == "    "* ]] || continue
        line=${line#    }
        url=${line%% -> *}
        dest=${line##* -> }
        [[ "$line" == *" -> "* ]] || dest=${url##*/}
        printf '%s %s\n' "$url" "$dest"
    done <"$1"
}

# Git as the same on every machine: a fixed author, no system or user
# configuration, branch main, no signing. rt_git_setup exports the first
# two; git_ runs git with the others.
rt_git_setup() {
    export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
    export GIT_CONFIG_NOSYSTEM=1
}
git_() { git -c init.defaultBranch=main -c tag.gpgSign=false -c commit.gpgSign=false "$@"; }

# rt_publish_git REPO WWW NAME: a bare clone of REPO in WWW/git/NAME.git that a
# static HTTP server serves to git (dumb protocol).
rt_publish_git() {
    git_ clone -q --bare "$1" "$2/git/$3.git"
    (cd "$2/git/$3.git" && git update-server-info)
}

# rt_forge_archive BARE NAME COMMIT OUT: the archive a forge serves for a
# commit (git archive, gzip'd, everything under NAME-COMMIT/).
rt_forge_archive() {
    (cd "$1" && git archive --format=tar.gz --prefix="$2-$3/" "$3") >"$4"
}

rt_setup() {
    : "${CDF_BINARY:?CDF_BINARY must name the cargo-distfiles binary}"
    : "${CDF_SCRATCH:?CDF_SCRATCH must name a scratch folder}"
    : "${CDF_SOURCE_DIR:?CDF_SOURCE_DIR must name the source tree}"
    export PATH="$HOME/.cargo/bin:$PATH"
    if ! command -v cargo >/dev/null; then
        echo "SKIP: cargo not found (neither on PATH nor in ~/.cargo/bin)"
        exit 77
    fi
    for tool in python3 curl diff cmp awk; do
        command -v "$tool" >/dev/null || rt_fail "$tool is missing: run scripts/install-test-deps"
    done
    [[ -x "$CDF_BINARY" ]] || rt_fail "CDF_BINARY=$CDF_BINARY is not an executable"
    umask 022  # cargo vendor's file and folder modes follow the umask
    export CARGO_TERM_COLOR=never CARGO_TERM_PROGRESS_WHEN=never
    unset CARGO_TARGET_DIR CARGO_BUILD_TARGET RUSTFLAGS CARGO_ENCODED_RUSTFLAGS
    mkdir -p "$CDF_SCRATCH"
    RT_HTTP_PID_FILE=""
    trap rt_cleanup EXIT
    rt_test_start=$(rt_now)
}

rt_cleanup() {
    if [[ -n "$RT_HTTP_PID_FILE" && -s "$RT_HTTP_PID_FILE" ]]; then
        kill "$(cat "$RT_HTTP_PID_FILE")" 2>/dev/null || true
    fi
}

# rt_expected_block LOCKFILE: the DOWNLOADS block `generate` must print for a lockfile
# holding only crates.io packages (sorted by distfile name, no arrows).
rt_expected_block() {
    python3 - "$1" <<'EOF'
import sys, tomllib
lock = tomllib.load(open(sys.argv[1], "rb"))
crates_io = ("registry+https://github.com/rust-lang/crates.io-index", "sparse+https://index.crates.io/")
entries = sorted((f"{p['name']}-{p['version']}.crate",
                  f"https://static.crates.io/crates/{p['name']}/{p['name']}-{p['version']}.crate")
                 for p in lock["package"] if p.get("source") in crates_io)
print("# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand")
print('DOWNLOADS+="')
for _name, url in entries:
    print(f"    {url}")
print('"')
print("# cargo-distfiles end")
EOF
}

# rt_tree_listing DIR: one line per entry below DIR: type, mode, path (sorted).
rt_tree_listing() {
    (cd "$1" && find . -mindepth 1 -printf '%y %m %P\n' | LC_ALL=C sort -k3)
}

# rt_roundtrip WORK REGISTRY PROGRAM_DIR EXPECTED_OUTPUT
#   WORK        folder to work in (emptied first)
#   REGISTRY    a cargo local-registry (scripts/build-test-registry)
#   PROGRAM_DIR a Rust program (copied; its Cargo.lock is made against REGISTRY)
#   EXPECTED_OUTPUT the exact line the built program must print
# Leaves WORK/prog/Cargo.lock, WORK/reference (cargo vendor), WORK/vendor (ours).
rt_roundtrip() {
    local W=$1 REG=$2 PROGRAM=$3 EXPECTED=$4
    rm -rf "$W"
    mkdir -p "$W/cargo-home" "$W/build-home" "$W/distdir" "$W/www"
    W=$(cd "$W" && pwd)
    cp -r "$PROGRAM" "$W/prog"
    rm -rf "$W/prog/target" "$W/prog/Cargo.lock" "$W/prog/.cargo"
    # A private CARGO_HOME whose config sends crates.io to the local registry.
    cat >"$W/cargo-home/config.toml" <<EOF
[source.crates-io]
replace-with = "local"

[source.local]
local-registry = "$REG"
EOF

    rt_step "cargo generate-lockfile --offline (local registry)"
    (cd "$W/prog" && CARGO_HOME="$W/cargo-home" cargo generate-lockfile --offline --quiet) ||
        rt_fail "cargo could not resolve $PROGRAM against $REG"
    cp "$W/prog/Cargo.lock" "$W/Cargo.lock.orig"
    local npkg
    npkg=$(grep -c '^source = "registry+https://github.com/rust-lang/crates.io-index"$' "$W/prog/Cargo.lock")
    echo "    $npkg crates.io packages in Cargo.lock"

    rt_step "reference: cargo vendor --versioned-dirs --respect-source-config"
    (cd "$W/prog" && CARGO_HOME="$W/cargo-home" cargo vendor --offline --versioned-dirs \
        --respect-source-config "$W/reference" >"$W/reference-config.toml" 2>"$W/reference.log") ||
        { cat "$W/reference.log"; rt_fail "cargo vendor failed"; }

    rt_step "cargo-distfiles generate"
    (cd "$W/prog" && "$CDF_BINARY" generate Cargo.lock --manifest "$W/manifest") >"$W/block" ||
        rt_fail "generate exited with $?"
    rt_expected_block "$W/prog/Cargo.lock" >"$W/block.expected"
    diff -u "$W/block.expected" "$W/block" || rt_fail "generate printed another DOWNLOADS block"
    [[ -s "$W/manifest" ]] || rt_fail "generate wrote no manifest at $W/manifest"

    rt_step "serve the registry's crates as static.crates.io paths on loopback"
    python3 "$CDF_SOURCE_DIR/tests/e2e/lib/static_crates_io.py" "$REG" "$W/www"
    local port
    rt_serve "$W/www" "$W"
    port=$RT_PORT

    rt_step "fetch every DOWNLOADS entry (host rewritten to 127.0.0.1:$port)"
    local url dest n=0
    while read -r url dest; do
        [[ "$url" =~ ^https://static\.crates\.io(/.*)$ ]] || rt_fail "not a static.crates.io URL: $url"
        [[ "$dest" != */* && -n "$dest" && ! -e "$W/distdir/$dest" ]] || rt_fail "bad or repeated distfile name: $dest"
        curl -fsS --max-time 60 -o "$W/distdir/$dest" "http://127.0.0.1:$port${BASH_REMATCH[1]}" ||
            rt_fail "could not fetch $url (as http://127.0.0.1:$port${BASH_REMATCH[1]})"
        n=$((n + 1))
    done < <(rt_downloads "$W/block")
    ((n == npkg)) || rt_fail "fetched $n distfiles, Cargo.lock has $npkg packages"
    echo "    $n distfiles fetched"
    kill "$(cat "$RT_HTTP_PID_FILE")"
    RT_HTTP_PID_FILE=""

    rt_step "cargo-distfiles unpack"
    local config="$W/prog/.cargo/config.toml"
    (cd "$W/prog" && "$CDF_BINARY" unpack --manifest "$W/manifest" --distdir "$W/distdir" \
        --vendor "$W/vendor" --cargo-config "$config" --lock Cargo.lock) ||
        rt_fail "unpack exited with $?"
    cmp -s "$W/Cargo.lock.orig" "$W/prog/Cargo.lock" || rt_fail "unpack changed Cargo.lock"

    rt_step "compare with cargo vendor: diff -r, then types and modes"
    if ! diff -r "$W/reference" "$W/vendor" >"$W/vendor.diff"; then
        echo "--- diff -r reference vendor (first 100 lines):"
        head -n 100 "$W/vendor.diff"
        rt_roundtrip_explain "$W"
        rt_fail "the vendor folder differs from cargo vendor's"
    fi
    rt_tree_listing "$W/reference" >"$W/reference.listing"
    rt_tree_listing "$W/vendor" >"$W/vendor.listing"
    if diff -u "$W/reference.listing" "$W/vendor.listing" >"$W/listing.diff"; then
        echo "    $(wc -l <"$W/vendor.listing") entries identical"
    else
        # Contents match; go on with the build to learn more, fail at the end.
        echo "--- types or modes differ (type mode path; - cargo vendor, + ours):"
        grep '^[-+][dfl]' "$W/listing.diff" | head -n 40
        rt_later_fail "file types or modes differ from cargo vendor's ($(grep -c '^+[dfl]' "$W/listing.diff") entries; see $W/listing.diff)"
    fi

    rt_step "cargo build --offline --frozen with the written config"
    [[ -s "$config" ]] || rt_fail "unpack wrote no cargo config at $config"
    # The config cargo vendor prints, pointed at our folder instead of its own.
    sed "s|^directory = \"$W/reference\"\$|directory = \"$W/vendor\"|" "$W/reference-config.toml" \
        >"$W/config.expected"
    diff -u "$W/config.expected" "$config" ||
        rt_later_fail "the cargo config differs from what cargo vendor prints (- cargo vendor, + ours)"
    (cd "$W/prog" && CARGO_HOME="$W/build-home" cargo build --offline --frozen --quiet) ||
        rt_fail "cargo build with the unpacked vendor folder failed (config: $config)"
    cmp -s "$W/Cargo.lock.orig" "$W/prog/Cargo.lock" || rt_fail "the build changed Cargo.lock"
    local out
    out=$("$W/prog/target/debug/$(rt_bin_name "$W/prog")")
    [[ "$out" == "$EXPECTED" ]] || rt_fail "the program printed '$out', expected '$EXPECTED'"
    echo "    program output: $out"

    rt_step "a distfile changed by one byte must make unpack fail with exit 1"
    cp -r "$W/distdir" "$W/distdir-bad"
    local victim
    victim=$(cd "$W/distdir-bad" && ls | LC_ALL=C sort | head -n 1)
    printf '\0' >>"$W/distdir-bad/$victim"
    local rc=0
    (cd "$W/prog" && "$CDF_BINARY" unpack --manifest "$W/manifest" --distdir "$W/distdir-bad" \
        --vendor "$W/vendor-bad" --cargo-config "$W/config-bad.toml" --lock Cargo.lock) \
        >"$W/unpack-bad.out" 2>&1 || rc=$?
    ((rc == 1)) || { cat "$W/unpack-bad.out"; rt_fail "unpack of a changed $victim exited with $rc, expected 1"; }
    grep -qF "$victim" "$W/unpack-bad.out" || { cat "$W/unpack-bad.out"; rt_fail "the error does not name $victim"; }
    rt_step ""
}

rt_bin_name() {
    python3 -c 'import sys, tomllib; print(tomllib.load(open(sys.argv[1] + "/Cargo.toml", "rb"))["package"]["name"])' "$1"
}

# On a difference: which files, and the first differing byte of each changed file.
rt_roundtrip_explain() {
    local W=$1
    python3 - "$W/reference" "$W/vendor" <<'EOF'
import os, sys
ref, ours = sys.argv[1:]
def files(root):
    out = {}
    for d, _dirs, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            out[os.path.relpath(p, root)] = p
    return out
a, b = files(ref), files(ours)
for k in sorted(set(a) - set(b)):
    print(f"only in cargo vendor's: {k}")
for k in sorted(set(b) - set(a)):
    print(f"only in ours: {k}")
for k in sorted(set(a) & set(b)):
    x, y = open(a[k], "rb").read(), open(b[k], "rb").read()
    if x != y:
        i = next((i for i in range(min(len(x), len(y))) if x[i] != y[i]), min(len(x), len(y)))
        print(f"differs: {k}: sizes {len(x)} (cargo) vs {len(y)} (ours); first difference at byte {i}: "
              f"cargo {x[i:i+40]!r} ours {y[i:i+40]!r}")
EOF
}

rt_done() {
    if ((${#RT_LATER_FAILURES[@]})); then
        printf 'FAIL: %s\n' "${RT_LATER_FAILURES[@]}" >&2
        exit 1
    fi
    awk -v n="$(basename "$0")" -v a="$rt_test_start" -v b="$(rt_now)" \
        'BEGIN { printf "%s: all checks passed in %.1f s\n", n, b - a }'
}
