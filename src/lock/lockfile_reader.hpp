// Reading Cargo.lock files of every version cargo has written (V1 to V4).
#pragma once

#include <string>
#include <string_view>

#include "lock/package.hpp"

namespace cdf::lock {

struct ReadOptions {
    // Registry packages without any checksum (lockfiles from before 2016)
    // are refused unless this is set.
    bool allow_missing_checksums = false;
};

// Parses `text`, the content of the lockfile at `path` (used in messages).
// Throws cdf::Error(BadInput) naming file, line, column and the value.
Lockfile parse_lockfile(std::string text, const std::string& path, const ReadOptions& options = {});

// Reads and parses a file.
Lockfile read_lockfile(const std::string& path, const ReadOptions& options = {});

}  // namespace cdf::lock
