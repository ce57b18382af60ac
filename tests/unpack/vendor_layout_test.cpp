#include "unpack/vendor_layout.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::unpack {
namespace {

// String literals only: the entry's fields are views.
manifest::CrateEntry crate(std::string_view name, std::string_view version, std::string_view source = "registry+x") {
    manifest::CrateEntry c;
    c.name = name;
    c.version = version;
    c.source = source;
    return c;
}

TEST(VendorLayout, VersionedByDefault) {
    std::vector<manifest::CrateEntry> crates{crate("a", "1.0.0"), crate("a", "2.0.0"), crate("b_c", "0.1.0")};
    EXPECT_EQ(vendor_folder_names(crates, DirNames::Versioned, "m"),
              (std::vector<std::string>{"a-1.0.0", "a-2.0.0", "b_c-0.1.0"}));
}

TEST(VendorLayout, CargoStyleHighestVersionGetsTheBareName) {
    std::vector<manifest::CrateEntry> crates{crate("a", "1.10.0"), crate("a", "1.9.0"), crate("a", "2.0.0-rc.1"),
                                             crate("a-b", "1.0.0"), crate("a_b", "0.1.0")};
    EXPECT_EQ(vendor_folder_names(crates, DirNames::Cargo, "m"),
              (std::vector<std::string>{"a-1.10.0", "a-1.9.0", "a", "a-b", "a_b"}));
}

TEST(VendorLayout, OneVersionFromTwoSourcesIsRefused) {
    std::vector<manifest::CrateEntry> crates{crate("a", "1.0.0", "registry+x"), crate("a", "1.0.0", "sparse+y")};
    EXPECT_EQ(
        test::error_of([&] { vendor_folder_names(crates, DirNames::Versioned, "m"); }),
        "m: crate a 1.0.0 comes from two sources, which cannot share a vendor directory: registry+x and sparse+y");
}

}  // namespace
}  // namespace cdf::unpack

