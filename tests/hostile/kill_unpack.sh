#!/bin/bash
# Kill test: SIGKILL `cargo-distfiles unpack` at random moments of a large
# unpack (200 generated crates, ~80 MiB unpacked, ~8000 files; see
# make_hostile_crates.py `many`), then check that
#   - right after the kill, every crate folder cargo could read (non-dot) is
#     complete: byte for byte, mode and mtime the folder of a clean run (no
#     partial crate under a final name), and the cargo config is either absent
#     or complete;
#   - a re-run (itself killed once more at a random moment in every other
#     round) ends with status 0 and a vendor folder identical to a clean run's:
#     the same listing (type, mode, mtime, sha256 of every file, no leftover
#     .cdf-tmp-* folder) and `diff -r` silent; the same cargo config.
# Rounds: $CDF_KILL_ROUNDS (default 6, what the CI gate runs; every other
# round kills twice; scripts/test --long runs 40). Delays are drawn uniformly
# from [0, 1.1 x the clean run's time] with the seed $CDF_KILL_SEED (default
# a fixed one, so that the gate draws the same fractions every run;
# `random` draws one, printed, so that a failure can be replayed).
set -euo pipefail
: "${CDF_BINARY:?CDF_BINARY must name the cargo-distfiles binary}"
: "${CDF_SCRATCH:?CDF_SCRATCH must name a scratch folder}"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v python3 >/dev/null || { echo "SKIP: python3 is missing"; exit 77; }
umask 022
rounds=${CDF_KILL_ROUNDS:-6}
seed=${CDF_KILL_SEED:-20260401}
[[ "$seed" == random ]] && seed=$((RANDOM * 32768 + RANDOM))
echo "kill test: $rounds rounds, seed $seed (CDF_KILL_SEED=$seed replays them)"

rm -rf "$CDF_SCRATCH"
mkdir -p "$CDF_SCRATCH"
# The work goes to a tmpfs when one has room (CDF_KILL_TMPDIR, default
# /dev/shm): SIGKILL leaves the page cache as it was, so what is tested (the
# process dying between two system calls) is the same as on a disk, and
# creating and deleting ~200000 files over the rounds is ten times faster
# (on a disk mounted with `discard`, deleting one vendor folder takes 3 s).
s=""
tmp=${CDF_KILL_TMPDIR:-/dev/shm}
if [[ -d "$tmp" && -w "$tmp" ]] && (( $(df -Pk "$tmp" | awk 'NR == 2 { print $4 }') > 400 * 1024 )); then
    s=$(mktemp -d "$tmp/cdf-kill-XXXXXX")
    trap 'rm -rf "$s"' EXIT
    echo "working in $s (tmpfs; kept only on failure, in $CDF_SCRATCH)"
else
    s=$(cd "$CDF_SCRATCH" && pwd -P)
fi
python3 "$here/make_hostile_crates.py" many "$s/input" 200 20260401
listing() { python3 "$here/make_hostile_crates.py" listing "$1" --mtime; }
# unpack VENDOR CONFIG [DELAY]: with DELAY, SIGKILL it DELAY seconds after
# the start (status 137), unless it ended before. Not `timeout -s KILL`: that
# kills its own process group, itself included, and may return while the
# unpacker is still being torn down (still holding its lock on the folder).
# `wait` returns only once the killed process is gone.
unpack() {
    local cmd=("$CDF_BINARY" unpack --manifest "$s/input/manifest" --distdir "$s/input/dist" --vendor "$1"
        --cargo-config "$2")
    [[ -n "${3:-}" ]] || { "${cmd[@]}"; return; }
    local pid killer status=0
    "${cmd[@]}" &
    pid=$!
    (sleep "$3"; kill -KILL "$pid" 2>/dev/null) &
    killer=$!
    wait "$pid" || status=$?
    kill "$killer" 2>/dev/null || true
    wait "$killer" 2>/dev/null || true
    return $status
}

