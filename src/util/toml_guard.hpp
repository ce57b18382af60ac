// Reading TOML that an attacker may have written (a crate's Cargo.toml, the
// Cargo.toml files of a git archive, a lockfile) with toml++ 3.3, which two
// kinds of text break:
//   - it recurses once per component of a dotted key or table name, without
//     a limit: `a.a.a...` with a million components overflows the stack;
//   - it reaches __builtin_unreachable (undefined behaviour; upstream issues
//     190 and 295) when it asks whether one of about 3000 non-ASCII
//     characters is whitespace (U+00A1-U+0499, U+2C5E-U+2FFF, U+3001-U+3057,
//     U+FB26-U+FEFE: accented Latin, Greek, Cyrillic, CJK punctuation...).
//     It asks that of every character outside strings and comments, and,
//     inside a multi-line basic string ("""), of the first character after
//     a backslash and the whitespace that follows it.
// The checks below refuse such text before toml++ sees it (where a string or
// a comment starts and ends is found as toml++ will find it: toml_lexer.hpp);
// parse_toml() runs them, then toml++. Every refusal is a cdf::Error of kind
// BadInput at `display`:LINE:COLUMN whose message is "<what>: <reason>" (the
// reason alone when `what` is empty). Valid TOML passes them but for keys
// nested deeper than kMaxTomlKeyDepth and the last rule of
// check_toml_characters.
#pragma once

#include <string>
#include <string_view>

#include <toml++/toml.h>

namespace cdf {

// Keys and table names nested deeper than this (more '.' than this) are
// refused; cargo writes a few at most: `[target.'cfg(unix)'.dependencies]`.
inline constexpr int kMaxTomlKeyDepth = 128;

// Refuses a line holding more than kMaxTomlKeyDepth '.' outside strings and
// comments that no '=' or ',' separates (a key, a table name, or values such
// as floats that no ',' separates): "<what>: a key or table name nested
// deeper than 128 levels", at `display`:LINE (no column).
void check_toml_key_depth(std::string_view text, const std::string& display, std::string_view what = "invalid TOML");

// Refuses, at the character's line and column:
//   - text that is not UTF-8: "<what>: byte 0xNN is not valid UTF-8";
//   - a non-ASCII character outside strings and comments (TOML 1.0 allows
//     none there: bare keys are ASCII, whitespace is space and tab; the quotes
//     in `x = 1"é"` open no string for toml++): "<what>: non-ASCII character
//     U+NNNN outside a string or comment";
//   - a non-ASCII character after a backslash in a multi-line basic string,
//     and after the spaces, tabs and line breaks that follow the backslash
//     (valid TOML when the backslash ends its line): "<what>: non-ASCII
//     character U+NNNN after a backslash in a multi-line string, which toml++
//     3.3 cannot read safely".
// Non-ASCII in comments and anywhere else in strings (basic, literal,
// multi-line, quoted keys) is accepted. A byte order mark at the start is
// accepted (toml++ skips it).
void check_toml_characters(std::string_view text, const std::string& display, std::string_view what = "invalid TOML");

// Both checks in one pass (the first refusal in the text wins), then
// toml::parse; an error of toml++ becomes "<what>: <toml++'s description>"
// at its line and column.
toml::table parse_toml(std::string_view text, const std::string& display, std::string_view what = "invalid TOML");

}  // namespace cdf
