#include "lock/names.hpp"

namespace cdf::lock {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Dot-separated identifiers of [0-9A-Za-z-]; numeric ones without leading
// zeros when `numeric_rule` (pre-release) is set.
bool valid_identifiers(std::string_view s, bool numeric_rule) {
    if (s.empty()) return false;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = s.find('.', start);
        if (end == std::string_view::npos) end = s.size();
        std::string_view id = s.substr(start, end - start);
        if (id.empty()) return false;
        bool numeric = true;
        for (char c : id) {
            if (!(is_alpha(c) || is_digit(c) || c == '-')) return false;
            if (!is_digit(c)) numeric = false;
        }
        if (numeric_rule && numeric && id.size() > 1 && id[0] == '0') return false;
        if (end == s.size()) return true;
        start = end + 1;
    }
}

bool valid_number(std::string_view s) {
    if (s.empty() || s.size() > 20) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return s.size() == 1 || s[0] != '0';
}

}  // namespace

bool is_valid_package_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    if (!(is_alpha(name[0]) || name[0] == '_')) return false;
    for (char c : name)
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_')) return false;
    return true;
}

bool is_valid_version(std::string_view version) {
    if (version.empty() || version.size() > 256) return false;
    std::string_view core = version;
    std::string_view pre, build;
    if (auto plus = core.find('+'); plus != std::string_view::npos) {
        build = core.substr(plus + 1);
        core = core.substr(0, plus);
        if (!valid_identifiers(build, false)) return false;
    }
    if (auto dash = core.find('-'); dash != std::string_view::npos) {
        pre = core.substr(dash + 1);
        core = core.substr(0, dash);
        if (!valid_identifiers(pre, true)) return false;
    }
    std::size_t d1 = core.find('.');
    if (d1 == std::string_view::npos) return false;
    std::size_t d2 = core.find('.', d1 + 1);
    if (d2 == std::string_view::npos) return false;
    return valid_number(core.substr(0, d1)) && valid_number(core.substr(d1 + 1, d2 - d1 - 1)) &&
           valid_number(core.substr(d2 + 1));
}

}  // namespace cdf::lock
