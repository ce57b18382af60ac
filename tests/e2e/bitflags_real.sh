#!/bin/bash
# End to end with a real crates.io download: bitflags-1.0.4.crate from the shared
# corpus (shared/corpus/crates/, beside the source tree) served unchanged from a
# one-crate local registry. Same way as registry_roundtrip.sh
# (tests/e2e/lib/roundtrip.bash); besides, the lockfile checksum and the
# .cargo-checksum.json `package` must be the crates.io checksum of that file, and
# the real crate's .gitignore and 0664 modes must come out as cargo vendor makes them.
# Exit 77 (skip) without cargo or without the corpus crate.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/roundtrip.bash"
rt_setup

CRATES_IO_SHA256=228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12
crate="$("$CDF_SOURCE_DIR/scripts/shared-dir" || true)/corpus/crates/bitflags-1.0.4.crate"
if [[ ! -f "$crate" ]]; then
    echo "SKIP: shared/corpus/crates/bitflags-1.0.4.crate not found (set CDF_SHARED_DIR)"
    exit 77
fi
[[ "$(sha256sum "$crate" | cut -d' ' -f1)" == "$CRATES_IO_SHA256" ]] ||
    rt_fail "$crate is not the crates.io bitflags-1.0.4.crate"

rt_step "one-crate local registry holding the real file"
rm -rf "$CDF_SCRATCH/registry" "$CDF_SCRATCH/program"
"$CDF_SOURCE_DIR/scripts/build-test-registry" --quiet --crate "$crate" "$CDF_SCRATCH/registry"
cmp "$crate" "$CDF_SCRATCH/registry/bitflags-1.0.4.crate"

mkdir -p "$CDF_SCRATCH/program/src"
cat >"$CDF_SCRATCH/program/Cargo.toml" <<'TOML'
[package]
name = "uses-bitflags"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
bitflags = "=1.0.4"

[workspace]
TOML
cat >"$CDF_SCRATCH/program/src/main.rs" <<'RUST'
#[macro_use]
extern crate bitflags;

bitflags! {
    struct Mode: u32 {
        const READ = 0b100;
        const WRITE = 0b010;
        const EXEC = 0b001;
    }
}

fn main() {
    let m = Mode::READ | Mode::WRITE;
    println!("{:?} {:o}", m, m.bits());
}
RUST

rt_roundtrip "$CDF_SCRATCH/work" "$CDF_SCRATCH/registry" "$CDF_SCRATCH/program" "READ | WRITE 6"

W="$CDF_SCRATCH/work"
grep -qx "checksum = \"$CRATES_IO_SHA256\"" "$W/prog/Cargo.lock" ||
    rt_fail "Cargo.lock does not carry the crates.io checksum"
grep -qF "\"package\":\"$CRATES_IO_SHA256\"}" "$W/vendor/bitflags-1.0.4/.cargo-checksum.json" ||
    rt_fail ".cargo-checksum.json does not carry the crates.io checksum"
[[ ! -e "$W/vendor/bitflags-1.0.4/.gitignore" ]] || rt_fail ".gitignore was kept"
rt_done
