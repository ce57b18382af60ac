#include "exheres/downloads_block.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::exheres {
namespace {

using distfiles::Distfile;

const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";

TEST(DownloadsBlock, RendersExheresStyleSortedWithArrowsOnlyWhereNeeded) {
    std::vector<Distfile> downloads = {
        {"https://static.crates.io/crates/memchr/memchr-2.7.4.crate", "memchr-2.7.4.crate"},
        {"https://github.com/o/r/archive/" + kCommit + ".tar.gz", "r-" + kCommit + "-0123abcd.tar.gz"},
        {"https://static.crates.io/crates/aho-corasick/aho-corasick-1.1.3.crate", "aho-corasick-1.1.3.crate"},
        {"https://reg.example.org/api/v1/crates/foo/1.0.0/download", "foo-1.0.0@reg.crate"},
    };
    EXPECT_EQ(render_downloads_block(downloads),
              "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
              "DOWNLOADS+=\"\n"
              "    https://static.crates.io/crates/aho-corasick/aho-corasick-1.1.3.crate\n"
              "    https://reg.example.org/api/v1/crates/foo/1.0.0/download -> foo-1.0.0@reg.crate\n"
              "    https://static.crates.io/crates/memchr/memchr-2.7.4.crate\n"
              "    https://github.com/o/r/archive/" +
                  kCommit + ".tar.gz -> r-" + kCommit +
                  "-0123abcd.tar.gz\n"
                  "\"\n"
                  "# cargo-distfiles end\n");
}

TEST(DownloadsBlock, OrderOfInputDoesNotMatterAndDuplicatesCollapse) {
    Distfile a{"https://static.crates.io/crates/a/a-1.0.0.crate", "a-1.0.0.crate"};
    Distfile b{"https://static.crates.io/crates/b/b-1.0.0.crate", "b-1.0.0.crate"};
    EXPECT_EQ(render_downloads_block({b, a, b}), render_downloads_block({a, b}));
}

TEST(DownloadsBlock, EmptyListStillMakesAValidBlock) {
    EXPECT_EQ(render_downloads_block({}),
              "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
              "DOWNLOADS+=\"\n"
              "\"\n"
              "# cargo-distfiles end\n");
}

TEST(DownloadsBlock, RefusesTwoUrlsForOneName) {
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block(
                      {{"https://a.example/x/a-1.crate", "a-1.crate"}, {"https://b.example/x/a-1.crate", "a-1.crate"}});
              }),
              "two downloads would be saved as \"a-1.crate\": \"https://a.example/x/a-1.crate\" and "
              "\"https://b.example/x/a-1.crate\"");
}

TEST(DownloadsBlock, RefusesValuesThatWouldBreakTheExheres) {
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"https://x/a\"$(rm -rf ~)", "a"}});
              }),
              "download URL \"https://x/a\\\"$(rm -rf ~)\" cannot be written into an exheres: it is empty or holds "
              "whitespace, a quote or another character that is not allowed");
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"https://x/a b", "a"}});
              }),
              "download URL \"https://x/a b\" cannot be written into an exheres: it is empty or holds whitespace, a "
              "quote or another character that is not allowed");
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"https://x/a?", "a"}});
              }),
              "download URL \"https://x/a?\" ends in \"?\", which paludis would read as a condition");
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"https://x/a:", "a"}});
              }),
              "download URL \"https://x/a:\" ends in \":\", which paludis would read as a label");
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"x/a.crate", "a.crate"}});
              }),
              "download URL \"x/a.crate\" has no scheme (such as `https://`)");
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"https://x/a.crate", "../a.crate"}});
              }),
              "distfile name \"../a.crate\" (for \"https://x/a.crate\") cannot be written into an exheres: it is "
              "empty, holds '/' or a character that is not allowed");
    EXPECT_EQ(test::error_of([] {
                  render_downloads_block({{"https://x/a.crate", ""}});
              }),
              "distfile name \"\" (for \"https://x/a.crate\") cannot be written into an exheres: it is empty, holds "
              "'/' or a character that is not allowed");
}

