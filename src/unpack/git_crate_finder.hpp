// The crates inside an extracted git archive: cargo's rules
// (cargo/workspace.hpp, cargo/inheritance.hpp) applied to the folder the
// archive was extracted to.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cargo/inheritance.hpp"
#include "cargo/workspace.hpp"
#include "extract/git_archive.hpp"

namespace cdf::unpack {

using cargo::RepoManifest;
using cargo::StandaloneManifest;
using extract::RepoTree;

struct GitCrate {
    std::string name;
    std::string version;
    std::string dir;  // relative to the repository top, "" for the top itself
    RepoManifest manifest;
    std::optional<RepoManifest> root;  // its workspace root (may be the crate itself)
};

class RepoScan {
public:
    // Scans the whole tree (see cargo/workspace.hpp).
    explicit RepoScan(const RepoTree& tree);

    const RepoTree& tree() const { return tree_; }
    // Sorted by name, then version, then depth, then folder.
    const std::vector<GitCrate>& crates() const { return crates_; }
    // "TOP/path/Cargo.toml: reason" for each manifest that could not be read.
    const std::vector<std::string>& problems() const { return workspaces_.problems(); }

    // The crate of that name and version (the one nearest the top when the
    // repository holds several copies). Throws BadInput naming the archive
    // and listing the crates it holds when there is none.
    const GitCrate& find(std::string_view name, std::string_view version) const;

    // The manifest to vendor for `crate`: workspace inheritance resolved
    // (see cargo/inheritance.hpp).
    StandaloneManifest standalone_manifest(const GitCrate& crate) const;

private:
    // The extracted folder; a symbolic link kept aside counts as a file.
    class Files : public cargo::DiskTree {
    public:
        explicit Files(const RepoTree& tree) : DiskTree(tree.top), tree_(tree) {}
        bool exists(const std::string& path) const override;

    private:
        const RepoTree& tree_;
    };

    const RepoTree& tree_;
    Files files_;
    cargo::Workspaces workspaces_;
    std::vector<GitCrate> crates_;
};

}  // namespace cdf::unpack
