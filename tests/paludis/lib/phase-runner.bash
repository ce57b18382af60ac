# shellcheck shell=bash
# phase-runner.bash: a paludis-like phase runner for one exheres, for tests.
# Source it from a test script; it offers:
#
#   pr_init DIR            set up a work area PR_ROOT (distfiles, build dirs, logs,
#                          the staged harness) in DIR, or in a fresh /tmp folder
#                          when the build user cannot reach DIR; choose the
#                          sandbox (skip the test, exit 77, if none can be made
#                          here) and find the Rust toolchain
#   pr_stage PATH [NAME]   copy a file or folder the sandbox must read into the
#                          work area; prints the copy's path
#   pr_cleanup             stop the mirror, remove a /tmp work area
#   pr_mirror_start DIR    serve DIR on 127.0.0.1 with scripts/serve-http (a "host
#                          mirror": the file for https://HOST/PATH is
#                          DIR/HOST/PATH); sets PR_MIRROR_URL, PR_MIRROR_PORT
#   pr_mirror_stop
#   pr_exheres_env FILE    CATEGORY, PN, PV, PR, PNV, PNVR, FILES, REPODIR and
#                          EXLIBSDIRS of packages/CAT/PN/PNVR.exheres-0 (PR_* vars)
#   pr_metadata FILE       source the exheres in the sandbox (empty PATH, as
#                          paludis' metadata phase); fills PR_META[VAR]
#   pr_parse_downloads S   DOWNLOADS -> PR_DL_URL[], PR_DL_NAME[], PR_DL_LABEL[],
#                          PR_ARCHIVES (arrows, `flag? ( )` groups, labels)
#   pr_fetch               fetch every entry into PR_FETCHEDDIR through the mirror
#                          (mirror:// expanded with the repository's
#                          metadata/mirrors.conf and PR_MIRRORS_CONF)
#   pr_phases FILE ACTION...  run ebuild.bash FILE ACTION... in the sandbox
#   pr_build FILE          metadata, fetch, then `init unpack prepare configure
#                          compile` and `load install`, like paludis' install
#   pr_sandboxed CMD...    run CMD in the sandbox (as the build user, no network)
#
# The sandbox: a new network namespace holding only a down `lo` (`unshare --net`),
# and an unprivileged user: as root, `setpriv` to nobody:nogroup with no
# capabilities and no_new_privs inside a private mount namespace (where a Rust
# toolchain under /root is bind-mounted read-only to a path nobody can reach);
# as another user, a new user namespace in which that user is unmapped (nobody).
# (FETCHEDDIR loses its write bit while the phases run.) The environment is
# emptied (`env -i`) and rebuilt: PATH, LC_ALL and the paludis variables only.
# Every phase runs so, src_install included (paludis runs that one as root,
# sandboxed but not as the reduced user: ours is the stricter choice). The
# metadata phase runs in the same sandbox, with an empty PATH.
#
# Settings a test may change before calling these: PR_OPTIONS (enabled option
# flags, for `flag?` groups; default "platform:amd64"), PR_EXTRA_EXLIBSDIRS
# (searched before the repository's exlibs, like a master repository),
# PR_MIRRORS_CONF (an /etc/paludis/mirrors.conf), PR_BINDIR (put first on the
# sandbox's PATH, after the toolchain), PR_EXJOBS.

PR_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PR_SOURCE_DIR=${CDF_SOURCE_DIR:-$(cd "${PR_LIB_DIR}/../../.." && pwd)}
PR_CHOST=x86_64-pc-linux-gnu
PR_BUILD_UID=65534
PR_BUILD_GID=65534
PR_OPTIONS=${PR_OPTIONS-platform:amd64}
PR_EXTRA_EXLIBSDIRS=${PR_EXTRA_EXLIBSDIRS-}
PR_MIRRORS_CONF=${PR_MIRRORS_CONF-}
PR_EXJOBS=${PR_EXJOBS-2}
PR_MIRROR_PID=
PR_MADE_ROOT=
PR_ARCHIVES=
PR_TOOLCHAIN_DIR=
PR_TOOLCHAIN_SRC=
PR_BINDIR=${PR_BINDIR-}
PR_MIRROR_URL=
PR_MIRROR_PORT=
PR_KNOWN_LABELS="default default-restrict-fetch default-restrict-mirror mirrors-first
    mirrors-only listed-only listed-first local-only manual"

