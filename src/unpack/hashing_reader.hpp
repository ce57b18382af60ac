// Forwarding header (issue 13): moved to extract/hashing_reader.hpp; remove once nothing includes it.
#pragma once
#include "extract/hashing_reader.hpp"
namespace cdf::unpack {
using extract::HashingReader;
}