TEST(DownloadsBlock, UrlWithQueryKeepsItsCharacters) {
    EXPECT_EQ(render_downloads_block({{"https://x.example/dl?crate=a&v=1#frag", "a-1.crate"}}),
              "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
              "DOWNLOADS+=\"\n"
              "    https://x.example/dl?crate=a&v=1#frag -> a-1.crate\n"
              "\"\n"
              "# cargo-distfiles end\n");
}

TEST(Markers, RecognisesTheMarkerLinesAndNothingElse) {
    EXPECT_EQ(marker_of(kBeginMarker), Marker::Begin);
    EXPECT_EQ(marker_of(kEndMarker), Marker::End);
    EXPECT_EQ(marker_of("# cargo-distfiles begin"), Marker::Begin);
    EXPECT_EQ(marker_of("  #cargo-distfiles   begin: edited comment text"), Marker::Begin);
    EXPECT_EQ(marker_of("\t# cargo-distfiles end  "), Marker::End);
    EXPECT_EQ(marker_of("# cargo-distfiles end: of the block"), Marker::End);
    EXPECT_EQ(marker_of("# cargo-distfiles ending"), Marker::None);
    EXPECT_EQ(marker_of("# cargo-distfiles beginning"), Marker::None);
    EXPECT_EQ(marker_of("# cargo-distfilesbegin"), Marker::None);
    EXPECT_EQ(marker_of("echo # cargo-distfiles begin"), Marker::None);
    EXPECT_EQ(marker_of("# see cargo-distfiles begin"), Marker::None);
    EXPECT_EQ(marker_of(""), Marker::None);
}

TEST(FindBlock, FindsTheSpanWithLineNumbers) {
    std::string text = "a\n# cargo-distfiles begin\nDOWNLOADS+=\"\n\"\n# cargo-distfiles end\nb\n";
    auto span = find_downloads_block(text, "x.exheres-0");
    ASSERT_TRUE(span);
    EXPECT_EQ(span->begin, 2u);
    EXPECT_EQ(text.substr(span->end), "b\n");
    EXPECT_EQ(span->begin_line, 2u);
    EXPECT_EQ(span->end_line, 5u);
    EXPECT_TRUE(span->end_has_newline);
}

TEST(FindBlock, EndMarkerOnAnUnterminatedLastLine) {
    std::string text = "# cargo-distfiles begin\n# cargo-distfiles end";
    auto span = find_downloads_block(text, "x");
    ASSERT_TRUE(span);
    EXPECT_EQ(span->end, text.size());
    EXPECT_FALSE(span->end_has_newline);
}

TEST(FindBlock, NoMarkersIsNotAnError) { EXPECT_FALSE(find_downloads_block("SLOT=\"0\"\n", "x")); }

TEST(FindBlock, ErrorsNameFileAndLine) {
    EXPECT_EQ(test::error_of([] { find_downloads_block("a\n# cargo-distfiles begin\nb\n", "p/x.exheres-0"); }),
              "p/x.exheres-0:2: `# cargo-distfiles begin` has no matching `# cargo-distfiles end` line after it");
    EXPECT_EQ(test::error_of([] {
                  find_downloads_block("# cargo-distfiles begin\n\n# cargo-distfiles begin\n# cargo-distfiles end\n",
                                       "x");
              }),
              "x:3: a second `# cargo-distfiles begin` marker: the block opened on line 1 has no `# cargo-distfiles "
              "end` line yet");
    EXPECT_EQ(test::error_of([] { find_downloads_block("a\n# cargo-distfiles end\n# cargo-distfiles begin\n", "x"); }),
              "x:2: `# cargo-distfiles end` comes before any `# cargo-distfiles begin` marker");
    EXPECT_EQ(test::error_of([] {
                  find_downloads_block(
                      "# cargo-distfiles begin\n# cargo-distfiles end\n\n# cargo-distfiles begin\n"
                      "# cargo-distfiles end\n",
                      "x");
              }),
              "x:4: a second generated block: one already sits on lines 1-2; keep only one pair of cargo-distfiles "
              "markers");
    EXPECT_EQ(test::error_of([] {
                  find_downloads_block("# cargo-distfiles begin\n# cargo-distfiles end\n# cargo-distfiles end\n", "x");
              }),
              "x:3: a second `# cargo-distfiles end` marker: the block on lines 1-2 is already closed");
}

}  // namespace
}  // namespace cdf::exheres