pr_fail() {
    echo "phase-runner: $*" >&2
    exit 1
}

pr_skip() {
    echo "SKIP: $*"
    exit 77
}

pr_has() {
    local needle=${1} x
    shift
    for x in "$@"; do
        [[ ${x} == "${needle}" ]] && return 0
    done
    return 1
}

# ---------------------------------------------------------------- setup

pr_init() {
    local wanted=${1:?pr_init DIR}
    PR_MADE_ROOT=
    if (( EUID == 0 )); then
        PR_SANDBOX=setpriv
        command -v setpriv >/dev/null || pr_skip "setpriv (util-linux) is missing"
    else
        PR_SANDBOX=userns
    fi
    command -v unshare >/dev/null || pr_skip "unshare (util-linux) is missing"

    mkdir -p "${wanted}" || pr_fail "cannot create ${wanted}"
    PR_ROOT=$(cd "${wanted}" && pwd)
    chmod 0755 "${PR_ROOT}"
    if ! pr_build_user_can test -x "${PR_ROOT}"; then
        # A folder above it (a home, a mktemp -d) keeps the build user out:
        # work in a fresh folder of /tmp instead; pr_cleanup removes it.
        PR_ROOT=$(mktemp -d /tmp/cdf-phase-runner.XXXXXX) || pr_fail "mktemp failed"
        chmod 0755 "${PR_ROOT}"
        PR_MADE_ROOT=${PR_ROOT}
        pr_build_user_can test -x "${PR_ROOT}" || pr_skip "the build user cannot enter ${PR_ROOT}"
        echo "phase-runner: the build user cannot reach ${wanted}; working in ${PR_ROOT}"
    fi
    PR_FETCHEDDIR=${PR_ROOT}/distfiles
    PR_TMPDIR=${PR_ROOT}/build
    PR_LOGDIR=${PR_ROOT}/logs
    PR_STAGE=${PR_ROOT}/stage
    mkdir -p "${PR_FETCHEDDIR}" "${PR_TMPDIR}" "${PR_LOGDIR}" "${PR_STAGE}/lib"
    chmod 0755 "${PR_FETCHEDDIR}"
    [[ ${PR_SANDBOX} == setpriv ]] && chown "${PR_BUILD_UID}:${PR_BUILD_GID}" "${PR_TMPDIR}"
    # What runs in the sandbox is copied into the work area, which the build
    # user can reach whatever the permissions above the source tree.
    cp "${PR_LIB_DIR}/ebuild.bash" "${PR_LIB_DIR}/sandbox-entry.bash" "${PR_STAGE}/lib/" \
        || pr_fail "cannot stage the harness in ${PR_STAGE}"

    pr_find_toolchain
    local out status
    out=$(pr_sandboxed /bin/true 2>&1)
    status=$?
    # 121: the sandbox was made but is not one (sandbox-entry.bash): a bug, not a skip.
    (( status != 121 )) || pr_fail "the build sandbox is broken: ${out}"
    (( status == 0 )) || pr_skip "cannot make a build sandbox here (no network namespace or user switch): ${out}"
}

# pr_build_user_can CMD...: runs CMD as the build user (as root), or as is.
pr_build_user_can() {
    if [[ ${PR_SANDBOX} == setpriv ]]; then
        setpriv --reuid="${PR_BUILD_UID}" --regid="${PR_BUILD_GID}" --clear-groups "$@" 2>/dev/null
    else
        "$@"
    fi
}

# pr_stage FILE|DIR [NAME]: copies it into the work area (PR_STAGE) and prints
# the copy's path, for files the sandbox must read (an exlib folder, a binary).
pr_stage() {
    local src=${1} name=${2:-$(basename "${1}")}
    rm -rf "${PR_STAGE:?}/${name}"
    mkdir -p "$(dirname "${PR_STAGE}/${name}")"
    cp -r "${src}" "${PR_STAGE}/${name}" || pr_fail "cannot copy ${src} into ${PR_STAGE}"
    chmod -R a+rX "${PR_STAGE}/${name}"
    echo "${PR_STAGE}/${name}"
}

