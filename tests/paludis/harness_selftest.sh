#!/bin/bash
# The paludis stand-in itself (tests/paludis/lib/): a toy repository with two
# exlibs (one requiring the other) and a few exheres, run through metadata,
# fetch and the phases. Checks, against exact output:
#   - DOWNLOADS parsing: arrows, `flag? ( )`, `!flag? ( )`, `platform:amd64? ( )`
#     groups, labels, mirror:// through metadata/mirrors.conf (second mirror used
#     when the first lacks the file), duplicates, and the errors it must refuse;
#   - exlib semantics: require with scalar, boolean and array parameters,
#     defaults, nested require, export_exlib_phases, default, DEPENDENCIES and
#     MYOPTIONS bracket-merging, INHERITED; the deaths for a missing or unknown
#     parameter, exparam outside an exlib, a non-phase export, PLATFORMS set by an
#     exlib; and bash's rule that $(exparam ...) inside an exlib function is not
#     alias-expanded (it dies at phase time, as under paludis);
#   - unpack --if-compressed skips .crate and unknown files; die ends the run
#     even from a command substitution; nonfatal; esandbox without sydbox;
#   - the sandbox: phases run as nobody, without network (the mirror is
#     unreachable), FETCHEDDIR is read-only to them; the image holds what
#     src_install put there.
# Needs no cargo and no cargo-distfiles. Skips (77) where no sandbox can be made.
set -u
LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/lib" && pwd)
source "${LIB}/assert.bash"
source "${LIB}/phase-runner.bash"

: "${CDF_SCRATCH:?CDF_SCRATCH must name a scratch folder}"
rm -rf "${CDF_SCRATCH}"
mkdir -p "${CDF_SCRATCH}"
trap pr_cleanup EXIT
pr_init "${CDF_SCRATCH}/pr"

REPO=${PR_ROOT}/repo
MIRROR=${CDF_SCRATCH}/mirror
mkdir -p "${REPO}/exlibs" "${REPO}/metadata" "${REPO}/packages/test-cat/toy" "${MIRROR}"

# ---------------------------------------------------------------- the toy repository

cat > "${REPO}/metadata/mirrors.conf" <<'EOF'
# name  urls
toymirror https://mirror-a.example.net/toy/ https://mirror-b.example.net/toy
EOF

cat > "${REPO}/exlibs/inner.exlib" <<'EOF'
myexparam level=1
exparam -v INNER_LEVEL level
DEPENDENCIES="run: dev-libs/inner"
inner_describe() {
    local lvl
    exparam -v lvl level
    echo "inner level=${lvl}"
}
EOF

cat > "${REPO}/exlibs/toy.exlib" <<'EOF'
myexparam greeting=hello
myexparam who
myexparam -b loud=false
myexparam colours=[ red green ]

require inner [ level=2 ]

exparam -v TOY_WHO who
TOY_GREETING=$(exparam greeting)

DEPENDENCIES="build: dev-util/toy-tools"
MYOPTIONS="toyflag"

export_exlib_phases src_unpack src_compile