# The clean run writes where the others will (the config names the folder).
t0=$(date +%s.%N)
unpack "$s/vendor" "$s/config.toml"
t1=$(date +%s.%N)
mv "$s/vendor" "$s/clean"
mv "$s/config.toml" "$s/clean.toml"
clean_time=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
listing "$s/clean" >"$s/clean.listing"
crates=$(find "$s/clean" -mindepth 1 -maxdepth 1 -type d | wc -l)
echo "clean run: $clean_time s, $crates crates, $(wc -l <"$s/clean.listing") entries"
[[ "$crates" == 200 ]] || { echo "FAIL: the clean run made $crates crate folders, not 200"; exit 1; }

# Delays for every kill, from the seed.
mapfile -t delays < <(python3 -c "
import random, sys
r = random.Random($seed)
for _ in range(2 * $rounds):
    print(f'{r.uniform(0, 1.1 * $clean_time):.3f}')")

failures=0
fail() { echo "FAIL round $round: $*"; failures=$((failures + 1)); }
done_counts=()
for ((round = 1; round <= rounds; round++)); do
    v=$s/vendor
    rm -rf "$v" "$s/config.toml"
    d1=${delays[$((2 * round - 2))]}
    status=0
    unpack "$v" "$s/config.toml" "$d1" 2>"$s/kill.stderr" || status=$?
    [[ $status == 0 || $status == 137 ]] || { fail "killed run ended with status $status: $(head -c 300 "$s/kill.stderr")"; continue; }

    # Right after the kill: complete crates only (every non-dot folder is the
    # clean run's, entry for entry), a complete config or none.
    complete=0
    if [[ -d "$v" ]]; then
        listing "$v" | awk '$NF !~ /^\./' >"$s/killed.listing"
        awk '{ split($NF, p, "/"); print p[1] }' "$s/killed.listing" | sort -u >"$s/killed.tops"
        complete=$(wc -l <"$s/killed.tops")
        awk 'NR == FNR { top[$0] = 1; next } { split($NF, p, "/"); if (p[1] in top) print }' \
            "$s/killed.tops" "$s/clean.listing" >"$s/clean.subset"
        if ! diff "$s/clean.subset" "$s/killed.listing" >"$s/killed.diff"; then
            fail "after the kill at $d1 s, a crate folder under its final name is not the clean run's:"
            head -n 10 "$s/killed.diff" | sed 's/^/    /'
        fi
    fi
    if [[ -e "$s/config.toml" ]] && ! cmp -s "$s/config.toml" "$s/clean.toml"; then
        fail "after the kill at $d1 s, the cargo config is partial"
    fi
    killed_how="killed at $d1 s (status $status) with $complete crates complete"

    # Every other round, kill the re-run too.
    if ((round % 2 == 0)); then
        d2=${delays[$((2 * round - 1))]}
        status=0
        unpack "$v" "$s/config.toml" "$d2" 2>"$s/kill2.stderr" || status=$?
        [[ $status == 0 || $status == 137 ]] || fail "second killed run ended with status $status: $(head -c 300 "$s/kill2.stderr")"
        killed_how+=", then at $d2 s (status $status)"
    fi

    status=0
    unpack "$v" "$s/config.toml" 2>"$s/rerun.stderr" || status=$?
    [[ $status == 0 ]] || fail "the re-run ended with status $status: $(head -c 300 "$s/rerun.stderr")"
    if ! diff -r "$s/clean" "$v" >"$s/diff.out" 2>&1; then
        fail "diff -r against the clean run:"; head -n 10 "$s/diff.out" | sed 's/^/    /'
    fi
    if ! diff <(cat "$s/clean.listing") <(listing "$v") >"$s/listing.diff"; then
        fail "listing (types, modes, mtimes, hashes) differs from the clean run's:"
        head -n 10 "$s/listing.diff" | sed 's/^/    /'
    fi
    cmp -s "$s/config.toml" "$s/clean.toml" || fail "the cargo config differs from the clean run's"
    done_counts+=("$complete")
    echo "round $round: $killed_how; re-run identical"
done

echo "crates complete at the first kill of each round: ${done_counts[*]}"
if ((failures > 0)); then
    echo "$failures failure(s); replay with CDF_KILL_SEED=$seed"
    if [[ "$s" != "$CDF_SCRATCH"* ]]; then
        cp -a "$s/." "$CDF_SCRATCH/" && echo "work folder copied to $CDF_SCRATCH"
    fi
    exit 1
fi
echo "all $rounds rounds: vendor folder identical to a clean run's after every kill"
