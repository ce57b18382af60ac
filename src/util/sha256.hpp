// SHA-256 (Botan 2), streaming and one-shot, as lowercase hex.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace Botan { class HashFunction; }

namespace cdf {

class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;

    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    // Lowercase hex of everything fed so far; resets the state.
    std::string final_hex();

private:
    std::unique_ptr<Botan::HashFunction> hash_;
};

std::string sha256_hex(std::string_view data);

// True for 64 lowercase hex digits.
bool is_sha256_hex(std::string_view text);

}  // namespace cdf
