// Reading a crate's `license` and `license-file` straight out of its
// distfile (a .crate or a git archive), with libarchive, without writing
// anything to disk.
//
// In a .crate the manifest is the entry `NAME-VERSION/Cargo.toml`, which
// `cargo package` normalises (no workspace inheritance left). A git archive
// holds a whole repository: its crate is found, and fields written as
// `{ workspace = true }` are taken from its workspace root, by the same
// model of cargo's rules that `unpack` uses (cargo/workspace.hpp,
// cargo/inheritance.hpp), over the archive's Cargo.toml files kept in memory.
//
// Errors name the archive and entry as "ARCHIVE(ENTRY)", with the TOML line
// and column when the manifest does not parse.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cargo/file_tree.hpp"
#include "cargo/workspace.hpp"
#include "manifest/manifest.hpp"

namespace cdf::licences {

struct CrateLicence {
    std::string name;
    std::string version;
    std::optional<std::string> license;       // the SPDX expression as written
    std::optional<std::string> license_file;  // a path inside the crate
    std::string where;                        // "ARCHIVE(ENTRY)" of the Cargo.toml read
};

// Reads NAME-VERSION/Cargo.toml from a .crate file. Throws BadInput when the
// archive cannot be read, has no such entry, the TOML is malformed, or it
// describes another package.
CrateLicence read_crate_licence(const std::filesystem::path& crate_file, std::string_view name,
                                std::string_view version);

// Every Cargo.toml of a git archive, read once; crates are looked up in it.
class GitArchiveManifests {
public:
    static GitArchiveManifests read(const std::filesystem::path& archive);

    // The crate's licence fields; BadInput naming the archive when no
    // [package] has this name and version.
    CrateLicence licence_of(std::string_view name, std::string_view version) const;

    std::size_t manifest_count() const { return manifest_count_; }

private:
    // "ARCHIVE(TOP/DIR/Cargo.toml)".
    std::string where(const std::string& dir) const;
    // The value of `package.KEY` a package in `dir` inherits; BadInput
    // naming its Cargo.toml when there is none.
    std::string inherited(const std::string& dir, std::string_view key) const;

    std::string archive_;
    std::string top_;  // the archive's top folder
    std::size_t manifest_count_ = 0;
    std::unique_ptr<cargo::MemoryTree> tree_;  // paths relative to the top folder
    std::unique_ptr<cargo::Workspaces> workspaces_;
};

// The licence fields of every crate of `manifest`, reading its distfiles in
// `distdir`; each git archive is read once. Sorted as the manifest is.
// Throws BadInput naming the distfile when one is missing.
std::vector<CrateLicence> read_licences(const manifest::Manifest& manifest, const std::filesystem::path& distdir);

}  // namespace cdf::licences
