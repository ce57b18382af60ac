# cave.bash: real paludis for the tests of tests/paludis/: a throwaway
# configuration, root and repository set for the `cave` that
# scripts/build-paludis built, and helpers to run it.
#
#   cv_begin [KEEP]        a test's start: CDF_BINARY, CDF_SCRATCH and
#                          CDF_SOURCE_DIR required, umask 022, the scratch
#                          folder emptied (but for KEEP, a cache) as S,
#                          cv_init S/cave, cv_cleanup on exit
#   cv_need_cargo          cargo on PATH (~/.cargo/bin), plain output, none of
#                          the caller's target or flag settings; skips without
#   step TEXT              a "== TEXT" heading in the test's output
#   cv_init DIR            the configuration under DIR (CV_* variables below)
#   cv_repo NAME LOCATION  an e repository (exheres layout) named NAME
#   cv_exlibs DIR          DIR's exlibs/ comes first for every repository
#   cv_mirror_start DIR    a loopback HTTP server for DIR; every http(s) URL
#                          cave fetches is read from DIR/HOST/PATH through it
#   cave ARGS...           cave with that configuration, network and all
#   cave_offline ARGS...   cave in a new network namespace (no network at all)
#                          for every phase after fetch
#   cv_log LOG FN ARGS...  FN ARGS... (cave or cave_offline) with its output in
#                          LOG, carriage returns removed (cave runs the phases
#                          on a pty); returns FN's status
#
# Paludis runs the phases as the reduced user (nobody): the toolchain under
# /root/.rustup is bound read-only into DIR/toolchain in a mount namespace,
# the binary under test staged into DIR/bin, both put on PATH by the bashrc.
# What paludis itself does (phase order, environment saved between phases,
# die messages and exit statuses, fetching) is left entirely to it.

CV_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

cv_fail() { echo "FAIL: $*" >&2; exit 1; }
cv_skip() { echo "SKIP: $*"; exit 77; }

# Finds cave: $CDF_PALUDIS_PREFIX (set by scripts/test), else the cache
# scripts/build-paludis fills. Without it the test skips, except in CI
# (CI=true), where scripts/test has built it and a missing cave is a failure.
cv_find_cave() {
    local prefix=${CDF_PALUDIS_PREFIX-}
    if [[ -z ${prefix} ]]; then
        prefix=$(CDF_PALUDIS_PRINT_ONLY=1 "${CDF_SOURCE_DIR}/scripts/build-paludis" 2>/dev/null) || prefix=
    fi
    if [[ -z ${prefix} || ! -x ${prefix}/bin/cave ]]; then
        [[ ${CI-} == true ]] && cv_fail "real paludis is missing (${prefix:-no prefix}): scripts/build-paludis builds it"
        cv_skip "real paludis not built: run scripts/build-paludis (about 20 minutes, once per machine)"
    fi
    CV_PREFIX=${prefix}
    CV_CAVE=${prefix}/bin/cave
}

step() { echo "== $*"; }

cv_begin() {
    local keep=${1-}
    : "${CDF_BINARY:?CDF_BINARY must name the cargo-distfiles binary}"
    : "${CDF_SCRATCH:?CDF_SCRATCH must name a scratch folder}"
    : "${CDF_SOURCE_DIR:?CDF_SOURCE_DIR must name the source tree}"
    umask 022
    mkdir -p "${CDF_SCRATCH}"
    S=$(cd "${CDF_SCRATCH}" && pwd)
    find "${S}" -mindepth 1 -maxdepth 1 ${keep:+! -name "${keep}"} -exec rm -rf {} +
    trap cv_cleanup EXIT
    cv_init "${S}/cave"
}

cv_need_cargo() {
    export PATH="${HOME}/.cargo/bin:${PATH}"
    command -v cargo >/dev/null || cv_skip "cargo not found (neither on PATH nor in ~/.cargo/bin)"
    export CARGO_TERM_COLOR=never CARGO_TERM_PROGRESS_WHEN=never
    unset CARGO_TARGET_DIR CARGO_BUILD_TARGET RUSTFLAGS CARGO_ENCODED_RUSTFLAGS
}

cv_nobody_can_enter() {
    setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "${1}" 2>/dev/null
}

