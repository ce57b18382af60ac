#!/bin/bash
# dev-util/cargo-distfiles built and installed by real paludis (cave) from its
# exheres in fixtures/exherbo, from a release tarball made by `git archive` of
# this checkout's tracked files as they are in the work tree (`git stash
# create`; HEAD when nothing is changed):
#
#   git archive ──▶ cargo-distfiles-0.1.0.tar.gz on the loopback mirror
#   cave perform fetch; cave resolve -x without network, as nobody for the
#       build: cmake.exlib conventions (tests/paludis/lib/cmake.exlib stands in
#       for arbor's cmake.exlib, which is not public here), tests option off
#   the merged binary runs, links every library it uses as NEEDED (no dlopen),
#       and the exlib is installed where a repository can link it from.
# Needs root, git, the build dependencies (scripts/install-deps) and paludis
# (scripts/build-paludis; skipped without it, except in CI).
set -u
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
source "${LIB}/assert.bash"
source "${LIB}/cave.bash"

command -v git >/dev/null || cv_fail "git is missing: run scripts/install-test-deps"
cv_begin
git -C "${CDF_SOURCE_DIR}" rev-parse --verify -q HEAD >/dev/null || cv_skip "${CDF_SOURCE_DIR} is not a git checkout"

step "the release tarball: git archive of the tracked files"
M=${S}/mirror/downloads.example.org/cargo-distfiles
mkdir -p "${M}"
TREE=$(git -C "${CDF_SOURCE_DIR}" stash create) || cv_fail "git stash create failed"
git -C "${CDF_SOURCE_DIR}" archive --format=tar.gz --prefix=cargo-distfiles-0.1.0/ "${TREE:-HEAD}" \
    > "${M}/cargo-distfiles-0.1.0.tar.gz" || cv_fail "git archive failed"
cv_mirror_start "${S}/mirror"

REPO=cargo-distfiles-fixtures
CV_REPO=${CV_DIR}/repo
cp -r "${CDF_SOURCE_DIR}/fixtures/exherbo" "${CV_REPO}"
mkdir -p "${CV_REPO}/exlibs"
cp "${LIB}/cmake.exlib" "${CV_REPO}/exlibs/"
chmod -R a+rX "${CV_REPO}"
cv_repo "${REPO}" "${CV_REPO}"

step "fetch, then build, install and merge without network"
cv_log "${S}/fetch.log" cave perform fetch "=dev-util/cargo-distfiles-0.1.0::${REPO}"
t_eq 0 $? "cave perform fetch"
cv_log "${S}/build.log" cave_offline resolve --execute --preserve-world --no-dependencies-from '*/*' \
    "=dev-util/cargo-distfiles-0.1.0::${REPO}"
status=$?
t_eq 0 "${status}" "cave resolve -x dev-util/cargo-distfiles-0.1.0 (no network)"
(( status == 0 )) || tail -n 60 "${S}/build.log"
t_grep "${S}/build.log" "-DCDF_BUILD_TESTS:BOOL=FALSE" "the tests option is off: no GoogleTest needed"

BIN=${CV_ROOT}/usr/x86_64-pc-linux-gnu/bin/cargo-distfiles
t_ok "the binary is merged" test -x "${BIN}"
t_eq "cargo-distfiles 0.1.0" "$("${BIN}" --version 2>&1)" "it runs"
t_file_eq "${CDF_SOURCE_DIR}/scripts/cargo-distfiles.exlib" "${CV_ROOT}/usr/share/cargo-distfiles/cargo-distfiles.exlib" \
    "the exlib is installed for repositories to link into their exlibs/"
needed=$(readelf -d "${BIN}" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort | tr '\n' ' ')
t_no_grep <(strings "${BIN}") "libbotan" "no Botan SONAME string: Botan is linked, not dlopen'ed"
t_eq "" "$(readelf --dyn-syms -W "${BIN}" | awk '$8 ~ /^dlopen/')" "no dlopen import"
echo "NEEDED: ${needed}"

t_done
