#include "exheres/update.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include "exheres/downloads_block.hpp"
#include "exheres/manifest_path.hpp"
#include "manifest/manifest.hpp"
#include "support/test_support.hpp"

namespace cdf::exheres {
namespace {

namespace fs = std::filesystem;
using test::read_text;
using test::write_text;

const std::string kSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kSha2 = "0c4e5c2be9b3f4a8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";
const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";

distfiles::Plan sample_plan() {
    distfiles::Plan p;
    p.downloads = {{"https://static.crates.io/crates/bitflags/bitflags-1.0.4.crate", "bitflags-1.0.4.crate"},
                   {"https://github.com/o/r/archive/" + kCommit + ".tar.gz", "r-" + kCommit + ".tar.gz"}};
    test::add_crate(p.manifest, "bitflags", "1.0.4", kCratesIo, "bitflags-1.0.4.crate", manifest::CrateCheck::Sha256,
                    kSha);
    test::add_crate(p.manifest, "r", "0.1.0", "git+https://github.com/o/r#" + kCommit, "r-" + kCommit + ".tar.gz",
                    manifest::CrateCheck::Git);
    p.manifest.git = {{"r-" + kCommit + ".tar.gz", "https://github.com/o/r", "-", kCommit, std::nullopt, std::nullopt}};
    return p;
}

const std::string kExheres =
    "# Copyright 2026 Some One <one@example.org>\n"
    "# Distributed under the terms of the GNU General Public License v2\n"
    "\n"
    "require cargo-distfiles\n"
    "\n"
    "SUMMARY=\"A sample\"\n"
    "\n"
    "SLOT=\"0\"\n";

TEST(ManifestPath, NamedAfterTheExheresInFiles) {
    EXPECT_EQ(default_manifest_path("packages/sys-apps/ripgrep/ripgrep-14.1.1-r1.exheres-0"),
              fs::path("packages/sys-apps/ripgrep/files/ripgrep-14.1.1-r1.cargo-distfiles"));
    EXPECT_EQ(default_manifest_path("foo-scm.exheres-0"), fs::path("files/foo-scm.cargo-distfiles"));
    EXPECT_EQ(test::error_of([] { default_manifest_path("dir/foo.exlib"); }),
              "dir/foo.exlib: cannot name the manifest after \"foo.exlib\": the file name does not end in "
              "`.exheres-0`; pass --manifest FILE");
    EXPECT_EQ(test::error_of([] { default_manifest_path("dir/.exheres-0"); }),
              "dir/.exheres-0: cannot name the manifest after \".exheres-0\": the file name does not end in "
              "`.exheres-0`; pass --manifest FILE");
}

TEST(DiffLabel, GitStyle) {
    EXPECT_EQ(diff_label('a', "foo-1.exheres-0"), "a/foo-1.exheres-0");
    EXPECT_EQ(diff_label('b', "./files/x"), "b/files/x");
    EXPECT_EQ(diff_label('a', "/tmp/r/x"), "a/tmp/r/x");
}

TEST(Update, PreparesBothTextsAndWritesNothing) {
    test::ScratchDir dir;
    write_text(dir / "foo-1.0.exheres-0", kExheres);
    Update u = prepare_update(dir / "foo-1.0.exheres-0", dir / "files/foo-1.0.cargo-distfiles", sample_plan());
    EXPECT_EQ(u.exheres.new_text,
              "# Copyright 2026 Some One <one@example.org>\n"
              "# Distributed under the terms of the GNU General Public License v2\n"
              "\n"
              "require cargo-distfiles\n"
              "\n"
              "SUMMARY=\"A sample\"\n"
              "\n"
              "# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
              "DOWNLOADS+=\"\n"
              "    https://static.crates.io/crates/bitflags/bitflags-1.0.4.crate\n"
              "    https://github.com/o/r/archive/" +
                  kCommit + ".tar.gz -> r-" + kCommit +
                  ".tar.gz\n"
                  "\"\n"
                  "# cargo-distfiles end\n"
                  "\n"
                  "SLOT=\"0\"\n");
    EXPECT_EQ(u.manifest.new_text, manifest::render(sample_plan().manifest));
    EXPECT_FALSE(u.manifest.old_text);
    EXPECT_TRUE(u.exheres.stale());
    EXPECT_TRUE(u.manifest.stale());
    EXPECT_EQ(u.placement, "block inserted after the SUMMARY/HOMEPAGE/DESCRIPTION assignment ending on line 6");
    EXPECT_FALSE(fs::exists(dir / "files"));
    EXPECT_EQ(read_text(dir / "foo-1.0.exheres-0"), kExheres);
}

TEST(Update, AppliesCreatingFilesThenIsCurrent) {
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0", man = dir / "files/foo-1.0.cargo-distfiles";
    write_text(ex, kExheres);
    ::chmod(ex.c_str(), 0640);
    Update u = prepare_update(ex, man, sample_plan());
    apply_update(u);
    EXPECT_EQ(read_text(ex), u.exheres.new_text);
    EXPECT_EQ(read_text(man), u.manifest.new_text);
    EXPECT_EQ(fs::status(ex).permissions() & fs::perms::all, fs::perms(0640));
    Update again = prepare_update(ex, man, sample_plan());
    EXPECT_FALSE(again.exheres.stale());
    EXPECT_FALSE(again.manifest.stale());
    EXPECT_EQ(stale_diff(again), "");
    // Only files in the scratch folder: no temporaries left behind.
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir.path()))
        names.push_back(fs::relative(e.path(), dir.path()).string());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"files", "files/foo-1.0.cargo-distfiles", "foo-1.0.exheres-0"}));
}

