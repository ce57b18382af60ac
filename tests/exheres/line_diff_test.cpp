#include "exheres/line_diff.hpp"

#include <cstdlib>
#include <random>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::exheres {
namespace {

namespace fs = std::filesystem;

std::string numbered(int from, int to) {
    std::string s;
    for (int i = from; i <= to; ++i) s += "line " + std::to_string(i) + "\n";
    return s;
}

TEST(SplitLines, KeepsNewlinesAndAnUnterminatedLastLine) {
    EXPECT_EQ(split_lines(""), std::vector<std::string_view>{});
    EXPECT_EQ(split_lines("a\n\nb"), (std::vector<std::string_view>{"a\n", "\n", "b"}));
    EXPECT_EQ(split_lines("a\n"), (std::vector<std::string_view>{"a\n"}));
}

TEST(UnifiedDiff, EqualTextsGiveNothing) { EXPECT_EQ(unified_diff("a\nb\n", "a\nb\n", "a/x", "b/x"), ""); }

TEST(UnifiedDiff, OneChangeWithThreeLinesOfContext) {
    std::string a = numbered(1, 10);
    std::string b = a;
    b.replace(b.find("line 5\n"), 7, "line five\nline 5b\n");
    EXPECT_EQ(unified_diff(a, b, "a/x", "b/x"),
              "--- a/x\n"
              "+++ b/x\n"
              "@@ -2,7 +2,8 @@\n"
              " line 2\n"
              " line 3\n"
              " line 4\n"
              "-line 5\n"
              "+line five\n"
              "+line 5b\n"
              " line 6\n"
              " line 7\n"
              " line 8\n");
}

TEST(UnifiedDiff, HunksCloserThanTwiceTheContextMerge) {
    std::string a = numbered(1, 20);
    // Changes at lines 3 and 10: six equal lines between them -> one hunk.
    std::string b = a;
    b.replace(b.find("line 3\n"), 7, "THREE\n");
    b.replace(b.find("line 10\n"), 8, "TEN\n");
    EXPECT_EQ(unified_diff(a, b, "a/x", "b/x"),
              "--- a/x\n+++ b/x\n"
              "@@ -1,13 +1,13 @@\n"
              " line 1\n line 2\n-line 3\n+THREE\n line 4\n line 5\n line 6\n line 7\n line 8\n line 9\n"
              "-line 10\n+TEN\n line 11\n line 12\n line 13\n");
    // Changes at lines 3 and 11: seven equal lines between them -> two hunks.
    std::string c = a;
    c.replace(c.find("line 3\n"), 7, "THREE\n");
    c.replace(c.find("line 11\n"), 8, "ELEVEN\n");
    EXPECT_EQ(unified_diff(a, c, "a/x", "b/x"),
              "--- a/x\n+++ b/x\n"
              "@@ -1,6 +1,6 @@\n"
              " line 1\n line 2\n-line 3\n+THREE\n line 4\n line 5\n line 6\n"
              "@@ -8,7 +8,7 @@\n"
              " line 8\n line 9\n line 10\n-line 11\n+ELEVEN\n line 12\n line 13\n line 14\n");
}

TEST(UnifiedDiff, NewFileAndDeletedFileRanges) {
    EXPECT_EQ(unified_diff("", "a\nb\n", "/dev/null", "b/files/x"),
              "--- /dev/null\n+++ b/files/x\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    EXPECT_EQ(unified_diff("a\n", "", "a/x", "b/x"), "--- a/x\n+++ b/x\n@@ -1 +0,0 @@\n-a\n");
}

TEST(UnifiedDiff, InsertionRangeStartsAtTheLineBefore) {
    EXPECT_EQ(unified_diff("a\nb\n", "a\nNEW\nb\n", "a/x", "b/x"), "--- a/x\n+++ b/x\n@@ -1,2 +1,3 @@\n a\n+NEW\n b\n");
    EXPECT_EQ(unified_diff(numbered(1, 8), numbered(1, 4) + "NEW\n" + numbered(5, 8), "a/x", "b/x"),
              "--- a/x\n+++ b/x\n@@ -2,6 +2,7 @@\n line 2\n line 3\n line 4\n+NEW\n line 5\n line 6\n line 7\n");
}

TEST(UnifiedDiff, MarksAMissingNewlineAtTheEnd) {
    EXPECT_EQ(unified_diff("a\nb", "a\nb\n", "a/x", "b/x"),
              "--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
    EXPECT_EQ(unified_diff("a\n", "a\nc", "a/x", "b/x"),
              "--- a/x\n+++ b/x\n@@ -1 +1,2 @@\n a\n+c\n\\ No newline at end of file\n");
}

// --- Properties checked on random inputs --------------------------------

std::vector<std::string> random_lines(std::mt19937& rng, int max_len) {
    std::uniform_int_distribution<int> len(0, max_len), pick(0, 3);
    std::vector<std::string> out(static_cast<std::size_t>(len(rng)));
    for (auto& l : out) l = std::string(1, static_cast<char>('a' + pick(rng))) + "\n";
    return out;
}

std::size_t lcs_length(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1, 0));
    for (std::size_t i = a.size(); i-- > 0;)
        for (std::size_t j = b.size(); j-- > 0;)
            t[i][j] = a[i] == b[j] ? t[i + 1][j + 1] + 1 : std::max(t[i + 1][j], t[i][j + 1]);
    return t[0][0];
}

TEST(DiffLines, RandomScriptsAreValidAndShortest) {
    std::mt19937 rng(20260101);
    for (int round = 0; round < 4000; ++round) {
        auto sa = random_lines(rng, round < 2000 ? 10 : 40), sb = random_lines(rng, round < 2000 ? 10 : 40);
        std::vector<std::string_view> a(sa.begin(), sa.end()), b(sb.begin(), sb.end());
        std::vector<Edit> script = diff_lines(a, b);
        std::size_t i = 0, j = 0, changes = 0;
        EditKind previous = EditKind::Equal;
        for (const Edit& e : script) {
            ASSERT_EQ(e.a, i);
            ASSERT_EQ(e.b, j);
            switch (e.kind) {
                case EditKind::Equal:
                    ASSERT_EQ(a[i], b[j]);
                    ++i, ++j;
                    break;
                case EditKind::Delete:
                    ASSERT_NE(previous, EditKind::Insert) << "a delete after an insert in one run";
                    ++i, ++changes;
                    break;
                case EditKind::Insert: ++j, ++changes; break;
            }
            previous = e.kind;
        }
        ASSERT_EQ(i, a.size());
        ASSERT_EQ(j, b.size());
        ASSERT_EQ(changes, a.size() + b.size() - 2 * lcs_length(a, b)) << "round " << round;
    }
}

TEST(DiffLines, LargeInputWithManyChanges) {
    // A manifest-sized input with every third line changed.
    std::string a, b;
    for (int i = 0; i < 3000; ++i) {
        a += "crate " + std::to_string(i) + "\n";
        b += (i % 3 == 0 ? "changed " : "crate ") + std::to_string(i) + "\n";
    }
    auto script = diff_lines(split_lines(a), split_lines(b));
    std::size_t changes = 0;
    for (const auto& e : script) changes += e.kind != EditKind::Equal;
    EXPECT_EQ(changes, 2u * 1000u);
}

bool have_tool(const char* name) {
    return std::system((std::string("command -v ") + name + " >/dev/null 2>&1").c_str()) == 0;
}

// GNU patch applies our output and gives back the new text byte for byte.
TEST(UnifiedDiff, PatchAppliesItExactly) {
    if (!have_tool("patch")) GTEST_SKIP() << "patch is not installed";
    std::mt19937 rng(7);
    test::ScratchDir dir;
    for (int round = 0; round < 80; ++round) {
        std::string a, b;
        for (auto& l : random_lines(rng, 30)) a += l;
        for (auto& l : random_lines(rng, 30)) b += l;
        if (round % 3 == 1 && !a.empty()) a.pop_back();  // no final newline
        if (round % 4 == 2 && !b.empty()) b.pop_back();
        std::string diff = unified_diff(a, b, "a/f", "b/f");
        if (a == b) {
            EXPECT_EQ(diff, "");
            continue;
        }
        test::write_text(dir / "f", a);
        test::write_text(dir / "d", diff);
        fs::remove(dir / "out");
        std::string cmd = "cd '" + dir.path().string() + "' && patch -s -p1 -o out -i d f >log 2>&1 <&-";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << "round " << round << "\n" << diff << test::read_text(dir / "log");
        ASSERT_EQ(test::read_text(dir / "out"), b) << "round " << round << "\n" << diff;
    }
}

// Where the shortest script is unique, our output is GNU diff's, byte for byte.
TEST(UnifiedDiff, SameAsGnuDiffOnUnambiguousChanges) {
    if (!have_tool("diff")) GTEST_SKIP() << "diff is not installed";
    test::ScratchDir dir;
    std::vector<std::pair<std::string, std::string>> cases = {
        {numbered(1, 30), numbered(1, 9) + "x\n" + numbered(11, 25) + "y\nz\n" + numbered(27, 30)},
        {numbered(1, 5), numbered(1, 5) + numbered(6, 7)},
        {numbered(1, 5), numbered(2, 5)},
        {numbered(1, 12) + "last", numbered(1, 12) + "last\n"},
        {"", numbered(1, 3)},
        {numbered(1, 3), ""},
        {numbered(1, 40), numbered(1, 3) + numbered(8, 20) + "new\n" + numbered(21, 33) + numbered(36, 40)},
    };
    for (const auto& [a, b] : cases) {
        test::write_text(dir / "a", a);
        test::write_text(dir / "b", b);
        std::string cmd = "cd '" + dir.path().string() +
                          "' && diff -u --label a/x --label b/x a b >out 2>&1; "
                          "test $? -le 1";
        ASSERT_EQ(std::system(cmd.c_str()), 0);
        EXPECT_EQ(unified_diff(a, b, "a/x", "b/x"), test::read_text(dir / "out"));
    }
}

}  // namespace
}  // namespace cdf::exheres
