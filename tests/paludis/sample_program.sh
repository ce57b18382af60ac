#!/bin/bash
# The example exheres (fixtures/exherbo/.../sample-program-0.1.0.exheres-0) built
# the way paludis builds it, with scripts/cargo-distfiles.exlib, by the phase
# runner of tests/paludis/lib/: real bash sourcing of the exheres and the exlib,
# every phase after fetch without network and as nobody.
#
#   Debian crate sources ──build-test-registry──▶ local registry
#   fixtures/sample-program ──cargo generate-lockfile──▶ upstream tree + Cargo.lock
#   upstream tarball + registry crates ──▶ loopback mirror (laid out by URL host)
#   fixture exheres: `update --check` against that Cargo.lock (the committed block
#       and manifest are current), DOWNLOADS fetched from the mirror, then
#       src_unpack (the exlib), src_compile (cargo build --offline --frozen),
#       src_install; the installed program runs and prints its line.
#   The exlib's deaths: missing manifest, bad parameters, missing Cargo.lock.
#   The bump: 0.2.0 adds a dependency; the 0.1.0 manifest copied along is stale and
#       src_unpack dies saying so; `update --check` fails with a diff; `update`
#       fixes block and manifest; the build passes and prints the new line.
# Needs cargo, Debian's crate sources (scripts/install-test-deps), curl, python3.
set -u
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
source "${LIB}/assert.bash"
source "${LIB}/phase-runner.bash"

: "${CDF_BINARY:?CDF_BINARY must name the cargo-distfiles binary}"
: "${CDF_SCRATCH:?CDF_SCRATCH must name a scratch folder}"
SRC=${PR_SOURCE_DIR}
export PATH="${HOME}/.cargo/bin:${PATH}"
command -v cargo >/dev/null || pr_skip "cargo not found (neither on PATH nor in ~/.cargo/bin)"
for tool in curl python3 tar; do
    command -v "${tool}" >/dev/null || pr_fail "${tool} is missing: run scripts/install-test-deps"
done
DEBIAN_CRATES=/usr/share/cargo/registry
if [[ ! -d ${DEBIAN_CRATES} ]] || (( $(ls "${DEBIAN_CRATES}" | wc -l) < 20 )); then
    pr_fail "Debian crate sources missing under ${DEBIAN_CRATES}: run scripts/install-test-deps"
fi
[[ -x ${CDF_BINARY} ]] || pr_fail "CDF_BINARY=${CDF_BINARY} is not an executable"
umask 022
export CARGO_TERM_COLOR=never CARGO_TERM_PROGRESS_WHEN=never
unset CARGO_TARGET_DIR CARGO_BUILD_TARGET RUSTFLAGS CARGO_ENCODED_RUSTFLAGS

S=${CDF_SCRATCH}
mkdir -p "${S}"
S=$(cd "${S}" && pwd)
# Everything but the registry (a cache: build-test-registry reuses unchanged crates).
find "${S}" -mindepth 1 -maxdepth 1 ! -name registry -exec rm -rf {} +

step() { echo "== $*"; }

trap pr_cleanup EXIT
pr_init "${S}/pr"
pr_require_toolchain

# The exlib runs `cargo-distfiles`: the binary under test, by that name.
PR_BINDIR=$(dirname "$(pr_stage "${CDF_BINARY}" bin/cargo-distfiles)")
# The exlib as installed: a master repository's exlibs, searched before the fixture's.
PR_EXTRA_EXLIBSDIRS=$(dirname "$(pr_stage "${SRC}/scripts/cargo-distfiles.exlib" exlibs/cargo-distfiles.exlib)")

step "local registry from ${DEBIAN_CRATES}"
"${SRC}/scripts/build-test-registry" --quiet "${S}/registry" || pr_fail "build-test-registry failed"
mkdir -p "${S}/cargo-home"
cat > "${S}/cargo-home/config.toml" <<EOF
[source.crates-io]
replace-with = "local"

[source.local]
local-registry = "${S}/registry"
EOF

