// Packages and workspaces in a repository, as cargo finds them in a git
// checkout (ops::read_packages and core::workspace), over a FileTree.
//
// Every Cargo.toml with a [package] table is one package, known by its name
// and version; the top folder's and the workspace root's count too. The
// version may be inherited from the workspace root (`version.workspace =
// true`); no version means 0.0.0. Folders whose name starts with '.', and a
// `target` folder beside a Cargo.toml, are not searched.
//
// The workspace root of a package is found as cargo finds it: its own
// manifest when it has a [workspace] table; else the folder named by
// `package.workspace` when that folder's Cargo.toml has a [workspace] table;
// else the nearest folder above whose Cargo.toml has a [workspace] table
// that does not `exclude` it (a folder listed in `members` is never
// excluded), stopping at a manifest above that names a root of its own.
//
// Manifests that do not parse are remembered, not fatal: a repository holds
// test fixtures, and cargo too only fails when the package it wants is
// missing.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "cargo/file_tree.hpp"

namespace cdf::cargo {

struct Package {
    std::string name;
    std::string version;
    std::string dir;                  // "" for the top folder
    std::optional<std::string> root;  // folder of its workspace root (may be `dir`)
};

// How messages name things.
struct TreeNames {
    // The Location of a file, for TOML errors: "ARCHIVE: TOP/PATH", ...
    std::function<std::string(const std::string& path)> location;
    // How a path is shown inside a message: "TOP/PATH".
    std::function<std::string(const std::string& path)> shown;
};

class Workspaces {
public:
    // Reads every Cargo.toml of `tree` (kept by reference, as `names`).
    Workspaces(const FileTree& tree, TreeNames names);

    const FileTree& tree() const { return tree_; }

    // The manifests cargo looks at (dot folders and `target` beside a
    // Cargo.toml left out), folders in depth-first order.
    const std::vector<std::string>& manifest_dirs() const { return dirs_; }

    // Packages, sorted by name, then version (as text), then depth, then
    // folder.
    const std::vector<Package>& packages() const { return packages_; }
    // "TOP/path/Cargo.toml: reason" for each manifest that could not be read
    // as a package, in manifest_dirs() order.
    const std::vector<std::string>& problems() const { return problems_; }

    // The package of that name and version (the one nearest the top when
    // there are several), or nullptr.
    const Package* find(std::string_view name, std::string_view version) const;

    // The text and parsed table of the manifest in `dir`; the table is
    // nullptr when it does not parse (then `error` says why: "line L: ...").
    struct Manifest {
        std::string text;
        std::optional<toml::table> doc;
        std::string error;
        int error_line = 0;
    };
    const Manifest* manifest(const std::string& dir) const;

    // The workspace root folder of the package whose manifest is in `dir`
    // (see above), or nullopt.
    std::optional<std::string> root_of(const std::string& dir) const;

private:
    const toml::table* doc_at(const std::string& dir) const;
    bool is_root(const std::string& dir) const;
    bool explicit_root(const std::string& dir, const toml::table& doc, std::optional<std::string>& root) const;
    void visit(const std::string& dir);

    const FileTree& tree_;
    TreeNames names_;
    std::map<std::string, Manifest> manifests_;  // every Cargo.toml, by folder
    std::vector<std::string> dirs_;
    std::vector<Package> packages_;
    std::vector<std::string> problems_;
};

// The folder of a file path ("" at the top).
std::string parent_dir(std::string_view path);

}  // namespace cdf::cargo
