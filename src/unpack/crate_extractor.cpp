#include "unpack/crate_extractor.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <utility>

#include <fmt/format.h>

#include "unpack/entry_data.hpp"
#include "unpack/entry_rules.hpp"
#include "unpack/folder_writer.hpp"
#include "util/error.hpp"

namespace cdf::unpack {

namespace {

struct ArchiveCloser {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveCloser>;

[[noreturn]] void not_a_crate(const std::string& distfile, struct archive* a) {
    const char* why = archive_error_string(a);
    throw Error(ErrorKind::BadInput, Location{distfile},
                fmt::format("is not a valid .crate (gzip'd tar): {}", why ? why : "unknown error"));
}

// cargo reads .crate files through a gzip decoder: anything else is refused.
void require_gzip(struct archive* a, const std::string& distfile) {
    if (archive_filter_code(a, 0) != ARCHIVE_FILTER_GZIP)
        throw Error(ErrorKind::BadInput, Location{distfile}, "is not a valid .crate: it is not gzip-compressed");
}

}  // namespace

std::int64_t cargo_mtime(const std::string& relative, std::int64_t archive_mtime) {
    constexpr std::int64_t kDeterministic = 1153704088;
    if (relative == "Cargo.toml" || relative == "Cargo.lock" || relative == ".cargo_vcs_info.json")
        return kDeterministic;
    return archive_mtime <= 0 ? 1 : archive_mtime;
}

FileHashes extract_crate(HashingReader& reader, const std::string& top_folder,
                         const std::filesystem::path& destination) {
    const std::string name = reader.path().string();
    OutputLimit limit(reader.size());
    EntryRules rules{top_folder, /*drop_vcs_files=*/true};
    FolderWriter out(destination, name);

    ArchivePtr archive(archive_read_new());
    struct archive* a = archive.get();
    if (!a) internal_error("archive_read_new failed");
    archive_read_support_filter_gzip(a);
    archive_read_support_format_tar(a);
    if (reader.attach(a) != ARCHIVE_OK) not_a_crate(name, a);

    FileHashes files;
    bool first = true;
    for (;;) {
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) break;
        // ARCHIVE_WARN: a name libarchive cannot convert to the locale; the
        // raw bytes are still there and entry_rules checks them.
        if (r < ARCHIVE_WARN) not_a_crate(name, a);
        if (std::exchange(first, false)) require_gzip(a, name);
        CheckedEntry checked = check_entry(entry, rules, name);
        // What the header announces counts before a byte of it is written.
        std::uint64_t announced = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
        limit.check(static_cast<std::uint64_t>(archive_filter_bytes(a, 0)) + announced, name);
        if (!checked.keep) continue;  // libarchive reads (and we hash) the skipped data
        if (checked.kind == EntryKind::Directory) {
            out.make_directory(checked.relative, archive_entry_perm(entry));
            continue;
        }
        out.open_file(checked.relative, archive_entry_perm(entry) & 0777);
        copy_entry_data(a, entry, out, limit, name, [&] { not_a_crate(name, a); });
        files[checked.relative] = out.close_file(cargo_mtime(checked.relative, archive_entry_mtime(entry)));
    }
    if (first) require_gzip(a, name);  // no entry at all: still a gzip'd tar?
    return files;
}

}  // namespace cdf::unpack
