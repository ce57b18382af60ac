// Raw tar header blocks: the few things libarchive keeps to itself.
//
// libarchive applies pax global headers (type 'g') and never returns them as
// entries. cargo's tar reader returns them like any other entry, named
// "pax_global_header" or the like: cargo refuses such an entry when its path
// is not under the crate's folder, and skips it otherwise. To do the same,
// GlobalHeaderWatch looks at
// each 512-byte block of the tar stream as it goes by (FirstGzipMember's
// observer). It remembers the blocks that are valid ustar headers (right
// checksum) of type 'g'. The extractor then asks about the header blocks that
// libarchive read before each entry, and at the end.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace cdf::extract {

inline constexpr std::size_t kTarBlock = 512;

// A tar numeric field: octal digits, maybe led by spaces and ended by spaces
// or NULs. nullopt when it holds anything else or no digit.
std::optional<std::uint64_t> tar_octal_field(std::string_view field);

// Whether a 512-byte block is a tar header: its checksum field matches the
// sum of its bytes (unsigned or signed, as readers accept both).
bool is_tar_header(std::span<const unsigned char> block);

// The path a header names: ustar prefix + "/" + name, each up to its NUL.
std::string tar_header_path(std::span<const unsigned char> block);

// For a ustar pax global header block (type 'g', magic "ustar"): the size
// of the records that follow it. nullopt for any other block, or a bad size.
std::optional<std::uint64_t> pax_global_header_size(std::string_view block);

class GlobalHeaderWatch {
public:
    // Feed the stream in order: `offset` is where `bytes` starts.
    void observe(std::uint64_t offset, std::span<const unsigned char> bytes);

    // For the header blocks libarchive read in [header_begin, data_begin)
    // before an entry (or before the end of the archive): the paths of the pax
    // global headers among them. `data_size` bytes of entry data follow from
    // data_begin and cannot hold a header. Forgets what lies before.
    std::vector<std::string> global_headers_in(std::uint64_t header_begin, std::uint64_t data_begin,
                                               std::uint64_t data_size);

private:
    struct Found {
        std::uint64_t offset;
        std::string path;
    };
    void look_at(std::uint64_t offset, std::span<const unsigned char> block);

    std::vector<Found> found_;
    std::vector<unsigned char> partial_;  // the start of a block cut by a chunk's end
    std::uint64_t skip_begin_ = 0;        // entry data known not to hold headers
    std::uint64_t skip_end_ = 0;
};

}  // namespace cdf::extract