TEST(Update, StaleDiffShowsBothFilesWithDevNullForANewManifest) {
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0";
    write_text(ex, "SUMMARY=\"A sample\"\nSLOT=\"0\"\n");
    distfiles::Plan plan;
    plan.downloads = {{"https://static.crates.io/crates/bitflags/bitflags-1.0.4.crate", "bitflags-1.0.4.crate"}};
    test::add_crate(plan.manifest, "bitflags", "1.0.4", kCratesIo, "bitflags-1.0.4.crate", manifest::CrateCheck::Sha256,
                    kSha);
    Update u = prepare_update(ex, fs::path("files/foo-1.0.cargo-distfiles"), plan);
    u.exheres.path = "foo-1.0.exheres-0";  // labels as the user spelled the paths
    EXPECT_EQ(stale_diff(u),
              "--- a/foo-1.0.exheres-0\n"
              "+++ b/foo-1.0.exheres-0\n"
              "@@ -1,2 +1,9 @@\n"
              " SUMMARY=\"A sample\"\n"
              "+\n"
              "+# cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
              "+DOWNLOADS+=\"\n"
              "+    https://static.crates.io/crates/bitflags/bitflags-1.0.4.crate\n"
              "+\"\n"
              "+# cargo-distfiles end\n"
              "+\n"
              " SLOT=\"0\"\n"
              "--- /dev/null\n"
              "+++ b/files/foo-1.0.cargo-distfiles\n"
              "@@ -0,0 +1,4 @@\n"
              "+# cargo-distfiles manifest: hashes of the distfiles this package fetches.\n"
              "+# Generated by `cargo-distfiles generate`/`update`; do not edit by hand.\n"
              "+cargo-distfiles-manifest 1\n"
              "+crate bitflags 1.0.4 " +
                  kCratesIo + " bitflags-1.0.4.crate " + kSha + "\n");
}

TEST(Update, KeepsPinnedArchiveHashesOfTheSameArchive) {
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0", man = dir / "foo.m";
    write_text(ex, kExheres);
    manifest::Manifest pinned = sample_plan().manifest;
    pinned.git[0].sha256 = kSha2;
    pinned.git[0].size = 4242;
    write_text(man, manifest::render(pinned));
    Update u = prepare_update(ex, man, sample_plan());
    EXPECT_EQ(u.manifest.new_text, manifest::render(pinned));
    EXPECT_FALSE(u.manifest.stale());
    EXPECT_TRUE(u.warnings.empty());
}

TEST(Update, CarryPinsOnlyWhenDistfileUrlAndCommitMatch) {
    manifest::Manifest old;
    old.git = {{"a.tar.gz", "https://h/a", "-", kCommit, kSha, 10},
               {"b.tar.gz", "https://h/b", "-", kCommit, kSha, 20}};
    manifest::Manifest fresh;
    fresh.git = {{"a.tar.gz", "https://h/a", "tag=v1", kCommit, std::nullopt, std::nullopt},
                 {"b.tar.gz", "https://h/other", "-", kCommit, std::nullopt, std::nullopt}};
    carry_pins(old, fresh);
    EXPECT_EQ(fresh.git[0].sha256, kSha);
    EXPECT_EQ(fresh.git[0].size, 10u);
    EXPECT_EQ(fresh.git[1].sha256, std::nullopt);
    EXPECT_EQ(fresh.git[1].size, std::nullopt);
}

TEST(Update, UnreadableOldManifestIsReplacedWithAWarning) {
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0", man = dir / "foo.m";
    write_text(ex, kExheres);
    write_text(man, "garbage\n");
    Update u = prepare_update(ex, man, sample_plan());
    ASSERT_EQ(u.warnings.size(), 1u);
    EXPECT_EQ(u.warnings[0],
              "the old manifest cannot be read (" + man.string() +
                  ":1:1: not a cargo-distfiles manifest: the first line is \"garbage\", expected "
                  "`cargo-distfiles-manifest 1`); archive hashes recorded by `cargo-distfiles pin` in it are not "
                  "carried over");
    EXPECT_EQ(u.manifest.new_text, manifest::render(sample_plan().manifest));
}

