#include "util/toml_guard.hpp"

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/toml_lexer.hpp"

namespace cdf {

namespace {

std::string with_what(std::string_view what, std::string_view reason) {
    return what.empty() ? std::string(reason) : fmt::format("{}: {}", what, reason);
}

[[noreturn]] void refuse(const std::string& display, const TomlChar& c, std::string_view what,
                         std::string_view reason) {
    bad_input(Location{display, c.line, c.column}, with_what(what, reason));
}

}  // namespace

namespace {

// One pass of the lexer for either check or both; the first refusal in the
// text wins.
void guard(std::string_view text, const std::string& display, std::string_view what, bool characters, bool depth) {
    TomlLexer lexer(text);
    TomlChar c;
    int dots = 0;
    while (lexer.next(c)) {
        if (c.value >= 0x80) {
            if (!characters) continue;
            if (c.value == TomlLexer::kNotUtf8)
                refuse(display, c, what,
                       fmt::format("byte 0x{:02x} is not valid UTF-8", static_cast<unsigned char>(text[c.offset])));
            if (c.place == TomlPlace::Syntax)
                refuse(display, c, what,
                       fmt::format("non-ASCII character U+{:04X} outside a string or comment",
                                   static_cast<std::uint32_t>(c.value)));
            if (c.probed)
                refuse(display, c, what,
                       fmt::format("non-ASCII character U+{:04X} after a backslash in a multi-line string, which "
                                   "toml++ 3.3 cannot read safely",
                                   static_cast<std::uint32_t>(c.value)));
        } else if (!depth) {
            continue;
        } else if (c.value == '\n') {
            dots = 0;
        } else if (c.place != TomlPlace::Syntax) {
            continue;
        } else if (c.value == '.') {
            if (++dots > kMaxTomlKeyDepth)
                bad_input(Location{display, c.line, 0},
                          with_what(what,
                                    fmt::format("a key or table name nested deeper than {} levels", kMaxTomlKeyDepth)));
        } else if (c.value == '=' || c.value == ',') {
            dots = 0;  // a value follows, or the next key of an inline table
        }
    }
}

}  // namespace

void check_toml_key_depth(std::string_view text, const std::string& display, std::string_view what) {
    guard(text, display, what, /*characters=*/false, /*depth=*/true);
}

void check_toml_characters(std::string_view text, const std::string& display, std::string_view what) {
    guard(text, display, what, /*characters=*/true, /*depth=*/false);
}

toml::table parse_toml(std::string_view text, const std::string& display, std::string_view what) {
    guard(text, display, what, /*characters=*/true, /*depth=*/true);
    try {
        return toml::parse(text, display);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        bad_input(Location{display, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)},
                  with_what(what, e.description()));
    }
}

}  // namespace cdf
