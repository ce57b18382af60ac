// The size, SHA-256 and (optionally) SHA-512 of a file, from one read.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace cdf::distcheck {

struct FileDigest {
    std::uint64_t size = 0;
    std::string sha256;  // lowercase hex
    std::string sha512;  // lowercase hex; empty unless asked for
};

// Reads `path` once, feeding both hashes. Throws cdf::Error(BadInput) naming
// the path when it is missing, not a regular file, or cannot be read.
FileDigest digest_file(const std::filesystem::path& path, bool with_sha512);

}  // namespace cdf::distcheck
