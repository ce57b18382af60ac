// Hashes from Botan (2 or 3, whichever the build found), as lowercase hex:
// Digest for any algorithm Botan knows ("SHA-256", "SHA-512", ...), Sha256
// for the common case.
//
// Botan is an ordinary link dependency, linked statically where its archive
// is installed: only the hash code is pulled in, so start-up stays flat
// (see scripts/bench-generate).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace Botan {
class HashFunction;
}

namespace cdf {

class Digest {
public:
    // Throws cdf::Error(Internal) when Botan does not know the algorithm.
    explicit Digest(const char* algorithm);
    ~Digest();
    Digest(Digest&& other) noexcept;
    Digest& operator=(Digest&& other) noexcept;
    Digest(const Digest&) = delete;
    Digest& operator=(const Digest&) = delete;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    // Lowercase hex of everything fed so far; resets the state.
    std::string final_hex();

private:
    std::unique_ptr<Botan::HashFunction> state_;
};

class Sha256 : public Digest {
public:
    Sha256() : Digest("SHA-256") {}
};

std::string sha256_hex(std::string_view data);

// True for 64 lowercase hex digits.
bool is_sha256_hex(std::string_view text);

}  // namespace cdf
