// Hand-made tarballs for the unpack tests, written with libarchive's writer
// at test time (header-only).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "util/sha256.hpp"

namespace cdf::test {

struct TarItem {
    std::string path;
    std::string content;       // regular files
    unsigned type = AE_IFREG;  // AE_IFREG, AE_IFDIR, AE_IFLNK, AE_IFCHR, AE_IFBLK, AE_IFIFO
    unsigned perm = 0644;
    std::int64_t mtime = 1500000000;
    std::string link;  // symlink target, or hard link target when `hardlink`
    bool hardlink = false;
};

enum class TarFormat { Gnu, Pax, Ustar };

inline TarItem file(std::string path, std::string content, unsigned perm = 0644) {
    TarItem t;
    t.path = std::move(path);
    t.content = std::move(content);
    t.perm = perm;
    return t;
}

inline TarItem dir(std::string path, unsigned perm = 0755) {
    TarItem t;
    t.path = std::move(path);
    t.type = AE_IFDIR;
    t.perm = perm;
    return t;
}

// Writes the items, in order, as a tar (gzip'd unless `gzip` is false).
inline void write_tarball(const std::filesystem::path& out, const std::vector<TarItem>& items,
                          TarFormat format = TarFormat::Gnu, bool gzip = true) {
    struct archive* a = archive_write_new();
    if (format == TarFormat::Gnu) archive_write_set_format_gnutar(a);
    if (format == TarFormat::Pax) archive_write_set_format_pax(a);
    if (format == TarFormat::Ustar) archive_write_set_format_ustar(a);
    if (gzip) archive_write_add_filter_gzip(a);
    if (archive_write_open_filename(a, out.c_str()) != ARCHIVE_OK)
        throw std::runtime_error("cannot create " + out.string() + ": " + archive_error_string(a));
    for (const auto& item : items) {
        struct archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, item.path.c_str());
        archive_entry_set_filetype(e, item.type);
        archive_entry_set_perm(e, item.perm);
        archive_entry_set_mtime(e, item.mtime, 0);
        archive_entry_set_uid(e, 0);
        archive_entry_set_gid(e, 0);
        if (item.type == AE_IFLNK) archive_entry_set_symlink(e, item.link.c_str());
        if (item.hardlink) archive_entry_set_hardlink(e, item.link.c_str());
        if (item.type == AE_IFCHR || item.type == AE_IFBLK) archive_entry_set_rdev(e, 0x0103);
        bool data = item.type == AE_IFREG && !item.hardlink;
        archive_entry_set_size(e, data ? static_cast<la_int64_t>(item.content.size()) : 0);
        if (archive_write_header(a, e) != ARCHIVE_OK)
            throw std::runtime_error(std::string("archive_write_header: ") + archive_error_string(a));
        if (data && !item.content.empty()) archive_write_data(a, item.content.data(), item.content.size());
        archive_entry_free(e);
    }
    archive_write_close(a);
    archive_write_free(a);
}

// A tar stream's data padded to whole 512-byte blocks.
inline std::string tar_padded(std::string data) {
    data.resize((data.size() + 511) / 512 * 512, '\0');
    return data;
}

// Gzip-compresses `raw` bytes as they are (a tar built by hand).
inline void write_gzip(const std::filesystem::path& out, const std::string& raw) {
    struct archive* a = archive_write_new();
    archive_write_set_format_raw(a);
    archive_write_add_filter_gzip(a);
    if (archive_write_open_filename(a, out.c_str()) != ARCHIVE_OK)
        throw std::runtime_error("cannot create " + out.string());
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_filetype(e, AE_IFREG);
    archive_write_header(a, e);
    archive_write_data(a, raw.data(), raw.size());
    archive_entry_free(e);
    archive_write_close(a);
    archive_write_free(a);
}

// One 512-byte ustar header of type `type` ('0' a regular file, 'g' a pax
// global header...) for `name` that claims `size` bytes (the data is up to
// the caller).
inline std::string ustar_header(const std::string& name, std::uint64_t size, char type = '0') {
    std::string h(512, '\0');
    auto put = [&](std::size_t at, std::size_t width, const std::string& value) {
        h.replace(at, std::min(width, value.size()), value.substr(0, width));
    };
    auto octal = [](std::uint64_t v, int width) {
        std::string s(static_cast<std::size_t>(width - 1), '0');
        for (int i = width - 2; i >= 0 && v; --i, v >>= 3)
            s[static_cast<std::size_t>(i)] = static_cast<char>('0' + (v & 7));
        return s;
    };
    put(0, 100, name);
    put(100, 8, octal(0644, 8));
    put(108, 8, octal(0, 8));
    put(116, 8, octal(0, 8));
    put(124, 12, octal(size, 12));
    put(136, 12, octal(1500000000, 12));
    put(148, 8, std::string(8, ' '));
    h[156] = type;
    put(257, 6, std::string("ustar\0", 6));
    put(263, 2, "00");
    unsigned sum = 0;
    for (unsigned char c : h) sum += c;
    put(148, 8, octal(sum, 7) + std::string(1, '\0'));
    return h;
}

inline std::string sha256_of_file(const std::filesystem::path& path) {
    FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) throw std::runtime_error("cannot open " + path.string());
    Sha256 sha;
    char buf[65536];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) sha.update(buf, n);
    std::fclose(f);
    return sha.final_hex();
}

}  // namespace cdf::test
