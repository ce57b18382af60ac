// Line differences and their unified rendering, as `diff -u` prints them.
//
// diff_lines() finds a shortest edit script with Myers' O(ND) algorithm in
// its linear-space form (the "middle snake" bisection), after stripping the
// common head and tail. Lines compare with their '\n': a last line without
// one differs from the same text with one, and is printed followed by
// "\ No newline at end of file", so that `patch` restores the exact bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cdf::exheres {

// The lines of `text`, each with its '\n' (the last may lack one). Empty text
// has no lines.
std::vector<std::string_view> split_lines(std::string_view text);

enum class EditKind { Equal, Delete, Insert };

// One line of the edit script. `a` indexes the old lines and `b` the new
// ones; for a Delete, `b` is the index of the next new line (and the reverse
// for an Insert), so that hunks know where they start.
struct Edit {
    EditKind kind;
    std::size_t a;
    std::size_t b;
    bool operator==(const Edit&) const = default;
};

// A shortest edit script turning `a` into `b`: Equal lines in order, and in
// each run of changes every Delete before every Insert.
std::vector<Edit> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b);

// "--- OLD_LABEL\n+++ NEW_LABEL\n" and "@@ -l,s +l,s @@" hunks with `context`
// lines of context (hunks closer than 2 * context lines are merged), or ""
// when the texts are equal. A side of one line is written "-l" without ",1";
// an empty side "-l,0" where l is the line before.
std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_label,
                         std::string_view new_label, std::size_t context = 3);

}  // namespace cdf::exheres
