#include "lock/source_id.hpp"

#include <gtest/gtest.h>

#include "lock/names.hpp"
#include "support/test_support.hpp"

namespace cdf::lock {
namespace {

const std::string kCommit = "1526c9c33dee51ff6fd6eb8c0a423de98464cd2a";

TEST(SourceId, ParsesGitWithEncodedBranch) {
    SourceId id = parse_source_id("git+https://github.com/ipetkov/crane-test-repo?branch=something%2For%2Fother#" +
                                      kCommit,
                                  {});
    EXPECT_TRUE(id.is_git());
    EXPECT_EQ(id.url, "https://github.com/ipetkov/crane-test-repo");
    EXPECT_EQ(id.reference.str(), "branch=something/or/other");
    EXPECT_EQ(id.commit, kCommit);
    EXPECT_EQ(id.without_commit(), "git+https://github.com/ipetkov/crane-test-repo?branch=something/or/other");
    EXPECT_EQ(id.git_host(), "github.com");
    EXPECT_EQ(id.git_path(), "ipetkov/crane-test-repo");
}

TEST(SourceId, LegacyRefMeansBranchAndPlusIsSpace) {
    EXPECT_EQ(parse_source_id("git+https://h.org/x?ref=main#" + kCommit, {}).reference.str(), "branch=main");
    EXPECT_EQ(form_decode("a+b%2fc%zz"), "a b/c%zz");
}

TEST(SourceId, DefaultBranchTagAndRev) {
    auto plain = parse_source_id("git+https://github.com/o/r.git#" + kCommit, {});
    EXPECT_EQ(plain.reference.str(), "-");
    EXPECT_EQ(plain.without_commit(), "git+https://github.com/o/r.git");
    EXPECT_EQ(plain.git_path(), "o/r");
    EXPECT_EQ(parse_source_id("git+https://github.com/o/r?tag=v1.13.1#" + kCommit, {}).reference.str(), "tag=v1.13.1");
    EXPECT_EQ(parse_source_id("git+https://github.com/o/r?rev=2abd4d0#" + kCommit, {}).reference.str(), "rev=2abd4d0");
}

TEST(SourceId, HostKeepsPortAndDropsUser) {
    auto id = parse_source_id("git+ssh://git@git.example.org:2222/team/r.git#" + kCommit, {});
    EXPECT_EQ(id.git_host(), "git.example.org:2222");
    EXPECT_EQ(id.git_path(), "team/r");
}

TEST(SourceId, CratesIoBothIds) {
    EXPECT_TRUE(parse_source_id("registry+https://github.com/rust-lang/crates.io-index", {}).is_crates_io());
    EXPECT_TRUE(parse_source_id("sparse+https://index.crates.io/", {}).is_crates_io());
    EXPECT_FALSE(parse_source_id("sparse+https://integer32llc.github.io/registry-conformance/", {}).is_crates_io());
    EXPECT_EQ(parse_source_id("sparse+https://index.crates.io/", {}).canonical(), "crates-io");
}

TEST(SourceId, CanonicalFormsOfOneRepository) {
    auto a = parse_source_id("git+https://github.com/BurntSushi/Byteorder.git#" + kCommit, {});
    auto b = parse_source_id("git+http://github.com/burntsushi/byteorder/#" + kCommit, {});
    EXPECT_EQ(a.canonical(), b.canonical());
    EXPECT_EQ(a.canonical(), "git+https://github.com/burntsushi/byteorder?-#" + kCommit);
    EXPECT_EQ(canonical_url("HTTPS://GitLab.GNOME.org/World/Fractal.git"), "https://gitlab.gnome.org/World/Fractal");
}

TEST(Names, PackageNames) {
    EXPECT_TRUE(is_valid_package_name("object_store"));
    EXPECT_TRUE(is_valid_package_name("object-store"));
    EXPECT_TRUE(is_valid_package_name("_private"));
    EXPECT_FALSE(is_valid_package_name("9lives"));
    EXPECT_FALSE(is_valid_package_name(""));
    EXPECT_FALSE(is_valid_package_name("a.b"));
    EXPECT_FALSE(is_valid_package_name(std::string(65, 'a')));
}

TEST(Names, Versions) {
    EXPECT_TRUE(is_valid_version("0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8"));
    EXPECT_TRUE(is_valid_version("18.20.0-beta.3"));
    EXPECT_TRUE(is_valid_version("0.0.1-pre"));
    EXPECT_FALSE(is_valid_version("1.0.0-01"));
    EXPECT_FALSE(is_valid_version("1.0.0+"));
    EXPECT_FALSE(is_valid_version("1.0.0 "));
    EXPECT_FALSE(is_valid_version("1..0"));
    EXPECT_FALSE(is_valid_version("1.0.0.1"));
}

}  // namespace
}  // namespace cdf::lock
