// Walking a TOML text one character at a time, knowing where each character
// stands as toml++ 3.3 will read it, without parsing the text:
//   Syntax   outside strings and comments: toml++ looks at each of these
//            characters to tell what it is (whitespace, a key, a value...);
//   Comment  from '#' to the end of its line;
//   String   between the delimiters of a string: copied as it is, except
//            for the `probed` characters below.
// The guards of toml_guard.hpp are built on it.
//
// To know where strings start, the lexer follows toml++'s grammar as far as
// telling keys from values (toml++/impl/parser.inl: parse_document,
// parse_key, parse_value, parse_array, parse_inline_table): a quote opens a
// string where a key or a value starts. Where toml++ reads differently from
// a plain reading of TOML 1.0, the lexer follows toml++:
//   - a multi-line string ends at its first run of three or more unescaped
//     delimiters and takes up to five of them (`a""""` is `a"`, then the end);
//   - a value other than a string, an array or an inline table (numbers,
//     dates, booleans...) is read ahead up to the next space, tab, line
//     break, ',', ']', '}' or '#' before it is parsed: a quote inside opens no
//     string (`x = 1"y"` is one token, all Syntax). A digit after such a token
//     and spaces is read the same way (a date and a time separated by a
//     space), and the character after that digit belongs to the token
//     whatever it is (toml++ reads it without looking: `1979-05-27 0 'x'` is
//     one token);
//   - in a multi-line basic string, toml++ asks whether the character after
//     a backslash is whitespace, and after a line-ending backslash asks it of
//     each following character until the first that is not: the first
//     character after a backslash and the spaces, tabs and line breaks that
//     follow it is `probed`.
// The quotes that open and close a string are Syntax. A byte order mark at
// the very start is skipped, as toml++ skips it. On text that is not valid
// TOML the lexer may part from toml++ after the place of toml++'s first
// error, where toml++ stops reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace cdf {

enum class TomlPlace { Syntax, Comment, String };

struct TomlChar {
    std::size_t offset = 0;    // of its first byte in the text
    std::size_t size = 0;      // in bytes, 1 to 4
    char32_t value = 0;        // the code point, or TomlLexer::kNotUtf8
    std::uint32_t line = 0;    // 1-based
    std::uint32_t column = 0;  // 1-based, counted in characters
    TomlPlace place = TomlPlace::Syntax;
    bool probed = false;  // a String character that toml++ tests for whitespace
};

class TomlLexer {
public:
    // The value of a byte that does not start a valid UTF-8 sequence (an
    // overlong form, a surrogate, beyond U+10FFFF, cut short): that byte
    // alone is one character.
    static constexpr char32_t kNotUtf8 = 0xFFFFFFFF;

    explicit TomlLexer(std::string_view text);

    // The next character; false at the end of the text.
    bool next(TomlChar& out);

private:
    enum class Mode { Syntax, Scalar, Comment, Basic, Literal, MultiBasic, MultiLiteral };
    enum class Escape { None, Next, Whitespace };
    enum class Expect { Key, AfterKey, Value, Other };  // what toml++ reads next

    void syntax(char32_t c, TomlChar& out);
    void multi_line(char32_t c, char quote, TomlChar& out);
    void open_string(char32_t quote, bool key);
    void end_string();
    std::size_t run_of(char quote) const;

    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint32_t line_ = 1;
    std::uint32_t column_ = 1;
    Mode mode_ = Mode::Syntax;
    std::size_t delimiters_ = 0;  // quotes still to come of the delimiter being read
    Mode after_delimiters_ = Mode::Syntax;
    Escape escape_ = Escape::None;  // in a basic string: after a backslash
    bool string_is_key_ = false;    // the string being read is a key (or part of one)
    Expect expect_ = Expect::Key;
    std::vector<char> nest_;     // the arrays ('A') and inline tables ('T') being read
    bool header_ = false;        // in a [table] or [[array.of.tables]] header
    bool line_start_ = true;     // no Syntax character but blanks yet on this line
    char32_t previous_ = '\n';   // the last Syntax character but blanks
    bool after_scalar_ = false;  // only blanks since a token read ahead ended
    bool swallow_ = false;       // the next character belongs to the token read ahead
};

}  // namespace cdf
