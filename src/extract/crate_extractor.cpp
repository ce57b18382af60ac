#include "extract/crate_extractor.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "extract/archive_reader.hpp"
#include "extract/entry_data.hpp"
#include "extract/entry_rules.hpp"
#include "extract/folder_writer.hpp"
#include "extract/gzip_member.hpp"
#include "extract/tar_header.hpp"
#include "util/error.hpp"

namespace cdf::extract {

namespace {

// More than any crate needs (the largest on crates.io hold a few tens of
// thousands of files), few enough that a flood of empty entries ends quickly.
constexpr std::uint64_t kMaxEntries = 100000;

[[noreturn]] void not_a_crate(const std::string& distfile, struct archive* a) {
    const char* why = archive_error_string(a);
    throw Error(ErrorKind::BadInput, Location{distfile},
                fmt::format("is not a valid .crate (gzip'd tar): {}", why ? why : "unknown error"));
}

// cargo reads .crate files through a gzip decoder: a plain tar is refused.
void require_gzip(const FirstGzipMember& member, const std::string& distfile) {
    if (!member.is_gzip())
        throw Error(ErrorKind::BadInput, Location{distfile}, "is not a valid .crate: it is not gzip-compressed");
}

// cargo's tar reader returns pax global headers as entries: cargo refuses
// one whose path is not under the crate's folder, and skips the others.
void check_global_headers(const std::vector<std::string>& paths, const EntryRules& rules, const std::string& distfile) {
    for (const std::string& path : paths) check_entry_path(path, EntryKind::File, rules, distfile);
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
    FolderWriter out(destination, reader.path().string());
    return extract_crate(reader, top_folder, out);
}

FileHashes extract_crate(HashingReader& reader, const std::string& top_folder, EntrySink& out) {
    const std::string name = reader.path().string();
    OutputLimit limit(reader.size());
    EntryRules rules{top_folder, /*drop_vcs_files=*/true, /*refuse_checksum_file=*/true};

    GlobalHeaderWatch global_headers;
    FirstGzipMember member(reader, [&](std::uint64_t offset, std::span<const unsigned char> bytes) {
        global_headers.observe(offset, bytes);
    });
    ArchivePtr archive = new_archive_reader();
    struct archive* a = archive.get();
    archive_read_support_format_tar(a);
    if (member.open(a) != ARCHIVE_OK) not_a_crate(name, a);

    FileHashes files;
    std::uint64_t entries = 0;
    for (;;) {
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(a, &entry);
        // Where this entry's header blocks (or the end marker) start and
        // where its data starts, in the decompressed stream.
        auto header_begin = static_cast<std::uint64_t>(archive_read_header_position(a));
        auto data_begin = static_cast<std::uint64_t>(archive_filter_bytes(a, 0));
        if (r == ARCHIVE_EOF) {
            check_global_headers(global_headers.global_headers_in(header_begin, data_begin, 0), rules, name);
            break;
        }
        // ARCHIVE_WARN: a name libarchive cannot convert to the locale; the
        // raw bytes are still there and entry_rules checks them.
        if (r < ARCHIVE_WARN) not_a_crate(name, a);
        require_gzip(member, name);
        if (++entries > kMaxEntries)
            throw Error(ErrorKind::BadInput, Location{name},
                        fmt::format("holds more than {} entries, more than any crate needs; refused", kMaxEntries));
        // What the header announces counts before a byte of it is written.
        std::uint64_t announced = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
        check_global_headers(global_headers.global_headers_in(header_begin, data_begin, announced), rules, name);
        CheckedEntry checked = check_entry(entry, rules, name);
        limit.check(data_begin + announced, name);
        if (!checked.keep) continue;  // libarchive reads (and we hash) the skipped data
        if (checked.kind == EntryKind::Directory) {
            out.make_directory(checked.relative, archive_entry_perm(entry));
            continue;
        }
        const char* path = archive_entry_pathname(entry);
        out.open_file(checked.relative, archive_entry_perm(entry) & 0777, path ? path : "");
        copy_entry_data(a, entry, out, limit, name, [&] { not_a_crate(name, a); });
        files[checked.relative] = out.close_file(cargo_mtime(checked.relative, archive_entry_mtime(entry)));
    }
    require_gzip(member, name);  // no entry at all: still a gzip'd tar?
    if (!files.contains("Cargo.toml"))
        throw Error(ErrorKind::BadInput, Location{name},
                    fmt::format("is not a valid .crate: it holds no {}", quote(top_folder + "/Cargo.toml")));
    return files;
}

}  // namespace cdf::extract
