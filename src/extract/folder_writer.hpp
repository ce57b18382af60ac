// Writing extracted entries below one folder, hashing each file as it is
// written (for the files map of .cargo-checksum.json).
//
// Paths are relative, '/'-separated and already checked (entry_rules.hpp):
// the folder is fresh and no symbolic link is ever created in it, so nothing
// written can land outside it. Parent folders are made as needed (mode 0755
// less the umask). A file listed twice, and a file and a folder of the same
// name, are refused: tar would keep the last one, cargo's reader may not.
// Nothing is fsynced: the caller makes the whole folder visible by renaming it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_set>

#include "extract/entry_sink.hpp"
#include "util/files.hpp"
#include "util/sha256.hpp"

namespace cdf::extract {

class FolderWriter : public EntrySink {
public:
    // `root` must exist. `archive` names the archive in errors about entries.
    FolderWriter(std::filesystem::path root, std::string archive);
    ~FolderWriter();
    FolderWriter(const FolderWriter&) = delete;
    FolderWriter& operator=(const FolderWriter&) = delete;

    // A folder (and its parents). `mode` is used when it is created here;
    // the owner always keeps rwx so that the tree can be removed again.
    void make_directory(const std::string& relative, unsigned mode = 0755) override;

    // Starts a file with permission bits `mode & 0777` (less the umask).
    // `entry`, the archive's own name for it, is named too when the file
    // was already written (a file listed twice).
    void open_file(const std::string& relative, unsigned mode, std::string_view entry = {}) override;
    void write(const void* data, std::size_t size) override;
    std::uint64_t written() const override { return written_; }
    // Sets access and modification time to `mtime` (seconds since the epoch),
    // closes the file and returns the SHA-256 of its content.
    std::string close_file(std::int64_t mtime) override;

    const std::filesystem::path& root() const { return root_; }

private:
    void make_parents(const std::string& relative);
    [[noreturn]] void io_failure(const std::string& relative, const char* what, int err) const;
    [[noreturn]] void conflict(const std::string& relative, const char* what) const;

    std::filesystem::path root_;
    std::string archive_;
    Fd root_fd_;
    Fd file_fd_;
    std::string file_name_;
    Sha256 sha_;
    std::uint64_t written_ = 0;
    std::unordered_set<std::string> directories_;
};

}  // namespace cdf::extract
