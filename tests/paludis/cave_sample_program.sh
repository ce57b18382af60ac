#!/bin/bash
# The example exheres (fixtures/exherbo/.../sample-program-0.1.0.exheres-0)
# built, installed and merged by real paludis (cave, from scripts/build-paludis)
# with scripts/cargo-distfiles.exlib, on a throwaway root:
#
#   Debian crate sources ──build-test-registry──▶ local registry
#   fixtures/sample-program ──cargo generate-lockfile──▶ upstream tree + Cargo.lock
#   registry crates + upstream tarball ──▶ loopback mirror (static.crates.io,
#       downloads.example.org), reached through CONFDIR/fetchers/dohttps
#   fixtures/exherbo loads in cave as it is in git; `update --check` says its
#       block and manifest are current; `cave perform fetch` fetches every
#       DOWNLOADS entry; `cave resolve -x` runs every later phase in a network
#       namespace with no network at all, as nobody; the merged program runs.
#   A corrupted crate, the revbump reusing the manifest, the bump to 0.2.0 (the
#       copied manifest is stale: the exlib's die message; update fixes it).
# Needs root, cargo, Debian's crate sources (scripts/install-test-deps) and
# paludis (scripts/build-paludis; skipped without it, except in CI).
set -u
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
source "${LIB}/assert.bash"
source "${LIB}/cave.bash"

cv_need_cargo
# Everything but the registry (a cache: build-test-registry reuses unchanged crates).
cv_begin registry
cv_stage_binary "${CDF_BINARY}"
step "the local registry, the upstream release, the loopback mirror"
cv_sample_setup "${S}"
REPO=cargo-distfiles-fixtures
PKG=${CV_PKG}
EX1=${CV_EX1}
MANIFEST1=${PKG}/files/sample-program-0.1.0.cargo-distfiles
NCRATES=$(grep -c '^crate ' "${MANIFEST1}")
BIN=${CV_ROOT}/usr/x86_64-pc-linux-gnu/bin/sample-program

step "the committed block and manifest are current for this Cargo.lock"
"${CDF_BINARY}" update "${EX1}" --lock "${CV_LOCK1}" --check > "${S}/fixture-check.out" 2>&1
status=$?
t_eq 0 "${status}" "update --check: fixtures/exherbo is current"
if (( status != 0 )); then
    sed 's/^/  | /' "${S}/fixture-check.out" | head -n 60
    echo "  To refresh it: see fixtures/exherbo/README.md"
fi

step "the repository loads in cave as it is in git"
cv_log "${S}/show.log" cave show --type package app-misc/sample-program
t_eq 0 $? "cave show app-misc/sample-program"
t_grep "${S}/show.log" "app-misc/sample-program" "cave lists the package"
cv_log "${S}/deps.out" cave print-id-metadata --raw-name DEPENDENCIES "=app-misc/sample-program-0.1.0::${REPO}"
t_grep "${S}/deps.out" "dev-util/cargo-distfiles" "the exlib adds its build dependency"

# resolve_offline LOG SPEC: every phase after fetch, without network.
resolve_offline() {
    local log=${1} spec=${2}
    cv_log "${log}" cave_offline resolve --execute --preserve-world --no-dependencies-from '*/*' "${spec}"
}

step "fetch 0.1.0 (network: the loopback mirror)"
cv_log "${S}/fetch-0.1.0.log" cave perform fetch "=app-misc/sample-program-0.1.0::${REPO}"
t_eq 0 $? "cave perform fetch"
t_eq "$(( NCRATES + 1 ))" "$(grep -c '^fetching https://' "${S}/fetch-0.1.0.log")" \
    "every crate and the source tarball fetched through the fetcher"

step "build and merge 0.1.0 without network"
resolve_offline "${S}/build-0.1.0.log" "=app-misc/sample-program-0.1.0::${REPO}"
status=$?
t_eq 0 "${status}" "cave resolve -x sample-program-0.1.0 (no network)"
(( status == 0 )) || tail -n 60 "${S}/build-0.1.0.log"
LOG=${S}/build-0.1.0.log
WB=${CV_BUILDDIR}/app-misc-sample-program-0.1.0/work
t_grep "${LOG}" "cargo-distfiles unpack --manifest ${MANIFEST1} --distdir ${CV_DISTDIR} --vendor ${WB}/ecargo-vendor --cargo-config ${WB}/.cargo/config.toml --lock ${WB}/sample-program-0.1.0/Cargo.lock" \
    "the exlib's unpack command: ecargo-vendor, the config above WORK, no -j when EXJOBS is empty"
t_grep "${LOG}" "cargo build --offline --frozen --release" "src_compile: cargo build --offline --frozen"
t_ok "the program is merged into the root" test -x "${BIN}"
t_eq "vendored+crates+work 6 3 true" "$("${BIN}" | tail -n 1)" "the installed program runs"

