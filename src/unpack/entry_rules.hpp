// Forwarding header (issue 13): moved to extract/entry_rules.hpp; remove once nothing includes it.
#pragma once
#include "extract/entry_rules.hpp"
#include "util/utf8.hpp"
namespace cdf::unpack {
using cdf::is_valid_utf8;
}
