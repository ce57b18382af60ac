// Checking the distfiles a manifest names against the files in a folder,
// without unpacking: presence, size and SHA-256, hashed in parallel. Shared
// by `verify` and `manifest2`.
//
// What the manifest promises about each distfile:
//   .crate of a `crate ... SHA256` line     its sha256
//   .crate of a `crate ... unverified` line nothing (presence only)
//   git archive with `pin`ned sha256, size  both
//   git archive not pinned yet              nothing (presence only)
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "distcheck/file_digest.hpp"
#include "manifest/manifest.hpp"

namespace cdf::distcheck {

struct ExpectedDistfile {
    std::string name;                   // file name in the distdir
    std::string what;                   // "foo 1.0.0" or "git archive of URL at COMMIT"
    std::optional<std::string> sha256;  // nullopt: presence only
    std::optional<std::uint64_t> size;  // git archives when pinned
    bool is_git = false;
};

// One entry per distinct distfile, sorted by name. Throws BadInput when the
// manifest names one file for two things that disagree (two sha256s, or a
// crate and a git archive).
std::vector<ExpectedDistfile> expected_distfiles(const manifest::Manifest& manifest, const std::string& manifest_path);

struct DistfileStatus {
    enum class State {
        Ok,         // present and matching
        Unchecked,  // present; the manifest has nothing to compare with
        Missing,
        Mismatch,    // size or sha256 differs
        Unreadable,  // not a regular file, or a read error
    };
    ExpectedDistfile expected;
    State state = State::Ok;
    std::string detail;                // Mismatch / Unreadable: what is wrong
    std::optional<FileDigest> digest;  // Ok / Unchecked / Mismatch
};

// Checks every expected distfile in `distdir` on up to `threads` threads (0 =
// one per CPU). Reads each file once; with `with_sha512`, digests carry the
// SHA-512 too. Same order as `expected`.
std::vector<DistfileStatus> check_distfiles(const std::vector<ExpectedDistfile>& expected,
                                            const std::filesystem::path& distdir, unsigned threads, bool with_sha512);

// The `*.crate` files of `distdir` (regular files, or links to them; not
// recursive) that no expected distfile names, sorted. These are what
// `verify` calls unlisted: .crate names are unambiguous, while a shared
// distfiles folder holds every other kind of tarball legitimately.
std::vector<std::string> unlisted_crate_files(const std::vector<ExpectedDistfile>& expected,
                                              const std::filesystem::path& distdir);

// One line (no newline) describing a status that is not Ok, for reports:
//   "missing: foo-1.0.0.crate (foo 1.0.0)"
//   "mismatch: foo-1.0.0.crate (foo 1.0.0): sha256 is X, the manifest says Y"
//   "unreadable: foo-1.0.0.crate (foo 1.0.0): not a regular file"
//   "unchecked: foo-1.0.0.crate (foo 1.0.0): the manifest has no checksum for it"
std::string describe(const DistfileStatus& status);

}  // namespace cdf::distcheck
