#!/usr/bin/env bash
# vim: set sw=4 sts=4 et :
#
# ebuild.bash: the part of the test harness that plays paludis *inside* the build
# sandbox, for one exheres (EAPI exheres-0). phase-runner.bash starts it, once per
# group of phases, the way paludis starts its own ebuild.bash:
#
#     bash ebuild.bash /path/to/packages/CAT/PN/PNVR.exheres-0 ACTION...
#
# ACTION is one of
#     metadata   source the exheres with an empty PATH (no programs may run at
#                global scope) and print its metadata, one `NAME=value` a line
#     init       wipe and create WORKBASE, TEMP and IMAGE, then source the exheres
#     load       source the exheres again for a later group of phases (paludis
#                restores its saved environment there; we re-source, which is
#                what its builtin_init did to make that environment)
#     unpack prepare configure compile test install
#                run src_<action> in the directory paludis uses for it
#
# The environment comes from phase-runner.bash: CATEGORY PN PV PR PVR PNV PNVR
# FILES FETCHEDDIR REPODIR EXLIBSDIRS PALUDIS_TMPDIR OPTIONS ARCHIVES EXJOBS CHOST.
#
# What is modelled on paludis' exheres-0 implementation (same names, same order,
# same observable behaviour; the code is written for this harness):
#   - phase defaults are defined first, the exheres (and through `require` its
#     exlibs) is sourced after them, so exlib and exheres functions win;
#   - `require ex [ k=v arr=[ a b ] ] ex2` sources each exlib found last in
#     EXLIBSDIRS with CURRENT_EXLIB set and `exparam` aliased to read that exlib's
#     parameters (aliases expand when a function is defined: exlib functions keep
#     their own exlib's parameters); undeclared or missing parameters die;
#     DEPENDENCIES and MYOPTIONS set by an exlib are bracket-merged into the
#     exheres' values; PLATFORMS must not be set by an exlib;
#   - `export_exlib_phases` makes `phase() { EXLIB_phase "$@"; }`, refusing
#     anything that is not a phase function;
#   - `default` calls default_src_<phase> of the running phase;
#   - `die` prints the paludis-style report and ends the whole run, even from a
#     subshell or a command substitution; `nonfatal` turns helper deaths into a
#     return status 247;
#   - `unpack [--if-compressed]` unpacks from FETCHEDDIR into the current directory
#     and, with --if-compressed, skips files of unknown type (such as .crate);
#   - `esandbox`: there is no sydbox here (the harness isolates with namespaces),
#     so `esandbox check` fails and the other commands do nothing, as in paludis
#     outside sydbox.
# Not modelled: eclasses, SCM exlibs, saved environments, econf/einstall,
# merging into a root. Missing helpers fail loudly ("command not found").

unalias -a
set +C
shopt -s expand_aliases extglob
export LC_ALL=C

EBUILD_KILL_PID=$$
# `die` in a subshell signals us, and we end with status 1 like paludis does.
trap 'exit 1' USR1

PALUDIS_EBUILD_FUNCTIONS="builtin_init builtin_metadata builtin_loadenv builtin_saveenv
    pkg_config pkg_info pkg_nofetch pkg_postinst pkg_postrm pkg_preinst pkg_prerm
    pkg_pretend pkg_setup pkg_bad_options
    src_compile src_configure src_install src_prepare src_test src_unpack"
PALUDIS_BRACKET_MERGED_VARIABLES="DEPENDENCIES MYOPTIONS"
PALUDIS_ECLASS_MUST_NOT_SET_VARIABLES="PLATFORMS"
EBUILD_METADATA_VARIABLES="SUMMARY DESCRIPTION HOMEPAGE DOWNLOADS LICENCES SLOT PLATFORMS
    MYOPTIONS DEPENDENCIES RESTRICT BUGS_TO REMOTE_IDS UPSTREAM_CHANGELOG
    UPSTREAM_DOCUMENTATION UPSTREAM_RELEASE_NOTES INHERITED"

# ---------------------------------------------------------------- output, death

ebuild_section() { echo "=== $*"; }
einfo()  { echo " * $*" >&2; }
elog()   { echo " * $*" >&2; }
ewarn()  { echo " * WARNING: $*" >&2; }
eerror() { echo " * ERROR: $*" >&2; }
ebegin() { echo " * $* ..." >&2; }
eend()   { local s=${1:-0}; shift; (( s == 0 )) || eerror "$*"; return "${s}"; }

