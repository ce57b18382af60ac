// The guards run before toml++ reads a text an attacker may have written
// (util/toml_guard.hpp): keys nested too deep, bytes that are not UTF-8,
// non-ASCII where toml++ 3.3 would test it for whitespace (undefined
// behaviour). Valid Cargo.toml text, non-ASCII in strings and comments
// included, must come through unchanged.
#include "util/toml_guard.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf {
namespace {

// What parse_toml says of `text`: "accepted" or the error message.
std::string outcome(const std::string& text, std::string_view what = "invalid TOML") {
    try {
        parse_toml(text, "Cargo.toml", what);
        return "accepted";
    } catch (const Error& e) {
        EXPECT_EQ(static_cast<int>(e.kind()), static_cast<int>(ErrorKind::BadInput)) << e.what();
        return e.what();
    }
}

// "a.a.a..." with `components` components.
std::string dotted(std::size_t components) {
    std::string key = "a";
    key.reserve(components * 2);
    for (std::size_t i = 1; i < components; ++i) key += ".a";
    return key;
}

const std::string kTooDeep = "invalid TOML: a key or table name nested deeper than 128 levels";

// ---------------------------------------------------------------- depth

TEST(TomlGuard, DeeplyDottedKeyIsRefused) {
    EXPECT_EQ(outcome(dotted(200) + " = 1\n"), "Cargo.toml:1: " + kTooDeep);
    EXPECT_EQ(outcome("[package]\nname = \"a\"\nx = { " + dotted(200) + " = 1 }\n"), "Cargo.toml:3: " + kTooDeep);
    // The limit: 128 dots pass, 129 do not (as the lockfile reader always did).
    EXPECT_EQ(outcome(dotted(129) + " = 1\n"), "accepted");
    EXPECT_EQ(outcome(dotted(130) + " = 1\n"), "Cargo.toml:1: " + kTooDeep);
}

TEST(TomlGuard, DeeplyNestedTableNameIsRefused) {
    EXPECT_EQ(outcome("[" + dotted(200) + "]\n"), "Cargo.toml:1: " + kTooDeep);
    EXPECT_EQ(outcome("[package]\nname = \"a\"\n\n[[" + dotted(200) + "]]\nx = 1\n"), "Cargo.toml:4: " + kTooDeep);
    EXPECT_EQ(outcome("[a . \"b\" . 'c' . " + dotted(200) + "]\n"), "Cargo.toml:1: " + kTooDeep);
}

TEST(TomlGuard, DeepKeysInsideStringsAndCommentsAreText) {
    const std::string key = dotted(200);
    std::string text = "description = \"\"\"\n" + key + " = 1\n[" + key +
                       "]\n\"\"\"\n"
                       "literal = '''\n" +
                       key +
                       "\n'''\n"
                       "basic = \"" +
                       key +
                       "\"\n"
                       "# " +
                       key + "\n";
    toml::table t = parse_toml(text, "Cargo.toml");
    EXPECT_EQ(t["description"].value<std::string>(), key + " = 1\n[" + key + "]\n");
    EXPECT_EQ(t["literal"].value<std::string>(), key + "\n");
    EXPECT_EQ(t["basic"].value<std::string>(), key);
}

// Dots in values do not add up across ',' (an array of floats on one line).
TEST(TomlGuard, FloatsSeparatedByCommasAreNoKey) {
    std::string floats = "x = [";
    for (int i = 0; i < 300; ++i) floats += "1.5, ";
    EXPECT_EQ(outcome(floats + "2.5]\n"), "accepted");
}

// toml++ ends a multi-line string at its first run of 3 to 5 quotes: what
// follows `""""` is outside the string, and so is the key there.
TEST(TomlGuard, KeysAfterFourOrFiveClosingQuotesAreCounted) {
    EXPECT_EQ(outcome("t = { s = \"\"\"x\"\"\"\", " + dotted(200) + " = 1 }\n"), "Cargo.toml:1: " + kTooDeep);
    EXPECT_EQ(outcome("t = { s = '''x''''', " + dotted(200) + " = 1 }\n"), "Cargo.toml:1: " + kTooDeep);
    toml::table t = parse_toml("s = \"\"\"x\"\"\"\"\"\nl = '''y''''\n", "Cargo.toml");
    EXPECT_EQ(t["s"].value<std::string>(), "x\"\"");
    EXPECT_EQ(t["l"].value<std::string>(), "y'");
}

// Half a megabyte of "a.a.a..." overflowed toml++'s stack before.
TEST(TomlGuard, MillionComponentKeyIsRefusedNotAStackOverflow) {
    const std::string key = dotted(1000000);
    EXPECT_EQ(test::in_child([&] { return outcome(key + " = 1\n"); }), "Cargo.toml:1: " + kTooDeep);
    EXPECT_EQ(test::in_child([&] { return outcome("[package]\n[" + key + "]\n"); }), "Cargo.toml:2: " + kTooDeep);
    EXPECT_EQ(test::in_child([&] { return outcome("x = {" + key + " = 1}\n"); }), "Cargo.toml:1: " + kTooDeep);
}

// ---------------------------------------------------------------- UTF-8

TEST(TomlGuard, InvalidUtf8InACommentIsRefused) {
    EXPECT_EQ(outcome("[package]\n# caf\xe9\n"), "Cargo.toml:2:6: invalid TOML: byte 0xe9 is not valid UTF-8");
    // Columns count characters, as toml++'s do.
    EXPECT_EQ(outcome("# \xc3\xa9t\xc3\xa9 \xff\n"), "Cargo.toml:1:7: invalid TOML: byte 0xff is not valid UTF-8");
}

TEST(TomlGuard, InvalidUtf8InAStringIsRefused) {
    EXPECT_EQ(outcome("[package]\nname = \"caf\xe9\"\n"),
              "Cargo.toml:2:12: invalid TOML: byte 0xe9 is not valid UTF-8");
    EXPECT_EQ(outcome("d = '''\nline\n\x80'''\n"), "Cargo.toml:3:1: invalid TOML: byte 0x80 is not valid UTF-8");
    // Overlong forms, surrogates and code points beyond U+10FFFF are not UTF-8 either.
    EXPECT_EQ(outcome("a = \"\xc0\xaf\"\n"), "Cargo.toml:1:6: invalid TOML: byte 0xc0 is not valid UTF-8");
    EXPECT_EQ(outcome("a = \"\xed\xa0\x80\"\n"), "Cargo.toml:1:6: invalid TOML: byte 0xed is not valid UTF-8");
    EXPECT_EQ(outcome("a = \"\xf4\x90\x80\x80\"\n"), "Cargo.toml:1:6: invalid TOML: byte 0xf4 is not valid UTF-8");
    EXPECT_EQ(outcome("a = \"\xe2\x82\"\n"), "Cargo.toml:1:6: invalid TOML: byte 0xe2 is not valid UTF-8");
}

// ---------------------------------------------------------------- non-ASCII

TEST(TomlGuard, NonAsciiInABareKeyIsRefused) {
    EXPECT_EQ(outcome("[package]\nnam\xc3\xa9 = \"x\"\n"),
              "Cargo.toml:2:4: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    EXPECT_EQ(outcome("[d\xc3\xa9ps]\n"),
              "Cargo.toml:1:3: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    EXPECT_EQ(outcome("\xe4\xb8\xad = 1\n"),
              "Cargo.toml:1:1: invalid TOML: non-ASCII character U+4E2D outside a string or comment");
}

// TOML whitespace is space and tab; toml++ tests everything else outside
// strings against its own table, which is where it reaches unreachable code.
TEST(TomlGuard, NonAsciiBetweenTokensIsRefused) {
    EXPECT_EQ(outcome("a =\xc2\xa0"
                      "1\n"),
              "Cargo.toml:1:4: invalid TOML: non-ASCII character U+00A0 outside a string or comment");
    EXPECT_EQ(outcome("a = 1\xc2\xa7\n"),
              "Cargo.toml:1:6: invalid TOML: non-ASCII character U+00A7 outside a string or comment");
    EXPECT_EQ(outcome("a = [\xe2\x80\xa8]\n"),
              "Cargo.toml:1:6: invalid TOML: non-ASCII character U+2028 outside a string or comment");
    EXPECT_EQ(outcome("a = \"x\" \xe3\x80\x81\n"),
              "Cargo.toml:1:9: invalid TOML: non-ASCII character U+3001 outside a string or comment");
    EXPECT_EQ(outcome("a = 1\n\xef\xbb\xbf"),
              "Cargo.toml:2:1: invalid TOML: non-ASCII character U+FEFF outside a string or comment");
}

// toml++ reads a number or a date ahead to the next space, ',', ']', '}' or
// '#' before parsing it, quotes included: `1"é"` is no string to it.
TEST(TomlGuard, QuotesInsideANumberOpenNoString) {
    EXPECT_EQ(outcome("a = 1\"\xc3\xa9\"\n"),
              "Cargo.toml:1:7: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    EXPECT_EQ(outcome("a = [2, -'\xc3\xa9']\n"),
              "Cargo.toml:1:11: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    EXPECT_EQ(outcome("a = 1979-05-27 07:32:00\"\xc3\xa9\"\n"),
              "Cargo.toml:1:25: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    // After a date, a space and a digit, toml++ reads the next character
    // without looking at it, a space included, and goes on.
    EXPECT_EQ(outcome("a = 1979-05-27 0 '\"\xc3\xa9\"'\n"),
              "Cargo.toml:1:20: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    EXPECT_EQ(outcome("a = \"\"\"x\"\"\"\"\xc3\xa9\"\n"),
              "Cargo.toml:1:13: invalid TOML: non-ASCII character U+00E9 outside a string or comment");
    // A key made of digits is a key: its quoted parts are strings.
    EXPECT_EQ(outcome("1.\"\xc3\xa9\" = 1\n[2.'\xc3\xa9']\n"), "accepted");
    // After a quoted key, toml++ reads on outside the string.
    EXPECT_EQ(outcome("1.\" [a.\"\xef\xbc\xbc = 1\n"),
              "Cargo.toml:1:9: invalid TOML: non-ASCII character U+FF3C outside a string or comment");
}

