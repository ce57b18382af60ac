// Ordering versions as cargo does (the semver crate's Ord): major, minor and
// patch numerically; a pre-release sorts before its release; pre-release and
// build identifiers compared dot by dot, numeric ones by value and before
// alphanumeric ones, which compare as bytes; fewer identifiers sort first
// when all shared ones are equal; build metadata only breaks ties.
#pragma once

#include <string_view>

namespace cdf::unpack {

// <0, 0 or >0. Versions that are not semver compare as bytes, after all
// valid ones.
int compare_versions(std::string_view a, std::string_view b);

}  // namespace cdf::unpack
