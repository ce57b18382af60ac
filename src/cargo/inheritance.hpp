// Workspace inheritance (cargo's rules): making a member's Cargo.toml stand
// alone, for crates vendored from git, and single inherited fields, for
// `licences`.
//
// A crate in a git workspace may take values from the workspace root's
// Cargo.toml (`version.workspace = true`, `dep = { workspace = true, ... }`,
// `[lints] workspace = true`). Once vendored there is no root above it, so
// make_standalone_manifest() fills those values in, following cargo's rules
// (src/cargo/util/toml/mod.rs, `inner_dependency_inherit_with` and
// `InheritableFields`):
//   - [package] fields from [workspace.package]; `readme` and `license-file`
//     are rebased from the root's folder to the member's; an inherited readme
//     that the root does not set is the root's README.md, README.txt or
//     README when one exists (cargo's default);
//   - dependencies in [dependencies], [dev-dependencies], [build-dependencies]
//     (and their `_` spellings), at top level and in every [target.*] table,
//     from [workspace.dependencies]: the member's `features` are appended to
//     the workspace's, `optional` is the member's, `default-features = true`
//     in the member wins over `false` in the workspace (the other way round
//     the member's value is ignored, as cargo does), other keys of the
//     member are ignored; a `path` is rebased to the member's folder;
//   - [lints] from [workspace.lints], [badges] from [workspace.package.badges].
// `package.workspace` and a [workspace] table are dropped. Relative `path`
// dependencies stay as they are: cargo ignores `path` for packages that do
// not come from a path source, and `cargo vendor` (1.95) keeps them too.
//
// Pure: text in, text out. Paths are '/'-separated and relative to the
// repository's top folder.
#pragma once

#include <functional>
#include <string>
#include <optional>
#include <string_view>

#include <toml++/toml.h>

namespace cdf::cargo {

// A Cargo.toml inside a repository.
struct RepoManifest {
    std::string text;
    std::string dir;      // its folder relative to the repository top: "" or "crates/foo"
    std::string display;  // how messages name it (archive and entry)
};

struct StandaloneManifest {
    bool rewritten = false;  // false: the original text already stands alone
    std::string text;        // what to write as the vendored Cargo.toml
};

// `crate` names the package in messages. `root` is the workspace root's
// manifest, nullptr when none was found (then any inheritance is an error).
// `repo_file_exists` tells whether a repository-relative path is a file
// (used only for the default readme); may be empty.
// Throws cdf::Error(BadInput) naming the crate, the key and the root file
// when the root lacks an inherited key, and for TOML that does not parse.
StandaloneManifest make_standalone_manifest(std::string_view crate, const RepoManifest& member,
                                            const RepoManifest* root,
                                            const std::function<bool(const std::string&)>& repo_file_exists = {});

// The string a member in folder `member_dir` inherits for `package.KEY`
// from its workspace root `root` (in folder `root_dir`): the root's
// `workspace.package.KEY`, with `license-file` and `readme` rebased to the
// member's folder as cargo does; nullopt when the root has no such string.
std::optional<std::string> inherited_package_string(const toml::table& root, std::string_view root_dir,
                                                    std::string_view member_dir, std::string_view key);

// The path `path`, written relative to folder `from`, rewritten relative to
// folder `to` (all relative to the repository top), as cargo's
// resolve_relative_path does: rebase_path("README.md", "", "crates/a") is
// "../../README.md". Absolute paths are returned unchanged.
std::string rebase_path(std::string_view path, std::string_view from, std::string_view to);

}  // namespace cdf::cargo
