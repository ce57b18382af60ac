// The ArchiveUnpacker for registry crates: one .crate, one crate.
//
// Extracts into a temporary folder (crate_extractor.hpp) while hashing the
// .crate, compares the hash with the manifest's, and writes
// .cargo-checksum.json. A mismatch is a CheckFailed error naming the
// distfile, the expected and the actual hash; it wins over any other error
// of the same archive (a damaged download often fails to unpack too).
// Unverified crates are unpacked with a warning.
#pragma once

#include <string>
#include <vector>

#include "unpack/unpack.hpp"

namespace cdf::unpack {

std::vector<FinishedCrate> unpack_registry_crate(const ArchiveJob& job, const JobContext& context);

// Writes `content` to `path` (replacing any file there, mode 0644 less the
// umask), without fsync: for files inside a temporary folder that becomes
// visible only by being renamed.
void write_plain_file(const std::filesystem::path& path, std::string_view content);

}  // namespace cdf::unpack