step "a crate changed after fetching"
VICTIM=$(awk '$1 == "crate" { print $5; exit }' "${MANIFEST1}")
cp "${CV_DISTDIR}/${VICTIM}" "${S}/victim.aside"
printf '\0' >> "${CV_DISTDIR}/${VICTIM}"
resolve_offline "${S}/corrupt.log" "=app-misc/sample-program-0.1.0::${REPO}"
t_eq 1 $? "cave fails"
t_eq "cargo-distfiles: a distfile does not match the manifest's checksum (see above): remove it from \${FETCHEDDIR} and fetch it again; if it still differs, the manifest or the mirror is wrong" \
    "$(cv_die_message "${S}/corrupt.log")" "the exlib's message for a corrupted crate" ||
    grep -n -B2 -A8 '^!!! ERROR in ' "${S}/corrupt.log"
t_grep "${S}/corrupt.log" "!!! ERROR in app-misc/sample-program-0.1.0::${REPO}:" "paludis's die report names the package"
t_grep "${S}/corrupt.log" "${VICTIM}" "cargo-distfiles names the distfile"
mv "${S}/victim.aside" "${CV_DISTDIR}/${VICTIM}"

step "a revbump with the same Cargo.lock needs no new file in files/"
cp "${EX1}" "${PKG}/sample-program-0.1.0-r1.exheres-0"
resolve_offline "${S}/build-0.1.0-r1.log" "=app-misc/sample-program-0.1.0-r1::${REPO}"
status=$?
t_eq 0 "${status}" "sample-program-0.1.0-r1 builds from files/sample-program-0.1.0.cargo-distfiles"
(( status == 0 )) || tail -n 40 "${S}/build-0.1.0-r1.log"
t_grep "${S}/build-0.1.0-r1.log" "cargo-distfiles unpack --manifest ${MANIFEST1} " "it uses the PNV manifest"
t_eq "" "$(ls "${PKG}/files" | grep -v '^sample-program-0.1.0.cargo-distfiles$')" "files/ holds the one manifest"

step "beside Exherbo's cargo.exlib: require cargo cargo-distfiles"
# ../shared/third-party/exherbo-cargo.exlib (test input, copied into the
# throwaway repository only): its src_configure appends [term] and [build] to
# ${WORK}/.cargo/config, its src_compile runs `cargo build --release` (no
# --offline), its src_install `cargo install --path=.`, with
# CARGO_HOME=${FETCHEDDIR}/cargo-home shared by every package.
cp "$("${CDF_SOURCE_DIR}/scripts/shared-dir")/third-party/exherbo-cargo.exlib" "${CV_REPO}/exlibs/cargo.exlib" \
    || cv_fail "no ../shared/third-party/exherbo-cargo.exlib"
chmod a+r "${CV_REPO}/exlibs/cargo.exlib"
EXC=${PKG}/sample-program-0.1.0-r2.exheres-0
python3 - "${EX1}" "${EXC}" <<'EOF2' || cv_fail "cannot write ${EXC}"
import re, sys
s = open(sys.argv[1]).read()
s = s.replace("require cargo-distfiles\n", "require cargo cargo-distfiles\n", 1)
# cargo.exlib's phases: drop the exheres' own compile, test and install.
s = s[: s.index("src_compile() {")]
s = s.replace('DEPENDENCIES=""\n', "")
open(sys.argv[2], "w").write(s)
EOF2
grep -q '^require cargo cargo-distfiles$' "${EXC}" || cv_fail "no require line in ${EXC}"
cv_log "${S}/deps-r2.out" cave print-id-metadata --raw-name DEPENDENCIES "=app-misc/sample-program-0.1.0-r2::${REPO}"
t_grep "${S}/deps-r2.out" "dev-lang/rust" "cargo.exlib's dependency is there"
resolve_offline "${S}/build-cargo-exlib.log" "=app-misc/sample-program-0.1.0-r2::${REPO}"
status=$?
t_eq 0 "${status}" "cave builds and installs it without network"
(( status == 0 )) || tail -n 60 "${S}/build-cargo-exlib.log"
t_grep "${S}/build-cargo-exlib.log" "cargo build --release" "cargo.exlib's src_compile ran"
t_grep "${S}/build-cargo-exlib.log" "cargo install --path=." "cargo.exlib's src_install ran"
t_eq "vendored+crates+work 6 3 true" "$("${BIN}" | tail -n 1)" "the program cargo.exlib installed runs"
t_eq "" "$(find "${CV_DISTDIR}" -name 'config*' -path '*cargo-home*')" \
    "no package state in the shared CARGO_HOME (${CV_DISTDIR}/cargo-home)"