die() {
    local i
    {
        echo
        echo "!!! ERROR in ${CATEGORY}/${PNVR}:"
        echo "!!! In ${FUNCNAME[1]:-main} at line ${BASH_LINENO[0]}"
        echo "!!! $*"
        echo
        echo "!!! Call stack:"
        for (( i = 1; i < ${#FUNCNAME[@]}; i++ )); do
            echo "!!!    * ${FUNCNAME[i]} (${BASH_SOURCE[i]##*/}:${BASH_LINENO[i-1]})"
        done
        echo
    } >&2
    [[ ${BASHPID} == "${EBUILD_KILL_PID}" ]] || kill -s USR1 "${EBUILD_KILL_PID}"
    exit 1
}

assert() {
    local statuses="${PIPESTATUS[*]}"
    [[ -z ${statuses//[ 0]/} ]] || die "$* (pipe status: ${statuses})"
}

nonfatal() {
    PALUDIS_FAILURE_IS_NONFATAL=yes "$@"
}

paludis_die_unless_nonfatal() {
    if [[ -n ${PALUDIS_FAILURE_IS_NONFATAL} ]]; then
        eerror "$*"
        return 247
    fi
    die "$@"
}

edo() {
    echo "$@" >&2
    "$@" || paludis_die_unless_nonfatal "$* failed" || return 247
}

# ---------------------------------------------------------------- small helpers

has() {
    local needle=${1} x
    shift
    for x in "$@"; do
        [[ ${x} == "${needle}" ]] && return 0
    done
    return 1
}
hasq() { has "$@"; }

option() {
    local flag=${1}
    if [[ ${flag} == !* ]]; then
        ! has "${flag#!}" ${OPTIONS}
    else
        has "${flag}" ${OPTIONS}
    fi
}
optionq() { option "$@"; }

exhost() {
    case ${1} in
        --target|--build|--host) echo "${CHOST}" ;;
        --is-native) [[ ${2} == -q ]] || echo true; return 0 ;;
        *) die "exhost: unsupported option ${1}" ;;
    esac
}

esandbox() {
    local cmd=${1}
    case ${cmd} in
        check|enabled|enabled_net|enabled_exec) return 1 ;;
        allow|disallow|allow_net|disallow_net|allow_exec|disallow_exec|\
        enable|disable|enable_net|disable_net|enable_exec|disable_exec|\
        addfilter|rmfilter|addfilter_net|rmfilter_net|addfilter_exec|rmfilter_exec|\
        exec_lock|lock|wait_eldest|kill|hack_toolong|nohack_toolong)
            return 0 ;;
        *) die "esandbox: unknown command '${cmd}'" ;;
    esac
}

# ---------------------------------------------------------------- unpack

exheres_unpack_one() {
    local f=${1} if_compressed=${2}
    [[ -e ${f} ]] || die "unpack: ${f} doesn't exist"
    case ${f} in
        *.tar)                 edo tar xf "${f}" --no-same-owner ;;
        *.tar.gz|*.tgz|*.tar.Z) edo tar zxf "${f}" --no-same-owner ;;
        *.tar.bz2|*.tbz2|*.tbz) edo tar jxf "${f}" --no-same-owner ;;
        *.tar.xz|*.txz)        edo tar Jxf "${f}" --no-same-owner ;;
        *.tar.zst)             edo tar --zstd -xf "${f}" --no-same-owner ;;
        *.zip|*.ZIP|*.jar)     edo unzip -qo "${f}" ;;
        *.gz|*.Z|*.z)          gzip -dc "${f}" > "${PWD}/$(basename "${f%.*}")" || die "Couldn't unpack ${f}" ;;
        *.bz2)                 bzip2 -dc "${f}" > "${PWD}/$(basename "${f%.*}")" || die "Couldn't unpack ${f}" ;;
        *.xz)                  xz -dc "${f}" > "${PWD}/$(basename "${f%.*}")" || die "Couldn't unpack ${f}" ;;
        *)
            [[ -n ${if_compressed} ]] || die "Don't know how to unpack ${f}"
            echo "Skipping unpack for ${f}"
            ;;
    esac
}

