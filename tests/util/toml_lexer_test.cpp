// Where TomlLexer places each character (util/toml_lexer.hpp): one letter
// per character, s Syntax, c Comment, t String, p a probed String
// character, ! a byte that is not UTF-8.
#include "util/toml_lexer.hpp"

#include <gtest/gtest.h>

namespace cdf {
namespace {

std::string places(std::string_view text) {
    TomlLexer lexer(text);
    TomlChar c;
    std::string out;
    while (lexer.next(c)) {
        if (c.value == TomlLexer::kNotUtf8)
            out += '!';
        else if (c.probed)
            out += 'p';
        else if (c.place == TomlPlace::Syntax)
            out += 's';
        else if (c.place == TomlPlace::Comment)
            out += 'c';
        else
            out += 't';
    }
    return out;
}

TEST(TomlLexer, StringsAndComments) {
    //                 a = "x\"y" # z
    EXPECT_EQ(places("a = \"x\\\"y\" # z"),
              "sssssttttsscc"
              "c");
    //                 'a\' = 1
    EXPECT_EQ(places("'a\\' = 1"),
              "sttssss"
              "s");
    //                 "#" # "
    EXPECT_EQ(places("\"#\" # \""),
              "stsscc"
              "c");
    // A line break ends a comment and a one-line string that is not closed.
    EXPECT_EQ(places("# x\na = \"b\nc"),
              "ccc"
              "ssssss"
              "t"
              "ss");
}

TEST(TomlLexer, MultiLineStrings) {
    //                 """a"b""c"""
    EXPECT_EQ(places("\"\"\"a\"b\"\"c\"\"\""),
              "ssstttttt"
              "sss");
    // Four or five quotes close the string too (toml++ keeps one or two in
    // the value): what follows is Syntax.
    EXPECT_EQ(places("\"\"\"a\"\"\"\"b"),
              "ssstssss"
              "s");
    EXPECT_EQ(places("'''a'''''b"),
              "ssstsssss"
              "s");
    // Line breaks and '#' inside are text.
    EXPECT_EQ(places("'''\n# x\n'''"),
              "sss"
              "tttt"
              "t"
              "sss");
}

TEST(TomlLexer, BackslashesInMultiLineBasicStrings) {
    // The first character after a backslash and the whitespace after it is probed.
    EXPECT_EQ(places("\"\"\"\\\n  x y\"\"\""),
              "sss"
              "tt"
              "tt"
              "p"
              "tt"
              "sss");
    EXPECT_EQ(places("\"\"\"\\n\"\"\""),
              "sss"
              "tp"
              "sss");
    // An escaped quote closes nothing; an escaped backslash escapes nothing.
    EXPECT_EQ(places("\"\"\"\\\"\"\"\"x"),
              "sss"
              "tp"
              "sss"
              "s");
    EXPECT_EQ(places("\"\"\"\\\\x\"\"\""),
              "sss"
              "tp"
              "t"
              "sss");
    // Not in literal strings, nor in one-line basic strings.
    EXPECT_EQ(places("'''\\\nx'''"),
              "sss"
              "ttt"
              "sss");
    EXPECT_EQ(places("\"\\tx\""),
              "s"
              "ttt"
              "s");
}

TEST(TomlLexer, NumbersAndDatesAreReadAheadLikeToml) {
    // a = 1"x" : one token, all Syntax
    EXPECT_EQ(places("a = 1\"x\""),
              "ssss"
              "ssss");
    // a = [1, 'x'] : ',' ends the number
    EXPECT_EQ(places("a = [1, 'x']"),
              "ssssssss"
              "s"
              "t"
              "ss");
    // a = 1979-05-27 07:32:00"x" : the time too
    EXPECT_EQ(places("a = 1979-05-27 07:32:00\"x\""), std::string(26, 's'));
    // a = 1979-05-27 0 'x' : the character after the time's first digit too
    EXPECT_EQ(places("a = 1979-05-27 0 'x'"), std::string(20, 's'));
}

TEST(TomlLexer, KeysAreToldFromValues) {
    // 1."x" = 2 : a key made of digits, then a quoted part
    EXPECT_EQ(places("1.\"x\" = 2"),
              "sss"
              "t"
              "s"
              "ssss");
    // [1."x"] : the same in a table header
    EXPECT_EQ(places("[1.\"x\"]"),
              "ssss"
              "t"
              "ss");
    // a = [[1], {b = 'x'}] : arrays and inline tables, keys and values inside
    EXPECT_EQ(places("a = [[1], {b = 'x'}]"), std::string(16, 's') + "t" + "sss");
    // A quote where toml++ expects neither a key nor a value opens nothing:
    // toml++ stops there.
    EXPECT_EQ(places("a \"x\" = 1"), std::string(9, 's'));
    EXPECT_EQ(places("a = \"x\" \"y\""),
              "sssss"
              "t"
              "s"
              "ssss");
}

TEST(TomlLexer, PositionsAndUtf8) {
    TomlLexer lexer(
        "\xef\xbb\xbf"
        "a\n\xc3\xa9\xff\xf0\x9f\xa6\x80");
    TomlChar c;
    std::vector<std::string> seen;
    while (lexer.next(c))
        seen.push_back(std::to_string(c.offset) + "+" + std::to_string(c.size) + "@" + std::to_string(c.line) + ":" +
                       std::to_string(c.column) + "=" +
                       (c.value == TomlLexer::kNotUtf8 ? "bad" : std::to_string(static_cast<std::uint32_t>(c.value))));
    EXPECT_EQ(seen,
              (std::vector<std::string>{"3+1@1:1=97", "4+1@1:2=10", "5+2@2:1=233", "7+1@2:2=bad", "8+4@2:3=129408"}));
}

}  // namespace
}  // namespace cdf
