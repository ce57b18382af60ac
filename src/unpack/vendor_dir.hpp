// The vendor directory on disk: temporary folders, moving finished crates
// into place, and telling which crates are already there.
//
// Crates are unpacked into ".cdf-tmp-*" folders inside the vendor directory
// (dot-prefixed: cargo ignores them; same filesystem: rename works) and
// renamed to their final name only when complete, so an interrupted run
// never leaves a half-written crate under a name cargo reads. An existing
// folder of that name is swapped out atomically (renameat2 RENAME_EXCHANGE,
// or two renames where the filesystem lacks it) and then deleted.
//
// While a VendorDir exists it holds an exclusive flock on the directory, so
// two unpacks cannot work in the same place; on opening it deletes the
// temporary folders an interrupted run left behind.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "cargo/checksum_file.hpp"
#include "util/files.hpp"

namespace cdf::unpack {

class VendorDir {
public:
    // Creates the directory (and its parents) when missing. Throws BadInput
    // when another process holds it, Internal on I/O failures.
    explicit VendorDir(std::filesystem::path path);
    VendorDir(const VendorDir&) = delete;
    VendorDir& operator=(const VendorDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

    // A new empty folder ".cdf-tmp-HINT-XXXXXX" inside the directory, with
    // mode 0777 less the umask (it becomes a crate folder as it is).
    std::filesystem::path make_temp_folder(std::string_view hint) const;

    // Renames the complete folder `temp` to `name`, replacing what was there.
    // `name` may be "DOTFOLDER/NAME" (vendor_layout.hpp): DOTFOLDER is made
    // when missing. Only ".cdf-tmp-*" folders count as leftovers; other dot
    // folders (".git-<commit12>") are kept.
    void install(const std::filesystem::path& temp, const std::string& name) const;

    // True when folder `name` holds a .cargo-checksum.json written for this
    // package checksum in this mode (see checksum_file_matches).
    bool is_complete(const std::string& name, std::string_view package, cargo::ChecksumMode mode) const;

private:
    void remove_leftovers() const;

    std::filesystem::path path_;
    Fd fd_;  // the directory, open (and locked) while this object lives
};

// Deletes a tree without following symbolic links; folders without write
// permission for the owner are made writable first. Errors are ignored
// (used on the way out of a failure).
void remove_tree(const std::filesystem::path& path) noexcept;

}  // namespace cdf::unpack
