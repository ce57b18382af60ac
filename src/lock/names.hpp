// What cargo accepts as a package name and a version; everything else is
// refused before it can reach an exheres, a file name or a shell.
#pragma once

#include <string_view>

namespace cdf::lock {

// ASCII letters, digits, '-' and '_', starting with a letter or '_' (as
// cargo's `validate_package_name` for crates.io), at most 64 characters.
bool is_valid_package_name(std::string_view name);

// A version cargo accepts (cargo/semver.hpp), at most 256 characters.
bool is_valid_version(std::string_view version);

}  // namespace cdf::lock
