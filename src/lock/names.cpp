#include "lock/names.hpp"

#include "cargo/semver.hpp"

namespace cdf::lock {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool is_valid_package_name(std::string_view name) {
    if (name.empty() || name.size() > 64) return false;
    if (!(is_alpha(name[0]) || name[0] == '_')) return false;
    for (char c : name)
        if (!(is_alpha(c) || is_digit(c) || c == '-' || c == '_')) return false;
    return true;
}

bool is_valid_version(std::string_view version) {
    return !version.empty() && version.size() <= 256 && cargo::is_semver(version);
}

}  // namespace cdf::lock