# upstream_tree VERSION: ${S}/upstream/sample-program-VERSION with a Cargo.lock
# resolved against the local registry (what the program's release would ship).
upstream_tree() {
    local dir=${S}/upstream/sample-program-${1}
    ( cd "${dir}" && CARGO_HOME=${S}/cargo-home cargo generate-lockfile --offline --quiet ) \
        || pr_fail "cargo generate-lockfile failed for ${dir}"
    tar -C "${S}/upstream" --owner=0 --group=0 --numeric-owner -czf \
        "${S}/mirror/downloads.example.org/cargo-distfiles/sample-program-${1}.tar.gz" "sample-program-${1}"
}

step "upstream 0.1.0 and the loopback mirror"
mkdir -p "${S}/upstream" "${S}/mirror/downloads.example.org/cargo-distfiles"
cp -r "${SRC}/fixtures/sample-program" "${S}/upstream/sample-program-0.1.0"
rm -rf "${S}/upstream/sample-program-0.1.0/"{target,Cargo.lock,.cargo}
upstream_tree 0.1.0
python3 "${SRC}/tests/e2e/lib/static_crates_io.py" "${S}/registry" "${S}/mirror/static.crates.io"
pr_mirror_start "${S}/mirror"

cp -r "${SRC}/fixtures/exherbo" "${PR_ROOT}/repo"
chmod -R a+rX "${PR_ROOT}/repo"
PKG=${PR_ROOT}/repo/packages/app-misc/sample-program
EX1=${PKG}/sample-program-0.1.0.exheres-0
LOCK1=${S}/upstream/sample-program-0.1.0/Cargo.lock

step "the committed block and manifest are current for this Cargo.lock"
"${CDF_BINARY}" update "${EX1}" --lock "${LOCK1}" --check > "${S}/fixture-check.out" 2>&1
status=$?
t_eq 0 "${status}" "update --check: fixtures/exherbo is current"
if (( status != 0 )); then
    sed 's/^/  | /' "${S}/fixture-check.out" | head -n 60
    echo "  To refresh it: cargo-distfiles update fixtures/exherbo/packages/app-misc/sample-program/sample-program-0.1.0.exheres-0 --lock ${LOCK1}"
    echo "  (a Cargo.lock made as above: fixtures/sample-program against scripts/build-test-registry's registry)"
fi

# ---------------------------------------------------------------- the exlib's deaths

step "fetch 0.1.0"
pr_metadata "${EX1}"
t_eq "( build: dev-util/cargo-distfiles )" "${PR_META[DEPENDENCIES]}" "the exlib adds its build dependency"
t_eq "cargo-distfiles" "${PR_META[INHERITED]}" "INHERITED"
pr_parse_downloads "${PR_META[DOWNLOADS]}"
pr_fetch > "${S}/fetch-0.1.0.log" || pr_fail "fetching 0.1.0 failed"
NCRATES=$(grep -c '^crate ' "${PKG}/files/sample-program-0.1.0.cargo-distfiles")
t_eq "$(( NCRATES + 1 ))" "$(grep -c '^fetched ' "${S}/fetch-0.1.0.log")" "every crate and the source tarball fetched"

die_message() {  # the message line of a die report on stdin
    awk '/^!!! In /{ getline; print; exit }'
}
# variant NAME REQUIRE_LINE [MORE]: an -rN copy of 0.1.0 requiring the exlib with
# other parameters (and MORE bash at its end), its manifest copied along under its
# own PNVR.
variant() {
    local file=${PKG}/sample-program-0.1.0-${1}.exheres-0
    sed "s|^require cargo-distfiles\$|${2}|" "${EX1}" > "${file}"
    grep -qxF "${2}" "${file}" || pr_fail "no require line to replace in ${EX1}"
    [[ -z ${3-} ]] || printf '\n%s\n' "${3}" >> "${file}"
    cp "${PKG}/files/sample-program-0.1.0.cargo-distfiles" "${PKG}/files/sample-program-0.1.0-${1}.cargo-distfiles"
    echo "${file}"
}

step "the exlib's deaths"
mv "${PKG}/files/sample-program-0.1.0.cargo-distfiles" "${S}/manifest.aside"
t_eq "!!! cargo-distfiles: no manifest at ${PKG}/files/sample-program-0.1.0.cargo-distfiles. Make it (and the DOWNLOADS block) from the program's Cargo.lock with: cargo-distfiles update sample-program-0.1.0.exheres-0 --lock /path/to/sample-program-0.1.0/Cargo.lock (or name another file: require cargo-distfiles [ manifest=... ])" \
    "$(pr_phases "${EX1}" init unpack 2>&1 | die_message)" "missing manifest"
