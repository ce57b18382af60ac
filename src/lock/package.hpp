// Package and Lockfile: what a Cargo.lock says, reduced to what must be
// downloaded. Path and workspace packages (no `source`) are counted but not kept.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lock/source_id.hpp"
#include "util/error.hpp"

namespace cdf::lock {

struct Package {
    std::string name;
    std::string version;
    SourceId source;
    // Lowercase hex sha256 of the .crate (registry packages). Empty for git
    // packages, and for registry packages of old lockfiles that had none
    // (only when the reader was told to allow that).
    std::string checksum;
    Location where;  // the [[package]] table (file:line:column)

    bool operator<(const Package& other) const;
};

struct Lockfile {
    std::string path;
    int version = 0;                // 1, 2, 3 or 4 (V1 raised to V2 as cargo does)
    std::vector<Package> packages;  // every package with a source, sorted by name, version, source
    std::size_t path_packages = 0;  // packages without source (workspace members)
};

}  // namespace cdf::lock
