// Versions as cargo reads and orders them (the `semver` crate, 1.x): the one
// implementation behind every version check and sort of the program.
//
// A version is MAJOR.MINOR.PATCH (decimal, no leading zero, each at most
// u64::MAX), then optionally -PRE and +BUILD: dot-separated, non-empty
// identifiers of [0-9A-Za-z-]; a numeric pre-release identifier has no
// leading zero (build identifiers may). Anything else ("1.0", "1.0.0-",
// "01.0.0", "18446744073709551616.0.0") is not a version: semver's
// Version::parse refuses it.
//
// Order (semver's Ord): major, minor, patch by value; a pre-release before
// its release; pre-release identifiers one by one, numeric ones by value and
// before alphanumeric ones, which compare as bytes, a shorter list first when
// all shared ones are equal; build metadata only as the last tie-break, with
// the same rules (numbers by value, then fewer leading zeros first).
//
//   1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
//   < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0 < 1.0.0+build < 1.0.1 < 1.10.0
//
// Text that is not a version sorts after every version, in byte order, so
// that any list of strings has one order.
#pragma once

#include <string_view>

namespace cdf::cargo {

// Whether semver's Version::parse accepts `text`.
bool is_semver(std::string_view text);

// <0, 0 or >0.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace cdf::cargo
