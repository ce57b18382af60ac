#include "util/fields.hpp"

#include <algorithm>
#include <cstdint>

namespace cdf {

namespace {

constexpr std::string_view kShellCharacters = " \"'$`\\;&|<>(){}*?!#[]";

// 1 for bytes that are always fine, 2 for shell characters (fine only when
// allowed by the caller), 0 for spaces, control and non-ASCII bytes.
struct ByteClasses {
    unsigned char of[256] = {};
    constexpr ByteClasses() {
        for (int c = 0x21; c < 0x7f; ++c) of[c] = 1;
        for (char c : kShellCharacters) of[static_cast<unsigned char>(c)] = c == ' ' ? 0 : 2;
    }
};
constexpr ByteClasses kClasses;

}  // namespace

bool is_safe_word(std::string_view value, std::string_view also_allowed) {
    if (value.empty()) return false;
    // Nearly always every byte is of class 1: find out without a branch per byte.
    unsigned char all = 1;
    for (unsigned char c : value) all &= kClasses.of[c];
    if (all) return true;
    for (unsigned char c : value) {
        unsigned char k = kClasses.of[c];
        if (k == 1) continue;
        if (k == 0 || also_allowed.find(static_cast<char>(c)) == std::string_view::npos) return false;
    }
    return true;
}

std::vector<Field> split_fields(std::string_view line) {
    std::vector<Field> out;
    out.reserve(static_cast<std::size_t>(std::count(line.begin(), line.end(), ' ')) + 1);  // one allocation
    split_fields(line, out);
    return out;
}

void split_fields(std::string_view line, std::vector<Field>& out) {
    out.clear();
    std::size_t start = 0;
    for (;;) {
        std::size_t end = line.find(' ', start);
        if (end == std::string_view::npos) end = line.size();
        out.push_back(Field{line.substr(start, end - start), static_cast<std::uint32_t>(start + 1)});
        if (end == line.size()) break;
        start = end + 1;
    }
}

}  // namespace cdf
