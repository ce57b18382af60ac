#include "extract/gzip_member.hpp"

#include <zlib.h>

#include <cerrno>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::extract {

namespace {

// A multiple of 512, so that every chunk but the last holds whole tar blocks.
constexpr std::size_t kOutputChunk = std::size_t(1) << 18;

}  // namespace

struct FirstGzipMember::Stream {
    z_stream z{};
    bool initialised = false;
    ~Stream() {
        if (initialised) inflateEnd(&z);
    }
};

FirstGzipMember::FirstGzipMember(HashingReader& reader, Observer observer)
    : reader_(reader), observer_(std::move(observer)), stream_(std::make_unique<Stream>()) {
    pending_ = reader_.next_chunk();
    input_done_ = pending_.empty();
    gzip_ = pending_.size() >= 2 && pending_[0] == 0x1f && pending_[1] == 0x8b;
    if (!gzip_) return;
    out_.resize(kOutputChunk);
    // 16 + 15: a gzip wrapper only, the largest window.
    if (inflateInit2(&stream_->z, 16 + MAX_WBITS) != Z_OK) internal_error("inflateInit2 failed");
    stream_->initialised = true;
    // Neither the header's CRC-16 nor the trailer's CRC-32 and length: cargo
    // does not read the trailer of a well-formed crate (see the header).
    inflateValidate(&stream_->z, 0);
    stream_->z.next_in = const_cast<unsigned char*>(pending_.data());
    stream_->z.avail_in = static_cast<uInt>(pending_.size());
    pending_ = {};
}

FirstGzipMember::~FirstGzipMember() = default;

int FirstGzipMember::open(struct archive* a) {
    return archive_read_open(a, this, nullptr, &FirstGzipMember::callback, nullptr);
}

la_ssize_t FirstGzipMember::callback(struct archive* a, void* self_pointer, const void** buffer) {
    auto* self = static_cast<FirstGzipMember*>(self_pointer);
    // No exception may cross libarchive's C frames.
    try {
        std::span<const unsigned char> chunk = self->next();
        *buffer = chunk.data();
        if (self->observer_ && !chunk.empty()) self->observer_(self->offset_, chunk);
        self->offset_ += chunk.size();
        return static_cast<la_ssize_t>(chunk.size());
    } catch (const Error& e) {
        archive_set_error(a, EIO, "%s", e.message().c_str());
        return -1;
    }
}

std::span<const unsigned char> FirstGzipMember::next() {
    if (gzip_) return inflate_some();
    if (!pending_.empty()) return std::exchange(pending_, {});
    if (input_done_) return {};
    std::span<const unsigned char> chunk = reader_.next_chunk();
    input_done_ = chunk.empty();
    return chunk;
}

std::span<const unsigned char> FirstGzipMember::inflate_some() {
    if (member_done_) return {};
    z_stream& z = stream_->z;
    z.next_out = out_.data();
    z.avail_out = static_cast<uInt>(out_.size());
    while (z.avail_out > 0) {
        if (z.avail_in == 0 && !input_done_) {
            std::span<const unsigned char> chunk = reader_.next_chunk();
            input_done_ = chunk.empty();
            z.next_in = const_cast<unsigned char*>(chunk.data());
            z.avail_in = static_cast<uInt>(chunk.size());
        }
        int r = inflate(&z, Z_NO_FLUSH);
        if (r == Z_STREAM_END) {
            member_done_ = true;
            break;
        }
        if (r == Z_BUF_ERROR && z.avail_in == 0 && input_done_)
            throw Error(ErrorKind::BadInput, {}, "truncated gzip input");
        if (r != Z_OK && r != Z_BUF_ERROR)
            throw Error(ErrorKind::BadInput, {}, fmt::format("gzip data is corrupt: {}", z.msg ? z.msg : "?"));
    }
    return {out_.data(), out_.size() - z.avail_out};
}

}  // namespace cdf::extract
