#include "util/toml_lexer.hpp"

#include <algorithm>

namespace cdf {

namespace {

// The code point at text[pos] and its size in bytes (RFC 3629: no overlong
// forms, no surrogates, nothing beyond U+10FFFF); kNotUtf8 and 1 when the
// bytes there are not one.
std::pair<char32_t, std::size_t> decode(std::string_view text, std::size_t pos) {
    auto byte = [&](std::size_t i) -> unsigned {
        return pos + i < text.size() ? static_cast<unsigned char>(text[pos + i]) : 0u;
    };
    // A continuation byte (within [lo, hi] for the second byte of some forms).
    auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return pos + i < text.size() && byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned b0 = byte(0);
    if (b0 < 0x80) return {b0, 1};
    if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) return {((b0 & 0x1Fu) << 6) | (byte(1) & 0x3Fu), 2};
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        unsigned lo = b0 == 0xE0 ? 0xA0 : 0x80, hi = b0 == 0xED ? 0x9F : 0xBF;
        if (cont(1, lo, hi) && cont(2)) return {((b0 & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu), 3};
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        unsigned lo = b0 == 0xF0 ? 0x90 : 0x80, hi = b0 == 0xF4 ? 0x8F : 0xBF;
        if (cont(1, lo, hi) && cont(2) && cont(3))
            return {((b0 & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) | ((byte(2) & 0x3Fu) << 6) | (byte(3) & 0x3Fu), 4};
    }
    return {TomlLexer::kNotUtf8, 1};
}

bool is_line_space(char32_t c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Where toml++ stops reading a number or a date ahead (is_value_terminator,
// less the non-ASCII whitespace, which is never Syntax in a valid text).
bool ends_scalar(char32_t c) {
    return c == ' ' || c == '\t' || (c >= '\n' && c <= '\r') || c == ',' || c == ']' || c == '}' || c == '#';
}

bool starts_scalar(char32_t c) { return (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'; }

bool is_bare_key_char(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

TomlLexer::TomlLexer(std::string_view text) : text_(text) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

std::size_t TomlLexer::run_of(char quote) const {
    std::size_t end = pos_;
    while (end < text_.size() && text_[end] == quote) ++end;
    return end - pos_;
}

bool TomlLexer::next(TomlChar& out) {
    if (pos_ >= text_.size()) return false;
    auto [c, size] = decode(text_, pos_);
    out = TomlChar{pos_, size, c, line_, column_, TomlPlace::Syntax, false};

    if (delimiters_ > 0) {
        // The rest of the quotes that open or close a string.
        if (--delimiters_ == 0) mode_ = after_delimiters_;
    } else {
        switch (mode_) {
            case Mode::Syntax:
            case Mode::Scalar: syntax(c, out); break;
            case Mode::Comment:
                if (c == '\n') {
                    mode_ = Mode::Syntax;
                    syntax(c, out);
                } else {
                    out.place = TomlPlace::Comment;
                }
                break;
            case Mode::Basic:
            case Mode::Literal: {
                const char quote = mode_ == Mode::Basic ? '"' : '\'';
                if (c == '\n') {
                    // Not closed on its line: toml++ stops there.
                    mode_ = Mode::Syntax;
                    escape_ = Escape::None;
                    syntax(c, out);
                } else if (escape_ == Escape::Next) {
                    escape_ = Escape::None;
                    out.place = TomlPlace::String;
                } else if (c == static_cast<char32_t>(quote)) {
                    end_string();
                } else {
                    if (c == '\\' && mode_ == Mode::Basic) escape_ = Escape::Next;
                    out.place = TomlPlace::String;
                }
                break;
            }
            case Mode::MultiBasic: multi_line(c, '"', out); break;
            case Mode::MultiLiteral: multi_line(c, '\'', out); break;
        }
    }

    pos_ += size;
    if (c == '\n') {
        ++line_;
        column_ = 1;
    } else {
        ++column_;
    }
    return true;
}

void TomlLexer::open_string(char32_t quote, bool key) {
    if (run_of(static_cast<char>(quote)) >= 3) {
        delimiters_ = 2;
        after_delimiters_ = quote == '"' ? Mode::MultiBasic : Mode::MultiLiteral;
    } else {
        mode_ = quote == '"' ? Mode::Basic : Mode::Literal;
    }
    escape_ = Escape::None;
    string_is_key_ = key;
}

void TomlLexer::end_string() {
    mode_ = Mode::Syntax;
    expect_ = string_is_key_ ? Expect::AfterKey : Expect::Other;
}

// Follows toml++'s parse_document, parse_key, parse_value, parse_array and
// parse_inline_table as far as where strings may start; where toml++ would
// report an error, the lexer only needs to go on safely.
void TomlLexer::syntax(char32_t c, TomlChar& out) {
    if (mode_ == Mode::Scalar) {
        if (swallow_ || !ends_scalar(c)) {
            swallow_ = false;
            return;
        }
        mode_ = Mode::Syntax;  // and `c` is read as any other Syntax character
        expect_ = Expect::Other;
        after_scalar_ = true;
    }
    if (c == ' ' || c == '\t' || c == '\r') return;
    const bool after_scalar = after_scalar_;
    const bool line_start = line_start_;
    const char32_t previous = previous_;
    after_scalar_ = false;
    line_start_ = false;
    previous_ = c;

    if (c == '\n') {
        line_start_ = true;
        if (nest_.empty()) {
            expect_ = Expect::Key;
            header_ = false;
        }
        return;
    }
    if (c == '#') {
        mode_ = Mode::Comment;
        out.place = TomlPlace::Comment;
        return;
    }
    const char nest = nest_.empty() ? '\0' : nest_.back();
    switch (expect_) {
        case Expect::Key:
            if (c == '"' || c == '\'') {
                open_string(c, true);
            } else if (is_bare_key_char(c)) {
                expect_ = Expect::AfterKey;
            } else if (c == '[' && nest_.empty() && (line_start || (header_ && previous == '['))) {
                header_ = true;  // [table] or [[array.of.tables]]
            } else if (c == '}' && nest == 'T') {
                nest_.pop_back();  // {}
                expect_ = Expect::Other;
            } else {
                expect_ = Expect::Other;
            }
            break;
        case Expect::AfterKey:
            if (is_bare_key_char(c)) break;
            if (c == '.') {
                expect_ = Expect::Key;
            } else if (c == '=' && !header_) {
                expect_ = Expect::Value;
            } else {
                expect_ = Expect::Other;  // the ']' of a table header, or an error
            }
            break;
        case Expect::Value:
            if (c == '"' || c == '\'') {
                open_string(c, false);
            } else if (c == '[') {
                nest_.push_back('A');
            } else if (c == '{') {
                nest_.push_back('T');
                expect_ = Expect::Key;
            } else if (c == ']' && nest == 'A') {
                nest_.pop_back();  // [] or [1, 2,]
                expect_ = Expect::Other;
            } else if (ends_scalar(c)) {
                expect_ = Expect::Other;  // toml++'s error
            } else {
                // Numbers, dates, booleans, inf and nan: read ahead.
                mode_ = Mode::Scalar;
            }
            break;
        case Expect::Other:
            if (c == ',') {
                expect_ = nest == 'A' ? Expect::Value : nest == 'T' ? Expect::Key : Expect::Other;
            } else if ((c == ']' && nest == 'A') || (c == '}' && nest == 'T')) {
                nest_.pop_back();
            } else if (after_scalar && starts_scalar(c)) {
                // The time of a date-time (`1979-05-27 07:32:00`): toml++
                // reads the character after its first digit whatever it is,
                // terminator or not.
                mode_ = Mode::Scalar;
                swallow_ = true;
            }
            break;
    }
}

void TomlLexer::multi_line(char32_t c, char quote, TomlChar& out) {
    out.place = TomlPlace::String;
    if (escape_ == Escape::Next || escape_ == Escape::Whitespace) {
        if (is_line_space(c)) {
            escape_ = Escape::Whitespace;  // a line-ending backslash (or toml++'s error)
            return;
        }
        out.probed = true;
        const bool escaped = escape_ == Escape::Next;
        escape_ = Escape::None;
        if (escaped) return;  // `\"`, `\\`, `\n`...: no delimiter, no new escape
    }
    if (quote == '"' && c == '\\') {
        escape_ = Escape::Next;
    } else if (c == static_cast<char32_t>(quote)) {
        std::size_t run = run_of(quote);
        if (run >= 3) {
            out.place = TomlPlace::Syntax;
            end_string();
            delimiters_ = std::min<std::size_t>(run, 5) - 1;
            after_delimiters_ = Mode::Syntax;
        }
    }
}

}  // namespace cdf
