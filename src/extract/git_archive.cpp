#include "extract/git_archive.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <cerrno>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "extract/archive_reader.hpp"
#include "extract/entry_data.hpp"
#include "extract/entry_rules.hpp"
#include "extract/folder_writer.hpp"
#include "extract/tar_header.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cdf::extract {

namespace {

constexpr std::size_t kBlock = kTarBlock;
// git writes one 52-byte record; anything near this size is not git's.
constexpr std::uint64_t kMaxGlobalHeader = 1 << 20;

// Reads up to `size` bytes of the decompressed stream into `out`; returns
// how many were read (fewer only at the end of the stream).
std::size_t read_exactly(struct archive* a, char* out, std::size_t size, const std::string& display) {
    std::size_t done = 0;
    while (done < size) {
        la_ssize_t n = archive_read_data(a, out + done, size - done);
        if (n < 0)
            throw Error(ErrorKind::BadInput, Location{display},
                        fmt::format("cannot decompress: {}", archive_error_string(a) ? archive_error_string(a) : "?"));
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    return done;
}

[[noreturn]] void not_an_archive(const std::string& archive, struct archive* a) {
    const char* why = archive_error_string(a);
    throw Error(ErrorKind::BadInput, Location{archive},
                fmt::format("is not a valid git archive (compressed tar): {}", why ? why : "unknown error"));
}

std::string first_component(std::string_view path) {
    std::size_t slash = path.find('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(0, slash));
}

// How many bytes of the tar stream parse_pax_global_comment needs, given
// its first block: the header and its data when it is a global header.
std::size_t pax_bytes_needed(std::string_view first_block) {
    auto size = pax_global_header_size(first_block);
    if (!size || *size > kMaxGlobalHeader) return kBlock;
    return kBlock + static_cast<std::size_t>(*size);
}

// The decompressed bytes of an archive read through a HashingReader (so
// every byte of the distfile is hashed once): a libarchive reader with the
// gzip filter and the raw format. Its first bytes can be looked at before a
// second libarchive reader (the tar one) is given the same stream.
class Decompressed {
public:
    Decompressed(HashingReader& reader, const std::string& archive) : archive_(archive), chunk_(1 << 16) {
        raw_ = new_archive_reader();
        archive_read_support_filter_gzip(raw_.get());
        archive_read_support_format_raw(raw_.get());
        if (reader.attach(raw_.get()) != ARCHIVE_OK) not_an_archive(archive_, raw_.get());
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(raw_.get(), &entry);
        if (r == ARCHIVE_EOF)
            eof_ = true;
        else if (r < ARCHIVE_WARN)
            not_an_archive(archive_, raw_.get());
    }

    // The first `n` bytes of the stream (fewer when it is shorter).
    std::string_view peek(std::size_t n) {
        while (head_.size() < n && !eof_) {
            std::size_t old = head_.size();
            head_.resize(n);
            std::size_t got = pull(head_.data() + old, n - old);
            head_.resize(old + got);
        }
        return std::string_view(head_).substr(0, std::min(n, head_.size()));
    }

    // Opens `tar` on the whole stream, the bytes already peeked included.
    int open_tar(struct archive* tar) {
        return archive_read_open(tar, this, nullptr, &Decompressed::callback, nullptr);
    }

private:
    std::size_t pull(char* out, std::size_t n) {
        if (eof_) return 0;
        la_ssize_t got = archive_read_data(raw_.get(), out, n);
        if (got < 0) not_an_archive(archive_, raw_.get());
        if (got == 0) eof_ = true;
        return static_cast<std::size_t>(got);
    }

    static la_ssize_t callback(struct archive* tar, void* self_pointer, const void** buffer) {
        auto* self = static_cast<Decompressed*>(self_pointer);
        if (self->served_ < self->head_.size()) {
            *buffer = self->head_.data() + self->served_;
            auto n = static_cast<la_ssize_t>(self->head_.size() - self->served_);
            self->served_ = self->head_.size();
            return n;
        }
        try {
            std::size_t got = self->pull(self->chunk_.data(), self->chunk_.size());
            *buffer = self->chunk_.data();
            return static_cast<la_ssize_t>(got);
        } catch (const Error& e) {
            archive_set_error(tar, EIO, "%s", e.message().c_str());
            return -1;
        }
    }

    std::string archive_;
    ArchivePtr raw_;
    std::string head_;
    std::size_t served_ = 0;
    std::vector<char> chunk_;
    bool eof_ = false;
};

}  // namespace

std::string RepoTree::display(std::string_view relative) const {
    if (relative.empty()) return fmt::format("{}: {}", archive, top_name);
    return fmt::format("{}: {}/{}", archive, top_name, relative);
}

RepoTree extract_git_archive(HashingReader& reader, const std::string& archive,
                             const std::filesystem::path& destination, const std::string& commit,
                             const WarningSink& warn) {
    FolderWriter out(destination, archive);
    RepoTree tree = read_git_archive(reader, archive, out, commit, warn);
    tree.top = destination;
    return tree;
}

RepoTree read_git_archive(HashingReader& reader, const std::string& archive, EntrySink& out,
                          const std::optional<std::string>& commit, const WarningSink& warn) {
    Decompressed stream(reader, archive);
    std::string_view first = stream.peek(kBlock);
    if (commit)
        check_commit_comment(parse_pax_global_comment(stream.peek(pax_bytes_needed(first))), archive, *commit, warn);

    OutputLimit limit(reader.size());
    RepoTree tree;
    tree.archive = archive;

    ArchivePtr handle = new_archive_reader();
    struct archive* a = handle.get();
    archive_read_support_format_tar(a);
    if (stream.open_tar(a) != ARCHIVE_OK) not_an_archive(archive, a);

    EntryRules rules{"", /*drop_vcs_files=*/true};
    bool first_entry = true;
    for (;;) {
        struct archive_entry* entry = nullptr;
        int r = archive_read_next_header(a, &entry);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) not_an_archive(archive, a);
        limit.check(static_cast<std::uint64_t>(archive_filter_bytes(a, 0)), archive);
        const char* raw = archive_entry_pathname(entry);
        std::string_view path = raw ? raw : "";
        if (first_entry) {
            // The top folder is whatever the first entry lies in; a file at
            // the top level is refused below as "not under" it.
            rules.top_folder = first_component(path);
            if (rules.top_folder.empty() || rules.top_folder == "." || rules.top_folder == "..")
                throw Error(ErrorKind::BadInput, Location{archive},
                            fmt::format("entry {} is not inside a top folder (git archives hold the repository "
                                        "under one folder)",
                                        quote(path)));
            tree.top_name = rules.top_folder;
            out.top_folder(tree.top_name);
            first_entry = false;
        }
        if (archive_entry_filetype(entry) == AE_IFLNK && archive_entry_hardlink(entry) == nullptr) {
            CheckedEntry checked = check_entry_path(path, EntryKind::File, rules, archive);
            const char* target = archive_entry_symlink(entry);
            if (checked.keep && target) tree.symlinks[checked.relative] = target;
            continue;
        }
        CheckedEntry checked = check_entry(entry, rules, archive);
        if (!checked.keep) continue;
        if (checked.kind == EntryKind::Directory) {
            out.make_directory(checked.relative, archive_entry_perm(entry) & 0755);
            continue;
        }
        if (archive_entry_size_is_set(entry)) {
            auto declared = static_cast<std::uint64_t>(archive_entry_size(entry));
            limit.check(static_cast<std::uint64_t>(archive_filter_bytes(a, 0)) + declared, archive);
        }
        tree.symlinks.erase(checked.relative);
        out.open_file(checked.relative, archive_entry_perm(entry) & 0755, path);
        copy_entry_data(a, entry, out, limit, archive, [&] { not_an_archive(archive, a); });
        std::int64_t mtime = archive_entry_mtime(entry);
        out.close_file(mtime <= 0 ? 1 : mtime);
    }
    if (first_entry) throw Error(ErrorKind::BadInput, Location{archive}, "is an empty archive: it holds no repository");
    return tree;
}

std::optional<std::string> parse_pax_global_comment(std::string_view tar) {
    if (tar.size() < kBlock) return std::nullopt;
    auto size = pax_global_header_size(tar.substr(0, kBlock));
    if (!size || *size > kMaxGlobalHeader || tar.size() - kBlock < *size) return std::nullopt;
    std::string_view body = tar.substr(kBlock, static_cast<std::size_t>(*size));

    // Records: "LEN key=value\n", LEN counting the whole record.
    std::optional<std::string> comment;
    std::size_t pos = 0;
    while (pos < body.size()) {
        std::size_t space = body.find(' ', pos);
        if (space == std::string_view::npos) break;
        std::size_t len = 0;
        for (std::size_t i = pos; i < space; ++i) {
            if (body[i] < '0' || body[i] > '9' || len > body.size()) return comment;
            len = len * 10 + static_cast<std::size_t>(body[i] - '0');
        }
        if (len <= space - pos + 2 || pos + len > body.size() || body[pos + len - 1] != '\n') break;
        std::string_view record = body.substr(space + 1, pos + len - 1 - (space + 1));
        std::size_t eq = record.find('=');
        if (eq != std::string_view::npos && record.substr(0, eq) == "comment")
            comment = std::string(record.substr(eq + 1));
        pos += len;
    }
    return comment;
}

std::optional<std::string> read_pax_global_comment(const std::filesystem::path& archive, const std::string& display) {
    ArchivePtr a = new_archive_reader();
    archive_read_support_filter_gzip(a.get());
    archive_read_support_format_raw(a.get());
    if (archive_read_open_filename(a.get(), archive.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error(ErrorKind::BadInput, Location{display},
                    fmt::format("cannot read: {}",
                                archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
    struct archive_entry* entry = nullptr;
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) return std::nullopt;
    if (r != ARCHIVE_OK && r != ARCHIVE_WARN)
        throw Error(ErrorKind::BadInput, Location{display},
                    fmt::format("cannot read: {}",
                                archive_error_string(a.get()) ? archive_error_string(a.get()) : "?"));
    std::string head(kBlock, '\0');
    head.resize(read_exactly(a.get(), head.data(), kBlock, display));
    std::size_t needed = pax_bytes_needed(head);
    if (needed > head.size() && head.size() == kBlock) {
        head.resize(needed);
        head.resize(kBlock + read_exactly(a.get(), head.data() + kBlock, needed - kBlock, display));
    }
    return parse_pax_global_comment(head);
}

void check_commit_comment(const std::optional<std::string>& comment, const std::string& display,
                          const std::string& commit, const WarningSink& warn) {
    if (!comment) {
        if (warn)
            warn(
                fmt::format("{}: the archive does not say which commit it was made from (no pax global header with a "
                            "commit id, as `git archive` writes): cannot check that it is commit {}",
                            display, commit));
        return;
    }
    if ((comment->size() != 40 && comment->size() != 64) || !is_lower_hex(*comment)) {
        if (warn)
            warn(
                fmt::format("{}: the archive's pax global header comment {} is not a commit id: cannot check that it "
                            "is commit {}",
                            display, quote(*comment), commit));
        return;
    }
    if (*comment != commit)
        throw Error(ErrorKind::CheckFailed, Location{display},
                    fmt::format("the archive was made from commit {}, but the manifest pins commit {}: the server "
                                "sent another commit's archive, or the distfile is stale",
                                *comment, commit));
}

void check_archive_commit(const std::filesystem::path& archive, const std::string& display, const std::string& commit,
                          const WarningSink& warn) {
    check_commit_comment(read_pax_global_comment(archive, display), display, commit, warn);
}

}  // namespace cdf::extract
