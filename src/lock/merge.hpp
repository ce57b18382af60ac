// Merging the packages of several lockfiles (projects with more than one
// workspace) into one list.
#pragma once

#include <vector>

#include "lock/package.hpp"

namespace cdf::lock {

// Every package once, sorted. A package is identified by name, version and
// canonical source (both crates.io ids are one source). The same package in
// two lockfiles with different checksums is a conflict: BadInput naming both
// places.
// The packages point into the lockfiles' storage (package.hpp).
std::vector<Package> merge_packages(const std::vector<Lockfile>& lockfiles);

}  // namespace cdf::lock
