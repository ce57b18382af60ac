// `cargo-distfiles unpack`: from a manifest and the fetched distfiles to a
// vendor directory cargo builds from offline.
//
//   manifest ─▶ (optional) cross-check with the source tree's Cargo.lock
//            ─▶ folder names (vendor_layout.hpp; a git source colliding with
//               another source goes to a ".git-<commit12>" dot folder) ─▶ one ArchiveJob per distfile (largest first)
//            ─▶ unpack on -j threads, each crate into a temporary folder
//               inside the vendor directory, verified while read
//            ─▶ rename finished crates into place ─▶ (optional) cargo config
//
// Registry crates are unpacked by unpack_registry_crate (registry_crate.hpp).
// Crates taken from a git archive are unpacked by unpack_git_archive_job
// (git_unpack.hpp), or by UnpackOptions::git_unpacker when set, one job per
// archive.
//
// A re-run skips every registry crate whose folder already holds a
// .cargo-checksum.json naming the manifest's checksum in the requested mode
// (folders only get their final name once complete, so that file is proof
// that the crate was unpacked and verified). Unverified crates and crates
// from git archives have no checksum to tell an old copy from the right one:
// they are unpacked again, and the fresh copy replaces the old one.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "manifest/manifest.hpp"
#include "cargo/checksum_file.hpp"
#include "extract/hashing_reader.hpp"
#include "unpack/vendor_layout.hpp"

namespace cdf::unpack {

// A crate wanted from an archive, and the folder name it gets.
struct CrateTarget {
    const manifest::CrateEntry* crate = nullptr;
    std::string folder;
};

// One distfile and the crates to take from it: exactly one for a registry
// crate; every crate of the manifest naming the archive for git.
struct ArchiveJob {
    std::filesystem::path distfile;           // inside the distdir
    std::uint64_t size = 0;                   // bytes, for ordering and progress
    const manifest::GitEntry* git = nullptr;  // set for a git archive
    std::vector<CrateTarget> crates;
};

// A crate unpacked into a temporary folder obtained from
// JobContext::make_temp_folder: complete, .cargo-checksum.json included,
// ready to be renamed to its target folder.
struct FinishedCrate {
    const manifest::CrateEntry* crate = nullptr;
    std::filesystem::path folder;
};

// What the orchestrator lends a job. Temporary folders are deleted after the
// job whatever happens, unless they were renamed into place; a job reports
// failure by throwing cdf::Error, and then none of its crates is installed.
struct JobContext {
    cargo::ChecksumMode checksums = cargo::ChecksumMode::Full;
    // A new empty dot-prefixed folder inside the vendor directory.
    std::function<std::filesystem::path(std::string_view hint)> make_temp_folder;
    // To be given every distfile byte read (progress), e.g. through HashingReader.
    extract::HashingReader::ByteCounter on_bytes;
    // Prints "cargo-distfiles: warning: TEXT" on stderr.
    std::function<void(std::string_view text)> warn;
};

using ArchiveUnpacker = std::function<std::vector<FinishedCrate>(const ArchiveJob&, const JobContext&)>;

struct UnpackOptions {
    std::string manifest_path;
    std::filesystem::path distdir;
    std::filesystem::path vendor_dir;                   // also written, as given, into the cargo config
    std::optional<std::filesystem::path> cargo_config;  // --cargo-config
    std::optional<std::string> lockfile;                // --lock
    unsigned jobs = 0;                                  // 0: every CPU this process may use
    cargo::ChecksumMode checksums = cargo::ChecksumMode::Full;
    DirNames dir_names = DirNames::Versioned;
    bool verbose = false;          // name each crate on stderr
    bool progress = false;         // draw a progress line on stderr
    std::FILE* log = stderr;       // progress, warnings, -v lines
    ArchiveUnpacker git_unpacker;  // empty: unpack_git_archive_job (git_unpack.hpp)
};

struct UnpackSummary {
    std::size_t unpacked = 0;          // crates written by this run
    std::size_t already_complete = 0;  // crates skipped as complete
};

// Throws cdf::Error: BadInput for a wrong manifest, lockfile, distfile or
// refused archive entry; CheckFailed for a checksum mismatch or a lockfile
// that needs packages the manifest lacks. When several crates fail, each
// error is printed to `log` and the thrown one sums them up; the crates that
// succeeded stay installed and the cargo config is not written.
UnpackSummary unpack(const UnpackOptions& options);

// What `unpack` decides before it opens any distfile, and every refusal it
// can make from the manifest alone (two sources of one crate, folder names,
// the cargo config). `generate` and `update` run it too, so that nothing they
// accept is refused at build time for a reason known at bump time.
struct VendorPlan {
    // The manifest as vendored: a crate that several git sources of one
    // repository lock at one commit (two refs: a tag and a branch, two revs)
    // is vendored once, and each of those sources gets its own git line, so
    // that the cargo config points every one of them at the same folder.
    manifest::Manifest manifest;
    std::vector<std::string> folders;  // parallel to manifest.crates, relative to the vendor directory
    std::string cargo_config;          // for the vendor directory as given
};
// Takes the manifest by value: a caller done with it moves it in, and its
// crates are moved into the plan instead of copied.
VendorPlan plan_vendor(manifest::Manifest manifest, DirNames dir_names, std::string_view vendor_dir,
                       const std::string& manifest_path);

// The jobs for a manifest (in manifest order), with folder names. Distfiles
// are not looked at (size stays 0).
std::vector<ArchiveJob> plan_jobs(const manifest::Manifest& manifest, const std::vector<std::string>& folders,
                                  const std::filesystem::path& distdir);

}  // namespace cdf::unpack
