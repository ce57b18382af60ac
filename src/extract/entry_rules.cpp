#include "extract/entry_rules.hpp"

#include <archive_entry.h>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/utf8.hpp"

namespace cdf::extract {

namespace {

[[noreturn]] void refuse(const std::string& archive, std::string_view path, std::string_view reason) {
    throw Error(ErrorKind::BadInput, Location{archive}, fmt::format("entry {} {}", quote(path), reason));
}

constexpr std::string_view kOnlyFilesAndDirs = "(only regular files and directories are allowed)";

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        parts.push_back(path.substr(start, end - start));
        if (end == path.size()) break;
        start = end + 1;
    }
    return parts;
}

bool is_dropped(const std::vector<std::string_view>& below_top) {
    if (std::find(below_top.begin(), below_top.end(), ".git") != below_top.end()) return true;
    std::string_view last = below_top.back();
    return last == ".gitignore" || last == ".gitattributes" || last == ".cargo-ok";
}

}  // namespace

CheckedEntry check_entry_path(std::string_view path, EntryKind kind, const EntryRules& rules,
                              const std::string& archive) {
    if (path.empty()) refuse(archive, path, "has an empty name");
    if (path.size() > kMaxEntryPath)
        refuse(archive, path, fmt::format("is longer than {} bytes (PATH_MAX)", kMaxEntryPath));
    if (!is_valid_utf8(path)) refuse(archive, path, "has a name that is not valid UTF-8");
    if (path.find('\\') != std::string_view::npos) refuse(archive, path, "has a backslash in its name");
    if (path.front() == '/') refuse(archive, path, "has an absolute path");
    auto parts = split_path(path);
    for (std::string_view part : parts)
        if (part.size() > kMaxEntryComponent)
            refuse(archive, path, fmt::format("has a component longer than {} bytes (NAME_MAX)", kMaxEntryComponent));
    if (std::find(parts.begin(), parts.end(), "..") != parts.end()) refuse(archive, path, "has a \"..\" component");

    std::string under = fmt::format("is not under \"{}/\"", rules.top_folder);
    if (parts.front() != rules.top_folder) refuse(archive, path, under);
    std::vector<std::string_view> below;
    for (std::size_t i = 1; i < parts.size(); ++i)
        if (!parts[i].empty() && parts[i] != ".") below.push_back(parts[i]);

    CheckedEntry out;
    out.kind = kind;
    if (below.empty()) {
        // The top folder itself: nothing to write. A file in its place is not
        // under it.
        if (kind != EntryKind::Directory) refuse(archive, path, under);
        return out;
    }
    if (rules.drop_vcs_files && is_dropped(below)) return out;
    if (rules.refuse_checksum_file && below.size() == 1 && below[0] == ".cargo-checksum.json")
        refuse(archive, path, "is .cargo-checksum.json, which cargo-distfiles writes itself");
    out.keep = true;
    for (std::size_t i = 0; i < below.size(); ++i) {
        if (i) out.relative += '/';
        out.relative += below[i];
    }
    return out;
}

CheckedEntry check_entry(struct archive_entry* entry, const EntryRules& rules, const std::string& archive) {
    const char* raw = archive_entry_pathname(entry);
    std::string_view path = raw ? raw : "";
    if (archive_entry_hardlink(entry) != nullptr)
        refuse(archive, path, fmt::format("is a hard link {}", kOnlyFilesAndDirs));
    EntryKind kind;
    switch (archive_entry_filetype(entry)) {
        case AE_IFREG:
            if (archive_entry_sparse_count(entry) > 0)
                refuse(archive, path, fmt::format("is a sparse file {}", kOnlyFilesAndDirs));
            kind = EntryKind::File;
            break;
        case AE_IFDIR: kind = EntryKind::Directory; break;
        case AE_IFLNK: refuse(archive, path, fmt::format("is a symbolic link {}", kOnlyFilesAndDirs));
        case AE_IFCHR: refuse(archive, path, fmt::format("is a character device {}", kOnlyFilesAndDirs));
        case AE_IFBLK: refuse(archive, path, fmt::format("is a block device {}", kOnlyFilesAndDirs));
        case AE_IFIFO: refuse(archive, path, fmt::format("is a FIFO {}", kOnlyFilesAndDirs));
        case AE_IFSOCK: refuse(archive, path, fmt::format("is a socket {}", kOnlyFilesAndDirs));
        default: refuse(archive, path, fmt::format("has an unknown type {}", kOnlyFilesAndDirs));
    }
    return check_entry_path(path, kind, rules, archive);
}

OutputLimit::OutputLimit(std::uint64_t compressed_size)
    : compressed_size_(compressed_size),
      limit_(std::max<std::uint64_t>(std::uint64_t(512) << 20, compressed_size * 20)) {}

void OutputLimit::check(std::uint64_t produced, const std::string& archive) const {
    if (produced <= limit_) return;
    throw Error(ErrorKind::BadInput, Location{archive},
                fmt::format("unpacks to more than {} bytes, the most an archive of {} bytes may produce "
                            "(max(512 MiB, 20 x its size)); output stopped",
                            limit_, compressed_size_));
}

}  // namespace cdf::extract