namespace cdf::unpack {
namespace {

const std::string kCommitA = "0123456789abcdef0123456789abcdef01234567";
const std::string kCommitB = "fedcba9876543210fedcba9876543210fedcba98";
const std::string kCrates = "registry+https://github.com/rust-lang/crates.io-index";

std::string git_crate(const std::string& name, const std::string& version, const std::string& repo,
                      const std::string& commit) {
    return "crate " + name + " " + version + " git+https://example.org/" + repo + "?branch=main#" + commit +
           " example.org+o+" + repo + "-" + commit + ".tar.gz git\n";
}

std::string git_line(const std::string& repo, const std::string& commit) {
    return "git example.org+o+" + repo + "-" + commit + ".tar.gz https://example.org/" + repo + " branch=main " +
           commit + " - -\n";
}

// A registry crate x 1.0.0, and a git repository "ws" with another x 1.0.0
// and y 0.2.0 (both moved aside), and a git repository "other" colliding
// with nothing.
manifest::Manifest colliding_manifest() {
    return manifest::parse(
        "cargo-distfiles-manifest 1\n"
        "crate x 0.9.0 " +
            kCrates + " x-0.9.0.crate " + std::string(64, 'b') + "\n" + git_crate("x", "1.0.0", "ws", kCommitA) +
            "crate x 1.0.0 " + kCrates + " x-1.0.0.crate " + std::string(64, 'a') + "\n" +
            git_crate("y", "0.1.0", "other", kCommitB) + git_crate("y", "0.2.0", "ws", kCommitA) +
            git_line("other", kCommitB) + git_line("ws", kCommitA),
        "m");
}

std::vector<std::string> crate_order(const manifest::Manifest& m) {
    std::vector<std::string> out;
    for (const auto& c : m.crates) out.push_back(fmt::format("{} {} {}", c.name, c.version, c.distfile));
    return out;
}

TEST(VendorLayout, CollidingGitSourceGoesToADotFolder) {
    manifest::Manifest m = colliding_manifest();
    ASSERT_EQ(crate_order(m), (std::vector<std::string>{
                                  "x 0.9.0 x-0.9.0.crate",
                                  "x 1.0.0 example.org+o+ws-" + kCommitA + ".tar.gz",
                                  "x 1.0.0 x-1.0.0.crate",
                                  "y 0.1.0 example.org+o+other-" + kCommitB + ".tar.gz",
                                  "y 0.2.0 example.org+o+ws-" + kCommitA + ".tar.gz",
                              }));
    EXPECT_EQ(git_source_folders(m, "m"),
              (GitFolders{{"example.org+o+ws-" + kCommitA + ".tar.gz", ".git-0123456789ab"}}));
    EXPECT_EQ(vendor_folder_paths(m, DirNames::Versioned, "m"),
              (std::vector<std::string>{"x-0.9.0", ".git-0123456789ab/x-1.0.0", "x-1.0.0", "y-0.1.0",
                                        ".git-0123456789ab/y-0.2.0"}));
    // cargo names: the highest version within each folder is bare. y 0.2.0
    // is higher than y 0.1.0, but lives in another folder.
    EXPECT_EQ(vendor_folder_paths(m, DirNames::Cargo, "m"),
              (std::vector<std::string>{"x-0.9.0", ".git-0123456789ab/x", "x", "y", ".git-0123456789ab/y"}));
}

TEST(VendorLayout, NoCollisionNoDotFolder) {
    manifest::Manifest m = manifest::parse(
        "cargo-distfiles-manifest 1\n"
        "crate x 1.0.0 " +
            kCrates + " x-1.0.0.crate " + std::string(64, 'a') + "\n" + git_crate("y", "0.2.0", "ws", kCommitA) +
            git_line("ws", kCommitA),
        "m");
    EXPECT_TRUE(git_source_folders(m, "m").empty());
    EXPECT_EQ(vendor_folder_paths(m, DirNames::Versioned, "m"), (std::vector<std::string>{"x-1.0.0", "y-0.2.0"}));
}

TEST(VendorLayout, TwoGitSourcesCollidingBothMoveAside) {
    manifest::Manifest m = manifest::parse("cargo-distfiles-manifest 1\n" + git_crate("x", "1.0.0", "a", kCommitA) +
                                               git_crate("x", "1.0.0", "b", kCommitB) + git_line("a", kCommitA) +
                                               git_line("b", kCommitB),
                                           "m");
    EXPECT_EQ(vendor_folder_paths(m, DirNames::Versioned, "m"),
              (std::vector<std::string>{".git-0123456789ab/x-1.0.0", ".git-fedcba987654/x-1.0.0"}));
}

TEST(VendorLayout, TwoRegistriesAndAGitSourceAreStillRefused) {
    manifest::Manifest m = manifest::parse("cargo-distfiles-manifest 1\n" + git_crate("x", "1.0.0", "ws", kCommitA) +
                                               "crate x 1.0.0 " + kCrates + " x-1.0.0.crate " + std::string(64, 'a') +
                                               "\n"
                                               "crate x 1.0.0 sparse+https://r.example.org/ x-1.0.0@r.crate " +
                                               std::string(64, 'c') + "\n" + git_line("ws", kCommitA),
                                           "m");
    EXPECT_EQ(test::error_of([&] { vendor_folder_paths(m, DirNames::Versioned, "m"); }),
              "m: crate x 1.0.0 comes from two sources, which cannot share a vendor directory: " + kCrates +
                  " and sparse+https://r.example.org/");
}

TEST(VendorLayout, TwoGitSourcesWithOneCommitPrefixAndOneCrateAreRefused) {
    const std::string c2 = kCommitA.substr(0, 12) + std::string(28, '9');
    manifest::Manifest m = manifest::parse("cargo-distfiles-manifest 1\n" + git_crate("x", "1.0.0", "a", kCommitA) +
                                               git_crate("x", "1.0.0", "b", c2) + git_line("a", kCommitA) +
                                               git_line("b", c2),
                                           "m");
    EXPECT_EQ(test::error_of([&] { vendor_folder_paths(m, DirNames::Versioned, "m"); }),
              "m: crate x 1.0.0 comes from two git sources whose commits both start with 0123456789ab, which cannot "
              "share a vendor folder: git+https://example.org/a?branch=main#" +
                  kCommitA + " and git+https://example.org/b?branch=main#" + c2);
}

}  // namespace
}  // namespace cdf::unpack
