#include "distcheck/distfile_check.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "util/sha256.hpp"

namespace cdf::distcheck {
namespace {

namespace fs = std::filesystem;
using State = DistfileStatus::State;

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";
const std::string kGitArchive = "github.com+o+gix-" + kCommit + ".tar.gz";
const std::string kAbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kHelloSha256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";

manifest::Manifest sample(std::optional<std::string> git_sha = std::nullopt, std::optional<std::uint64_t> size = {}) {
    manifest::Manifest m;
    test::add_crate(m, "a", "1.0.0", kCratesIo, "a-1.0.0.crate", manifest::CrateCheck::Sha256, kAbcSha256);
    test::add_crate(m, "b", "2.0.0", kCratesIo, "b-2.0.0.crate", manifest::CrateCheck::Sha256, kAbcSha256);
    test::add_crate(m, "gix-core", "0.3.1", "git+https://github.com/o/gix#" + kCommit, kGitArchive,
                    manifest::CrateCheck::Git, "");
    test::add_crate(m, "gix-ffi", "0.1.0", "git+https://github.com/o/gix#" + kCommit, kGitArchive,
                    manifest::CrateCheck::Git, "");
    test::add_crate(m, "old", "0.1.0", kCratesIo, "old-0.1.0.crate", manifest::CrateCheck::Unverified, "");
    m.git.push_back({kGitArchive, "https://github.com/o/gix", "-", kCommit, git_sha, size});
    return m;
}

TEST(DistfileCheck, ExpectedDistfilesOnePerFile) {
    auto e = expected_distfiles(sample(kHelloSha256, 6), "m");
    ASSERT_EQ(e.size(), 4u);
    EXPECT_EQ(e[0].name, "a-1.0.0.crate");
    EXPECT_EQ(e[0].what, "a 1.0.0");
    EXPECT_EQ(e[0].sha256, kAbcSha256);
    EXPECT_EQ(e[0].size, std::nullopt);
    EXPECT_FALSE(e[0].is_git);
    EXPECT_EQ(e[1].name, "b-2.0.0.crate");
    EXPECT_EQ(e[2].name, kGitArchive);
    EXPECT_EQ(e[2].what, "git archive of https://github.com/o/gix at " + kCommit);
    EXPECT_EQ(e[2].sha256, kHelloSha256);
    EXPECT_EQ(e[2].size, 6u);
    EXPECT_TRUE(e[2].is_git);
    EXPECT_EQ(e[3].name, "old-0.1.0.crate");
    EXPECT_EQ(e[3].sha256, std::nullopt);
}

TEST(DistfileCheck, OneFileTwoChecksumsIsRefused) {
    manifest::Manifest m;
    test::add_crate(m, "a", "1.0.0", kCratesIo, "a-1.0.0.crate", manifest::CrateCheck::Sha256, kAbcSha256);
    test::add_crate(m, "a", "1.0.0", "sparse+https://other.example/", "a-1.0.0.crate", manifest::CrateCheck::Sha256,
                    kHelloSha256);
    EXPECT_EQ(test::error_of([&] { expected_distfiles(m, "files/m"); }),
              "files/m: distfile a-1.0.0.crate is named by a 1.0.0 and by a 1.0.0 with different checksums");
}

TEST(DistfileCheck, StatusesOfEveryKind) {
    test::ScratchDir dir;
    test::write_text(dir / "a-1.0.0.crate", "abc");   // ok
    test::write_text(dir / "b-2.0.0.crate", "abd");   // sha256 mismatch
    test::write_text(dir / kGitArchive, "hello\n!");  // size mismatch (7, pinned 6)
    fs::create_directories(dir / "old-0.1.0.crate");  // unreadable: a folder
    auto statuses = check_distfiles(expected_distfiles(sample(kHelloSha256, 6), "m"), dir.path(), 3, false);
    ASSERT_EQ(statuses.size(), 4u);
    EXPECT_EQ(statuses[0].state, State::Ok);
    EXPECT_EQ(statuses[0].digest->sha256, kAbcSha256);
    EXPECT_EQ(statuses[1].state, State::Mismatch);
    // sha256("abd") from Python's hashlib.
    EXPECT_EQ(describe(statuses[1]),
              "mismatch: b-2.0.0.crate (b 2.0.0): sha256 is "
              "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9, "
              "the manifest says " +
                  kAbcSha256);
    EXPECT_EQ(statuses[2].state, State::Mismatch);
    EXPECT_EQ(describe(statuses[2]), "mismatch: " + kGitArchive + " (git archive of https://github.com/o/gix at " +
                                         kCommit + "): size is 7 bytes, the manifest says 6");
    EXPECT_EQ(statuses[3].state, State::Unreadable);
    EXPECT_EQ(describe(statuses[3]), "unreadable: old-0.1.0.crate (old 0.1.0): not a regular file");
}

TEST(DistfileCheck, MissingAndUnchecked) {
    test::ScratchDir dir;
    test::write_text(dir / "a-1.0.0.crate", "abc");
    test::write_text(dir / kGitArchive, "hello\n");
    test::write_text(dir / "old-0.1.0.crate", "anything");
    auto statuses = check_distfiles(expected_distfiles(sample(), "m"), dir.path(), 0, true);
    EXPECT_EQ(statuses[0].state, State::Ok);
    EXPECT_EQ(statuses[0].digest->sha512.size(), 128u);
    EXPECT_EQ(statuses[1].state, State::Missing);
    EXPECT_EQ(describe(statuses[1]), "missing: b-2.0.0.crate (b 2.0.0)");
    EXPECT_EQ(statuses[2].state, State::Unchecked);
    EXPECT_EQ(describe(statuses[2]),
              "unchecked: " + kGitArchive + " (git archive of https://github.com/o/gix at " + kCommit +
                  "): not pinned, so only its presence was checked (record its sha256 with `cargo-distfiles pin`)");
    EXPECT_EQ(statuses[3].state, State::Unchecked);
    EXPECT_EQ(describe(statuses[3]),
              "unchecked: old-0.1.0.crate (old 0.1.0): the manifest has no checksum for it, so only its presence was "
              "checked");
}

TEST(DistfileCheck, PinnedGitArchiveMatches) {
    test::ScratchDir dir;
    test::write_text(dir / kGitArchive, "hello\n");
    manifest::Manifest m = sample(kHelloSha256, 6);
    m.crates.erase(m.crates.begin(), m.crates.begin() + 2);
    m.crates.pop_back();
    auto statuses = check_distfiles(expected_distfiles(m, "m"), dir.path(), 1, false);
    ASSERT_EQ(statuses.size(), 1u);
    EXPECT_EQ(statuses[0].state, State::Ok);
}

TEST(DistfileCheck, DanglingLinkIsMissing) {
    test::ScratchDir dir;
    fs::create_symlink(dir / "nowhere", dir / "a-1.0.0.crate");
    manifest::Manifest m;
    test::add_crate(m, "a", "1.0.0", kCratesIo, "a-1.0.0.crate", manifest::CrateCheck::Sha256, kAbcSha256);
    auto statuses = check_distfiles(expected_distfiles(m, "m"), dir.path(), 1, false);
    EXPECT_EQ(statuses[0].state, State::Missing);
}

TEST(DistfileCheck, UnlistedCrateFiles) {
    test::ScratchDir dir;
    test::write_text(dir / "a-1.0.0.crate", "abc");                       // listed
    test::write_text(dir / "a-0.9.0.crate", "old");                       // unlisted
    test::write_text(dir / "zzz-1.0.0.crate", "other");                   // unlisted
    test::write_text(dir / "foo-1.0.tar.gz", "tarball");                  // not a .crate: ignored
    test::write_text(dir / ".crate", "odd");                              // no name: ignored
    fs::create_directories(dir / "dir.crate");                            // a folder: ignored
    fs::create_symlink(dir / "a-0.9.0.crate", dir / "link-1.0.0.crate");  // a link to a file: counted
    auto unlisted = unlisted_crate_files(expected_distfiles(sample(), "m"), dir.path());
    EXPECT_EQ(unlisted, (std::vector<std::string>{"a-0.9.0.crate", "link-1.0.0.crate", "zzz-1.0.0.crate"}));
}

}  // namespace
}  // namespace cdf::distcheck
