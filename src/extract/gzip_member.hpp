// The tar inside a .crate, decompressed the way cargo does it: from the first
// gzip member only.
//
// cargo reads a .crate through flate2's GzDecoder, which stops at the end of
// the first gzip member. Whatever follows (trailing garbage, or a second
// member that continues the tar) is never unpacked. libarchive's gzip filter
// reads every member, so a crate could hold files that cargo never sees.
// FirstGzipMember therefore inflates with zlib (libarchive's own dependency)
// up to the end of the first member, and gives libarchive the plain tar.
// The trailer's CRC-32 and length are not checked. cargo stops reading at the
// tar's end marker and never reaches them either.
//
// Bytes after the member are still hashed: HashingReader::finish() reads them.
// When a distfile does not start with the gzip magic, its bytes go to
// libarchive unchanged, so that libarchive's error can say what the file is;
// is_gzip() tells the caller which case it is.
#pragma once

#include <archive.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

#include "extract/hashing_reader.hpp"

namespace cdf::extract {

class FirstGzipMember {
public:
    // Sees every chunk handed to libarchive, in order, with its offset in the
    // stream. Every chunk but the last is a multiple of 512 bytes long.
    using Observer = std::function<void(std::uint64_t offset, std::span<const unsigned char> bytes)>;

    // Reads the first chunk of `reader` to find out whether it is gzip.
    explicit FirstGzipMember(HashingReader& reader, Observer observer = {});
    ~FirstGzipMember();
    FirstGzipMember(const FirstGzipMember&) = delete;
    FirstGzipMember& operator=(const FirstGzipMember&) = delete;

    // Whether the distfile starts with the gzip magic (1f 8b).
    bool is_gzip() const { return gzip_; }

    // archive_read_open() on `a` with the decompressed stream (or the raw
    // bytes, when the file is not gzip); returns its status. Read errors and
    // broken gzip data reach libarchive's error string: "truncated gzip
    // input", "gzip data is corrupt: ...".
    int open(struct archive* a);

private:
    struct Stream;
    static la_ssize_t callback(struct archive* a, void* self, const void** buffer);
    // The next chunk for libarchive; empty at the end. Throws Error.
    std::span<const unsigned char> next();
    std::span<const unsigned char> inflate_some();

    HashingReader& reader_;
    Observer observer_;
    std::unique_ptr<Stream> stream_;
    std::span<const unsigned char> pending_;  // the chunk read to look at the magic
    std::vector<unsigned char> out_;
    std::uint64_t offset_ = 0;
    bool gzip_ = false;
    bool input_done_ = false;
    bool member_done_ = false;
};

}  // namespace cdf::extract
