#include "util/sha256.hpp"

#include <botan/hash.h>
#include <botan/hex.h>

namespace cdf {

Sha256::Sha256() : hash_(Botan::HashFunction::create_or_throw("SHA-256")) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(const void* data, std::size_t size) {
    hash_->update(static_cast<const std::uint8_t*>(data), size);
}

std::string Sha256::final_hex() {
    std::uint8_t digest[32];
    hash_->final(digest);
    return Botan::hex_encode(digest, sizeof digest, /*uppercase=*/false);
}

std::string sha256_hex(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.final_hex();
}

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace cdf
