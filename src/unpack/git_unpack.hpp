// Unpacking the crates that come from one git archive into the vendor
// directory.
//
// The archive is checked and extracted once, whatever the number of crates
// taken from it:
//   1. when `pin` recorded them, its size (before reading) and its SHA-256
//      (while extracting: every byte is hashed as libarchive reads it);
//   2. the commit named by its pax global header (extract/git_archive.hpp), read
//      from the first blocks, before anything is written;
//   3. extraction of the whole repository into a ".cdf-tmp-*" folder, in
//      the same pass;
//   4. for each crate: found by name and version (git_crate_finder.hpp),
//      its files copied as cargo vendor lists them for a git package (nested
//      packages left out, VCS files dropped, symbolic links inside the
//      repository replaced by the file they point to), its Cargo.toml made to
//      stand alone (cargo/inheritance.hpp), .cargo-checksum.json written with
//      "package":null and the files as written.
// unpack_git_archive_job() is the ArchiveUnpacker that unpack.hpp's
// orchestrator calls for git archives (unless UnpackOptions::git_unpacker
// replaces it): it returns the finished crate folders, which the
// orchestrator renames into place. The staging folder is deleted on every
// path out.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "manifest/manifest.hpp"
#include "cargo/checksum_file.hpp"
#include "extract/crate_extractor.hpp"
#include "extract/git_archive.hpp"
#include "unpack/git_crate_finder.hpp"
#include "extract/hashing_reader.hpp"
#include "unpack/unpack.hpp"
#include "unpack/vendor_dir.hpp"

namespace cdf::unpack {

struct GitCrateTarget {
    std::string name;
    std::string version;
    std::string folder;  // its folder in the vendor directory
};

struct GitArchiveJob {
    manifest::GitEntry git;              // the manifest's `git` line
    std::filesystem::path distfile;      // the archive on disk
    std::vector<GitCrateTarget> crates;  // every crate taken from it
};

struct GitUnpackContext {
    // A new empty folder (inside the vendor directory, so that it can be
    // renamed into place).
    std::function<std::filesystem::path(std::string_view hint)> make_temp_folder;
    cargo::ChecksumMode checksums = cargo::ChecksumMode::Full;
    extract::WarningSink warn;                     // may be empty
    extract::HashingReader::ByteCounter on_bytes;  // may be empty
};

// Does steps 1-4 above; returns one complete folder per crate of
// `job.crates`, in that order, for the caller to rename into place: each
// lies inside a temporary folder of its own (so that it gets the modes of a
// folder made by mkdir), which the caller deletes afterwards. Throws
// CheckFailed when the archive is not the pinned one (size, SHA-256,
// commit), BadInput for a refused entry, a crate not found or inheritance
// that cannot be resolved, Internal for I/O failures.
std::vector<std::filesystem::path> unpack_git_crates(const GitArchiveJob& job, const GitUnpackContext& context);

// The ArchiveUnpacker for git archives (see unpack.hpp).
std::vector<FinishedCrate> unpack_git_archive_job(const ArchiveJob& job, const JobContext& context);

// Step 4 for one crate: writes its files into `destination` (an existing
// empty folder) and returns them with their SHA-256, Cargo.toml as written.
// Does not write .cargo-checksum.json.
extract::FileHashes vendor_git_crate(const RepoScan& scan, const GitCrate& crate,
                                     const std::filesystem::path& destination, const extract::WarningSink& warn);

// The repository path that `path` names once symbolic links (of
// `tree.symlinks`) are followed, or nullopt when a link leaves the
// repository, is absolute or loops.
std::optional<std::string> resolve_in_tree(const RepoTree& tree, const std::string& path);

}  // namespace cdf::unpack
