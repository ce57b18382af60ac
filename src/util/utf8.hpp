// UTF-8 validation.
#pragma once

#include <string_view>

namespace cdf {

// True for strictly valid UTF-8 (no overlong forms, no surrogates, nothing
// above U+10FFFF).
bool is_valid_utf8(std::string_view text);

}  // namespace cdf
