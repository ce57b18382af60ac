// Package and Lockfile: what a Cargo.lock says, reduced to what must be
// downloaded. Path and workspace packages (no `source`) are counted but not kept.
//
// A Package does not own its strings: they are views into its Lockfile's
// text (or the few strings the reader had to make), and its source points
// into the Lockfile's source ids. Copies of a Lockfile share that storage;
// a Package stays valid while any copy of its Lockfile lives.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lock/source_id.hpp"
#include "util/error.hpp"

namespace cdf::lock {

struct Package {
    std::string_view name;
    std::string_view version;
    const SourceId* source = nullptr;
    // Lowercase hex sha256 of the .crate (registry packages). Empty for git
    // packages, and for registry packages of old lockfiles that had none
    // (only when the reader was told to allow that).
    std::string_view checksum;
    // The [[package]] table: file (the lockfile's path), line, column.
    const std::string* file = nullptr;
    std::uint32_t line = 0, column = 0;

    Location where() const { return Location{file ? *file : std::string(), line, column}; }
    bool operator<(const Package& other) const;
};

// What a Lockfile's packages point into.
struct LockfileStorage {
    std::string path;
    std::string text;
    std::deque<std::string> strings;  // values that are not slices of `text`
    SourceIdCache sources;
};

struct Lockfile {
    std::string path;
    int version = 0;                // 1, 2, 3 or 4 (V1 raised to V2 as cargo does)
    std::vector<Package> packages;  // every package with a source, sorted by name, version, source
    std::size_t path_packages = 0;  // packages without source (workspace members)
    std::shared_ptr<const LockfileStorage> storage;
};

}  // namespace cdf::lock
