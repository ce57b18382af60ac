// Reading an exheres (a bash script) just far enough to know where each
// top-level logical line begins and ends: a newline inside quotes, `$(...)`,
// `${...}`, `( ... )` (arrays, subshells), after a backslash or inside a
// here-document does not end one; a `#` comment does not open a quote.
//
// Used to find the DOWNLOADS, SUMMARY, HOMEPAGE, DESCRIPTION and `require`
// statements an inserted block goes after. Not a bash parser: `case`
// patterns inside `$(...)` and other rarities may confuse it, which at worst
// moves the insertion point.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cdf::exheres {

struct LogicalLine {
    std::size_t begin = 0;         // offset of its first byte (the start of a physical line)
    std::size_t end = 0;           // offset just past the newline that ends it, or the text's size
    std::uint32_t first_line = 0;  // 1-based physical line numbers
    std::uint32_t last_line = 0;
    bool ends_with_newline = true;  // false for a last line without '\n'

    std::string_view in(std::string_view text) const { return text.substr(begin, end - begin); }
};

// Every logical line of `text`, in order, blank and comment lines included.
// Throws BadInput (naming `path` and the opening line) when a quote,
// `$(`, `${` or `(` is still open at the end of the text.
std::vector<LogicalLine> logical_lines(std::string_view text, const std::string& path);

}  // namespace cdf::exheres
