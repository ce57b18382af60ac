#include "util/fields.hpp"

#include <cstdint>

namespace cdf {

bool is_safe_word(std::string_view value, std::string_view also_allowed) {
    if (value.empty()) return false;
    constexpr std::string_view forbidden = " \"'$`\\;&|<>(){}*?!#[]";
    for (unsigned char c : value) {
        if (c <= 0x20 || c >= 0x7f) return false;
        if (forbidden.find(static_cast<char>(c)) != std::string_view::npos &&
            also_allowed.find(static_cast<char>(c)) == std::string_view::npos)
            return false;
    }
    return true;
}

std::vector<Field> split_fields(std::string_view line) {
    std::vector<Field> out;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = line.find(' ', start);
        if (end == std::string_view::npos) end = line.size();
        out.push_back(Field{line.substr(start, end - start), static_cast<std::uint32_t>(start + 1)});
        if (end == line.size()) break;
        start = end + 1;
    }
    return out;
}

}  // namespace cdf