mv "${S}/manifest.aside" "${PKG}/files/sample-program-0.1.0.cargo-distfiles"

t_eq "!!! cargo-distfiles: checksums=bogus is neither full nor package-only" \
    "$(pr_phases "$(variant r1 'require cargo-distfiles [ checksums=bogus ]')" init unpack 2>&1 | die_message)" \
    "checksums=bogus"
t_eq "!!! cargo-distfiles: vendor=../escape must be a folder name relative to \${WORKBASE}" \
    "$(pr_phases "$(variant r2 'require cargo-distfiles [ vendor=../escape ]')" init unpack 2>&1 | die_message)" \
    "vendor outside WORKBASE"
t_eq "!!! cargo-distfiles: cargo_config=home needs CARGO_HOME set (Exherbo's cargo.exlib sets it)" \
    "$(pr_phases "$(variant r3 'require cargo-distfiles [ cargo_config=home ]')" init unpack 2>&1 | die_message)" \
    "cargo_config=home without CARGO_HOME"
t_eq "!!! cargo-distfiles: no ${PR_TMPDIR}/app-misc-sample-program-0.1.0-r4/work/sample-program-0.1.0/sub/Cargo.lock: the sources ship no Cargo.lock there. Point the exlib at the right one (require cargo-distfiles [ lock=sub/dir/Cargo.lock ]) or ship one in files/ (lock=\${FILES}/\${PNV}.Cargo.lock)" \
    "$(pr_phases "$(variant r4 'require cargo-distfiles [ lock=sub/Cargo.lock ]')" init unpack 2>&1 | die_message)" \
    "lock= naming a missing file"

step "checksums=package-only, vendor=, manifest= (unpack only)"
cp "${PKG}/files/sample-program-0.1.0.cargo-distfiles" "${PR_ROOT}/elsewhere.cargo-distfiles"
V5=$(variant r5 "require cargo-distfiles [ checksums=package-only vendor=crates manifest=${PR_ROOT}/elsewhere.cargo-distfiles ]")
rm "${PKG}/files/sample-program-0.1.0-r5.cargo-distfiles"
pr_phases "${V5}" init unpack > "${S}/r5.log" 2>&1
t_eq 0 $? "unpack with package-only checksums, another vendor folder and manifest"
W5=${PR_TMPDIR}/app-misc-sample-program-0.1.0-r5/work
t_eq "${NCRATES}" "$(ls "${W5}/crates" | wc -l)" "one vendored folder a crate, in WORKBASE/crates"
t_eq "${NCRATES}" "$(for f in "${W5}"/crates/*/.cargo-checksum.json; do
        grep -c '^{"files":{},"package":"[0-9a-f]\{64\}"}$' "${f}"; done | grep -c '^1$')" \
    "package-only: every .cargo-checksum.json lists no files"

step "where the cargo config goes"
V6=$(variant r6 'require cargo-distfiles' 'src_unpack() {
    unpack ${PNV}.tar.gz
    edo mkdir "${WORK}"/.cargo
    echo "[term]" > "${WORK}"/.cargo/config.toml
    cargo-distfiles_unpack
}')
pr_phases "${V6}" init unpack > "${S}/r6.log" 2>&1
t_eq 0 $? "an exheres with its own src_unpack calls cargo-distfiles_unpack"
W6=${PR_TMPDIR}/app-misc-sample-program-0.1.0-r6/work
t_eq "[term]" "$(cat "${W6}/sample-program-0.1.0/.cargo/config.toml")" "the sources' own .cargo/config.toml is left alone"
t_grep "${W6}/.cargo/config.toml" "directory = \"${W6}/cargo-vendor\"" "ours goes to WORKBASE/.cargo/config.toml"
t_grep "${S}/r6.log" " * The sources ship their own .cargo/config; cargo-distfiles writes ${W6}/.cargo/config.toml, which cargo reads too" \
    "and the exlib says so"
