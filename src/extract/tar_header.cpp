#include "extract/tar_header.hpp"

#include <algorithm>
#include <cstring>

namespace cdf::extract {

namespace {

// ustar header layout.
constexpr std::size_t kNameAt = 0, kNameSize = 100;
constexpr std::size_t kSizeAt = 124, kSizeSize = 12;
constexpr std::size_t kChecksumAt = 148, kChecksumSize = 8;
constexpr std::size_t kTypeAt = 156;
constexpr std::size_t kMagicAt = 257;
constexpr std::size_t kPrefixAt = 345, kPrefixSize = 155;

std::string_view field(std::span<const unsigned char> block, std::size_t at, std::size_t size) {
    return {reinterpret_cast<const char*>(block.data()) + at, size};
}

std::string_view up_to_nul(std::string_view text) { return text.substr(0, text.find('\0')); }

}  // namespace

std::optional<std::uint64_t> tar_octal_field(std::string_view text) {
    std::uint64_t value = 0;
    std::size_t i = 0;
    while (i < text.size() && text[i] == ' ') ++i;
    bool any = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '7'; ++i) {
        if (value > (UINT64_MAX >> 3)) return std::nullopt;
        value = value * 8 + static_cast<std::uint64_t>(text[i] - '0');
        any = true;
    }
    for (; i < text.size(); ++i)
        if (text[i] != ' ' && text[i] != '\0') return std::nullopt;
    if (!any) return std::nullopt;
    return value;
}

bool is_tar_header(std::span<const unsigned char> block) {
    if (block.size() != kTarBlock) return false;
    auto stored = tar_octal_field(field(block, kChecksumAt, kChecksumSize));
    if (!stored) return false;
    std::uint64_t sum_unsigned = 0;
    std::int64_t sum_signed = 0;
    for (std::size_t i = 0; i < kTarBlock; ++i) {
        bool in_checksum = i >= kChecksumAt && i < kChecksumAt + kChecksumSize;
        unsigned char c = in_checksum ? ' ' : block[i];
        sum_unsigned += c;
        sum_signed += static_cast<signed char>(c);
    }
    return *stored == sum_unsigned || static_cast<std::int64_t>(*stored) == sum_signed;
}

std::string tar_header_path(std::span<const unsigned char> block) {
    std::string_view name = up_to_nul(field(block, kNameAt, kNameSize));
    std::string_view prefix;
    if (field(block, kMagicAt, 5) == "ustar") prefix = up_to_nul(field(block, kPrefixAt, kPrefixSize));
    if (prefix.empty()) return std::string(name);
    return std::string(prefix) + "/" + std::string(name);
}

std::optional<std::uint64_t> pax_global_header_size(std::string_view block) {
    if (block.size() < kTarBlock || block[kTypeAt] != 'g' || block.substr(kMagicAt, 5) != "ustar") return std::nullopt;
    return tar_octal_field(block.substr(kSizeAt, kSizeSize));
}

void GlobalHeaderWatch::look_at(std::uint64_t offset, std::span<const unsigned char> block) {
    if (block[kTypeAt] != 'g') return;  // the cheap test first: most blocks stop here
    if (offset >= skip_begin_ && offset < skip_end_) return;
    if (!is_tar_header(block)) return;
    found_.push_back({offset, tar_header_path(block)});
}

void GlobalHeaderWatch::observe(std::uint64_t offset, std::span<const unsigned char> bytes) {
    // Blocks start at multiples of 512; a chunk may end inside one.
    if (!partial_.empty()) {
        std::size_t take = std::min(kTarBlock - partial_.size(), bytes.size());
        partial_.insert(partial_.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
        bytes = bytes.subspan(take);
        offset += take;
        if (partial_.size() < kTarBlock) return;
        look_at(offset - kTarBlock, partial_);
        partial_.clear();
    }
    while (bytes.size() >= kTarBlock) {
        look_at(offset, bytes.first(kTarBlock));
        bytes = bytes.subspan(kTarBlock);
        offset += kTarBlock;
    }
    partial_.assign(bytes.begin(), bytes.end());
}

std::vector<std::string> GlobalHeaderWatch::global_headers_in(std::uint64_t header_begin, std::uint64_t data_begin,
                                                              std::uint64_t data_size) {
    std::vector<std::string> paths;
    for (const Found& f : found_)
        if (f.offset >= header_begin && f.offset < data_begin) paths.push_back(f.path);
    skip_begin_ = data_begin;
    skip_end_ = data_begin + (data_size + kTarBlock - 1) / kTarBlock * kTarBlock;
    // What lies before the entry's data is settled; what the read-ahead saw
    // inside the data is not a header.
    std::erase_if(found_, [&](const Found& f) { return f.offset < skip_end_; });
    return paths;
}

}  // namespace cdf::extract
