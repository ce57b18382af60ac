#include "cargo/config_paths.hpp"

namespace cdf::cargo {

namespace fs = std::filesystem;

std::string path_for_config(const fs::path& target, const fs::path& config_file, const fs::path& cwd) {
    if (target.is_absolute()) return target.string();
    fs::path absolute_target = (cwd / target).lexically_normal();
    fs::path base = (cwd / config_file).lexically_normal().parent_path().parent_path();
    std::string out = absolute_target.lexically_relative(base).generic_string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return out.empty() ? absolute_target.string() : out;
}

}  // namespace cdf::cargo