TEST(Update, AFileWhereTheManifestFolderShouldBeChangesNothing) {
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0";
    write_text(ex, kExheres);
    write_text(dir / "files", "I am a file, not a folder\n");
    std::string msg = test::error_of([&] { prepare_update(ex, dir / "files/foo-1.0.cargo-distfiles", sample_plan()); });
    EXPECT_EQ(msg, (dir / "files").string() + ": is not a folder, so the manifest \"" +
                       (dir / "files/foo-1.0.cargo-distfiles").string() +
                       "\" cannot be written there; move it away or pass --manifest");
    EXPECT_EQ(read_text(ex), kExheres);
}

TEST(Update, AWriteFailureLeavesTheExheresAndRemovesCreatedFolders) {
    // Prepared while the folder is free, then a file appears in the way of a
    // deeper folder: the manifest's folders cannot all be created.
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0";
    write_text(ex, kExheres);
    Update u = prepare_update(ex, dir / "m/n/foo.m", sample_plan());
    fs::create_directory(dir / "m");
    write_text(dir / "m/n", "in the way\n");
    std::string msg = test::error_of([&] { apply_update(u); }, ErrorKind::BadInput);
    EXPECT_NE(msg.find("is not a folder"), std::string::npos) << msg;
    EXPECT_EQ(read_text(ex), kExheres);

    // Folders that cannot take a file (as root, /proc is one): the temporary
    // of the manifest fails, the exheres stays, no temporary is left.
    Update v = prepare_update(ex, "/proc/cargo-distfiles-test.m", sample_plan());
    std::string msg2 = test::error_of([&] { apply_update(v); }, ErrorKind::BadInput);
    EXPECT_EQ(msg2,
              "/proc/cargo-distfiles-test.m: cannot write: /proc refuses new files; give a path in an ordinary "
              "writable folder");
    EXPECT_EQ(read_text(ex), kExheres);
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    EXPECT_EQ(entries, 2u);  // the exheres and m/
}

TEST(Update, CreatedFoldersAreRemovedWhenTheWriteFails) {
    test::ScratchDir dir;
    fs::path ex = dir / "foo-1.0.exheres-0";
    write_text(ex, kExheres);
    Update u = prepare_update(ex, dir / "files/foo.m", sample_plan());
    // The exheres' folder refuses new files (its temporary cannot be made):
    // files/ was created for the manifest and must go again.
    u.exheres.path = dir / "gone/foo-1.0.exheres-0";
    EXPECT_NE(test::error_of([&] { apply_update(u); }, ErrorKind::BadInput).find("/gone does not exist; create it"),
              std::string::npos);
    EXPECT_FALSE(fs::exists(dir / "files"));
    EXPECT_EQ(read_text(ex), kExheres);
}

TEST(Update, RefusesAMissingExheresAndAManifestThatIsAFolder) {
    test::ScratchDir dir;
    EXPECT_EQ(test::error_of([&] { prepare_update(dir / "nope.exheres-0", dir / "m", sample_plan()); }),
              (dir / "nope.exheres-0").string() + ": no such file");
    write_text(dir / "foo-1.0.exheres-0", kExheres);
    fs::create_directory(dir / "m");
    EXPECT_EQ(test::error_of([&] { prepare_update(dir / "foo-1.0.exheres-0", dir / "m", sample_plan()); }),
              (dir / "m").string() + ": is a folder; the manifest must be a file (see --manifest)");
}

TEST(Update, RefusesTheExheresAsItsOwnManifest) {
    test::ScratchDir dir;
    write_text(dir / "foo-1.0.exheres-0", kExheres);
    EXPECT_EQ(test::error_of(
                  [&] { prepare_update(dir / "foo-1.0.exheres-0", dir / "./foo-1.0.exheres-0", sample_plan()); }),
              (dir / "./foo-1.0.exheres-0").string() + ": the manifest cannot be the exheres itself (see --manifest)");
}

TEST(Update, WritesThroughASymlinkedExheres) {
    test::ScratchDir dir;
    write_text(dir / "real/foo-1.0.exheres-0", kExheres);
    fs::create_symlink("real/foo-1.0.exheres-0", dir / "foo-1.0.exheres-0");
    Update u = prepare_update(dir / "foo-1.0.exheres-0", dir / "foo.m", sample_plan());
    apply_update(u);
    EXPECT_TRUE(fs::is_symlink(dir / "foo-1.0.exheres-0"));
    EXPECT_EQ(read_text(dir / "real/foo-1.0.exheres-0"), u.exheres.new_text);
}

}  // namespace
}  // namespace cdf::exheres
