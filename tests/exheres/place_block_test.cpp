#include "exheres/place_block.hpp"

#include <random>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::exheres {
namespace {

const std::string kBlock =
    "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
    "DOWNLOADS+=\"\n"
    "    https://static.crates.io/crates/a/a-1.0.0.crate\n"
    "\"\n"
    "# cargo-distfiles end\n";

const std::string kHead =
    "# Copyright 2026 Some One <one@example.org>\n"
    "# Distributed under the terms of the GNU General Public License v2\n"
    "\n"
    "require github [ user=o tag=${PV} ] cargo-distfiles\n"
    "\n";

const std::string kTail =
    "LICENCES=\"|| ( MIT Apache-2.0 )\"\n"
    "SLOT=\"0\"\n"
    "PLATFORMS=\"~amd64\"\n";

PlacedBlock place(const std::string& text) { return place_downloads_block(text, "foo-1.0.exheres-0", kBlock); }

TEST(PlaceBlock, ReplacesTheMarkedBlockKeepingEverythingElse) {
    std::string before = kHead +
                         "SUMMARY=\"x\"\n"
                         "\n"
                         "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
                         "DOWNLOADS+=\"\n"
                         "    https://static.crates.io/crates/old/old-0.1.0.crate\n"
                         "    https://static.crates.io/crates/older/older-0.1.0.crate\n"
                         "\"\n"
                         "# cargo-distfiles end\n"
                         "\n" +
                         kTail;
    PlacedBlock p = place(before);
    EXPECT_EQ(p.text, kHead + "SUMMARY=\"x\"\n\n" + kBlock + "\n" + kTail);
    EXPECT_EQ(p.placement, Placement::Replaced);
    EXPECT_EQ(p.line, 8u);
    EXPECT_EQ(describe(p, kBlock), "block rewritten (now lines 8-12)");
    // Idempotent.
    EXPECT_EQ(place(p.text).text, p.text);
}

TEST(PlaceBlock, ReplacingKeepsAMissingFinalNewline) {
    std::string before = "SLOT=\"0\"\n# cargo-distfiles begin\nDOWNLOADS+=\"\n\"\n# cargo-distfiles end";
    std::string after = "SLOT=\"0\"\n" + kBlock.substr(0, kBlock.size() - 1);
    EXPECT_EQ(place(before).text, after);
    EXPECT_EQ(place(after).text, after);
}

TEST(PlaceBlock, InsertsAfterAMultiLineDownloads) {
    std::string before = kHead +
                         "DOWNLOADS=\"\n"
                         "    https://example.org/${PNV}-data.tar.xz\n"
                         "\"\n"
                         "\n" +
                         kTail;
    PlacedBlock p = place(before);
    EXPECT_EQ(p.text, kHead +
                          "DOWNLOADS=\"\n"
                          "    https://example.org/${PNV}-data.tar.xz\n"
                          "\"\n"
                          "\n" +
                          kBlock + "\n" + kTail);
    EXPECT_EQ(p.placement, Placement::AfterDownloads);
    EXPECT_EQ(p.line, 8u);
    EXPECT_EQ(describe(p, kBlock), "block inserted after the DOWNLOADS assignment ending on line 8");
    // Once inserted, the markers are found: running again changes nothing.
    EXPECT_EQ(place(p.text).text, p.text);
}

TEST(PlaceBlock, InsertsAfterASingleLineDownloadsFollowedDirectlyByCode) {
    std::string before = kHead + "DOWNLOADS=\"https://example.org/${PNV}.tar.gz\"\n" + kTail;
    EXPECT_EQ(place(before).text,
              kHead + "DOWNLOADS=\"https://example.org/${PNV}.tar.gz\"\n\n" + kBlock + "\n" + kTail);
}

TEST(PlaceBlock, InsertsAfterTheLastOfSeveralDownloadsAssignments) {
    std::string before = kHead +
                         "DOWNLOADS=\"https://example.org/a.tar.gz\"\n"
                         "SUMMARY=\"x\"\n"
                         "DOWNLOADS+=\" https://example.org/b.tar.gz\n"
                         "    https://example.org/c.tar.gz \"\n"
                         "HOMEPAGE=\"h\"\n";
    PlacedBlock p = place(before);
    EXPECT_EQ(p.text, kHead +
                          "DOWNLOADS=\"https://example.org/a.tar.gz\"\n"
                          "SUMMARY=\"x\"\n"
                          "DOWNLOADS+=\" https://example.org/b.tar.gz\n"
                          "    https://example.org/c.tar.gz \"\n"
                          "\n" +
                          kBlock + "\nHOMEPAGE=\"h\"\n");
    EXPECT_EQ(p.line, 9u);
}

TEST(PlaceBlock, IgnoresDownloadsInsideFunctionsAndStrings) {
    std::string before = kHead +
                         "SUMMARY=\"x\"\n"
                         "DESCRIPTION=\"\n"
                         "DOWNLOADS=\"this is prose\"\n"
                         "\"\n"
                         "\n"
                         "pkg_setup() {\n"
                         "    DOWNLOADS=\"no\"\n"
                         "}\n";
    PlacedBlock p = place(before);
    EXPECT_EQ(p.placement, Placement::AfterDescription);
    EXPECT_EQ(p.text, kHead +
                          "SUMMARY=\"x\"\n"
                          "DESCRIPTION=\"\n"
                          "DOWNLOADS=\"this is prose\"\n"
                          "\"\n"
                          "\n" +
                          kBlock +
                          "\n"
                          "pkg_setup() {\n"
                          "    DOWNLOADS=\"no\"\n"
                          "}\n");
}

TEST(PlaceBlock, WithoutDownloadsGoesAfterTheLastOfSummaryHomepageDescription) {
    std::string before = kHead +
                         "SUMMARY=\"Recursively search directories for a regex pattern\"\n"
                         "DESCRIPTION=\"\n"
                         "A line-oriented search tool. It's fast.\n"
                         "\"\n"
                         "HOMEPAGE=\"https://github.com/BurntSushi/ripgrep\"\n"
                         "\n" +
                         kTail;
    PlacedBlock p = place(before);
    EXPECT_EQ(p.text, kHead +
                          "SUMMARY=\"Recursively search directories for a regex pattern\"\n"
                          "DESCRIPTION=\"\n"
                          "A line-oriented search tool. It's fast.\n"
                          "\"\n"
                          "HOMEPAGE=\"https://github.com/BurntSushi/ripgrep\"\n"
                          "\n" +
                          kBlock + "\n" + kTail);
    EXPECT_EQ(p.placement, Placement::AfterDescription);
    EXPECT_EQ(p.line, 10u);
    EXPECT_EQ(describe(p, kBlock),
              "block inserted after the SUMMARY/HOMEPAGE/DESCRIPTION assignment ending on line 10");
}

TEST(PlaceBlock, WithoutDescriptionGoesAfterRequireAndItsContinuations) {
    std::string before =
        "require cargo [ rust_minimum_version=1.70 ] \\\n"
        "    github [ user=o ]\n"
        "SLOT=\"0\"\n";
    PlacedBlock p = place(before);
    EXPECT_EQ(p.text,
              "require cargo [ rust_minimum_version=1.70 ] \\\n"
              "    github [ user=o ]\n"
              "\n" +
                  kBlock + "\nSLOT=\"0\"\n");
    EXPECT_EQ(p.placement, Placement::AfterRequire);
    EXPECT_EQ(p.line, 2u);
    EXPECT_EQ(describe(p, kBlock), "block inserted after the `require` line ending on line 2");
}

TEST(PlaceBlock, WithNothingToFollowGoesAtTheEnd) {
    PlacedBlock p = place("# only a comment\n");
    EXPECT_EQ(p.text, "# only a comment\n\n" + kBlock);
    EXPECT_EQ(p.placement, Placement::AtEnd);
    EXPECT_EQ(describe(p, kBlock), "block appended at the end");
    EXPECT_EQ(place("# a\n\n").text, "# a\n\n" + kBlock);
    EXPECT_EQ(place("").text, kBlock);
}

TEST(PlaceBlock, MissingFinalNewlineIsAddedOnlyWhereTheBlockFollows) {
    EXPECT_EQ(place("SLOT=\"0\"").text, "SLOT=\"0\"\n\n" + kBlock);
    EXPECT_EQ(place("SUMMARY=\"x\"").text, "SUMMARY=\"x\"\n\n" + kBlock);
    EXPECT_EQ(place("SUMMARY=\"x\"\nSLOT=\"0\"").text, "SUMMARY=\"x\"\n\n" + kBlock + "\nSLOT=\"0\"");
}

TEST(PlaceBlock, WarnsAboutAPlainDownloadsAssignmentAfterTheBlock) {
    std::string before =
        "SUMMARY=\"x\"\n# cargo-distfiles begin\n# cargo-distfiles end\nDOWNLOADS+=\"ok\"\n"
        "DOWNLOADS=\"https://example.org/a.tar.gz\"\n";
    PlacedBlock p = place(before);
    EXPECT_EQ(p.warnings, std::vector<std::string>{
                              "foo-1.0.exheres-0:5: this `DOWNLOADS=` comes after the generated block and replaces "
                              "the entries it added; make it `DOWNLOADS+=` or move it above the block"});
    EXPECT_TRUE(place(kHead + "DOWNLOADS=\"a\"\n").warnings.empty());
    EXPECT_TRUE(place(kHead + "DOWNLOADS=\"a\"\n" + kBlock + "DOWNLOADS+=\"b\"\n").warnings.empty());
}

// Random texts made of shell-significant pieces: placing either fails with a
// cdf::Error or gives a text that keeps the input around the block and that
// a second run leaves unchanged.
TEST(PlaceBlock, RandomInputsFailCleanlyOrPlaceIdempotently) {
    const std::vector<std::string> pieces = {"DOWNLOADS=",
                                             "DOWNLOADS+=",
                                             "SUMMARY=",
                                             "require x",
                                             "\"",
                                             "'",
                                             "$(",
                                             ")",
                                             "(",
                                             "${",
                                             "}",
                                             "`",
                                             "\\",
                                             "#",
                                             " ",
                                             "\n",
                                             "<<EOF\n",
                                             "EOF\n",
                                             "a",
                                             "$'",
                                             "\t",
                                             "# cargo-distfiles begin\n",
                                             "# cargo-distfiles end\n"};
    std::mt19937 rng(42);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), len(0, 30);
    int placed = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        for (std::size_t n = len(rng); n > 0; --n) text += pieces[pick(rng)];
        std::string result;
        try {
            result = place(text).text;
        } catch (const Error&) {
            continue;
        }
        ++placed;
        ASSERT_NE(result.find(kBlock.substr(0, kBlock.size() - 1)), std::string::npos) << text;
        ASSERT_EQ(place(result).text, result) << quote(text);
    }
    EXPECT_GT(placed, 1000);
}

TEST(PlaceBlock, RefusesCrlf) {
    EXPECT_EQ(test::error_of([] { place("SUMMARY=\"x\"\nSLOT=\"0\"\r\n"); }),
              "foo-1.0.exheres-0:2: this line ends with CRLF (\\r\\n): bash would read the \\r as part of the "
              "values; convert the exheres to LF line endings (for example `sed -i 's/\\r$//' FILE`) and run again");
}

TEST(PlaceBlock, BrokenMarkersAndQuotesAreReported) {
    EXPECT_EQ(test::error_of([] { place("SLOT=\"0\"\n# cargo-distfiles begin\n"); }),
              "foo-1.0.exheres-0:2: `# cargo-distfiles begin` has no matching `# cargo-distfiles end` line after it");
    EXPECT_EQ(test::error_of([] { place("SUMMARY=\"x\nSLOT=0\n"); }),
              "foo-1.0.exheres-0:1: this double quote (\") is never closed, so bash could not read the exheres either");
}

}  // namespace
}  // namespace cdf::exheres
