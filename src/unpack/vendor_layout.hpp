// Folder names of the crates in the vendor directory.
//
//   Versioned (default, as `cargo vendor --versioned-dirs`): "name-version"
//   Cargo (`cargo vendor`'s default): "name" for the highest version of each
//          name, "name-version" for the others
//
// The same name and version from two sources cannot share a vendor
// directory (cargo vendor refuses it too): BadInput naming both sources.
#pragma once

#include <string>
#include <vector>

#include "manifest/manifest.hpp"

namespace cdf::unpack {

enum class DirNames { Versioned, Cargo };

// One name per crate, in the order of `crates`. `manifest_path` names the
// manifest in errors.
std::vector<std::string> vendor_folder_names(const std::vector<manifest::CrateEntry>& crates, DirNames style,
                                             const std::string& manifest_path);

}  // namespace cdf::unpack