# Stops the mirror and removes a work area pr_init had to make in /tmp.
pr_cleanup() {
    pr_mirror_stop
    [[ -n ${PR_MADE_ROOT} ]] && rm -rf "${PR_MADE_ROOT}"
    return 0
}

# Finds cargo and rustc; PR_TOOLCHAIN_DIR is where the sandbox sees them (empty:
# no toolchain, tests needing one skip).
pr_find_toolchain() {
    PR_TOOLCHAIN_DIR=
    PR_TOOLCHAIN_SRC=
    command -v cargo >/dev/null && command -v rustc >/dev/null || return 0
    local sysroot
    sysroot=$(rustc --print sysroot 2>/dev/null) || return 0
    [[ -x ${sysroot}/bin/cargo && -x ${sysroot}/bin/rustc ]] || return 0
    if ! pr_build_user_can test -x "${sysroot}/bin/cargo"; then
        # e.g. rustup under /root: bind it where the build user can read it.
        PR_TOOLCHAIN_SRC=${sysroot}
        PR_TOOLCHAIN_DIR=${PR_ROOT}/toolchain
        mkdir -p "${PR_TOOLCHAIN_DIR}"
    else
        PR_TOOLCHAIN_DIR=${sysroot}
    fi
}

pr_require_toolchain() {
    [[ -n ${PR_TOOLCHAIN_DIR} ]] || pr_skip "no Rust toolchain (cargo, rustc) found"
}

# ---------------------------------------------------------------- sandbox

# pr_sandboxed [VAR=VALUE...] -- CMD [ARG...]
pr_sandboxed() {
    local env=(
        "PATH=${PR_TOOLCHAIN_DIR:+${PR_TOOLCHAIN_DIR}/bin:}${PR_BINDIR:+${PR_BINDIR}:}/usr/local/bin:/usr/bin:/bin"
        "LC_ALL=C"
        "TERM=dumb"
        "HOME=/nonexistent"
    )
    [[ -n ${PR_MIRROR_PORT} ]] && env+=( "PR_PROBE_PORT=${PR_MIRROR_PORT}" )
    if pr_has -- "$@"; then
        while [[ ${1} != -- ]]; do
            env+=( "${1}" )
            shift
        done
        shift
    fi
    case ${PR_SANDBOX} in
        setpriv)
            unshare --net --mount -- /bin/bash -c '
                set -e
                if [[ -n ${1} ]]; then
                    mount --bind "${1}" "${2}"
                    mount -o remount,bind,ro "${2}"
                fi
                uid=${3} gid=${4}
                shift 4
                exec setpriv --reuid="${uid}" --regid="${gid}" --clear-groups \
                    --inh-caps=-all --bounding-set=-all --no-new-privs -- "$@"
            ' pr-sandbox "${PR_TOOLCHAIN_SRC}" "${PR_TOOLCHAIN_DIR}" "${PR_BUILD_UID}" "${PR_BUILD_GID}" \
                env -i "${env[@]}" /bin/bash "${PR_STAGE}/lib/sandbox-entry.bash" "$@" </dev/null
            ;;
        userns)
            unshare --user --net -- env -i "${env[@]}" \
                /bin/bash "${PR_STAGE}/lib/sandbox-entry.bash" "$@" </dev/null
            ;;
        *) pr_fail "pr_init was not called" ;;
    esac
}

# ---------------------------------------------------------------- mirror

pr_mirror_start() {
    local dir=${1:?pr_mirror_start DIR} pidfile=${PR_ROOT}/mirror.pid log=${PR_LOGDIR}/mirror.log
    local server=${PR_SOURCE_DIR}/scripts/serve-http
    [[ -x ${server} ]] || pr_fail "${server} is missing"
    PR_MIRROR_PORT=$("${server}" --background --pid-file "${pidfile}" --timeout 1800 --log "${log}" "${dir}") \
        || pr_fail "the mirror server did not start"
    PR_MIRROR_PID=$(<"${pidfile}")
    [[ ${PR_MIRROR_PORT} =~ ^[0-9]+$ ]] || pr_fail "the mirror server printed '${PR_MIRROR_PORT}', not a port"
    PR_MIRROR_URL=http://127.0.0.1:${PR_MIRROR_PORT}
}

