// Splitting and checking the space-separated fields of line-oriented files.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cdf {

// True when `value` is non-empty and every byte is printable ASCII other than
// space, quotes, '$', '`', '\\', ';', '&', '|', '<', '>', '(', ')', '{', '}',
// '*', '?', '!' and '#' ... except those listed in `also_allowed`.
// Such a value can be written into an exheres or a shell word unquoted.
bool is_safe_word(std::string_view value, std::string_view also_allowed = {});

struct Field {
    std::string_view text;
    std::uint32_t column;  // 1-based
};
// Splits on single spaces; an empty field (two spaces, leading or trailing
// space) comes back as an empty text.
std::vector<Field> split_fields(std::string_view line);
// The same into `out` (cleared first), whose capacity a loop over many lines
// reuses.
void split_fields(std::string_view line, std::vector<Field>& out);

}  // namespace cdf
