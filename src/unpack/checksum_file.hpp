// Forwarding header (issue 13): moved to cargo/checksum_file.hpp; remove once nothing includes it.
#pragma once
#include "cargo/checksum_file.hpp"
namespace cdf::unpack {
using cargo::checksum_file_matches;
using cargo::ChecksumMode;
using cargo::kChecksumFileName;
using cargo::render_checksum_file;
}  // namespace cdf::unpack
