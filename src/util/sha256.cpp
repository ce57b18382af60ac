#include "util/sha256.hpp"

#include <botan/hash.h>
#include <fmt/format.h>

#include "util/error.hpp"
#include "util/strings.hpp"

namespace cdf {

Digest::Digest(const char* algorithm) : state_(Botan::HashFunction::create(algorithm)) {
    if (!state_) internal_error(fmt::format("Botan does not know the hash {}", algorithm));
}

Digest::~Digest() = default;
Digest::Digest(Digest&& other) noexcept = default;
Digest& Digest::operator=(Digest&& other) noexcept = default;

void Digest::update(const void* data, std::size_t size) {
    state_->update(static_cast<const std::uint8_t*>(data), size);
}

std::string Digest::final_hex() {
    const std::size_t length = state_->output_length();
    std::uint8_t digest[64];
    if (length > sizeof digest) internal_error("digest longer than 512 bits");
    state_->final(digest);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out(length * 2, '0');
    for (std::size_t i = 0; i < length; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xf];
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    Sha256 h;
    h.update(data);
    return h.final_hex();
}

bool is_sha256_hex(std::string_view text) { return text.size() == 64 && is_lower_hex(text); }

}  // namespace cdf
