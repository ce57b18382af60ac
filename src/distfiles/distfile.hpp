// Mapping locked packages to the files a package manager downloads.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "lock/package.hpp"
#include "manifest/manifest.hpp"

namespace cdf::distfiles {

// One file to download: the URL and the name it is saved under.
struct Distfile {
    std::string url;
    std::string name;
    bool operator<(const Distfile& o) const { return name < o.name; }
    bool operator==(const Distfile&) const = default;
};

// What the packager tells us that the lockfile cannot: download templates of
// other registries (cargo's `dl` markers) and archive templates for git hosts.
struct MappingOptions {
    // Registry source id (as in the lockfile, e.g. "sparse+https://x/") ->
    // download template ("https://x/{crate}/{version}/download").
    std::map<std::string, std::string> registry_templates;
    // Git host ("example.org" or "example.org:8080") -> archive URL template
    // with {host}, {path}, {name}, {commit}.
    std::map<std::string, std::string> git_archive_templates;
};

// Whether a --registry SOURCE key applies to packages from `source` (the
// source as spelled, its canonical form, or `crates-io`).
bool registry_key_matches(std::string_view key, const lock::SourceId& source);

// Everything `generate` computes from the lockfiles.
struct Plan {
    std::vector<Distfile> downloads;  // sorted by name, unique
    manifest::Manifest manifest;
};

// Maps every package (already merged and deduplicated) to its distfile and
// manifest entries. Throws BadInput for an unknown registry or git host,
// naming it and the option that supplies a template.
Plan plan_downloads(const std::vector<lock::Package>& packages, const MappingOptions& options);

}  // namespace cdf::distfiles
