// Cross-checking a source tree's own Cargo.lock against the manifest, before
// anything is unpacked: every package the lockfile needs from a registry or
// a git repository must be in the manifest (same name, version and source,
// the two crates.io ids being one source), with the same checksum when both
// have one. A version bump without regenerating the manifest shows up here
// instead of as a confusing cargo error later.
#pragma once

#include <string>

#include "lock/package.hpp"
#include "manifest/manifest.hpp"

namespace cdf::unpack {

// Throws CheckFailed (located at the lockfile) listing every package that is
// missing from the manifest or has a different checksum there.
void check_lock_against_manifest(const lock::Lockfile& lock, const manifest::Manifest& manifest,
                                 const std::string& manifest_path);

}  // namespace cdf::unpack
