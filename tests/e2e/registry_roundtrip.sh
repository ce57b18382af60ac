#!/bin/bash
# End to end against real cargo, without crates.io: Debian's crate sources
# (/usr/share/cargo/registry, see scripts/install-test-deps) packed into a cargo
# local-registry; fixtures/sample-program locked against it; its DOWNLOADS block
# from `cargo-distfiles generate` fetched from a loopback server laid out like
# static.crates.io; `cargo-distfiles unpack` must write exactly what
# `cargo vendor --versioned-dirs --respect-source-config` writes (diff -r, modes),
# and the program must build offline and frozen from it and print its line.
# Steps and checks: tests/e2e/lib/roundtrip.bash. Exit 77 (skip) only without cargo.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/roundtrip.bash"
rt_setup

DEBIAN_CRATES=/usr/share/cargo/registry
if [[ ! -d "$DEBIAN_CRATES" ]] || (($(ls "$DEBIAN_CRATES" | wc -l) < 20)); then
    rt_fail "Debian crate sources missing under $DEBIAN_CRATES: run scripts/install-test-deps"
fi

rt_step "build the local registry from $DEBIAN_CRATES (cached in $CDF_SCRATCH/registry)"
"$CDF_SOURCE_DIR/scripts/build-test-registry" "$CDF_SCRATCH/registry"

rt_roundtrip "$CDF_SCRATCH/work" "$CDF_SCRATCH/registry" \
    "$CDF_SOURCE_DIR/fixtures/sample-program" "vendored+crates+work 6 3 true"
rt_done
