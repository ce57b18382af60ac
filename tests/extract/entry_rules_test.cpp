#include "extract/entry_rules.hpp"

#include <archive_entry.h>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::extract {
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
    for (const char* p :
         {"foo-1.0.0/.gitignore", "foo-1.0.0/sub/.gitattributes", "foo-1.0.0/.cargo-ok", "foo-1.0.0/a/b/.cargo-ok",
          "foo-1.0.0/.git", "foo-1.0.0/.git/config", "foo-1.0.0/x/.git/objects/ab"})
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
    EXPECT_EQ(refusal("foo-1.0.0/\xc0\xaf"),
              "a.crate: entry \"foo-1.0.0/\\xc0\\xaf\" has a name that is not valid UTF-8");
}

TEST(EntryRules, BackslashesAndLengths) {
    EXPECT_EQ(refusal("foo-1.0.0/src\\..\\..\\x"),
              "a.crate: entry \"foo-1.0.0/src\\\\..\\\\..\\\\x\" has a backslash in its name");
    // 255 bytes a component and 4095 a path are the most there may be.
    EXPECT_TRUE(check("foo-1.0.0/" + std::string(255, 'n')).keep);
    EXPECT_EQ(refusal("foo-1.0.0/" + std::string(256, 'n')),
              "a.crate: entry \"foo-1.0.0/" + std::string(110, 'n') +
                  "\"... (266 bytes) has a component longer than 255 bytes (NAME_MAX)");
    std::string longest = "foo-1.0.0";
    while (longest.size() + 100 <= 4095) longest += "/" + std::string(99, 'd');
    longest += "/" + std::string(4095 - longest.size() - 1, 'e');
    ASSERT_EQ(longest.size(), 4095u);
    EXPECT_TRUE(check(longest).keep);
    EXPECT_EQ(refusal(longest + "e"),
              "a.crate: entry \"" + longest.substr(0, 120) + "\"... (4096 bytes) is longer than 4095 bytes (PATH_MAX)");
}

TEST(EntryRules, ACratesOwnChecksumFile) {
    EntryRules registry{"foo-1.0.0", true, /*refuse_checksum_file=*/true};
    EXPECT_EQ(test::error_of([&] { check("foo-1.0.0/./.cargo-checksum.json", EntryKind::File, registry); }),
              "a.crate: entry \"foo-1.0.0/./.cargo-checksum.json\" is .cargo-checksum.json, which cargo-distfiles "
              "writes itself");
    EXPECT_EQ(check("foo-1.0.0/tests/.cargo-checksum.json", EntryKind::File, registry).relative,
              "tests/.cargo-checksum.json");
}

TEST(EntryRules, SparseFilesAreRefused) {
    struct archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, "foo-1.0.0/holes");
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_size(e, 1 << 20);
    EXPECT_TRUE(check_entry(e, kCrate, "a.crate").keep);
    archive_entry_sparse_add_entry(e, 0, 512);
    EXPECT_EQ(test::error_of([&] { check_entry(e, kCrate, "a.crate"); }),
              "a.crate: entry \"foo-1.0.0/holes\" is a sparse file (only regular files and directories are allowed)");
    archive_entry_free(e);
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
}  // namespace cdf::extract
