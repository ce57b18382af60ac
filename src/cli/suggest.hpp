// "Did you mean": the closest of a few known words to a mistyped one.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdf::cli {

// Levenshtein distance (insert, delete, substitute, swap of neighbours).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` when it is near enough to be a typo
// (at most 2 edits, or a third of the word's length, or a prefix of one
// candidate only); ties go to the first candidate.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace cdf::cli
