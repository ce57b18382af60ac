// JSON output.
#pragma once

#include <string>
#include <string_view>

namespace cdf {

// A JSON string literal, quotes included, escaped as serde_json does (so
// byte for byte as cargo writes .cargo-checksum.json): '"', '\\', \b \f \n
// \r \t, other control characters as \u00XX (lowercase hex), everything else
// (DEL and non-ASCII included) as is.
std::string json_string(std::string_view text);

}  // namespace cdf
