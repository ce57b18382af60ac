#include "util/sha256.hpp"

#include <dlfcn.h>

#include <botan/ffi.h>
#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf {

namespace {

// The few Botan FFI entry points we use, resolved once.
struct BotanFfi {
    decltype(&botan_hash_init) init = nullptr;
    decltype(&botan_hash_update) update = nullptr;
    decltype(&botan_hash_final) final = nullptr;
    decltype(&botan_hash_output_length) output_length = nullptr;
    decltype(&botan_hash_destroy) destroy = nullptr;
    std::string error;

    BotanFfi() {
        void* lib = ::dlopen(CDF_BOTAN_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (!lib) {
            const char* e = ::dlerror();
            error = fmt::format("cannot load Botan ({}): {}", CDF_BOTAN_SONAME, e ? e : "unknown error");
            return;
        }
        bool ok = resolve(lib, "botan_hash_init", init) && resolve(lib, "botan_hash_update", update) &&
                  resolve(lib, "botan_hash_final", final) &&
                  resolve(lib, "botan_hash_output_length", output_length) &&
                  resolve(lib, "botan_hash_destroy", destroy);
        if (!ok) error = fmt::format("{} lacks the botan_hash_* functions", CDF_BOTAN_SONAME);
    }

    template <typename F>
    static bool resolve(void* lib, const char* name, F& out) {
        out = reinterpret_cast<F>(::dlsym(lib, name));
        return out != nullptr;
    }
};

const BotanFfi& botan() {
    static const BotanFfi ffi;  // thread-safe initialisation
    if (!ffi.error.empty()) internal_error(ffi.error);
    return ffi;
}

}  // namespace

Digest::Digest(const char* algorithm) {
    botan_hash_t h = nullptr;
    if (botan().init(&h, algorithm, 0) != 0) internal_error(fmt::format("Botan does not know the hash {}", algorithm));
    state_ = h;
}

Digest::~Digest() {
    if (state_) botan().destroy(static_cast<botan_hash_t>(state_));
}

Digest::Digest(Digest&& other) noexcept : state_(other.state_) { other.state_ = nullptr; }

Digest& Digest::operator=(Digest&& other) noexcept {
    if (this != &other) {
        if (state_) botan().destroy(static_cast<botan_hash_t>(state_));
        state_ = other.state_;
        other.state_ = nullptr;
    }
    return *this;
}

void Digest::update(const void* data, std::size_t size) {
    botan().update(static_cast<botan_hash_t>(state_), static_cast<const std::uint8_t*>(data), size);
}

std::string Digest::final_hex() {
    std::size_t length = 0;
    botan().output_length(static_cast<botan_hash_t>(state_), &length);
    std::uint8_t digest[64];
    if (length > sizeof digest) internal_error("digest longer than 512 bits");
    botan().final(static_cast<botan_hash_t>(state_), digest);
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

bool is_sha256_hex(std::string_view text) {
    if (text.size() != 64) return false;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

}  // namespace cdf
