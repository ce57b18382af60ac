// Folder names of the crates in the vendor directory.
//
//   Versioned (default, as `cargo vendor --versioned-dirs`): "name-version"
//   Cargo (`cargo vendor`'s default): "name" for the highest version of each
//          name, "name-version" for the others
//
// The same name and version from two sources cannot share one directory
// source (cargo vendor refuses it; cargo's resolver gets confused). When the
// other source is a git source, plan_vendor_layout moves every crate of that
// git source (all of them, not only the colliding one) into a dot folder of
// its own, ".git-<first 12 digits of the commit>", inside the vendor
// directory: "VENDOR/.git-0123456789ab/gamma-0.3.1". The main directory
// source skips dot folders; the cargo config gives the dot folder a
// directory source of its own (cargo_config.hpp). Git sources that collide
// with nothing stay in the vendor directory itself, so that the common
// layout is exactly cargo vendor's. Two registry sources with one name and
// version are still refused (BadInput naming both sources). Names inside a
// dot folder follow the same style, counting only that folder's crates.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"

namespace cdf::unpack {

enum class DirNames { Versioned, Cargo };

// One name per crate, in the order of `crates`; refuses any name and version
// from two sources. `manifest_path` names the manifest in errors.
std::vector<std::string> vendor_folder_names(const std::vector<manifest::CrateEntry>& crates, DirNames style,
                                             const std::string& manifest_path);

// The git sources moved into a dot folder: git distfile -> ".git-<commit12>".
// Empty unless some git crate collides. Throws BadInput for collisions that
// no dot folder solves (two registries; two colliding git sources whose
// commits share their first 12 digits and a crate).
using GitFolders = std::map<std::string, std::string, std::less<>>;
GitFolders git_source_folders(const manifest::Manifest& manifest, const std::string& manifest_path);

// One path per crate of `manifest.crates`, relative to the vendor directory
// ("a-1.0.0", or ".git-0123456789ab/a-1.0.0" for a git source moved aside).
std::vector<std::string> vendor_folder_paths(const manifest::Manifest& manifest, DirNames style,
                                             const std::string& manifest_path);

}  // namespace cdf::unpack
