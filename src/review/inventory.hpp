// What a lockfile or a manifest says must be downloaded, in one shape, so
// that either can be compared with either.
#pragma once

#include <string>
#include <vector>

#include "lock/package.hpp"
#include "manifest/manifest.hpp"

namespace cdf::review {

struct CrateRef {
    std::string name;
    std::string version;
    std::string source;  // as the lockfile spelled it
};

struct GitRef {
    std::string url;        // as spelled (no query, no fragment)
    std::string reference;  // "branch=x", "tag=x", "rev=x" or "-"
    std::string commit;
};

struct Inventory {
    std::string path;
    std::string kind;  // "lockfile" or "manifest"
    std::vector<CrateRef> crates;
    std::vector<GitRef> git;  // one per repository, reference and commit
};

Inventory inventory_of(const lock::Lockfile& lockfile);
Inventory inventory_of(const manifest::Manifest& manifest, const std::string& path);

// Reads a file and tells a manifest (its first line that is neither empty
// nor a comment starts with "cargo-distfiles-manifest") from a Cargo.lock
// (anything else). Lockfiles are read without insisting on checksums.
Inventory read_inventory(const std::string& path);

}  // namespace cdf::review
