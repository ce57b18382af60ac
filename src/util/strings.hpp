// Small string helpers, each written once for the whole program.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cdf {

inline bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

inline bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// ASCII lowercase; other bytes unchanged.
std::string lower(std::string_view s);

// Every occurrence of `from` (not empty) replaced, left to right.
void replace_all(std::string& s, std::string_view from, std::string_view to);

// The pieces between separators: split("a..b", '.') is {"a", "", "b"},
// split("", '.') is {""}.
std::vector<std::string_view> split(std::string_view s, char separator);

// Lowercase hexadecimal digits only (and not empty).
bool is_lower_hex(std::string_view s);

// '/'-separated relative paths: "a" + "b" is "a/b", "" + "b" is "b".
std::string join_path(std::string_view dir, std::string_view name);

}  // namespace cdf
