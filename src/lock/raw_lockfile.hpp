// RawLockfile: a Cargo.lock's tables as text, before any validation. Two
// scanners produce it: scan_cargo_format() for files exactly as cargo writes
// them (fast), and scan_toml() (toml++) for everything else. The reader then
// validates a RawLockfile the same way whichever scanner made it.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/error.hpp"

namespace cdf::lock {

struct RawString {
    std::string_view value;              // into the lockfile text, or RawLockfile::storage
    std::uint32_t line = 0, column = 0;  // where the value starts
    bool operator==(const RawString&) const = default;
};

struct RawPackage {
    std::string_view table;              // "[[package]]" or "[root]"
    std::uint32_t line = 0, column = 0;  // the table header (or its first key)
    std::optional<RawString> name, version, source, checksum, replace;
    std::vector<RawString> dependencies;  // "NAME", "NAME VERSION" or "NAME VERSION (SOURCE)"
    bool has_checksum_key = false;
    bool operator==(const RawPackage&) const = default;
};

struct RawMetadataChecksum {
    std::string_view key;  // "NAME VERSION (SOURCE)", without the "checksum " prefix
    RawString value;       // hex or "<none>"
    bool operator==(const RawMetadataChecksum&) const = default;
};

struct RawLockfile {
    std::optional<std::int64_t> version;
    std::uint32_t version_line = 0, version_column = 0;
    std::vector<RawPackage> packages;  // [root] first when present, then [[package]] in file order
    std::vector<RawMetadataChecksum> metadata;
    std::deque<std::string> storage;  // strings that are not slices of the text (toml++ path)

    bool operator==(const RawLockfile& o) const {
        return version == o.version && version_line == o.version_line && version_column == o.version_column &&
               packages == o.packages && metadata == o.metadata;
    }
};

// Fast path (the result points into `text`, which must outlive it): accepts only the subset of TOML that cargo's own
// serializer writes (bare keys, escape-free basic strings, the known tables and keys, each key once). Returns nullopt
// for anything else, and the caller falls back to scan_toml(), which is the reference.
std::optional<RawLockfile> scan_cargo_format(std::string_view text);

// The general path, with toml++. Throws BadInput (file, line, column) for
// TOML syntax errors and wrong types.
RawLockfile scan_toml(std::string_view text, const std::string& path);

}  // namespace cdf::lock
