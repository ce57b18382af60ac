#include "distcheck/file_digest.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/files.hpp"
#include "util/sha256.hpp"

namespace cdf::distcheck {

namespace {

[[noreturn]] void cannot_read(const std::filesystem::path& path, int err) {
    bad_input(Location{path.string()}, fmt::format("cannot read: {}", std::strerror(err)));
}

}  // namespace

FileDigest digest_file(const std::filesystem::path& path, bool with_sha512) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT) bad_input(Location{path.string()}, "no such file");
        cannot_read(path, errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) cannot_read(path, errno);
    if (!S_ISREG(st.st_mode)) bad_input(Location{path.string()}, "not a regular file");

    Sha256 sha256;
    std::optional<Digest> sha512;  // Botan is reached only through util/sha256.hpp
    if (with_sha512) sha512.emplace("SHA-512");
    std::vector<char> buffer(1 << 20);
    FileDigest out;
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer.data(), buffer.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            cannot_read(path, errno);
        }
        if (n == 0) break;
        sha256.update(buffer.data(), static_cast<std::size_t>(n));
        if (sha512) sha512->update(buffer.data(), static_cast<std::size_t>(n));
        out.size += static_cast<std::uint64_t>(n);
    }
    out.sha256 = sha256.final_hex();
    if (sha512) out.sha512 = sha512->final_hex();
    return out;
}

}  // namespace cdf::distcheck