cv_init() {
    local wanted=${1:?cv_init DIR}
    (( EUID == 0 )) || cv_skip "real paludis tests run as root (paludis drops to nobody for the phases)"
    for tool in unshare setpriv mount curl python3; do
        command -v "${tool}" >/dev/null || cv_fail "${tool} is missing"
    done
    cv_find_cave
    mkdir -p "${wanted}"
    CV_DIR=$(cd "${wanted}" && pwd)
    chmod 0755 "${CV_DIR}"
    if ! cv_nobody_can_enter "${CV_DIR}"; then
        # A folder above it (a home, a mktemp -d) keeps nobody out: work in a
        # fresh folder of /tmp instead; cv_cleanup removes it.
        CV_DIR=$(mktemp -d /tmp/cdf-cave.XXXXXX) || cv_fail "mktemp failed"
        chmod 0755 "${CV_DIR}"
        CV_MADE_DIR=${CV_DIR}
        cv_nobody_can_enter "${CV_DIR}" || cv_fail "nobody cannot enter ${CV_DIR} either"
        echo "cave.bash: nobody cannot reach ${wanted}; working in ${CV_DIR}"
    fi
    CV_ROOT=${CV_DIR}/root
    CV_HOME=${CV_DIR}/home
    CV_DISTDIR=${CV_DIR}/distfiles
    CV_BUILDDIR=${CV_DIR}/build
    CV_BINDIR=${CV_DIR}/bin
    CV_TOOLCHAIN=${CV_DIR}/toolchain
    CV_LOGDIR=${CV_DIR}/logs
    # paludis reads its configuration from ROOT/SYSCONFDIR/paludis once
    # specpath.conf names a root; SYSCONFDIR is the one it was built with.
    CV_CONF=${CV_ROOT}${CV_PREFIX}/etc/paludis
    mkdir -p "${CV_HOME}/.paludis" "${CV_CONF}/repositories" "${CV_CONF}/fetchers" \
        "${CV_DISTDIR}" "${CV_BUILDDIR}" "${CV_BINDIR}" "${CV_TOOLCHAIN}" "${CV_LOGDIR}" \
        "${CV_ROOT}/var/db/paludis/repositories/installed" "${CV_ROOT}/var/cache/paludis/names" \
        "${CV_ROOT}/var/cache/paludis/metadata" "${CV_ROOT}/var/log/paludis"
    echo "root = ${CV_ROOT}" > "${CV_HOME}/.paludis/specpath.conf"
    # Build and distfiles folders: group nogroup, group-writable, as on Exherbo
    # (paludisbuild there).
    chgrp nogroup "${CV_DISTDIR}" "${CV_BUILDDIR}"
    chmod 0775 "${CV_DISTDIR}" "${CV_BUILDDIR}"
    mkdir -p "${CV_ROOT}/var/lib/paludis"
    touch "${CV_ROOT}/var/lib/paludis/world"

    cat > "${CV_CONF}/general.conf" <<EOF
world = ${CV_ROOT}/var/lib/paludis/world
reduced_username = nobody
distribution = exherbo
EOF
    cat > "${CV_CONF}/repositories/installed.conf" <<EOF
format = exndbam
location = ${CV_ROOT}/var/db/paludis/repositories/installed
names_cache = ${CV_ROOT}/var/cache/paludis/names
EOF
    echo '*/* ~amd64 amd64' > "${CV_CONF}/platforms.conf"
    echo '*/* -* build_options: -recommended_tests' > "${CV_CONF}/options.conf"
    : > "${CV_CONF}/licences.conf"
    echo '*/* *' > "${CV_CONF}/licences.conf"
    : > "${CV_CONF}/package_mask.conf"
    : > "${CV_CONF}/mirrors.conf"
    cat > "${CV_CONF}/bashrc" <<EOF
PATH="${CV_TOOLCHAIN}/bin:${CV_BINDIR}:\${PATH}"
CHOST="x86_64-pc-linux-gnu"
CARGO_TERM_COLOR=never
CARGO_TERM_PROGRESS_WHEN=never
EOF
    chmod -R a+rX "${CV_ROOT}" "${CV_HOME}"

    # The toolchain as the reduced user sees it (rustup keeps it under /root).
    local sysroot
    sysroot=$(rustc --print sysroot 2>/dev/null) || cv_skip "no Rust toolchain (rustc) on PATH"
    [[ -x ${sysroot}/bin/cargo ]] || cv_skip "no cargo in ${sysroot}/bin"
    CV_SYSROOT=${sysroot}
}

