// The generated DOWNLOADS block of an exheres: rendering it, and finding it
// again between its marker lines in an existing exheres.
//
//   # cargo-distfiles begin: generated from Cargo.lock, do not edit by hand
//   DOWNLOADS+="
//       https://static.crates.io/crates/anyhow/anyhow-1.0.98.crate
//       https://github.com/o/r/archive/COMMIT.tar.gz -> r-COMMIT.tar.gz
//   "
//   # cargo-distfiles end
//
// Entries are indented by four spaces, one per line, sorted by distfile name;
// `URL -> NAME` is written only when the URL's last path component differs
// from NAME (paludis saves an arrow-less URL under that component).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "distfiles/distfile.hpp"

namespace cdf::exheres {

inline constexpr std::string_view kBeginMarker =
    "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand";
inline constexpr std::string_view kEndMarker = "# cargo-distfiles end";

// The block above, ending with a newline. Deterministic: the order of
// `downloads` does not matter; exact duplicates are written once.
// Throws BadInput when two downloads share a name but not a URL, or when a
// URL or name could not be written into an exheres unquoted (whitespace,
// quotes, '$', '`', '\\', a name with '/', a URL without "://" or ending in
// '?' or ':', which paludis would read as a condition or a label).
std::string render_downloads_block(const std::vector<distfiles::Distfile>& downloads);

// Which marker, if any, a line is: after optional leading blanks, '#', optional
// blanks, "cargo-distfiles", blanks, then "begin" or "end" followed by the end
// of the line, ':' or a blank. Trailing text after "begin:" is free.
enum class Marker { None, Begin, End };
Marker marker_of(std::string_view line);

// Where the marked block sits in an exheres text.
struct BlockSpan {
    std::size_t begin = 0;         // offset of the first byte of the begin marker line
    std::size_t end = 0;           // offset just past the end marker line's newline
    std::uint32_t begin_line = 0;  // 1-based line numbers of the markers
    std::uint32_t end_line = 0;
    bool end_has_newline = true;  // false when the end marker is the last line, unterminated
};

// The marked block of `text`, or nullopt when there are no markers. `path`
// names the file in errors (BadInput, with the line): a begin marker without
// an end, a second begin marker, an end marker before any begin marker, a
// second end marker.
std::optional<BlockSpan> find_downloads_block(std::string_view text, const std::string& path);

}  // namespace cdf::exheres
