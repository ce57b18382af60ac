// Reading a distfile exactly once while hashing it.
//
// A HashingReader opens a file and feeds libarchive through its own read
// callback: every byte libarchive reads passes through SHA-256 and a byte
// counter on the way. libarchive may stop before the end of the file (the
// tar end marker, trailing garbage); finish() reads and hashes the rest, so
// the digest is always of the whole file, and the file is read only once.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "util/files.hpp"
#include "util/sha256.hpp"

struct archive;

namespace cdf::extract {

class HashingReader {
public:
    // Called with the size of every chunk read (progress); may be empty.
    using ByteCounter = std::function<void(std::size_t)>;

    // Opens `path`; throws BadInput naming it when it cannot be opened.
    explicit HashingReader(std::filesystem::path path, ByteCounter on_bytes = {},
                           std::size_t buffer_size = std::size_t(1) << 18);
    ~HashingReader();
    HashingReader(const HashingReader&) = delete;
    HashingReader& operator=(const HashingReader&) = delete;

    // archive_read_open() on `a` with this reader's callbacks; returns its
    // status (ARCHIVE_OK or ARCHIVE_FATAL).
    int attach(struct archive* a);

    // For a reader of its own (gzip_member.hpp): the next chunk of the file,
    // hashed and counted; empty at the end. Valid until the next call.
    // Throws Internal on a read error.
    std::span<const unsigned char> next_chunk();

    // Reads what is left of the file, then returns the lowercase hex SHA-256
    // of everything. Throws Internal on a read error.
    std::string finish();

    const std::filesystem::path& path() const { return path_; }
    // Size of the file when it was opened.
    std::uint64_t size() const { return size_; }
    std::uint64_t bytes_read() const { return bytes_read_; }

private:
    static ssize_t read_callback(struct archive* a, void* self, const void** buffer);
    // One read(2) into the buffer, hashed and counted; 0 at end of file,
    // -1 with errno set on failure.
    long long read_chunk();

    std::filesystem::path path_;
    ByteCounter on_bytes_;
    std::vector<unsigned char> buffer_;
    Sha256 sha_;
    Fd fd_;
    std::uint64_t size_ = 0;
    std::uint64_t bytes_read_ = 0;
};

}  // namespace cdf::extract