V7=$(variant r7 'require cargo-distfiles [ cargo_config=home ]' 'export CARGO_HOME=${WORKBASE}/cargo-home')
pr_phases "${V7}" init unpack > "${S}/r7.log" 2>&1
t_eq 0 $? "cargo_config=home"
W7=${PR_TMPDIR}/app-misc-sample-program-0.1.0-r7/work
t_grep "${W7}/cargo-home/config.toml" "directory = \"${W7}/cargo-vendor\"" "cargo_config=home writes CARGO_HOME/config.toml"
t_ok "cargo_config=home leaves WORK/.cargo alone" test ! -e "${W7}/sample-program-0.1.0/.cargo"

step "a distfile changed after fetching"
VICTIM=$(awk '$1 == "crate" { print $5; exit }' "${PKG}/files/sample-program-0.1.0.cargo-distfiles")
cp "${PR_FETCHEDDIR}/${VICTIM}" "${S}/victim.aside"
printf '\0' >> "${PR_FETCHEDDIR}/${VICTIM}"
t_eq "!!! cargo-distfiles: a distfile does not match the manifest's checksum (see above): remove it from \${FETCHEDDIR} and fetch it again; if it still differs, the manifest or the mirror is wrong" \
    "$(pr_phases "${EX1}" init unpack 2>&1 | die_message)" "a corrupted crate"
mv "${S}/victim.aside" "${PR_FETCHEDDIR}/${VICTIM}"
t_grep "${S}/r5.log" "--manifest ${PR_ROOT}/elsewhere.cargo-distfiles" "manifest= is the one unpacked"

# ---------------------------------------------------------------- build 0.1.0

step "build 0.1.0 (fetch, unpack, prepare, configure, compile, install)"
pr_build "${EX1}" > "${S}/build-0.1.0.log" 2>&1
status=$?
t_eq 0 "${status}" "sample-program-0.1.0 builds"
(( status == 0 )) || tail -n 60 "${S}/build-0.1.0.log"
LOG=${S}/build-0.1.0.log
W1=${PR_WORKBASE}/sample-program-0.1.0
t_grep "${LOG}" "sandbox: user nobody:" "phases ran as nobody"
t_grep "${LOG}" ", network: lo only, mirror 127.0.0.1:${PR_MIRROR_PORT} unreachable" "phases ran without network"
t_grep "${LOG}" ">>> Unpacking sample-program-0.1.0.tar.gz to ${PR_WORKBASE}" "the default unpack of the source tarball"
t_eq 0 "$(grep -c '^>>> Unpacking .*\.crate to' "${LOG}")" "crates are not given to the default unpack"
t_grep "${LOG}" "cargo-distfiles unpack --manifest ${PKG}/files/sample-program-0.1.0.cargo-distfiles --distdir ${PR_FETCHEDDIR} --vendor ${PR_WORKBASE}/cargo-vendor --cargo-config ${W1}/.cargo/config.toml --lock ${W1}/Cargo.lock -j ${PR_EXJOBS}" \
    "the exlib's unpack command"
t_grep "${LOG}" "cargo build --offline --frozen --release" "src_compile: cargo build --offline --frozen"
t_eq "${NCRATES}" "$(ls "${PR_WORKBASE}/cargo-vendor" | wc -l)" "one vendored folder a crate"
t_grep "${W1}/.cargo/config.toml" "directory = \"${PR_WORKBASE}/cargo-vendor\"" "the cargo config points at the vendor folder"
t_file_eq "${LOCK1}" "${W1}/Cargo.lock" "Cargo.lock untouched by unpack and build"
BIN=${PR_IMAGE}/usr/x86_64-pc-linux-gnu/bin/sample-program
t_ok "src_install put the program in the image" test -x "${BIN}"
t_eq "vendored+crates+work 6 3 true" "$(pr_sandboxed -- "${BIN}" | tail -n 1)" "the installed program runs"

# ---------------------------------------------------------------- the bump

step "upstream 0.2.0 adds heck"
cp -r "${S}/upstream/sample-program-0.1.0" "${S}/upstream/sample-program-0.2.0"
U2=${S}/upstream/sample-program-0.2.0
rm -rf "${U2}/target"
sed -i 's/^version = "0.1.0"$/version = "0.2.0"/; s/^\[dependencies\]$/[dependencies]\nheck = "0.4"/' "${U2}/Cargo.toml"
python3 - "${U2}/src/main.rs" <<'EOF' || pr_fail "cannot change the sample's main.rs"
import sys
p = sys.argv[1]
s = open(p).read()
old = 'println!("{} {} {} {}", words, doc["crates"], checks.bits(), checks.contains(Checks::VERIFIED));'
new = ('println!("{} {} {} {} {}", words, doc["crates"], checks.bits(), checks.contains(Checks::VERIFIED), '
       'heck::ToKebabCase::to_kebab_case("Vendored Crates Work"));')
