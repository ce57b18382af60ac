#include "exheres/bash_lines.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::exheres {
namespace {

// "first-last" line ranges of every logical line.
std::vector<std::string> ranges(std::string_view text) {
    std::vector<std::string> out;
    for (const auto& l : logical_lines(text, "x"))
        out.push_back(std::to_string(l.first_line) + "-" + std::to_string(l.last_line));
    return out;
}

using V = std::vector<std::string>;

TEST(BashLines, OnePhysicalLineEach) { EXPECT_EQ(ranges("a=1\n\n# c\nb=2\n"), (V{"1-1", "2-2", "3-3", "4-4"})); }

TEST(BashLines, QuotedValuesSpanLines) {
    std::string text = "DOWNLOADS=\"\n    a\n    b\n\"\nSLOT='0\n1'\nX=$'a\\'\nb'\n";
    EXPECT_EQ(ranges(text), (V{"1-4", "5-6", "7-8"}));
    auto lines = logical_lines(text, "x");
    EXPECT_EQ(lines[0].in(text), "DOWNLOADS=\"\n    a\n    b\n\"\n");
}

TEST(BashLines, EscapesAndContinuations) {
    EXPECT_EQ(ranges("require a \\\n    b\nX=\"a\\\"\nb\"\nY=\\'\n"), (V{"1-2", "3-4", "5-5"}));
}

TEST(BashLines, CommentsDoNotOpenQuotes) {
    EXPECT_EQ(ranges("# don't\nX=1 # it's\nY=a#'b\nc'\n"), (V{"1-1", "2-2", "3-4"}));
}

TEST(BashLines, ArraysSubstitutionsAndFunctions) {
    std::string text =
        "P=(\n    --a # it's\n    --b\n)\n"
        "V=\"$(echo \"x\ny\")\"\n"
        "W=${X:-\"a\nb\"}\n"
        "src_install() {\n    case $x in\n        a) echo ;;\n    esac\n}\n";
    EXPECT_EQ(ranges(text), (V{"1-4", "5-6", "7-8", "9-9", "10-10", "11-11", "12-12", "13-13"}));
}

TEST(BashLines, HeredocBodiesBelongToTheirCommand) {
    std::string text =
        "src_prepare() {\n"
        "    cat > f <<EOF\n"
        "it's \"odd\n"
        "EOF\n"
        "    cat > g <<-'END'\n"
        "\tdon't\n"
        "\tEND\n"
        "}\n"
        "X=1\n";
    EXPECT_EQ(ranges(text), (V{"1-1", "2-4", "5-7", "8-8", "9-9"}));
}

TEST(BashLines, LastLineWithoutNewline) {
    std::string text = "a\nb";
    auto lines = logical_lines(text, "x");
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_FALSE(lines[1].ends_with_newline);
    EXPECT_EQ(lines[1].in(text), "b");
}

TEST(BashLines, UnclosedQuoteIsAnErrorAtItsLine) {
    EXPECT_EQ(test::error_of([] { logical_lines("A=1\nDESCRIPTION=\"\nfoo\n", "p/x.exheres-0"); }),
              "p/x.exheres-0:2: this double quote (\") is never closed, so bash could not read the exheres either");
    EXPECT_EQ(test::error_of([] { logical_lines("X=(\na\n", "x"); }),
              "x:1: this parenthesis is never closed, so bash could not read the exheres either");
}

}  // namespace
}  // namespace cdf::exheres
