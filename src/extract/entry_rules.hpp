// Safe-extraction rules for tar entries: which entries may be written, where,
// and how much output an archive may produce. Shared by registry crates and
// git archives; nothing here touches the disk.
//
// Refused, with an Error (BadInput) naming the archive and the entry:
//   - names that are empty, longer than 4095 bytes (PATH_MAX) or with a
//     component longer than 255 (NAME_MAX), absolute, holding a ".."
//     component or a backslash (a separator to Windows, and turned into '/'
//     in .cargo-checksum.json's keys, so "a\b" and "a/b" would collide), or
//     not valid UTF-8 (cargo cannot represent them);
//   - entries not under `top_folder` + "/" (a leading "./" counts as outside,
//     as for cargo);
//   - anything but a regular file or a directory: symbolic and hard links,
//     character and block devices, FIFOs, sockets (cargo 1.96's rule), and
//     sparse files (their holes would be output the limit never counted);
//   - with `refuse_checksum_file`, a ".cargo-checksum.json" at the top: the
//     unpacker writes that file, a crate may not bring its own.
// Dropped silently when `drop_vcs_files` is set (what cargo vendor leaves out
// of a registry crate): any path with a ".git" component, and files named
// ".gitignore", ".gitattributes" or ".cargo-ok" at any depth.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

struct archive_entry;

namespace cdf::extract {

enum class EntryKind { File, Directory };

struct EntryRules {
    std::string top_folder;  // "name-version" for a crate; no slashes
    bool drop_vcs_files = true;
    bool refuse_checksum_file = false;
};

inline constexpr std::size_t kMaxEntryPath = 4095;      // PATH_MAX less the NUL
inline constexpr std::size_t kMaxEntryComponent = 255;  // NAME_MAX

struct CheckedEntry {
    bool keep = false;  // false: dropped by a rule, or the top folder itself
    EntryKind kind = EntryKind::File;
    // Below the top folder, components joined by '/', without empty or "."
    // components; empty for the top folder itself.
    std::string relative;
};

// The whole check for one entry. `archive` names the archive in errors.
CheckedEntry check_entry(struct archive_entry* entry, const EntryRules& rules, const std::string& archive);

// The path part alone (for tests and for callers with their own entry type).
// Throws BadInput "{archive}: entry {quoted path}: {reason}".
CheckedEntry check_entry_path(std::string_view path, EntryKind kind, const EntryRules& rules,
                              const std::string& archive);

// cargo's cap on what one archive may unpack to: max(512 MiB, 20 x the
// compressed size), counted in decompressed bytes.
class OutputLimit {
public:
    explicit OutputLimit(std::uint64_t compressed_size);
    std::uint64_t limit() const { return limit_; }
    // Throws BadInput naming the archive once `produced` exceeds the limit.
    void check(std::uint64_t produced, const std::string& archive) const;

private:
    std::uint64_t compressed_size_;
    std::uint64_t limit_;
};

}  // namespace cdf::extract
