// Hashes from Botan 2, as lowercase hex: Digest for any algorithm Botan knows
// ("SHA-256", "SHA-512", ...), Sha256 for the common case.
//
// Botan is reached through its stable C interface (botan/ffi.h), loaded with
// dlopen on the first hash. A command that hashes nothing, like `generate`,
// does not pay for loading and relocating Botan and its dependencies, which
// costs more than all the rest of its start-up (see scripts/bench-generate).
#pragma once

#include <string>
#include <string_view>

namespace cdf {

class Digest {
public:
    // Throws cdf::Error(Internal) when Botan cannot be loaded or does not
    // know the algorithm.
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
    void* state_ = nullptr;  // botan_hash_t
};

class Sha256 : public Digest {
public:
    Sha256() : Digest("SHA-256") {}
};

std::string sha256_hex(std::string_view data);

// True for 64 lowercase hex digits.
bool is_sha256_hex(std::string_view text);

}  // namespace cdf