if s.count(old) != 1:
    sys.exit("the println! line of fixtures/sample-program changed: update this test")
open(p, "w").write(s.replace(old, new))
EOF
upstream_tree 0.2.0
LOCK2=${U2}/Cargo.lock
HECK=$(grep -A1 '^name = "heck"$' "${LOCK2}" | sed -n 's/^version = "\(.*\)"$/\1/p')
[[ -n ${HECK} ]] || pr_fail "heck is not in ${LOCK2}"

step "the packager copies 0.1.0 to 0.2.0, manifest included: it is stale"
EX2=${PKG}/sample-program-0.2.0.exheres-0
cp "${EX1}" "${EX2}"
cp "${PKG}/files/sample-program-0.1.0.cargo-distfiles" "${PKG}/files/sample-program-0.2.0.cargo-distfiles"
pr_build "${EX2}" > "${S}/stale-0.2.0.log" 2>&1
t_eq 1 $? "0.2.0 with the 0.1.0 manifest fails"
t_eq "!!! cargo-distfiles: the manifest is stale: ${PR_TMPDIR}/app-misc-sample-program-0.2.0/work/sample-program-0.2.0/Cargo.lock needs packages that ${PKG}/files/sample-program-0.2.0.cargo-distfiles lacks (listed above). Regenerate the manifest and the DOWNLOADS block from this version's Cargo.lock with: cargo-distfiles update sample-program-0.2.0.exheres-0 --lock sample-program-0.2.0/Cargo.lock, then fetch again" \
    "$(die_message < "${S}/stale-0.2.0.log")" "the stale manifest's die message"
t_grep "${S}/stale-0.2.0.log" "  heck ${HECK} (registry+https://github.com/rust-lang/crates.io-index)" \
    "cargo-distfiles names the crate the manifest lacks"
t_no_grep "${S}/stale-0.2.0.log" "=== Starting src_compile" "nothing compiled from a stale manifest"

step "update --check shows the difference; update fixes it"
"${CDF_BINARY}" update "${EX2}" --lock "${LOCK2}" --check > "${S}/check-0.2.0.out" 2>&1
t_eq 1 $? "update --check fails on the stale exheres"
t_grep "${S}/check-0.2.0.out" "+    https://static.crates.io/crates/heck/heck-${HECK}.crate" "the diff adds the heck crate"
"${CDF_BINARY}" update "${EX2}" --lock "${LOCK2}" > "${S}/update-0.2.0.out" 2>&1
t_eq 0 $? "update"
"${CDF_BINARY}" update "${EX2}" --lock "${LOCK2}" --check > /dev/null 2>&1
t_eq 0 $? "update --check passes after update"
t_eq ">     https://static.crates.io/crates/heck/heck-${HECK}.crate" \
    "$(diff "${EX1}" "${EX2}" | grep '^[<>]')" \
    "the exheres changed by exactly the heck line"
t_grep "${PKG}/files/sample-program-0.2.0.cargo-distfiles" "crate heck ${HECK} registry+https://github.com/rust-lang/crates.io-index heck-${HECK}.crate " \
    "the manifest gained heck"

step "build 0.2.0"
pr_build "${EX2}" > "${S}/build-0.2.0.log" 2>&1
status=$?
t_eq 0 "${status}" "sample-program-0.2.0 builds"
(( status == 0 )) || tail -n 60 "${S}/build-0.2.0.log"
t_grep "${S}/build-0.2.0.log" "fetched heck-${HECK}.crate <- https://static.crates.io/crates/heck/heck-${HECK}.crate" \
    "only the new crate is fetched"
t_eq 1 "$(grep -c '^fetched .*\.crate' "${S}/build-0.2.0.log")" "no other crate fetched again"
t_eq "vendored+crates+work 6 3 true vendored-crates-work" \
    "$(pr_sandboxed -- "${PR_IMAGE}/usr/x86_64-pc-linux-gnu/bin/sample-program" | tail -n 1)" \
    "the bumped program runs"

t_done