TEST(TomlGuard, NonAsciiInStringsAndCommentsIsReadBackExactly) {
    const std::string text =
        "# Auteur : Jos\xc3\xa9 M\xc3\xbcller \xe2\x80\x94 \xe4\xb8\xad\xe6\x96\x87 \xc2\xa7\n"
        "[package]\n"
        "name = \"demo\"  # \xc3\xa9t\xc3\xa9\n"
        "authors = [\"Jos\xc3\xa9 M\xc3\xbcller <jose@example.org>\", 'Zo\xc3\xab \xc2\xabliteral\xc2\xbb']\n"
        "description = \"\"\"\n\xc3\x85ngstr\xc3\xb6m \xe2\x80\x94 \\u00e9\n"
        "\xd0\x9a\xd0\xb8\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb0\"\"\"\n"
        "notes = '''\n\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac \\ \xc2\xa7'''\n"
        "\"\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\" = \"\xf0\x9f\xa6\x80\"\n"
        "[package.metadata.\"\xe6\x97\xa5\xe6\x9c\xac\"]\n"
        "x = \"\xc2\xa7\xe3\x80\x81\xef\xac\xb0\"\n";
    toml::table t = parse_toml(text, "Cargo.toml");
    const toml::table& p = *t["package"].as_table();
    EXPECT_EQ(p["authors"][0].value<std::string>(), "Jos\xc3\xa9 M\xc3\xbcller <jose@example.org>");
    EXPECT_EQ(p["authors"][1].value<std::string>(), "Zo\xc3\xab \xc2\xabliteral\xc2\xbb");
    EXPECT_EQ(p["description"].value<std::string>(),
              "\xc3\x85ngstr\xc3\xb6m \xe2\x80\x94 \xc3\xa9\n"
              "\xd0\x9a\xd0\xb8\xd1\x80\xd0\xb8\xd0\xbb\xd0\xbb\xd0\xb8\xd1\x86\xd0\xb0");
    EXPECT_EQ(p["notes"].value<std::string>(),
              "\xce\x95\xce\xbb\xce\xbb\xce\xb7\xce\xbd\xce\xb9\xce\xba\xce\xac \\ \xc2\xa7");
    EXPECT_EQ(p["\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87"].value<std::string>(), "\xf0\x9f\xa6\x80");
    EXPECT_EQ(p["metadata"]["\xe6\x97\xa5\xe6\x9c\xac"]["x"].value<std::string>(), "\xc2\xa7\xe3\x80\x81\xef\xac\xb0");
}