# cv_stage_binary FILE: the binary under test, as `cargo-distfiles` on the
# phases' PATH.
cv_stage_binary() {
    install -m 0755 "${1:?cv_stage_binary FILE}" "${CV_BINDIR}/cargo-distfiles" || cv_fail "cannot stage ${1}"
}

# cv_repo NAME LOCATION [MASTER]: an exheres-layout e repository.
cv_repo() {
    local name=${1:?} location=${2:?} master=${3-}
    cat > "${CV_CONF}/repositories/${name}.conf" <<EOF
format = e
location = ${location}
layout = exheres
eapi_when_unknown = exheres-0
eapi_when_unspecified = exheres-0
profile_eapi_when_unspecified = exheres-0
profiles = ${location}/profiles/default
distdir = ${CV_DISTDIR}
builddir = ${CV_BUILDDIR}
names_cache = /var/empty
write_cache = /var/empty
${master:+master_repository = ${master}}
EOF
}

# cv_mirror_start DIR: serves DIR on loopback; the fetchers for http and
# https (paludis looks in CONFDIR/fetchers first) read https://HOST/PATH from
# DIR/HOST/PATH through it, so every DOWNLOADS URL is fetched for real.
cv_mirror_start() {
    local dir=${1:?cv_mirror_start DIR} pidfile=${CV_DIR}/mirror.pid
    CV_MIRROR_PORT=$("${CDF_SOURCE_DIR}/scripts/serve-http" --background --pid-file "${pidfile}" \
        --timeout 1800 --log "${CV_LOGDIR}/mirror.log" "${dir}") || cv_fail "the mirror server did not start"
    [[ ${CV_MIRROR_PORT} =~ ^[0-9]+$ ]] || cv_fail "the mirror server printed '${CV_MIRROR_PORT}', not a port"
    CV_MIRROR_PID=$(<"${pidfile}")
    local proto
    for proto in http https; do
        cat > "${CV_CONF}/fetchers/do${proto}" <<EOF
#!/bin/bash
# do${proto} URL FILE: fetches URL from the test's loopback mirror.
url=\${1#*://}
echo "fetching \${1} from the loopback mirror" >&2
exec curl -fsS --noproxy '*' -o "\${2}" "http://127.0.0.1:${CV_MIRROR_PORT}/\${url}"
EOF
        chmod 0755 "${CV_CONF}/fetchers/do${proto}"
    done
}

cv_cleanup() {
    [[ -n ${CV_MIRROR_PID-} ]] && kill "${CV_MIRROR_PID}" 2>/dev/null
    [[ -n ${CV_MADE_DIR-} ]] && rm -rf "${CV_MADE_DIR}"
    return 0
}

# cave ARGS...: runs real cave on the throwaway configuration.
cave() {
    PALUDIS_HOME=${CV_HOME} PALUDIS_NO_GLOBAL_HOOKS=yes PALUDIS_NO_GLOBAL_FETCHERS= \
        unshare --mount -- /bin/bash -c '
            mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" || exit 120
            shift 2
            exec "$@"
        ' cave-mounts "${CV_SYSROOT}" "${CV_TOOLCHAIN}" "${CV_CAVE}" "$@"
}

# cave_offline ARGS...: the same in a network namespace of its own: no network
# (not even loopback) for anything cave runs.
cave_offline() {
    PALUDIS_HOME=${CV_HOME} PALUDIS_NO_GLOBAL_HOOKS=yes \
        unshare --net --mount -- /bin/bash -c '
            mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" || exit 120
            shift 2
            exec "$@"
        ' cave-mounts "${CV_SYSROOT}" "${CV_TOOLCHAIN}" "${CV_CAVE}" "$@"
}

cv_log() {
    local log=${1:?cv_log LOG FN ARGS...} status
    shift
    "$@" > "${log}" 2>&1
    status=$?
    sed -i 's/\r$//' "${log}"
    return "${status}"
}

# ---------------------------------------------------------------- the sample program

# cv_sample_setup SCRATCH: Debian's crate sources as a local registry, the
# sample program's 0.1.0 release (Cargo.lock resolved against it) as an
# upstream tarball, both on the loopback mirror as static.crates.io and
# downloads.example.org, and a copy of fixtures/exherbo as repository
# `cargo-distfiles-fixtures` with the exlib in its exlibs/ (where a repository
# puts an exlib it uses). Sets CV_S, CV_REPO, CV_PKG, CV_EX1, CV_LOCK1.
cv_sample_setup() {
    CV_S=${1:?cv_sample_setup SCRATCH}
    local debian=/usr/share/cargo/registry
    if [[ ! -d ${debian} ]] || (( $(ls "${debian}" | wc -l) < 20 )); then
        cv_fail "Debian crate sources missing under ${debian}: run scripts/install-test-deps"
    fi
    "${CDF_SOURCE_DIR}/scripts/build-test-registry" --quiet "${CV_S}/registry" || cv_fail "build-test-registry failed"
    mkdir -p "${CV_S}/cargo-home" "${CV_S}/upstream" "${CV_S}/mirror/downloads.example.org/cargo-distfiles"
    cat > "${CV_S}/cargo-home/config.toml" <<EOT
[source.crates-io]
replace-with = "local"

[source.local]
local-registry = "${CV_S}/registry"
EOT
    cp -r "${CDF_SOURCE_DIR}/fixtures/sample-program" "${CV_S}/upstream/sample-program-0.1.0"
    rm -rf "${CV_S}/upstream/sample-program-0.1.0/"{target,Cargo.lock,.cargo}
    cv_upstream_tree 0.1.0
    python3 "${CDF_SOURCE_DIR}/tests/e2e/lib/static_crates_io.py" "${CV_S}/registry" "${CV_S}/mirror/static.crates.io" \
        || cv_fail "static_crates_io.py failed"
    cv_mirror_start "${CV_S}/mirror"

    CV_REPO=${CV_DIR}/repo
    rm -rf "${CV_REPO}"
    cp -r "${CDF_SOURCE_DIR}/fixtures/exherbo" "${CV_REPO}"
    mkdir -p "${CV_REPO}/exlibs"
    cp "${CDF_SOURCE_DIR}/scripts/cargo-distfiles.exlib" "${CV_REPO}/exlibs/"
    chmod -R a+rX "${CV_REPO}"
    cv_repo cargo-distfiles-fixtures "${CV_REPO}"
    CV_PKG=${CV_REPO}/packages/app-misc/sample-program
    CV_EX1=${CV_PKG}/sample-program-0.1.0.exheres-0
    CV_LOCK1=${CV_S}/upstream/sample-program-0.1.0/Cargo.lock
}

# cv_upstream_tree VERSION: CV_S/upstream/sample-program-VERSION gets a
# Cargo.lock resolved against the local registry and is packed as its release
# tarball on the mirror.
cv_upstream_tree() {
    local dir=${CV_S}/upstream/sample-program-${1}
    ( cd "${dir}" && CARGO_HOME=${CV_S}/cargo-home cargo generate-lockfile --offline --quiet ) \
        || cv_fail "cargo generate-lockfile failed for ${dir}"
    tar -C "${CV_S}/upstream" --owner=0 --group=0 --numeric-owner -czf \
        "${CV_S}/mirror/downloads.example.org/cargo-distfiles/sample-program-${1}.tar.gz" "sample-program-${1}"
}

# cv_die_message LOG: the message of paludis's die report, the way cave prints
# it:
#   !!! ERROR in CAT/PNVR::REPO:
#   !!! In FUNCTION at line N
#   !!! MESSAGE
# Cave reads the phase's stdout and stderr from two ptys and copies whichever
# is ready, so lines the phase wrote to stdout earlier can land between these
# (seen in CI: a blank line); only the report's own "!!! " lines count.
cv_die_message() {
    awk '/^!!! ERROR in /{ found = 1; next }
         found && /^!!! In / { next }
         found && /^!!! / { sub(/^!!! /, ""); print; exit }' "${1}"
}
