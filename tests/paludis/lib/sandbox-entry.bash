#!/usr/bin/env bash
# sandbox-entry.bash: first thing run inside the build sandbox that
# phase-runner.bash makes (new network namespace, unprivileged user, clean
# environment). It checks that the sandbox really is one, says so in one line,
# then runs its arguments:
#
#     bash sandbox-entry.bash COMMAND [ARG...]
#
# Checks, each fatal (exit 121):
#   - the user is not root;
#   - the only network interface is `lo` (read from /proc/net/dev, which shows the
#     namespace of the reading process);
#   - with PR_PROBE_PORT set: a TCP connection to the loopback mirror that served
#     the distfiles (127.0.0.1:PR_PROBE_PORT) fails.

fail() {
    echo "sandbox-entry: $*" >&2
    exit 121
}

[[ $(id -u) != 0 ]] || fail "running as root: the phases must run unprivileged"

interfaces=()
while read -r line; do
    [[ ${line} == *:* ]] || continue
    name=${line%%:*}
    name=${name//[[:space:]]/}
    interfaces+=( "${name}" )
done < /proc/net/dev
[[ ${interfaces[*]} == lo ]] || fail "network interfaces present: ${interfaces[*]:-none} (expected only lo)"

probe="no probe"
if [[ -n ${PR_PROBE_PORT} ]]; then
    if (exec 3<>"/dev/tcp/127.0.0.1/${PR_PROBE_PORT}") 2>/dev/null; then
        fail "the loopback mirror 127.0.0.1:${PR_PROBE_PORT} is reachable from the sandbox"
    fi
    probe="mirror 127.0.0.1:${PR_PROBE_PORT} unreachable"
fi
unset PR_PROBE_PORT

echo "sandbox: user $(id -un):$(id -gn) (uid $(id -u)), network: lo only, ${probe}"
exec "$@"
