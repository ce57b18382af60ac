// Ordering versions as cargo does (the semver crate): MAJOR.MINOR.PATCH
// numerically, then a pre-release sorts before its release, pre-release
// identifiers compared one by one (numeric ones numerically and before
// alphanumeric ones, alphanumeric ones in byte order, a shorter list first),
// and build metadata only as the last tie-break (same identifier rules).
//
//   1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
//   < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0 < 1.0.0+build < 1.0.1 < 1.10.0
//
// Numbers of any length compare correctly. Text that is not a version is
// ordered after every version, in byte order.
#pragma once

#include <string_view>

namespace cdf::review {

// <0, 0 or >0.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace cdf::review
