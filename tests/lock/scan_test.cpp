// The fast scanner must agree with toml++ on everything it accepts, and give
// up on everything outside cargo's own output format.
#include <filesystem>

#include <gtest/gtest.h>

#include "lock/raw_lockfile.hpp"
#include "support/test_support.hpp"

namespace cdf::lock {
namespace {
namespace fs = std::filesystem;

std::vector<fs::path> real_lockfiles() {
    std::vector<fs::path> out;
    for (fs::path dir :
         {test::source_dir() / "fixtures/lockfiles", test::source_dir() / "../shared/corpus/lockfiles"}) {
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.path().extension() == ".lock") out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ScanCargoFormat, AgreesWithTomlOnEveryRealLockfile) {
    auto files = real_lockfiles();
    ASSERT_GE(files.size(), 9u);
    for (const auto& f : files) {
        std::string text = test::read_text(f);
        auto fast = scan_cargo_format(text);
        // Every real lockfile is cargo's own output: the fast path takes it.
        ASSERT_TRUE(fast.has_value()) << f;
        EXPECT_TRUE(*fast == scan_toml(text, f.string())) << f;
    }
}

TEST(ScanCargoFormat, ReadsPositionsLikeToml) {
    std::string text =
        "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"s\"\n"
        "dependencies = [\n \"b\",\n \"c 1.0.0\",\n]\n\n[[patch.unused]]\nname = \"p\"\nversion = \"1.0.0\"\n";
    auto fast = scan_cargo_format(text);
    ASSERT_TRUE(fast);
    EXPECT_TRUE(*fast == scan_toml(text, "x"));
    ASSERT_EQ(fast->packages.size(), 1u);
    EXPECT_EQ(fast->packages[0].source->line, 6u);
    EXPECT_EQ(fast->packages[0].source->column, 10u);
    EXPECT_EQ(fast->version_column, 11u);
}

TEST(ScanCargoFormat, GivesUpOutsideCargosFormat) {
    const char* cases[] = {
        "version = 3\r\n",                               // CRLF
        "[[package]]\nname = \"a\\u0041\"\n",            // escapes
        "[[package]]\nname = 'a'\n",                     // literal string
        "[[package]]\nname = \"a\"\nname = \"b\"\n",     // duplicate key
        "[[package]]\nname = \"a\" # comment\n",         // trailing comment
        "[[package]]\nname=\"a\"\n",                     // other spacing
        "[[package]]\nfeatures = [\"x\"]\n",             // unknown key
        "[[package]]\nname = \"\xc3\xa9\"\n",            // non-ASCII
        "version = 3\nversion = 4\n",                    // duplicate top key
        "[metadata]\n\"k\" = \"v\"\n\"k\" = \"w\"\n",    // duplicate metadata key
        "[metadata]\n\"l\" = \"v\"\n\"k\" = \"w\"\n",    // unsorted (found by the fuzzer)
        "[[package]]\ndependencies = [\n \"a\"\n]\n",    // missing comma
        "[[package]]\ndependencies = [\n \"a\",\n",      // unterminated array
        "[package]\nname = \"a\"\n",                     // not an array of tables
        "version = 03\n",                                // leading zero
        "[root]\nname = \"a\"\n[root]\nname = \"b\"\n",  // table defined twice
    };
    for (const char* c : cases) EXPECT_FALSE(scan_cargo_format(c).has_value()) << c;
}

}  // namespace
}  // namespace cdf::lock

namespace cdf::lock {
namespace {

// Found by the fuzzer: [root] after [[package]] tables.
TEST(ScanCargoFormat, RootComesFirstWhereverItStands) {
    std::string text = "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\n[root]\nname = \"r\"\nversion = \"0.1.0\"\n";
    auto fast = scan_cargo_format(text);
    ASSERT_TRUE(fast);
    EXPECT_TRUE(*fast == scan_toml(text, "x"));
    EXPECT_EQ(fast->packages[0].table, "[root]");
}

}  // namespace
}  // namespace cdf::lock