unpack() {
    local if_compressed= x
    while [[ ${1} == --* ]]; do
        case ${1} in
            --if-compressed) if_compressed=yes ;;
            *) die "unpack: unrecognised option ${1}" ;;
        esac
        shift
    done
    [[ $# -gt 0 ]] || die "No arguments given to unpack"
    for x in "$@"; do
        echo ">>> Unpacking ${x} to ${PWD}"
        [[ ${x} == ./* || ${x} == /* ]] || x="${FETCHEDDIR}/${x}"
        exheres_unpack_one "${x}" "${if_compressed}"
    done
}

# ---------------------------------------------------------------- install helpers

INSDESTTREE=
EXEDESTTREE=
DOCDESTTREE=

dodir() {
    local d
    for d in "$@"; do
        mkdir -p "${IMAGE}/${d#/}" || paludis_die_unless_nonfatal "dodir ${d} failed" || return 247
    done
}

exheres_install_into() {
    local dest=${1} mode=${2} f
    shift 2
    [[ $# -gt 0 ]] || die "${FUNCNAME[1]}: nothing to install"
    mkdir -p "${IMAGE}/${dest#/}" || die "${FUNCNAME[1]}: cannot create ${dest}"
    for f in "$@"; do
        [[ -f ${f} ]] || paludis_die_unless_nonfatal "${FUNCNAME[1]}: ${f} does not exist" || return 247
        install -m "${mode}" "${f}" "${IMAGE}/${dest#/}/" \
            || paludis_die_unless_nonfatal "${FUNCNAME[1]}: installing ${f} failed" || return 247
    done
}

dobin()    { exheres_install_into "/usr/$(exhost --target)/bin" 0755 "$@"; }
dosbin()   { exheres_install_into "/usr/$(exhost --target)/bin" 0755 "$@"; }
newbin() {
    [[ $# -eq 2 ]] || die "newbin: needs FILE NEWNAME"
    mkdir -p "${TEMP}/newbin" && cp -- "${1}" "${TEMP}/newbin/${2}" || die "newbin: copying ${1} failed"
    dobin "${TEMP}/newbin/${2}"
}
insinto()  { INSDESTTREE=${1}; }
exeinto()  { EXEDESTTREE=${1}; }
docinto()  { DOCDESTTREE=${1}; }
doins()    { exheres_install_into "${INSDESTTREE:-/}" 0644 "$@"; }
doexe()    { exheres_install_into "${EXEDESTTREE:-/}" 0755 "$@"; }
dodoc()    { exheres_install_into "/usr/share/doc/${PNVR}/${DOCDESTTREE}" 0644 "$@"; }
dosym() {
    [[ $# -eq 2 ]] || die "dosym: needs TARGET LINK"
    mkdir -p "$(dirname "${IMAGE}/${2#/}")" && ln -snf "${1}" "${IMAGE}/${2#/}" || die "dosym ${1} ${2} failed"
}

emake() {
    edo make -j"${EXJOBS:-1}" "$@"
}

expatch() {
    [[ ${EBUILD_PHASE} == prepare ]] || die "expatch called in phase ${EBUILD_PHASE}"
    local level=-p1 p applied=0
    for p in "$@"; do
        case ${p} in
            -p+([0-9])) level=${p}; continue ;;
        esac
        if [[ -d ${p} ]]; then
            expatch "${level}" "${p}"/* || return 247
            (( applied++ ))
            continue
        fi
        echo "patch -s -f ${level} < ${p}" >&2
        patch -s -f "${level}" < "${p}" || paludis_die_unless_nonfatal "applying '${p}' failed" || return 247
        (( applied++ ))
    done
    (( applied > 0 )) || paludis_die_unless_nonfatal "No patches applied." || return 247
}

# ---------------------------------------------------------------- exlibs

exparam_var_name() { echo "EXPARAMVAR_${1//-/__dash__}"; }

# exparam outside an exlib; inside one, the alias set by `require` wins.
exparam() { die "exparam is banned outside exlibs"; }

exparam_internal() {
    local exlib=${1} mode=scalar target= name decls v index
    shift
    case ${1} in
        -b) mode=boolean; shift ;;
        -v) mode=assign; target=${2}; shift 2 ;;
    esac
    [[ $# -eq 1 ]] || die "exparam: expected one parameter name, got '$*'"
    name=${1%%\[*}
    decls=$(exparam_var_name "${exlib}")__ALLDECLS__
    v=$(exparam_var_name "${exlib}")_${name}
    if [[ ${1} == *\[*\] ]]; then
        has "${name}[]" ${!decls} || die "${exlib}.exlib has no ${name} array"
        index=${1#*\[}
        index=${index%\]}
        case ${index} in
            '#') eval "echo \"\${#${v}[@]}\"" ;;
            '*'|'@') eval "echo \"\${${v}[*]}\"" ;;
            +([0-9])) eval "echo \"\${${v}[${index}]}\"" ;;
            *) die "Invalid index in exparam ${1}" ;;
        esac
        return 0
    fi
    if has "${name}[]" ${!decls}; then
        [[ ${mode} == assign ]] || die "exparam: ${name} is an array of ${exlib}.exlib; use ${name}[*] or -v"
        eval "${target}=( \"\${${v}[@]}\" )"
        return 0
    fi
    has "${name}" ${!decls} || die "${exlib}.exlib has no ${name} parameter"
    case ${mode} in
        scalar) echo "${!v}" ;;
        assign) printf -v "${target}" '%s' "${!v}" ;;
        boolean)
            case ${!v} in
                true) return 0 ;;
                false) return 1 ;;
                *) die "${exlib}.exlib parameter ${name} must be true or false, not '${!v}'" ;;
            esac
            ;;
    esac
}

myexparam() {
    [[ -n ${CURRENT_EXLIB} ]] || die "myexparam called but CURRENT_EXLIB undefined"
    local boolean= decl name v decls
    if [[ ${1} == -b ]]; then
        boolean=yes
        shift
    fi
    decl=${1}
    name=${decl%%=*}
    decls=$(exparam_var_name "${CURRENT_EXLIB}")__ALLDECLS__
    v=$(exparam_var_name "${CURRENT_EXLIB}")_${name}
    if [[ ${decl} == *=\[ ]]; then
        printf -v "${decls}" '%s %s' "${!decls}" "${name}[]"
        shift
        local a=()
        while [[ $# -gt 1 ]]; do
            a+=( "${1}" )
            shift
        done
        [[ ${1} == "]" ]] || die "myexparam: array ${name} has no closing ]"
        [[ -n ${!v+set} ]] || eval "${v}=( \"\${a[@]}\" )"
        return 0
    fi
    printf -v "${decls}" '%s %s' "${!decls}" "${name}"
    if [[ -z ${!v+set} && ${decl} == *=* ]]; then
        printf -v "${v}" '%s' "${decl#*=}"
    fi
    if [[ -n ${boolean} && -n ${!v+set} && ${!v} != true && ${!v} != false ]]; then
        die "${CURRENT_EXLIB}.exlib parameter ${name} must be true or false, not '${!v}'"
    fi
}

export_exlib_phases() {
    [[ -n ${CURRENT_EXLIB} ]] || die "export_exlib_phases called but CURRENT_EXLIB undefined"
    local e
    for e in "$@"; do
        if [[ ${e} == builtin_* ]] || ! has "${e}" ${PALUDIS_EBUILD_FUNCTIONS}; then
            die "${e} should not be in export_exlib_phases for ${CURRENT_EXLIB}"
        fi
        eval "${e}() { ${CURRENT_EXLIB}_${e} \"\$@\" ; }"
    done
}

require() {
    local exlibs=() e= v a location dir old_exlib decls supplied
    # Parse `name [ key=value key=[ a b ] ] name2 ...`
    while [[ $# -gt 0 ]]; do
        if [[ ${1} == "[" ]]; then
            [[ -n ${e} ]] || die "\"[\" encountered with no preceding exlib"
            shift
            while [[ $# -gt 0 && ${1} != "]" ]]; do
                v=${1%%=*}
                [[ ${1} == *=* ]] || die "exlib parameter '${1}' for ${e} has no value"
                supplied=$(exparam_var_name "${e}")__ALL__
                if [[ ${1#*=} == "[" ]]; then
                    shift
                    a=()
                    while [[ $# -gt 0 && ${1} != "]" ]]; do
                        a+=( "${1}" )
                        shift
                    done
                    [[ ${1} == "]" ]] || die "array ${v} for ${e} has no closing ]"
                    eval "$(exparam_var_name "${e}")_${v}=( \"\${a[@]}\" )"
                    printf -v "${supplied}" '%s %s' "${!supplied}" "${v}[]"
                else
                    printf -v "$(exparam_var_name "${e}")_${v}" '%s' "${1#*=}"
                    printf -v "${supplied}" '%s %s' "${!supplied}" "${v}"
                fi
                shift
            done
            [[ ${1} == "]" ]] || die "\"[\" for ${e} has no closing \"]\""
        else
            e=${1}
            exlibs+=( "${e}" )
        fi
        shift
    done

    for e in "${exlibs[@]}"; do
        location=
        for dir in ${EXLIBSDIRS}; do
            [[ -f ${dir}/${e}.exlib ]] && location=${dir}/${e}.exlib
        done
        [[ -n ${location} ]] || die "Error finding exlib ${e} in ${EXLIBSDIRS}"

        old_exlib=${CURRENT_EXLIB}
        export CURRENT_EXLIB=${e}
        alias exparam="exparam_internal ${e}"

        # Bracket-merged variables: the exlib's own values are collected apart.
        for v in ${PALUDIS_BRACKET_MERGED_VARIABLES}; do
            local saved_${v}="${!v}" saved_set_${v}="${!v+set}"
            unset ${v}
        done
        for v in ${PALUDIS_ECLASS_MUST_NOT_SET_VARIABLES}; do
            local before_${v}="${!v}" before_set_${v}="${!v+set}"
        done

        source "${location}" || die "Error sourcing exlib ${e}"
        has "${e}" ${INHERITED} || export INHERITED="${INHERITED:+${INHERITED} }${e}"

        for v in ${PALUDIS_BRACKET_MERGED_VARIABLES}; do
            local merged=E_${v} mine saved=saved_${v} saved_set=saved_set_${v}
            mine=$(echo ${!v})
            [[ -n ${mine} ]] && printf -v "${merged}" '%s' "${!merged:+${!merged} }( ${mine} )"
            if [[ -n ${!saved_set} ]]; then
                printf -v "${v}" '%s' "${!saved}"
            else
                unset ${v}
            fi
        done
        for v in ${PALUDIS_ECLASS_MUST_NOT_SET_VARIABLES}; do
            local before=before_${v} before_set=before_set_${v}
            if [[ ${!v} != "${!before}" || ${!v+set} != "${!before_set}" ]]; then
                die "Variable '${v}' illegally set by ${location}"
            fi
        done

        decls=$(exparam_var_name "${e}")__ALLDECLS__
        for v in ${!decls}; do
            local value_var
            value_var=$(exparam_var_name "${e}")_${v%\[\]}
            if [[ -z ${!value_var+set} ]] && ! declare -p "${value_var}" &>/dev/null; then
                die "${e}.exlib requires a ${v%\[\]} parameter"
            fi
            if [[ ${v} == *\[\] ]]; then
                [[ $(declare -p "${value_var}") == "declare -a"* ]] \
                    || die "${e}.exlib requires an array ${v%\[\]} but got a scalar"
            else
                [[ $(declare -p "${value_var}") != "declare -a"* ]] \
                    || die "${e}.exlib requires a scalar ${v} parameter but got an array"
            fi
        done
        supplied=$(exparam_var_name "${e}")__ALL__
        for v in ${!supplied}; do
            has "${v}" ${!decls} || die "${e}.exlib takes no ${v%\[\]} parameter"
        done

        export CURRENT_EXLIB=${old_exlib}
        if [[ -n ${CURRENT_EXLIB} ]]; then
            alias exparam="exparam_internal ${CURRENT_EXLIB}"
        else
            unalias exparam
        fi
    done
}

default() {
    local f=default_src_${EBUILD_PHASE}
    [[ ${EBUILD_PHASE} == @(setup|pretend|preinst|postinst|prerm|postrm|config|info|nofetch) ]] \
        && f=default_pkg_${EBUILD_PHASE}
    [[ $(type -t "${f}") == function ]] || die "${f} is not a function"
    "${f}" "$@"
}

# ---------------------------------------------------------------- phase defaults

default_src_unpack() {
    [[ -n ${ARCHIVES} ]] && unpack --if-compressed ${ARCHIVES}
}
default_src_prepare() {
    if [[ -n ${DEFAULT_SRC_PREPARE_PATCHES[*]} ]]; then
        expatch "${DEFAULT_SRC_PREPARE_PATCHES[@]}"
    fi
}
default_src_configure() {
    [[ -x ${ECONF_SOURCE:-.}/configure ]] && die "econf is not modelled by this harness"
    return 0
}
default_src_compile() {
    if [[ -f Makefile || -f makefile || -f GNUmakefile ]]; then
        emake || die "emake failed"
    fi
}
default_src_test() {
    return 0
}
default_src_install() {
    if [[ -f Makefile || -f makefile || -f GNUmakefile ]]; then
        emake -j1 DESTDIR="${IMAGE}" "${DEFAULT_SRC_INSTALL_PARAMS[@]}" install
    else
        echo "No makefile found, not using emake install"
    fi
    local f
    for f in README* ChangeLog* AUTHORS* NEWS* TODO* "${DEFAULT_SRC_INSTALL_EXTRA_DOCS[@]}"; do
        [[ -s ${f} ]] && dodoc "${f}"
    done
    return 0
}
default_pkg_setup() { :; }
default_pkg_pretend() { :; }

src_unpack()    { default "$@"; }
src_prepare()   { default "$@"; }
src_configure() { default "$@"; }
src_compile()   { default "$@"; }
src_test()      { default "$@"; }
src_install()   { default "$@"; }
pkg_setup()     { default "$@"; }
pkg_pretend()   { default "$@"; }

# ---------------------------------------------------------------- loading

ebuild_load_exheres() {
    local v e_v
    [[ -f ${EXHERES} ]] || die "Exheres '${EXHERES}' is not a file"
    for v in ${EBUILD_METADATA_VARIABLES}; do
        unset ${v} E_${v}
    done
    source "${EXHERES}" || die "Error sourcing exheres '${EXHERES}'"
    for v in ${PALUDIS_BRACKET_MERGED_VARIABLES}; do
        e_v=E_${v}
        if [[ -z $(echo ${!v}) ]]; then
            printf -v "${v}" '%s' "${!e_v}"
        elif [[ -n ${!e_v} ]]; then
            printf -v "${v}" '%s' "( ${!v} ) ${!e_v}"
        fi
    done
    [[ -n ${SLOT} ]] || die "${EXHERES##*/} does not set SLOT"
}

ebuild_build_dirs() {
    local base=${PALUDIS_TMPDIR}/${CATEGORY}-${PNVR}
    export WORKBASE=${base}/work
    export TEMP=${base}/temp
    export IMAGE=${base}/image
    export HOME=${TEMP}
    export TMPDIR=${TEMP}
    export WORK=${WORKBASE}/${PNV}
}

ebuild_action_metadata() {
    PATH= ebuild_load_exheres
    local v
    for v in ${EBUILD_METADATA_VARIABLES}; do
        [[ -n ${!v+set} ]] && echo "${v}="$(echo ${!v})
    done
    return 0
}

ebuild_action_init() {
    local a
    for a in CATEGORY PN PV PNV PNVR FILES FETCHEDDIR EXLIBSDIRS PALUDIS_TMPDIR; do
        [[ -n ${!a} ]] || die "\$${a} unset or empty"
    done
    [[ -d ${FETCHEDDIR} ]] || die "\$FETCHEDDIR (\"${FETCHEDDIR}\") not a directory"
    [[ -d ${PALUDIS_TMPDIR} ]] || die "\$PALUDIS_TMPDIR (\"${PALUDIS_TMPDIR}\") not a directory"
    ebuild_build_dirs
    rm -rf "${PALUDIS_TMPDIR:?}/${CATEGORY}-${PNVR}" || die "Couldn't remove previous work"
    mkdir -p "${WORKBASE}" "${TEMP}" "${IMAGE}" || die "Couldn't create the build directories"
    ebuild_load_exheres
}

ebuild_action_load() {
    ebuild_build_dirs
    [[ -d ${WORKBASE} ]] || die "load: no \$WORKBASE (\"${WORKBASE}\"); run init first"
    ebuild_load_exheres
}

ebuild_run_phase() {
    local action=${1} func=src_${1}
    case ${action} in
        unpack) cd "${WORKBASE}" || die "cd to \${WORKBASE} (\"${WORKBASE}\") failed" ;;
        *)
            if [[ -d ${WORK} ]]; then
                cd "${WORK}" || die "cd to \${WORK} (\"${WORK}\") failed"
            else
                cd "${WORKBASE}" || die "cd to \${WORKBASE} (\"${WORKBASE}\") failed"
            fi
            ;;
    esac
    ebuild_section "Starting ${func}"
    "${func}"
    local status=$?
    (( status == 0 )) || die "${action} failed"
    ebuild_section "Done ${func}"
}

ebuild_main() {
    EXHERES=${1}
    shift
    [[ $# -gt 0 ]] || die "usage: ebuild.bash EXHERES ACTION..."
    [[ ${1} == metadata ]] || ebuild_section "Running ebuild phases $* as $(id -un):$(id -gn)..."
    local action
    for action in "$@"; do
        export EBUILD_PHASE=${action}
        case ${action} in
            metadata|init|load) "ebuild_action_${action}" ;;
            unpack|prepare|configure|compile|test|install) ebuild_run_phase "${action}" ;;
            *) die "Usage error: Unknown phase '${action}'" ;;
        esac
    done
    [[ ${1} == metadata ]] || ebuild_section "Completed ebuild phases $*"
}

ebuild_main "$@"
