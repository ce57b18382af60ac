#!/bin/bash
# A program with a git dependency, built and merged by real paludis (cave):
#
#   a git repository `gitdep` (one crate), which the Cargo.lock records as
#       https://github.com/cdf-test/gitdep at a pinned commit (cargo fetched it
#       through git's url.insteadOf from a local folder: nothing leaves the machine)
#   app-misc/git-program-0.1.0: `cargo-distfiles update` writes its DOWNLOADS
#       block, where the git dependency is a forge-shaped URL with an arrow:
#       https://github.com/cdf-test/gitdep/archive/COMMIT.tar.gz -> github.com+cdf-test+gitdep-COMMIT.tar.gz
#   the loopback mirror serves that URL with the archive GitHub would serve
#       (git archive, everything under gitdep-COMMIT/); cave fetches it under
#       the arrow's name, then builds, installs and merges without network.
# Needs root, cargo, git and paludis (scripts/build-paludis; skipped without
# it, except in CI).
set -u
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
source "${LIB}/assert.bash"
source "${LIB}/cave.bash"

cv_need_cargo
command -v git >/dev/null || cv_fail "git is missing: run scripts/install-test-deps"
cv_begin
cv_stage_binary "${CDF_BINARY}"

step "the git repository and the program's Cargo.lock"
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
export GIT_AUTHOR_DATE='2026-01-01T00:00:00Z' GIT_COMMITTER_DATE='2026-01-01T00:00:00Z'
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=${S}/gitconfig
git config --global init.defaultBranch main
git config --global commit.gpgSign false
git config --global "url.file://${S}/git/.insteadOf" "https://github.com/cdf-test/"
G=${S}/git/gitdep
mkdir -p "${G}/src"
cat > "${G}/Cargo.toml" <<'EOF'
[package]
name = "gitdep"
version = "0.3.1"
edition = "2021"
license = "MIT"
EOF
echo 'pub fn greeting() -> &'"'"'static str { "built from a git archive" }' > "${G}/src/lib.rs"
( cd "${G}" && git init -q && git add -A && git commit -qm gitdep ) || cv_fail "git commit failed"
COMMIT=$(git -C "${G}" rev-parse HEAD)

U=${S}/upstream/git-program-0.1.0
mkdir -p "${U}/src" "${S}/cargo-home"
cat > "${U}/Cargo.toml" <<'EOF'
[package]
name = "git-program"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
gitdep = { git = "https://github.com/cdf-test/gitdep", tag = "v0.3.1" }

[workspace]
EOF
git -C "${G}" tag v0.3.1
echo 'fn main() { println!("{}", gitdep::greeting()); }' > "${U}/src/main.rs"
printf '[net]\ngit-fetch-with-cli = true\n' > "${S}/cargo-home/config.toml"
( cd "${U}" && CARGO_HOME=${S}/cargo-home cargo generate-lockfile --quiet ) \
    || cv_fail "cargo generate-lockfile failed"
t_grep "${U}/Cargo.lock" "source = \"git+https://github.com/cdf-test/gitdep?tag=v0.3.1#${COMMIT}\"" \
    "the Cargo.lock records the forge URL and the commit"

step "the mirror: the release tarball and the forge's archive"
M=${S}/mirror
mkdir -p "${M}/downloads.example.org/cargo-distfiles" "${M}/github.com/cdf-test/gitdep/archive"
tar -C "${S}/upstream" --owner=0 --group=0 --numeric-owner -czf \
    "${M}/downloads.example.org/cargo-distfiles/git-program-0.1.0.tar.gz" git-program-0.1.0
( cd "${G}" && git archive --format=tar.gz --prefix="gitdep-${COMMIT}/" "${COMMIT}" ) \
    > "${M}/github.com/cdf-test/gitdep/archive/${COMMIT}.tar.gz"
cv_mirror_start "${M}"

step "the exheres, its DOWNLOADS block and manifest written by update"
REPO=cargo-distfiles-fixtures
CV_REPO=${CV_DIR}/repo
cp -r "${CDF_SOURCE_DIR}/fixtures/exherbo" "${CV_REPO}"
mkdir -p "${CV_REPO}/exlibs" "${CV_REPO}/packages/app-misc/git-program"
cp "${CDF_SOURCE_DIR}/scripts/cargo-distfiles.exlib" "${CV_REPO}/exlibs/"
EX=${CV_REPO}/packages/app-misc/git-program/git-program-0.1.0.exheres-0
cat > "${EX}" <<'EOF'
# Copyright 2026 The cargo-distfiles authors
# Distributed under the terms of the GNU General Public License v2

require cargo-distfiles

SUMMARY="Prints a line from a crate it depends on by git"
HOMEPAGE="https://downloads.example.org/cargo-distfiles/"
DOWNLOADS="mirror://cargo-distfiles-fixtures/${PNV}.tar.gz"

LICENCES="MIT"
SLOT="0"
PLATFORMS="~amd64"
MYOPTIONS=""

src_compile() {
    edo cargo build --offline --frozen --release
}

src_install() {
    dobin target/release/${PN}
}
EOF
"${CDF_BINARY}" update "${EX}" --lock "${U}/Cargo.lock" > "${S}/update.out" 2>&1
t_eq 0 $? "update"
ARROW="https://github.com/cdf-test/gitdep/archive/${COMMIT}.tar.gz -> github.com+cdf-test+gitdep-${COMMIT}.tar.gz"
t_grep "${EX}" "    ${ARROW}" "the block fetches the forge's archive through an arrow"
chmod -R a+rX "${CV_REPO}"
cv_repo "${REPO}" "${CV_REPO}"

step "fetch, then build and merge without network"
cv_log "${S}/fetch.log" cave perform fetch "=app-misc/git-program-0.1.0::${REPO}"
status=$?
t_eq 0 "${status}" "cave perform fetch"
(( status == 0 )) || tail -n 30 "${S}/fetch.log"
t_ok "the archive is in FETCHEDDIR under the arrow's name" \
    test -f "${CV_DISTDIR}/github.com+cdf-test+gitdep-${COMMIT}.tar.gz"
cv_log "${S}/build.log" cave_offline resolve --execute --preserve-world --no-dependencies-from '*/*' \
    "=app-misc/git-program-0.1.0::${REPO}"
status=$?
t_eq 0 "${status}" "cave resolve -x git-program-0.1.0 (no network)"
(( status == 0 )) || tail -n 60 "${S}/build.log"
BIN=${CV_ROOT}/usr/x86_64-pc-linux-gnu/bin/git-program
t_eq "built from a git archive" "$("${BIN}")" "the installed program runs"

t_done
