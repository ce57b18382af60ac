// Forwarding header (issue 13): moved to extract/crate_extractor.hpp; remove once nothing includes it.
#pragma once
#include "extract/crate_extractor.hpp"
namespace cdf::unpack {
using extract::extract_crate;
using extract::FileHashes;
}  // namespace cdf::unpack