pr_mirror_stop() {
    if [[ -n ${PR_MIRROR_PID} ]]; then
        kill "${PR_MIRROR_PID}" 2>/dev/null
        PR_MIRROR_PID=
    fi
}

# ---------------------------------------------------------------- exheres

pr_exheres_env() {
    local file=${1:?pr_exheres_env FILE} pvr
    [[ -f ${file} ]] || pr_fail "no exheres ${file}"
    file=$(cd "$(dirname "${file}")" && pwd)/$(basename "${file}")
    [[ ${file} == *.exheres-0 ]] || pr_fail "${file} is not an exheres-0"
    PR_EXHERES=${file}
    PR_PKGDIR=$(dirname "${file}")
    PR_PN=$(basename "${PR_PKGDIR}")
    PR_CATEGORY=$(basename "$(dirname "${PR_PKGDIR}")")
    PR_REPODIR=$(dirname "$(dirname "$(dirname "${PR_PKGDIR}")")")
    PR_PNVR=$(basename "${file}" .exheres-0)
    [[ ${PR_PNVR} == "${PR_PN}"-* ]] || pr_fail "${file##*/} does not start with ${PR_PN}-"
    pvr=${PR_PNVR#"${PR_PN}"-}
    if [[ ${pvr} =~ ^(.+)-(r[0-9]+)$ ]]; then
        PR_PV=${BASH_REMATCH[1]}
        PR_PR=${BASH_REMATCH[2]}
    else
        PR_PV=${pvr}
        PR_PR=r0
    fi
    PR_PVR=${pvr}
    PR_PNV=${PR_PN}-${PR_PV}
    PR_FILES=${PR_PKGDIR}/files
    PR_EXLIBSDIRS="${PR_EXTRA_EXLIBSDIRS:+${PR_EXTRA_EXLIBSDIRS} }${PR_REPODIR}/exlibs ${PR_PKGDIR}"
}

pr_exheres_vars() {
    printf '%s\n' \
        "CATEGORY=${PR_CATEGORY}" "PN=${PR_PN}" "PV=${PR_PV}" "PR=${PR_PR}" "PVR=${PR_PVR}" \
        "PNV=${PR_PNV}" "PNVR=${PR_PNVR}" "FILES=${PR_FILES}" "REPODIR=${PR_REPODIR}" \
        "EXLIBSDIRS=${PR_EXLIBSDIRS}" "FETCHEDDIR=${PR_FETCHEDDIR}" "PALUDIS_TMPDIR=${PR_TMPDIR}" \
        "OPTIONS=${PR_OPTIONS}" "ARCHIVES=${PR_ARCHIVES}" "EXJOBS=${PR_EXJOBS}" "CHOST=${PR_CHOST}" \
        "ROOT=/"
}

pr_metadata() {
    pr_exheres_env "${1}"
    local out line vars=()
    mapfile -t vars < <(pr_exheres_vars)
    out=$(pr_sandboxed "${vars[@]}" -- /bin/bash "${PR_STAGE}/lib/ebuild.bash" "${PR_EXHERES}" metadata) \
        || { echo "${out}" >&2; pr_fail "metadata of ${PR_PNVR} failed"; }
    declare -gA PR_META=()
    while IFS= read -r line; do
        [[ ${line} == sandbox:* ]] && continue
        [[ ${line} == [A-Z_]*=* ]] || pr_fail "metadata of ${PR_PNVR}: unexpected line '${line}'"
        PR_META[${line%%=*}]=${line#*=}
    done <<<"${out}"
    local v
    for v in SUMMARY LICENCES SLOT PLATFORMS; do
        [[ -n ${PR_META[${v}]+set} ]] || pr_fail "${PR_PNVR} does not set ${v}"
    done
}

# ---------------------------------------------------------------- DOWNLOADS

pr_parse_downloads() {
    PR_DL_URL=()
    PR_DL_NAME=()
    PR_DL_LABEL=()
    PR_ARCHIVES=
    read -r -a PR__T <<<"${1}"
    PR__I=0
    pr__parse_group 1 default
    (( PR__I == ${#PR__T[@]} )) || pr_fail "DOWNLOADS: unexpected '${PR__T[PR__I]-}'"
    local i j
    for (( i = 0; i < ${#PR_DL_NAME[@]}; i++ )); do
        for (( j = 0; j < i; j++ )); do
            if [[ ${PR_DL_NAME[j]} == "${PR_DL_NAME[i]}" ]]; then
                [[ ${PR_DL_URL[j]} == "${PR_DL_URL[i]}" ]] \
                    || pr_fail "DOWNLOADS: two entries save under ${PR_DL_NAME[i]}: ${PR_DL_URL[j]} and ${PR_DL_URL[i]}"
                continue 2
            fi
        done
        PR_ARCHIVES+="${PR_ARCHIVES:+ }${PR_DL_NAME[i]}"
    done
}

pr__condition() {
    local flag=${1%\?} negate=
    if [[ ${flag} == !* ]]; then
        negate=yes
        flag=${flag#!}
    fi
    [[ -n ${flag} ]] || pr_fail "DOWNLOADS: empty condition '${1}'"
    if pr_has "${flag}" ${PR_OPTIONS}; then
        [[ -z ${negate} ]]
    else
        [[ -n ${negate} ]]
    fi
}

# Parses PR__T from PR__I up to a ")" (left for the caller) or the end.
pr__parse_group() {
    local enabled=${1} label=${2} tok url name inner
    while (( PR__I < ${#PR__T[@]} )); do
        tok=${PR__T[PR__I]-}
        case ${tok} in
            ')') return 0 ;;
            '(')
                (( PR__I++ ))
                pr__parse_group "${enabled}" "${label}"
                [[ ${PR__T[PR__I]-} == ')' ]] || pr_fail "DOWNLOADS: '(' without ')'"
                (( PR__I++ ))
                ;;
            '||') pr_fail "DOWNLOADS: '||' is not allowed" ;;
            '->') pr_fail "DOWNLOADS: '->' without a URL before it" ;;
            *\?)
                [[ ${PR__T[PR__I+1]-} == '(' ]] || pr_fail "DOWNLOADS: '${tok}' not followed by '('"
                inner=0
                (( enabled )) && pr__condition "${tok}" && inner=1
                (( PR__I += 2 ))
                pr__parse_group "${inner}" "${label}"
                [[ ${PR__T[PR__I]-} == ')' ]] || pr_fail "DOWNLOADS: '${tok} (' without ')'"
                (( PR__I++ ))
                ;;
            *:)
                label=${tok%:}
                pr_has "${label}" ${PR_KNOWN_LABELS} || pr_fail "DOWNLOADS: unknown label '${tok}'"
                (( PR__I++ ))
                ;;
            *)
                url=${tok}
                [[ ${url} == *://* ]] || pr_fail "DOWNLOADS: '${url}' is not a URL"
                name=${url##*/}
                if [[ ${PR__T[PR__I+1]-} == '->' ]]; then
                    name=${PR__T[PR__I+2]-}
                    [[ -n ${name} && ${name} != *[/\(\)]* ]] || pr_fail "DOWNLOADS: bad name after '${url} ->'"
                    (( PR__I += 3 ))
                else
                    (( PR__I++ ))
                fi
                [[ -n ${name} ]] || pr_fail "DOWNLOADS: '${url}' names no file"
                if (( enabled )); then
                    PR_DL_URL+=( "${url}" )
                    PR_DL_NAME+=( "${name}" )
                    PR_DL_LABEL+=( "${label}" )
                fi
                ;;
        esac
    done
}

# ---------------------------------------------------------------- fetch

# Prints the URLs a mirror:// URL expands to, one a line; other URLs unchanged.
pr__expand_mirror() {
    local url=${1} name path file line fields found=
    if [[ ${url} != mirror://* ]]; then
        echo "${url}"
        return 0
    fi
    name=${url#mirror://}
    path=${name#*/}
    name=${name%%/*}
    for file in "${PR_REPODIR}/metadata/mirrors.conf" ${PR_MIRRORS_CONF}; do
        [[ -f ${file} ]] || continue
        while read -r -a fields; do
            [[ ${#fields[@]} -ge 2 && ${fields[0]} != \#* && ${fields[0]} == "${name}" ]] || continue
            for line in "${fields[@]:1}"; do
                echo "${line%/}/${path}"
                found=yes
            done
        done <"${file}"
    done
    [[ -n ${found} ]] || pr_fail "mirror://${name}/ is in no mirrors.conf"
}

# http(s)://HOST/PATH -> PR_MIRROR_URL/HOST/PATH
pr__loopback_url() {
    local url=${1} rest
    [[ ${url} =~ ^(https?|ftp)://([^/]+)/(.*)$ ]] || pr_fail "cannot mirror '${url}'"
    echo "${PR_MIRROR_URL}/${BASH_REMATCH[2]}/${BASH_REMATCH[3]}"
}

pr_fetch() {
    [[ -n ${PR_MIRROR_URL} ]] || pr_fail "pr_fetch: no mirror (call pr_mirror_start)"
    local i url name label dest real local_url ok
    for (( i = 0; i < ${#PR_DL_URL[@]}; i++ )); do
        url=${PR_DL_URL[i]} name=${PR_DL_NAME[i]} label=${PR_DL_LABEL[i]}
        dest=${PR_FETCHEDDIR}/${name}
        [[ -f ${dest} ]] && continue
        [[ ${label} != manual ]] || pr_fail "${name} must be fetched by hand (manual:) and is not in ${PR_FETCHEDDIR}"
        ok=
        while read -r real; do
            local_url=$(pr__loopback_url "${real}")
            [[ ${local_url} == http://127.0.0.1:* ]] || pr_fail "refusing non-loopback ${local_url}"
            if curl -fsS --noproxy '*' --max-time 60 -o "${dest}.part" "${local_url}" 2>"${PR_LOGDIR}/fetch.err"; then
                mv "${dest}.part" "${dest}"
                chmod 0644 "${dest}"
                echo "fetched ${name} <- ${real}"
                ok=yes
                break
            fi
        done < <(pr__expand_mirror "${url}")
        rm -f "${dest}.part"
        [[ -n ${ok} ]] || pr_fail "could not fetch ${name} from ${url}: $(cat "${PR_LOGDIR}/fetch.err")"
    done
}

# ---------------------------------------------------------------- phases

pr_phases() {
    local file=${1} vars=() status
    shift
    pr_exheres_env "${file}"
    mapfile -t vars < <(pr_exheres_vars)
    # In a user namespace the build user is the fetching user: take the write
    # bit off FETCHEDDIR meanwhile (as root, nobody cannot write there anyway).
    [[ ${PR_SANDBOX} == userns ]] && chmod 0555 "${PR_FETCHEDDIR}"
    pr_sandboxed "${vars[@]}" -- /bin/bash "${PR_STAGE}/lib/ebuild.bash" "${PR_EXHERES}" "$@"
    status=$?
    chmod 0755 "${PR_FETCHEDDIR}"
    return "${status}"
}

# Everything paludis does to install FILE, up to the image. Logs go to
# PR_LOGDIR/PNVR.{fetch,build,install}.log and to stdout.
pr_build() {
    local file=${1} log
    pr_metadata "${file}"
    pr_parse_downloads "${PR_META[DOWNLOADS]}"
    log=${PR_LOGDIR}/${PR_PNVR}
    pr_fetch | tee "${log}.fetch.log"
    (( PIPESTATUS[0] == 0 )) || return 1
    pr_phases "${file}" init unpack prepare configure compile 2>&1 | tee "${log}.build.log"
    (( PIPESTATUS[0] == 0 )) || return 1
    pr_phases "${file}" load install 2>&1 | tee "${log}.install.log"
    (( PIPESTATUS[0] == 0 )) || return 1
    PR_IMAGE=${PR_TMPDIR}/${PR_CATEGORY}-${PR_PNVR}/image
    PR_WORKBASE=${PR_TMPDIR}/${PR_CATEGORY}-${PR_PNVR}/work
}
