// Writing files so that readers never see half of one.
//
// write_file_atomically() writes to a temporary name in the target's folder,
// then renames over the target: on any failure the old file (if any) is left
// untouched and the temporary is removed. Readers and an interrupted process
// never see half a file. There is no fsync: these are regenerable files, and
// a flush per write would cost more than the rest of `generate`.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cdf {

void write_file_atomically(const std::filesystem::path& target, std::string_view content);

// Several files that must change together: every content is written to a
// temporary first; only when all are written are they renamed into place.
struct PendingWrite {
    std::filesystem::path target;
    std::string content;
};
void write_files_atomically(const std::vector<PendingWrite>& writes);

// Throws the Error for a failure (errno `err`) to `what` (e.g. "create the
// vendor directory") at `path`, whose folder is `folder`. A cause the user
// fixes (a missing folder, a file where a folder should be, no permission, a
// read-only file system) is BadInput (exit 2) and says what to do; anything
// else is Internal (exit 3).
[[noreturn]] void throw_write_error(const std::filesystem::path& path, const std::filesystem::path& folder,
                                    std::string_view what, int err);

// The whole file, or an Error (BadInput, naming the path) when it can't be read.
std::string read_file(const std::filesystem::path& path);
// The whole file, or nullopt when it does not exist.
std::optional<std::string> read_file_if_exists(const std::filesystem::path& path);

}  // namespace cdf