// toml++ issue 190: after a backslash in a multi-line basic string toml++
// asks whether the next character is whitespace, and after a line-ending
// backslash asks it of every character up to the first that is not.
TEST(TomlGuard, NonAsciiAfterABackslashInAMultiLineStringIsRefused) {
    const std::string reason = " after a backslash in a multi-line string, which toml++ 3.3 cannot read safely";
    EXPECT_EQ(outcome("[package]\ndescription = \"\"\"\\\n    \xc3\x85ngstr\xc3\xb6m\"\"\"\n"),
              "Cargo.toml:3:5: invalid TOML: non-ASCII character U+00C5" + reason);
    EXPECT_EQ(outcome("s = \"\"\"\\\n\n\t \xc2\xa7\"\"\"\n"),
              "Cargo.toml:3:3: invalid TOML: non-ASCII character U+00A7" + reason);
    EXPECT_EQ(outcome("s = \"\"\"a\\\xc2\xa7\"\"\"\n"),
              "Cargo.toml:1:10: invalid TOML: non-ASCII character U+00A7" + reason);
    EXPECT_EQ(outcome("s = \"\"\"a\\  \xc2\xa7\"\"\"\n"),
              "Cargo.toml:1:12: invalid TOML: non-ASCII character U+00A7" + reason);
    // Also outside toml++'s unreachable ranges: toml++ would drop U+00A0 as
    // if it were whitespace.
    EXPECT_EQ(outcome("s = \"\"\"\\\n\xc2\xa0x\"\"\"\n"),
              "Cargo.toml:2:1: invalid TOML: non-ASCII character U+00A0" + reason);
    EXPECT_EQ(outcome("\"\"\"\\\n\xc2\xa7\"\"\" = 1\n"),
              "Cargo.toml:2:1: invalid TOML: non-ASCII character U+00A7" + reason);
}

