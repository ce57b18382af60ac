# shellcheck shell=bash
# assert.bash: tiny assertion helpers for the shell tests under tests/paludis/.
#
#   t_eq EXPECTED ACTUAL WHAT        exact string equality (shows both and returns 1 on failure)
#   t_file_eq EXPECTED_FILE ACTUAL_FILE WHAT   byte equality (shows a diff)
#   t_grep FILE FIXED_STRING WHAT    FILE contains the line fragment
#   t_no_grep FILE FIXED_STRING WHAT FILE does not contain it
#   t_ok WHAT CMD...                 CMD succeeds
#   t_status EXPECTED WHAT CMD...    CMD exits with EXPECTED
#   t_done                           prints "N passed, M failed" and exits 0 or 1

T_PASSED=0
T_FAILED=0

t_pass() {
    (( T_PASSED++ ))
    echo "ok - $*"
}

t_failmsg() {
    (( T_FAILED++ ))
    echo "FAIL - $*"
}

t_eq() {
    if [[ ${1} == "${2}" ]]; then
        t_pass "${3}"
    else
        t_failmsg "${3}"
        echo "  expected: $(printf '%q' "${1}")"
        echo "  actual:   $(printf '%q' "${2}")"
        return 1
    fi
}

t_file_eq() {
    if cmp -s "${1}" "${2}"; then
        t_pass "${3}"
    else
        t_failmsg "${3}"
        diff -u "${1}" "${2}" | head -n 60
    fi
}

t_grep() {
    if grep -qF -- "${2}" "${1}"; then
        t_pass "${3}"
    else
        t_failmsg "${3}"
        echo "  '${2}' not found in ${1}; it holds:"
        sed 's/^/  | /' "${1}" | tail -n 40
    fi
}

t_no_grep() {
    if ! grep -qF -- "${2}" "${1}"; then
        t_pass "${3}"
    else
        t_failmsg "${3}"
        echo "  '${2}' unexpectedly found in ${1}:"
        grep -nF -- "${2}" "${1}" | sed 's/^/  | /' | head -n 10
    fi
}

t_ok() {
    local what=${1}
    shift
    if "$@"; then
        t_pass "${what}"
    else
        t_failmsg "${what} (status $?: $*)"
    fi
}

t_status() {
    local expected=${1} what=${2} status
    shift 2
    "$@"
    status=$?
    t_eq "${expected}" "${status}" "${what}"
}

t_done() {
    echo "${T_PASSED} passed, ${T_FAILED} failed"
    (( T_FAILED == 0 ))
    exit $?
}
