#include "util/strings.hpp"

namespace cdf {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    if (from.empty()) return;
    for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
        s.replace(pos, from.size(), to);
}

std::vector<std::string_view> split(std::string_view s, char separator) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        auto p = s.find(separator, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) return out;
        start = p + 1;
    }
}

bool is_lower_hex(std::string_view s) {
    if (s.empty()) return false;
    // No early exit and no table: comparisons the compiler turns into vector
    // instructions, 16 digits at a time, for 40- and 64-digit hashes.
    unsigned char all = 1;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        all &= static_cast<unsigned char>(static_cast<unsigned char>(u - '0') < 10) |
               static_cast<unsigned char>(static_cast<unsigned char>(u - 'a') < 6);
    }
    return all != 0;
}

std::string join_path(std::string_view dir, std::string_view name) {
    if (dir.empty()) return std::string(name);
    std::string out(dir);
    out += '/';
    out += name;
    return out;
}

}  // namespace cdf