TEST(TomlGuard, NonAsciiElsewhereAroundBackslashesIsAccepted) {
    toml::table t = parse_toml(
        "a = \"\"\"\\\n    x \xc3\x85\"\"\"\n"  // after the first character
        "b = \"\"\"\\\\\xc3\x85\"\"\"\n"        // an escaped backslash
        "c = \"\\\\\xc2\xa7\"\n"                // a one-line basic string
        "d = '''\\\n\xc2\xa7'''\n",             // a literal string
        "Cargo.toml");
    EXPECT_EQ(t["a"].value<std::string>(), "x \xc3\x85");
    EXPECT_EQ(t["b"].value<std::string>(), "\\\xc3\x85");
    EXPECT_EQ(t["c"].value<std::string>(), "\\\xc2\xa7");
    EXPECT_EQ(t["d"].value<std::string>(), "\\\n\xc2\xa7");
}

TEST(TomlGuard, ByteOrderMarkAtTheStartIsSkipped) {
    toml::table t = parse_toml("\xef\xbb\xbfname = \"x\"\n", "Cargo.toml");
    EXPECT_EQ(t["name"].value<std::string>(), "x");
}

// ---------------------------------------------------------------- messages

TEST(TomlGuard, TomlErrorsAndRefusalsCarryTheCallersWords) {
    EXPECT_EQ(outcome("[package\n", "malformed Cargo.toml"),
              "Cargo.toml:1:9: malformed Cargo.toml: Error while parsing table header: expected ']', saw '\\n'");
    EXPECT_EQ(outcome(dotted(200) + " = 1\n", "malformed Cargo.toml"),
              "Cargo.toml:1: malformed Cargo.toml: a key or table name nested deeper than 128 levels");
    EXPECT_EQ(outcome("x = 1\xff\n", ""), "Cargo.toml:1:6: byte 0xff is not valid UTF-8");
}

}  // namespace
}  // namespace cdf