step "an exheres patching a vendored crate by path, as written for Exherbo's cargo.exlib"
# Such exheres patch \${WORKBASE}/ecargo-vendor/NAME-VERSION/... in src_prepare
# and empty the crate's "files" checksums by sed. The patch appends a
# compile_error!: cargo reporting it proves that cargo compiled the patched
# file from the vendor folder (and accepted the edited .cargo-checksum.json).
EXP=${PKG}/sample-program-0.1.0-r3.exheres-0
python3 - "${EX1}" "${EXP}" <<'EOF2' || cv_fail "cannot write ${EXP}"
import sys
s = open(sys.argv[1]).read()
s = s.replace("src_compile() {", """src_prepare() {
    local crate=( "${WORKBASE}"/ecargo-vendor/itertools-* )
    echo 'compile_error!("patched in src_prepare");' >> "${crate}"/src/lib.rs
    edo sed -i -e 's/"files":{[^}]*}/"files":{}/' "${crate}"/.cargo-checksum.json
    default
}

src_compile() {""", 1)
open(sys.argv[2], "w").write(s)
EOF2
resolve_offline "${S}/patched.log" "=app-misc/sample-program-0.1.0-r3::${REPO}"
t_eq 1 $? "the build fails (the patch is a compile_error!)"
t_grep "${S}/patched.log" 'error: patched in src_prepare' "cargo compiled the patched vendored itertools"
t_no_grep "${S}/patched.log" "listed checksum" "cargo accepted the emptied checksums"
rm -f "${EXP}"

# ---------------------------------------------------------------- the bump

step "upstream 0.2.0 adds heck"
cp -r "${S}/upstream/sample-program-0.1.0" "${S}/upstream/sample-program-0.2.0"
U2=${S}/upstream/sample-program-0.2.0
rm -rf "${U2}/target"
sed -i 's/^version = "0.1.0"$/version = "0.2.0"/; s/^\[dependencies\]$/[dependencies]\nheck = "0.4"/' "${U2}/Cargo.toml"
python3 - "${U2}/src/main.rs" <<'EOF' || cv_fail "cannot change the sample's main.rs"
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
cv_upstream_tree 0.2.0
LOCK2=${U2}/Cargo.lock
HECK=$(grep -A1 '^name = "heck"$' "${LOCK2}" | sed -n 's/^version = "\(.*\)"$/\1/p')
[[ -n ${HECK} ]] || cv_fail "heck is not in ${LOCK2}"

step "the packager copies 0.1.0 to 0.2.0, manifest included: it is stale"
EX2=${PKG}/sample-program-0.2.0.exheres-0
MANIFEST2=${PKG}/files/sample-program-0.2.0.cargo-distfiles
cp "${EX1}" "${EX2}"
cp "${MANIFEST1}" "${MANIFEST2}"
cv_log "${S}/fetch-stale.log" cave perform fetch "=app-misc/sample-program-0.2.0::${REPO}"
t_eq 0 $? "fetch 0.2.0 (the old block: only the new tarball is missing)"
resolve_offline "${S}/stale-0.2.0.log" "=app-misc/sample-program-0.2.0::${REPO}"
t_eq 1 $? "0.2.0 with the 0.1.0 manifest fails"
WB2=${CV_BUILDDIR}/app-misc-sample-program-0.2.0/work
t_eq "cargo-distfiles: the manifest is stale: ${WB2}/sample-program-0.2.0/Cargo.lock needs packages that ${MANIFEST2} lacks (listed above). Regenerate the manifest and the DOWNLOADS block from this version's Cargo.lock with: cargo-distfiles update sample-program-0.2.0.exheres-0 --lock sample-program-0.2.0/Cargo.lock, then fetch again" \
    "$(cv_die_message "${S}/stale-0.2.0.log")" "the stale manifest's die message"
t_grep "${S}/stale-0.2.0.log" "  heck ${HECK} (registry+https://github.com/rust-lang/crates.io-index)" \
    "cargo-distfiles names the crate the manifest lacks"
t_no_grep "${S}/stale-0.2.0.log" "cargo build" "nothing compiled from a stale manifest"

step "update --check shows the difference; update fixes it"
"${CDF_BINARY}" update "${EX2}" --lock "${LOCK2}" --check > "${S}/check-0.2.0.out" 2>&1
t_eq 1 $? "update --check fails on the stale exheres"
t_grep "${S}/check-0.2.0.out" "+    https://static.crates.io/crates/heck/heck-${HECK}.crate" "the diff adds the heck crate"
"${CDF_BINARY}" update "${EX2}" --lock "${LOCK2}" > "${S}/update-0.2.0.out" 2>&1
t_eq 0 $? "update"
t_eq ">     https://static.crates.io/crates/heck/heck-${HECK}.crate" \
    "$(diff "${EX1}" "${EX2}" | grep '^[<>]')" "the exheres changed by exactly the heck line"

step "fetch and build 0.2.0"
cv_log "${S}/fetch-0.2.0.log" cave perform fetch "=app-misc/sample-program-0.2.0::${REPO}"
t_eq 0 $? "fetch 0.2.0"
t_eq "fetching https://static.crates.io/crates/heck/heck-${HECK}.crate from the loopback mirror" \
    "$(grep '^fetching ' "${S}/fetch-0.2.0.log")" "only the new crate is fetched"
resolve_offline "${S}/build-0.2.0.log" "=app-misc/sample-program-0.2.0::${REPO}"
status=$?
t_eq 0 "${status}" "sample-program-0.2.0 builds (no network)"
(( status == 0 )) || tail -n 60 "${S}/build-0.2.0.log"
t_eq "vendored+crates+work 6 3 true vendored-crates-work" "$("${BIN}" | tail -n 1)" "the bumped program runs"

t_done
