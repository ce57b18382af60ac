// Bringing an exheres and its manifest in line with a Plan: what `update`
// computes, shows (--check) and writes.
//
// The exheres keeps every byte outside its generated block (see
// place_block.hpp). The manifest is rendered from the plan; `git` lines that
// `cargo-distfiles pin` completed with an archive's sha256 and size keep
// those values when the same archive (distfile, URL and commit) is still used.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "distfiles/distfile.hpp"
#include "exheres/place_block.hpp"

namespace cdf::exheres {

struct FileUpdate {
    std::filesystem::path path;           // as the user named it
    std::optional<std::string> old_text;  // nullopt when the file does not exist yet
    std::string new_text;

    bool stale() const { return !old_text || *old_text != new_text; }
};

struct Update {
    FileUpdate exheres;
    FileUpdate manifest;
    std::string placement;              // describe(PlacedBlock): where the block went
    std::vector<std::string> warnings;  // e.g. an unreadable old manifest whose pins were dropped
};

// Reads both files and computes their new texts; writes nothing. Throws
// BadInput for a missing exheres, broken markers, CRLF endings, a manifest
// path that is a folder, has a file in the way or is the exheres itself.
Update prepare_update(const std::filesystem::path& exheres, const std::filesystem::path& manifest,
                      const distfiles::Plan& plan);

// Unified diffs of the stale files (exheres first), labelled "a/PATH" and
// "b/PATH" ("/dev/null" for a file that does not exist yet); "" when both are
// current.
std::string stale_diff(const Update& update);

// The label of a path in a diff: "a/" or "b/" + the path without a leading
// "./" or '/'.
std::string diff_label(char side, const std::filesystem::path& path);

// Writes the stale files together (cdf::write_files_atomically, manifest
// renamed first), creating the manifest's missing folders; on any failure
// neither file changes and the folders created are removed again.
void apply_update(const Update& update);

}  // namespace cdf::exheres
