#include "unpack/entry_rules.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::unpack {
namespace {

const EntryRules kCrate{"foo-1.0.0", true};

CheckedEntry check(std::string_view path, EntryKind kind = EntryKind::File, const EntryRules& rules = kCrate) {
    return check_entry_path(path, kind, rules, "a.crate");
}

std::string refusal(std::string_view path, EntryKind kind = EntryKind::File) {
    return test::error_of([&] { check(path, kind); });
}

TEST(EntryRules, NormalisesBelowTheTopFolder) {
    EXPECT_EQ(check("foo-1.0.0/src/lib.rs").relative, "src/lib.rs");
    EXPECT_EQ(check("foo-1.0.0//src/./lib.rs").relative, "src/lib.rs");
    EXPECT_EQ(check("foo-1.0.0/./Cargo.toml").relative, "Cargo.toml");
    EXPECT_EQ(check("foo-1.0.0/src/", EntryKind::Directory).relative, "src");
    EXPECT_TRUE(check("foo-1.0.0/src/lib.rs").keep);
}

TEST(EntryRules, TheTopFolderItselfIsNothingToDo) {
    CheckedEntry top = check("foo-1.0.0/", EntryKind::Directory);
    EXPECT_FALSE(top.keep);
    EXPECT_EQ(top.relative, "");
}

TEST(EntryRules, DropsWhatCargoVendorLeavesOut) {
    for (const char* p : {"foo-1.0.0/.gitignore", "foo-1.0.0/sub/.gitattributes", "foo-1.0.0/.cargo-ok",
                          "foo-1.0.0/a/b/.cargo-ok", "foo-1.0.0/.git", "foo-1.0.0/.git/config",
                          "foo-1.0.0/x/.git/objects/ab"})
        EXPECT_FALSE(check(p).keep) << p;
    for (const char* p : {"foo-1.0.0/.github/ci.yml", "foo-1.0.0/.gitmodules", "foo-1.0.0/Cargo.toml.orig",
                          "foo-1.0.0/.GITIGNORE", "foo-1.0.0/.cargo_vcs_info.json", "foo-1.0.0/.cargo-checksum.json"})
        EXPECT_TRUE(check(p).keep) << p;
}

TEST(EntryRules, KeepsEverythingWhenToldTo) {
    EntryRules all{"repo-abc", false};
    EXPECT_TRUE(check("repo-abc/.gitignore", EntryKind::File, all).keep);
    EXPECT_EQ(check("repo-abc/.git/x", EntryKind::File, all).relative, ".git/x");
}

TEST(EntryRules, Refusals) {
    EXPECT_EQ(refusal(""), "a.crate: entry \"\" has an empty name");
    EXPECT_EQ(refusal("/etc/passwd"), "a.crate: entry \"/etc/passwd\" has an absolute path");
    EXPECT_EQ(refusal("foo-1.0.0/../x"), "a.crate: entry \"foo-1.0.0/../x\" has a \"..\" component");
    EXPECT_EQ(refusal(".."), "a.crate: entry \"..\" has a \"..\" component");
    EXPECT_EQ(refusal("foo-1.0.0/a/.."), "a.crate: entry \"foo-1.0.0/a/..\" has a \"..\" component");
    EXPECT_EQ(refusal("foo-1.0.0x/a"), "a.crate: entry \"foo-1.0.0x/a\" is not under \"foo-1.0.0/\"");
    EXPECT_EQ(refusal("./foo-1.0.0/a"), "a.crate: entry \"./foo-1.0.0/a\" is not under \"foo-1.0.0/\"");
    EXPECT_EQ(refusal("foo-1.0.0"), "a.crate: entry \"foo-1.0.0\" is not under \"foo-1.0.0/\"");
    EXPECT_EQ(refusal("foo-1.0.0/"), "a.crate: entry \"foo-1.0.0/\" is not under \"foo-1.0.0/\"");
    EXPECT_EQ(refusal("foo-1.0.0/\xc0\xaf"), "a.crate: entry \"foo-1.0.0/\\xc0\\xaf\" has a name that is not valid UTF-8");
}

TEST(Utf8, StrictValidation) {
    EXPECT_TRUE(is_valid_utf8("plain"));
    EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));
    EXPECT_FALSE(is_valid_utf8("\xff"));
    EXPECT_FALSE(is_valid_utf8("\xc0\x80"));          // overlong
    EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));      // overlong
    EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
    EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(is_valid_utf8("\xe2\x82"));          // truncated
}

TEST(OutputLimit, MaxOf512MiBAnd20Times) {
    EXPECT_EQ(OutputLimit(1000).limit(), std::uint64_t(512) << 20);
    EXPECT_EQ(OutputLimit(std::uint64_t(100) << 20).limit(), std::uint64_t(2000) << 20);
    OutputLimit limit(1000);
    limit.check(std::uint64_t(512) << 20, "a.crate");
    EXPECT_EQ(test::error_of([&] { limit.check((std::uint64_t(512) << 20) + 1, "a.crate"); }),
              "a.crate: unpacks to more than 536870912 bytes, the most an archive of 1000 bytes may produce "
              "(max(512 MiB, 20 x its size)); output stopped");
}

}  // namespace
}  // namespace cdf::unpack
