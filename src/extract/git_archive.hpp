// Git archives: checking that a tarball is the pinned commit, and
// extracting it whole, reading the distfile once.
//
// `git archive` (and so GitHub, GitLab, Gitea/Forgejo, sourcehut) writes a
// pax global header ('g' entry, normally named `pax_global_header`) as the
// first entry of the tar stream; its `comment` record is the commit id:
//     52 comment=3a902d07321ccf421e6e542807fbc18f8b2e935f\n
// libarchive reads such a header but keeps it to itself (3.6: it is stored
// and never exposed), so it is read here from the decompressed stream
// directly: one libarchive reader only undoes the compression (raw format);
// the first blocks of its output are parsed here, then the same bytes are
// handed to a second libarchive reader that reads the tar.
//
// Git archives are read as forges serve them: tar, gzip-compressed or not
// (only libarchive's gzip filter is linked in).
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "extract/entry_sink.hpp"
#include "extract/hashing_reader.hpp"

namespace cdf::extract {

// A git archive extracted to disk. The extraction writes no symbolic link:
// links are kept here, as archived, to be resolved inside the tree.
struct RepoTree {
    std::filesystem::path top;                    // the extracted top folder
    std::string archive;                          // the distfile, for messages
    std::string top_name;                         // the top folder's name in the archive
    std::map<std::string, std::string> symlinks;  // repository path -> link target

    // How messages name a repository path: "ARCHIVE: TOP/PATH".
    std::string display(std::string_view relative) const;
};

using WarningSink = std::function<void(const std::string&)>;

// The `comment` of a pax global header at the start of `tar` (the first
// bytes of an uncompressed tar stream), or nullopt when it does not start
// with one (or the header is incomplete, or has no comment).
std::optional<std::string> parse_pax_global_comment(std::string_view tar);

// The same for a file (gzip is undone first). Throws BadInput naming
// `display` when the file cannot be read or decompressed.
std::optional<std::string> read_pax_global_comment(const std::filesystem::path& archive, const std::string& display);

// Checks a comment found in archive `display` against `commit`: one naming
// another commit is an error (CheckFailed) naming both; no comment is a
// warning sent to `warn` (may be empty). A comment that is not a commit id
// (40 or 64 hex digits) is a warning too: the archive was made by something
// other than `git archive`.
void check_commit_comment(const std::optional<std::string>& comment, const std::string& display,
                          const std::string& commit, const WarningSink& warn);

// read_pax_global_comment + check_commit_comment (for `pin`).
void check_archive_commit(const std::filesystem::path& archive, const std::string& display, const std::string& commit,
                          const WarningSink& warn);

// Extracts the whole archive that `reader` reads (a tar, gzip'd or not)
// into `destination`, a fresh folder the caller owns and deletes on failure,
// after checking that its pax global header names `commit` (see
// check_commit_comment: nothing is written for another commit).
// Every entry must lie under one top folder, the first entry's (forges name
// it REPO-COMMIT or REPO-REF); the rules of entry_rules.hpp apply, VCS files
// dropped, output capped at max(512 MiB, 20 x the archive's size). Symbolic
// links are not created: they are returned in RepoTree::symlinks for the
// vendoring step to resolve inside the tree. Hard links and special files
// are refused. `archive` names the distfile in messages. The reader is left
// for the caller to finish().
RepoTree extract_git_archive(HashingReader& reader, const std::string& archive,
                             const std::filesystem::path& destination, const std::string& commit,
                             const WarningSink& warn);

// The same rules, giving the entries to `sink` (`top` is left empty). The
// commit is checked only when `commit` is set.
RepoTree read_git_archive(HashingReader& reader, const std::string& archive, EntrySink& sink,
                          const std::optional<std::string>& commit, const WarningSink& warn);

}  // namespace cdf::extract
