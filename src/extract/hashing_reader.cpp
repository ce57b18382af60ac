#include "extract/hashing_reader.hpp"

#include <archive.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::extract {

HashingReader::HashingReader(std::filesystem::path path, ByteCounter on_bytes, std::size_t buffer_size)
    : path_(std::move(path)), on_bytes_(std::move(on_bytes)), buffer_(buffer_size) {
    fd_.reset(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd_)
        throw Error(ErrorKind::BadInput, Location{path_.string()},
                    fmt::format("cannot open: {}", std::strerror(errno)));
    struct stat st {};
    std::string problem;
    if (::fstat(fd_.get(), &st) != 0)
        problem = fmt::format("cannot stat: {}", std::strerror(errno));
    else if (!S_ISREG(st.st_mode))
        problem = "not a regular file";
    if (!problem.empty()) {
        fd_.reset();
        throw Error(ErrorKind::BadInput, Location{path_.string()}, problem);
    }
    size_ = static_cast<std::uint64_t>(st.st_size);
    ::posix_fadvise(fd_.get(), 0, 0, POSIX_FADV_SEQUENTIAL);
}

HashingReader::~HashingReader() = default;

long long HashingReader::read_chunk() {
    for (;;) {
        ssize_t n = ::read(fd_.get(), buffer_.data(), buffer_.size());
        if (n < 0 && errno == EINTR) continue;
        if (n > 0) {
            sha_.update(buffer_.data(), static_cast<std::size_t>(n));
            bytes_read_ += static_cast<std::uint64_t>(n);
            if (on_bytes_) on_bytes_(static_cast<std::size_t>(n));
        }
        return n;
    }
}

ssize_t HashingReader::read_callback(struct archive* a, void* self, const void** buffer) {
    auto* reader = static_cast<HashingReader*>(self);
    *buffer = reader->buffer_.data();
    long long n = reader->read_chunk();
    if (n < 0) {
        archive_set_error(a, errno, "cannot read %s: %s", reader->path_.c_str(), std::strerror(errno));
        return -1;
    }
    return n;
}

int HashingReader::attach(struct archive* a) {
    // No skip or seek callback: libarchive must read (and so hash) every byte.
    return archive_read_open(a, this, nullptr, &HashingReader::read_callback, nullptr);
}

std::span<const unsigned char> HashingReader::next_chunk() {
    long long n = read_chunk();
    if (n < 0)
        throw Error(ErrorKind::Internal, Location{path_.string()},
                    fmt::format("cannot read: {}", std::strerror(errno)));
    return {buffer_.data(), static_cast<std::size_t>(n)};
}

std::string HashingReader::finish() {
    while (!next_chunk().empty()) {
    }
    return sha_.final_hex();
}

}  // namespace cdf::extract
