// Making real tar.gz archives at test time with libarchive's writer
// (header-only: included by the packager tools' tests).
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace cdf::test {

struct TarEntry {
    TarEntry(std::string p, std::string c = {}, unsigned t = AE_IFREG, std::string target = {})
        : path(std::move(p)), content(std::move(c)), type(t), link_target(std::move(target)) {}
    std::string path;
    std::string content;       // regular files
    unsigned type = AE_IFREG;  // AE_IFREG, AE_IFDIR or AE_IFLNK
    std::string link_target;   // AE_IFLNK
};

// Writes a gzip'd GNU tar (as `cargo package` does) holding `entries`, in order.
inline void write_tar_gz(const std::filesystem::path& out, const std::vector<TarEntry>& entries) {
    archive* a = archive_write_new();
    archive_write_set_format_gnutar(a);
    archive_write_add_filter_gzip(a);
    if (archive_write_open_filename(a, out.c_str()) != ARCHIVE_OK)
        throw std::runtime_error("cannot create " + out.string() + ": " + archive_error_string(a));
    for (const auto& e : entries) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.path.c_str());
        archive_entry_set_filetype(entry, e.type);
        archive_entry_set_perm(entry, e.type == AE_IFDIR ? 0755 : 0644);
        archive_entry_set_mtime(entry, 1500000000, 0);
        if (e.type == AE_IFLNK) archive_entry_set_symlink(entry, e.link_target.c_str());
        archive_entry_set_size(entry, e.type == AE_IFREG ? static_cast<la_int64_t>(e.content.size()) : 0);
        if (archive_write_header(a, entry) != ARCHIVE_OK)
            throw std::runtime_error(std::string("archive_write_header: ") + archive_error_string(a));
        if (e.type == AE_IFREG && !e.content.empty()) archive_write_data(a, e.content.data(), e.content.size());
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
}

// A minimal normalised Cargo.toml as `cargo package` writes it.
inline std::string packaged_cargo_toml(const std::string& name, const std::string& version,
                                       const std::string& licence_lines) {
    return "[package]\nedition = \"2021\"\nname = \"" + name + "\"\nversion = \"" + version + "\"\n" + licence_lines +
           "\n[dependencies]\n";
}

// NAME-VERSION.crate in `dir` with the given Cargo.toml and a lib.rs.
inline std::filesystem::path make_crate(const std::filesystem::path& dir, const std::string& name,
                                        const std::string& version, const std::string& cargo_toml) {
    std::string prefix = name + "-" + version + "/";
    std::filesystem::path out = dir / (name + "-" + version + ".crate");
    write_tar_gz(out, {{prefix + ".cargo_vcs_info.json", "{}\n"},
                       {prefix + "Cargo.toml", cargo_toml},
                       {prefix + "Cargo.toml.orig", cargo_toml},
                       {prefix + "src/lib.rs", "pub fn f() {}\n"}});
    return out;
}

}  // namespace cdf::test
