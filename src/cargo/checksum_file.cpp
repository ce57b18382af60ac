#include "cargo/checksum_file.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/json.hpp"

namespace cdf::cargo {

std::string render_checksum_file(const std::map<std::string, std::string>& files,
                                 const std::optional<std::string>& package, ChecksumMode mode) {
    std::string out = "{\"files\":{";
    if (mode == ChecksumMode::Full) {
        // cargo's keys: '\\' replaced by '/', then sorted (a later path that
        // maps to the same key replaces the earlier one, as in its BTreeMap).
        std::map<std::string, std::string_view> keyed;
        for (const auto& [path, sha] : files) {
            std::string key = path;
            std::replace(key.begin(), key.end(), '\\', '/');
            keyed[std::move(key)] = sha;
        }
        bool first = true;
        for (const auto& [key, sha] : keyed) {
            if (!first) out += ',';
            first = false;
            out += json_string(key);
            out += ':';
            out += json_string(sha);
        }
    }
    out += "},\"package\":";
    out += package ? json_string(*package) : std::string("null");
    out += '}';
    return out;
}

bool checksum_file_matches(std::string_view content, std::string_view package, ChecksumMode mode) {
    constexpr std::string_view empty_files = "{\"files\":{},";
    if (!content.starts_with("{\"files\":{")) return false;
    if (content.starts_with(empty_files) != (mode == ChecksumMode::PackageOnly)) return false;
    return content.ends_with(fmt::format(",\"package\":{}}}", json_string(package)));
}

}  // namespace cdf::cargo