toy_src_unpack() {
    default
    local w g c
    exparam -v w who
    exparam -v g greeting
    exparam -v c colours
    echo "toy_src_unpack: who=${w} greeting=${g} colours=${c[*]} global=${TOY_GREETING}/${TOY_WHO}"
    echo -n "toy_src_unpack: colour count="
    exparam colours[#]
    echo -n "toy_src_unpack: first colour="
    exparam colours[0]
    if exparam -b loud; then echo "toy_src_unpack: loud"; else echo "toy_src_unpack: quiet"; fi
    inner_describe
}

toy_src_compile() {
    printf '#!/bin/sh\necho "%s, %s"\n' "${TOY_GREETING}" "${TOY_WHO}" > toy.sh
    chmod +x toy.sh
    echo "toy_src_compile: wrote toy.sh in ${PWD}"
}
EOF

cat > "${REPO}/packages/test-cat/toy/toy-1.0.exheres-0" <<'EOF'
# Copyright 2026 Nobody <nobody@example.org>
# Distributed under the terms of the GNU General Public License v2

require toy [ who=world loud=true colours=[ blue ] ]

SUMMARY="A toy for the harness"
HOMEPAGE="https://example.org/toy"
DOWNLOADS="
    https://example.org/dist/${PNV}.tar.gz
    https://example.org/dist/data.bin -> ${PNV}-data.bin
    toyflag? ( https://example.org/dist/extra-${PV}.tar.gz )
    !toyflag? ( https://example.org/dist/never-${PV}.tar.gz )
    platform:amd64? ( mirrors-first: mirror://toymirror/pool/${PNV}.crate )
    listed-only: https://example.org/dist/${PNV}.tar.gz
"

LICENCES="|| ( MIT Apache-2.0 )"
SLOT="0"
PLATFORMS="~amd64"
MYOPTIONS="toyflag"

DEPENDENCIES="
    build+run:
        dev-libs/foo
"

WORK=${WORKBASE}/toy-src

src_prepare() {
    default
    echo "src_prepare: in ${PWD##*/}, user $(id -un)"
    if touch "${FETCHEDDIR}/written-by-the-build" 2>/dev/null; then
        echo "src_prepare: FETCHEDDIR is writable"
    else
        echo "src_prepare: FETCHEDDIR is read-only"
    fi
    nonfatal edo false
    echo "src_prepare: nonfatal edo false returned $?"
}

src_configure() {
    esandbox allow_net "LOOPBACK@80" && esandbox allow "${WORKBASE}" && esandbox disable_net \
        && echo "src_configure: esandbox commands are no-ops"
    esandbox check || echo "src_configure: not under sydbox"
}

src_install() {
    dobin toy.sh
    dodoc README
}
EOF

# Distfiles on the loopback mirror, laid out by host.
mkdir -p "${CDF_SCRATCH}/src/toy-src" "${MIRROR}/example.org/dist" "${MIRROR}/mirror-b.example.net/toy/pool"
echo "the toy's readme" > "${CDF_SCRATCH}/src/toy-src/README"
tar -C "${CDF_SCRATCH}/src" -czf "${MIRROR}/example.org/dist/toy-1.0.tar.gz" toy-src
mkdir -p "${CDF_SCRATCH}/src/extra"
echo extra > "${CDF_SCRATCH}/src/extra/EXTRA"
tar -C "${CDF_SCRATCH}/src" -czf "${MIRROR}/example.org/dist/extra-1.0.tar.gz" extra
printf 'binary data\n' > "${MIRROR}/example.org/dist/data.bin"
printf 'not really a crate\n' > "${MIRROR}/mirror-b.example.net/toy/pool/toy-1.0.crate"
pr_mirror_start "${MIRROR}"

# ---------------------------------------------------------------- DOWNLOADS parsing

PR_OPTIONS="platform:amd64 toyflag"
pr_metadata "${REPO}/packages/test-cat/toy/toy-1.0.exheres-0"
t_eq "( build+run: dev-libs/foo ) ( run: dev-libs/inner ) ( build: dev-util/toy-tools )" \
    "${PR_META[DEPENDENCIES]}" "DEPENDENCIES: the exheres' own, then each exlib's, bracket-merged"
t_eq "( toyflag ) ( toyflag )" "${PR_META[MYOPTIONS]}" "MYOPTIONS bracket-merged"
t_eq "inner toy" "${PR_META[INHERITED]}" "INHERITED lists the nested exlib first"
t_eq "~amd64" "${PR_META[PLATFORMS]}" "PLATFORMS"
t_eq "|| ( MIT Apache-2.0 )" "${PR_META[LICENCES]}" "LICENCES"

pr_parse_downloads "${PR_META[DOWNLOADS]}"
t_eq "toy-1.0.tar.gz toy-1.0-data.bin extra-1.0.tar.gz toy-1.0.crate" "${PR_ARCHIVES}" \
    "ARCHIVES with toyflag: arrow name, toyflag group, platform group, duplicate dropped"
t_eq "default default default mirrors-first listed-only" "${PR_DL_LABEL[*]}" "labels apply within their group"

PR_OPTIONS="platform:armv8"
pr_parse_downloads "${PR_META[DOWNLOADS]}"
t_eq "toy-1.0.tar.gz toy-1.0-data.bin never-1.0.tar.gz" "${PR_ARCHIVES}" \
    "ARCHIVES without toyflag on armv8: !toyflag group in, platform group out"
PR_OPTIONS="platform:amd64 toyflag"

parse_error() {  # parse_error DOWNLOADS: prints pr_fail's message
    ( pr_parse_downloads "${1}" ) 2>&1
}
t_eq "phase-runner: DOWNLOADS: two entries save under a.crate: https://x.org/1/a.crate and https://y.org/2/a.crate" \
    "$(parse_error "https://x.org/1/a.crate https://y.org/2/a.crate")" "two URLs under one name refused"
t_eq "phase-runner: DOWNLOADS: 'foo?' not followed by '('" \
    "$(parse_error "foo? https://x.org/a")" "condition without a group refused"
t_eq "phase-runner: DOWNLOADS: unknown label 'bogus:'" \
    "$(parse_error "bogus: https://x.org/a")" "unknown label refused"
t_eq "phase-runner: DOWNLOADS: '(' without ')'" \
    "$(parse_error "( https://x.org/a")" "unclosed group refused"
t_eq "phase-runner: DOWNLOADS: '||' is not allowed" \
    "$(parse_error "|| ( https://x.org/a https://x.org/b )")" "|| refused"
t_eq "phase-runner: DOWNLOADS: bad name after 'https://x.org/a ->'" \
    "$(parse_error "https://x.org/a -> sub/dir")" "arrow to a path refused"

# ---------------------------------------------------------------- fetch and phases

pr_build "${REPO}/packages/test-cat/toy/toy-1.0.exheres-0" > "${CDF_SCRATCH}/toy.out" 2>&1
t_eq 0 $? "toy-1.0 builds"
OUT=${CDF_SCRATCH}/toy.out
t_grep "${OUT}" "fetched toy-1.0.crate <- https://mirror-b.example.net/toy/pool/toy-1.0.crate" \
    "mirror:// expanded; the second mirror served what the first lacked"
t_grep "${OUT}" "fetched toy-1.0-data.bin <- https://example.org/dist/data.bin" "arrow: saved under its name"
t_file_eq "${MIRROR}/example.org/dist/data.bin" "${PR_FETCHEDDIR}/toy-1.0-data.bin" "fetched bytes"
t_grep "${OUT}" "sandbox: user nobody:" "phases run as nobody"
t_grep "${OUT}" ", network: lo only, mirror 127.0.0.1:${PR_MIRROR_PORT} unreachable" "phases run without network"
t_grep "${OUT}" "=== Running ebuild phases init unpack prepare configure compile as nobody:" "build phase group"
t_grep "${OUT}" "=== Running ebuild phases load install as nobody:" "install phase group"
t_grep "${OUT}" "Skipping unpack for ${PR_FETCHEDDIR}/toy-1.0.crate" "unpack --if-compressed skips .crate"
t_grep "${OUT}" "Skipping unpack for ${PR_FETCHEDDIR}/toy-1.0-data.bin" "unpack --if-compressed skips unknown files"
t_grep "${OUT}" "toy_src_unpack: who=world greeting=hello colours=blue global=hello/world" \
    "exparam -v: supplied, default, array; globals read at source time"
t_grep "${OUT}" "toy_src_unpack: colour count=1" "exparam name[#]"
t_grep "${OUT}" "toy_src_unpack: first colour=blue" "exparam name[0]"
t_grep "${OUT}" "toy_src_unpack: loud" "exparam -b"
t_grep "${OUT}" "inner level=2" "nested exlib keeps its own parameters"
t_grep "${OUT}" "src_prepare: in toy-src, user nobody" "src_prepare runs in the exheres' WORK"
t_grep "${OUT}" "src_prepare: FETCHEDDIR is read-only" "FETCHEDDIR is read-only to the phases"
t_grep "${OUT}" "src_prepare: nonfatal edo false returned 247" "nonfatal"
t_grep "${OUT}" "src_configure: esandbox commands are no-ops" "esandbox allow/disable_net succeed without sydbox"
t_grep "${OUT}" "src_configure: not under sydbox" "esandbox check fails without sydbox"
t_grep "${OUT}" "toy_src_compile: wrote toy.sh in ${PR_WORKBASE}/toy-src" "exported src_compile ran in WORK"
t_ok "extra archive unpacked in WORKBASE" test -f "${PR_WORKBASE}/extra/EXTRA"
t_ok "the image holds the installed program" test -x "${PR_IMAGE}/usr/x86_64-pc-linux-gnu/bin/toy.sh"
t_file_eq "${CDF_SCRATCH}/src/toy-src/README" "${PR_IMAGE}/usr/share/doc/toy-1.0/README" "dodoc"
t_eq "hello, world" "$(pr_sandboxed -- "${PR_IMAGE}/usr/x86_64-pc-linux-gnu/bin/toy.sh" | tail -n 1)" \
    "the installed program runs in the sandbox"
# Phase order, exactly.
t_eq "=== Starting src_unpack
=== Done src_unpack
=== Starting src_prepare
=== Done src_prepare
=== Starting src_configure
=== Done src_configure
=== Starting src_compile
=== Done src_compile
=== Starting src_install
=== Done src_install" "$(grep -E '^=== (Starting|Done) src_' "${OUT}")" "phase order"

# ---------------------------------------------------------------- deaths

# bad_exheres NAME BODY: writes packages/test-cat/bad/bad-NAME.exheres-0
mkdir -p "${REPO}/packages/test-cat/bad"
bad_exheres() {
    printf '%s\n' "${2}" 'SUMMARY="bad"' 'LICENCES="MIT"' 'SLOT="0"' 'PLATFORMS="~amd64"' \
        > "${REPO}/packages/test-cat/bad/bad-${1}.exheres-0"
    echo "${REPO}/packages/test-cat/bad/bad-${1}.exheres-0"
}
die_message() {  # the message line of a die report on stdin
    awk '/^!!! In /{ getline; print; exit }'
}
metadata_error() {  # the die message of a failing metadata run
    ( pr_metadata "${1}" ) 2>&1 | die_message
}

t_eq "!!! toy.exlib requires a who parameter" \
    "$(metadata_error "$(bad_exheres 1 'require toy')")" "missing exlib parameter"
t_eq "!!! toy.exlib takes no bogus parameter" \
    "$(metadata_error "$(bad_exheres 2 'require toy [ who=x bogus=1 ]')")" "unknown exlib parameter"
t_eq "!!! exparam is banned outside exlibs" \
    "$(metadata_error "$(bad_exheres 3 'require toy [ who=x ]
X=$(exparam who)')")" "exparam outside an exlib"
t_eq "!!! Error finding exlib nosuch in ${PR_EXTRA_EXLIBSDIRS:+${PR_EXTRA_EXLIBSDIRS} }${REPO}/exlibs ${REPO}/packages/test-cat/bad" \
    "$(metadata_error "$(bad_exheres 4 'require nosuch')")" "unknown exlib"

cat > "${REPO}/exlibs/badexport.exlib" <<'EOF'
export_exlib_phases src_unpack src_frobnicate
EOF
t_eq "!!! src_frobnicate should not be in export_exlib_phases for badexport" \
    "$(metadata_error "$(bad_exheres 5 'require badexport')")" "export of a non-phase"

cat > "${REPO}/exlibs/badplatforms.exlib" <<'EOF'
PLATFORMS="~amd64"
EOF
t_eq "!!! Variable 'PLATFORMS' illegally set by ${REPO}/exlibs/badplatforms.exlib" \
    "$(metadata_error "$(bad_exheres 6 'require badplatforms')")" "PLATFORMS set by an exlib"

cat > "${REPO}/exlibs/comsub.exlib" <<'EOF'
myexparam greeting=hi
export_exlib_phases src_unpack
comsub_src_unpack() {
    echo "greeting is $(exparam greeting)"
}
EOF
t_eq "!!! exparam is banned outside exlibs" \
    "$(pr_phases "$(bad_exheres 7 'require comsub')" init unpack 2>&1 | die_message)" \
    "\$(exparam) inside an exlib function is not alias-expanded"

DIE=$(bad_exheres 8 'src_unpack() {
    local x=$(die "deliberate death in a command substitution")
    echo "still alive after the command substitution"
}')
pr_phases "${DIE}" init unpack > "${CDF_SCRATCH}/die.out" 2>&1
t_eq 1 $? "die in a command substitution fails the run"
t_grep "${CDF_SCRATCH}/die.out" "!!! ERROR in test-cat/bad-8:" "die names the package"
t_grep "${CDF_SCRATCH}/die.out" "!!! deliberate death in a command substitution" "die prints its message"
t_no_grep "${CDF_SCRATCH}/die.out" "still alive" "die in \$( ) ends the phase"
t_no_grep "${CDF_SCRATCH}/die.out" "=== Done src_unpack" "no phase completes after die"

NOPE=$(bad_exheres 9 'src_unpack() { echo x > thing.weird; unpack ./thing.weird; }')
t_eq "!!! Don't know how to unpack ./thing.weird" \
    "$(pr_phases "${NOPE}" init unpack 2>&1 | die_message)" \
    "unpack without --if-compressed refuses unknown files"

t_done
