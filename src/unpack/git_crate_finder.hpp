// Finding the crates inside an extracted git archive, as cargo finds the
// packages of a git checkout (ops::read_packages): every Cargo.toml with a
// [package] table, the repository's top folder and workspace root included,
// is one crate, known by its name and version. The version may be inherited
// from the workspace root (`version.workspace = true`); no version means
// 0.0.0, as for cargo. Folders whose name starts with '.' (below the top),
// and `target` folders beside a Cargo.toml, are not searched.
//
// The workspace root of a crate is found as cargo finds it: the crate's own
// manifest when it has a [workspace] table, the folder named by
// `package.workspace`, or else the nearest folder above it whose Cargo.toml
// has a [workspace] table that does not `exclude` it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "unpack/git_workspace.hpp"

namespace cdf::unpack {

// A git archive extracted to disk. The extraction writes no symbolic link:
// links are kept here, as archived, to be resolved inside the tree.
struct RepoTree {
    std::filesystem::path top;   // the extracted top folder
    std::string archive;         // the distfile, for messages
    std::string top_name;        // the top folder's name in the archive
    std::map<std::string, std::string> symlinks;  // repository path -> link target

    // How messages name a repository path: "ARCHIVE: TOP/PATH".
    std::string display(std::string_view relative) const;
};

struct GitCrate {
    std::string name;
    std::string version;
    std::string dir;  // relative to the repository top, "" for the top itself
    RepoManifest manifest;
    std::optional<RepoManifest> root;  // its workspace root (may be the crate itself)
};

class RepoScan {
public:
    // Scans the whole tree. Manifests that cannot be read are remembered,
    // not fatal: cargo too only fails when the package it wants is missing.
    explicit RepoScan(const RepoTree& tree);

    const RepoTree& tree() const { return tree_; }
    // Sorted by name, then version, then folder.
    const std::vector<GitCrate>& crates() const { return crates_; }
    // "TOP/path/Cargo.toml: reason" for each manifest that could not be read.
    const std::vector<std::string>& problems() const { return problems_; }

    // The crate of that name and version (the one nearest the top when the
    // repository holds several copies). Throws BadInput naming the archive
    // and listing the crates it holds when there is none.
    const GitCrate& find(std::string_view name, std::string_view version) const;

    // The manifest to vendor for `crate`: workspace inheritance resolved
    // (see git_workspace.hpp).
    StandaloneManifest standalone_manifest(const GitCrate& crate) const;

private:
    const RepoTree& tree_;
    std::vector<GitCrate> crates_;
    std::vector<std::string> problems_;
};

}  // namespace cdf::unpack
