// Putting a rendered DOWNLOADS block into an exheres text, leaving every other
// byte as it was.
//
// With markers, the lines from the begin marker to the end marker are
// replaced (an end marker without a final newline stays without one).
// Without markers, the block is inserted, after a blank line, after the
// first of these that exists (each is a top-level statement starting in
// column 1; multi-line values count up to their closing quote):
//   1. the last `DOWNLOADS=` or `DOWNLOADS+=` assignment;
//   2. the last `SUMMARY=`, `HOMEPAGE=` or `DESCRIPTION=` assignment;
//   3. the last `require` line (with its backslash continuations);
//   4. the end of the file.
// A blank line is added after the block unless a blank line or the end of
// the file follows.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cdf::exheres {

enum class Placement { Replaced, AfterDownloads, AfterDescription, AfterRequire, AtEnd };

struct PlacedBlock {
    std::string text;  // the whole new exheres
    Placement placement = Placement::Replaced;
    std::uint32_t line = 0;  // Replaced: the begin marker's line; After*: the anchor's last line
    // Problems in the result that are not ours to fix, such as a plain
    // `DOWNLOADS=` after the block, which throws the block's entries away.
    std::vector<std::string> warnings;
};

// `block` is render_downloads_block()'s output. `path` names the exheres in
// errors (BadInput): broken markers (see find_downloads_block), CRLF line
// endings (refused: bash would read the '\r' as part of every value), and
// quotes left open (when the insertion point has to be found).
PlacedBlock place_downloads_block(std::string_view exheres, const std::string& path, std::string_view block);

// "after the DOWNLOADS assignment on line 7", "in place of lines 9-214"...
std::string describe(const PlacedBlock& placed, std::string_view block);

}  // namespace cdf::exheres
