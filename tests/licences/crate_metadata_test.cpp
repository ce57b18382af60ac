#include "licences/crate_metadata.hpp"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "licences/test_archives.hpp"
#include "unpack/crate_tarball.hpp"
#include "support/test_support.hpp"

namespace cdf::licences {
namespace {

namespace fs = std::filesystem;
using test::TarEntry;

const fs::path kBitflags = test::source_dir() / ".." / "shared" / "corpus" / "crates" / "bitflags-1.0.4.crate";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";

TEST(CrateMetadata, RealCratesIoTarball) {
    if (!fs::exists(kBitflags)) GTEST_SKIP() << kBitflags << " is not present";
    CrateLicence c = read_crate_licence(kBitflags, "bitflags", "1.0.4");
    EXPECT_EQ(c.name, "bitflags");
    EXPECT_EQ(c.version, "1.0.4");
    EXPECT_EQ(c.license, "MIT/Apache-2.0");
    EXPECT_EQ(c.license_file, std::nullopt);
    EXPECT_EQ(c.where, kBitflags.string() + "(bitflags-1.0.4/Cargo.toml)");
}

TEST(CrateMetadata, MadeCrateWithLicenceFileOnly) {
    test::ScratchDir dir;
    auto crate = test::make_crate(dir.path(), "ring", "0.17.8",
                                  test::packaged_cargo_toml("ring", "0.17.8", "license-file = \"LICENSE\""));
    CrateLicence c = read_crate_licence(crate, "ring", "0.17.8");
    EXPECT_EQ(c.license, std::nullopt);
    EXPECT_EQ(c.license_file, "LICENSE");
}

TEST(CrateMetadata, OtherEntriesNamedCargoTomlAreNotTheManifest) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    test::write_tar_gz(crate, {{"a-1.0.0/tests/fixture/Cargo.toml", "not toml ["},
                               {"a-1.0.0/Cargo.toml", test::packaged_cargo_toml("a", "1.0.0", "license = \"ISC\"")}});
    EXPECT_EQ(read_crate_licence(crate, "a", "1.0.0").license, "ISC");
}

TEST(CrateMetadata, MissingDistfile) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() + ": no such distfile: fetch the distfiles first");
}

TEST(CrateMetadata, NotAnArchive) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    test::write_text(crate, "<html>rate limited</html>\n");
    // The words `unpack` uses: both read through extract/crate_extractor.
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() + ": is not a valid .crate (gzip'd tar): Unrecognized archive format");
}

TEST(CrateMetadata, NoManifestEntry) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    test::write_tar_gz(crate, {{"b-1.0.0/Cargo.toml", "[package]\n"}});
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() + ": entry \"b-1.0.0/Cargo.toml\" is not under \"a-1.0.0/\"");
    test::write_tar_gz(crate, {{"a-1.0.0/src/lib.rs", ""}});
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() + ": is not a valid .crate: it holds no \"a-1.0.0/Cargo.toml\"");
}

// Issue 13: cargo reads a .crate up to the end of its first gzip member; a
// Cargo.toml in a second member is one cargo never sees (libarchive, which
// licences used alone before, reads every member).
TEST(CrateMetadata, OnlyTheFirstGzipMemberAsCargo) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    const std::string manifest = test::packaged_cargo_toml("a", "1.0.0", "license = \"MIT\"");
    test::write_gzip(dir / "first.gz", test::ustar_header("a-1.0.0/src/lib.rs", 0));
    test::write_gzip(dir / "second.gz",
                     test::ustar_header("a-1.0.0/Cargo.toml", manifest.size()) + test::tar_padded(manifest));
    test::write_text(crate, test::read_text(dir / "first.gz") + test::read_text(dir / "second.gz"));
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() + ": is not a valid .crate: it holds no \"a-1.0.0/Cargo.toml\"");
}

TEST(CrateMetadata, ManifestOfAnotherPackage) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    test::write_tar_gz(crate, {{"a-1.0.0/Cargo.toml", test::packaged_cargo_toml("evil", "1.0.0", "")}});
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() +
                  "(a-1.0.0/Cargo.toml): describes package \"evil\" \"1.0.0\", but the manifest says "
                  "this distfile holds \"a\" \"1.0.0\"");
}

TEST(CrateMetadata, MalformedTomlNamesLineAndColumn) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    test::write_tar_gz(crate, {{"a-1.0.0/Cargo.toml", "[package]\nname = \"a\"\nlicense = MIT\n"}});
    std::string message = test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); });
    EXPECT_EQ(message.rfind(crate.string() + "(a-1.0.0/Cargo.toml):3:11: malformed Cargo.toml: ", 0), 0u) << message;
}

TEST(CrateMetadata, LicenceOfTheWrongType) {
    test::ScratchDir dir;
    fs::path crate = dir / "a-1.0.0.crate";
    test::write_tar_gz(crate, {{"a-1.0.0/Cargo.toml", "[package]\nname = \"a\"\nversion = \"1.0.0\"\nlicense = 3\n"}});
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() +
                  "(a-1.0.0/Cargo.toml):4:11: `package.license` is neither a string nor "
                  "`{ workspace = true }`");
}

// A Cargo.toml is its author's: a key of a million components overflowed
// toml++'s stack, a non-ASCII character after a line-ending backslash sent
// it into undefined behaviour. Both are refused before toml++ reads them.
std::string dotted_key(std::size_t components) {
    std::string key = "a";
    for (std::size_t i = 1; i < components; ++i) key += ".a";
    return key;
}

TEST(CrateMetadata, HostileManifestIsRefusedNotACrash) {
    test::ScratchDir dir;
    auto crate = test::make_crate(dir.path(), "a", "1.0.0",
                                  test::packaged_cargo_toml("a", "1.0.0", "license = \"MIT\"") +
                                      "\n[package.metadata]\n" + dotted_key(1000000) + " = 1\n");
    EXPECT_EQ(test::in_child([&] { return test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }); }),
              crate.string() +
                  "(a-1.0.0/Cargo.toml):9: malformed Cargo.toml: a key or table name nested deeper "
                  "than 128 levels");
}

TEST(CrateMetadata, NonAsciiIsReadWhereTomlAllowsIt) {
    test::ScratchDir dir;
    auto crate = test::make_crate(dir.path(), "a", "1.0.0",
                                  "# G\xc3\xa9n\xc3\xa9r\xc3\xa9\n" +
                                      test::packaged_cargo_toml("a", "1.0.0",
                                                                "license = \"MIT\"\nauthors = [\"Jos\xc3\xa9\"]\n"
                                                                "description = \"\"\"\n\xc2\xa7 \xc3\x85\"\"\""));
    EXPECT_EQ(read_crate_licence(crate, "a", "1.0.0").license, "MIT");

    crate = test::make_crate(dir.path(), "a", "1.0.0",
                             test::packaged_cargo_toml("a", "1.0.0", "description = \"\"\"\\\n    \xc3\x85\"\"\""));
    EXPECT_EQ(test::error_of([&] { read_crate_licence(crate, "a", "1.0.0"); }),
              crate.string() +
                  "(a-1.0.0/Cargo.toml):6:5: malformed Cargo.toml: non-ASCII character U+00C5 after a "
                  "backslash in a multi-line string, which toml++ 3.3 cannot read safely");
}

// In a git archive a Cargo.toml that cannot be read only matters when the
// crate is not found elsewhere (see GitArchiveWithoutTheCrate).
TEST(CrateMetadata, GitArchiveHostileManifestIsSkippedNotACrash) {
    test::ScratchDir dir;
    fs::path archive = dir / "x.tar.gz";
    test::write_tar_gz(archive, {{"x/Cargo.toml", "[package]\nname = \"x\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n"},
                                 {"x/fuzz/Cargo.toml", "[package]\nname = \"x\"\n" + dotted_key(1000000) + " = 1\n"}});
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    EXPECT_EQ(test::in_child([&] { return *m.licence_of("x", "1.0.0").license; }), "MIT");
    EXPECT_EQ(test::in_child([&] { return test::error_of([&] { m.licence_of("x", "2.0.0"); }); }),
              archive.string() +
                  ": the git archive holds no [package] named \"x\" with version \"2.0.0\" (among 2 "
                  "Cargo.toml files); it has x at version(s) 1.0.0; 1 Cargo.toml file(s) in it are not "
                  "valid TOML");
}

// A repository as a forge serves it: a workspace root with
// [workspace.package], members inheriting, one crate with its own licence,
// and a broken test fixture that must not get in the way.
std::vector<TarEntry> workspace_repo(const std::string& top) {
    return {
        {top + "/Cargo.toml",
         "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.package]\nversion = \"0.3.1\"\n"
         "license = \"MIT OR Apache-2.0\"\n"},
        {top + "/crates/core/Cargo.toml",
         "[package]\nname = \"gix-core\"\nversion.workspace = true\nlicense.workspace = true\n"},
        {top + "/crates/ffi/Cargo.toml", "[package]\nname = \"gix-ffi\"\nversion = \"0.1.0\"\nlicense = \"ISC\"\n"},
        {top + "/crates/nolicence/Cargo.toml", "[package]\nname = \"gix-bare\"\nversion = \"0.1.0\"\n"},
        {top + "/tests/fixtures/broken/Cargo.toml", "[package\nname = \"gix-core\""},
        {top + "/tests/fixtures/old/Cargo.toml",
         "[package]\nname = \"gix-core\"\nversion = \"0.0.1\"\nlicense = \"GPL-3.0\"\n"},
        {top + "/README.md", "hello\n"},
    };
}

TEST(CrateMetadata, GitArchiveWorkspaceInheritance) {
    test::ScratchDir dir;
    fs::path archive = dir / ("gix-" + kCommit + ".tar.gz");
    test::write_tar_gz(archive, workspace_repo("gix-" + kCommit));
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    EXPECT_EQ(m.manifest_count(), 6u);

    CrateLicence core = m.licence_of("gix-core", "0.3.1");
    EXPECT_EQ(core.license, "MIT OR Apache-2.0");
    EXPECT_EQ(core.where, archive.string() + "(gix-" + kCommit + "/crates/core/Cargo.toml)");
    EXPECT_EQ(m.licence_of("gix-ffi", "0.1.0").license, "ISC");
    CrateLicence bare = m.licence_of("gix-bare", "0.1.0");
    EXPECT_EQ(bare.license, std::nullopt);
    EXPECT_EQ(bare.license_file, std::nullopt);
    // The fixture with an old version is found when asked for by its version.
    EXPECT_EQ(m.licence_of("gix-core", "0.0.1").license, "GPL-3.0");
}

TEST(CrateMetadata, GitArchiveWithoutTheCrate) {
    test::ScratchDir dir;
    fs::path archive = dir / "gix.tar.gz";
    test::write_tar_gz(archive, workspace_repo("gix"));
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    EXPECT_EQ(test::error_of([&] { m.licence_of("gix-core", "9.9.9"); }),
              archive.string() +
                  ": the git archive holds no [package] named \"gix-core\" with version \"9.9.9\" "
                  "(among 6 Cargo.toml files); it has gix-core at version(s) 0.0.1, 0.3.1; 1 "
                  "Cargo.toml file(s) in it are not valid TOML");
    EXPECT_EQ(test::error_of([&] { m.licence_of("serde", "1.0.0"); }),
              archive.string() +
                  ": the git archive holds no [package] named \"serde\" with version \"1.0.0\" "
                  "(among 6 Cargo.toml files)");
}

TEST(CrateMetadata, GitArchiveInheritanceWithoutWorkspace) {
    test::ScratchDir dir;
    fs::path archive = dir / "x.tar.gz";
    test::write_tar_gz(archive, {{"x/Cargo.toml",
                                  "[package]\nname = \"x\"\nversion = \"1.0.0\"\n"
                                  "license.workspace = true\n"}});
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    EXPECT_EQ(test::error_of([&] { m.licence_of("x", "1.0.0"); }),
              archive.string() +
                  "(x/Cargo.toml): `package.license` is inherited from the workspace, but no "
                  "workspace root was found for it (a Cargo.toml with a [workspace] table above it, or "
                  "named by `package.workspace`)");
}

// Issue 13: the root is not above its member, which names it with
// `package.workspace` (`unpack` vendored it; `licences` exited 2).
TEST(CrateMetadata, GitArchiveRootNamedByPackageWorkspace) {
    test::ScratchDir dir;
    fs::path archive = dir / "x.tar.gz";
    test::write_tar_gz(archive, {{"x/ws/Cargo.toml",
                                  "[workspace]\nmembers = [\"../crates/a\"]\n\n[workspace.package]\n"
                                  "version = \"0.4.0\"\nlicense = \"MIT\"\nlicense-file = \"COPYING\"\n"},
                                 {"x/crates/a/Cargo.toml",
                                  "[package]\nname = \"a\"\nworkspace = \"../../ws\"\n"
                                  "version.workspace = true\nlicense.workspace = true\n"
                                  "license-file.workspace = true\n"}});
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    CrateLicence a = m.licence_of("a", "0.4.0");
    EXPECT_EQ(a.license, "MIT");
    // Relative to the crate, as cargo rebases it.
    EXPECT_EQ(a.license_file, "../../ws/COPYING");
    EXPECT_EQ(a.where, archive.string() + "(x/crates/a/Cargo.toml)");
}

TEST(CrateMetadata, GitArchiveOddManifestsElsewhereDoNotMatter) {
    test::ScratchDir dir;
    fs::path archive = dir / "x.tar.gz";
    test::write_tar_gz(archive, {{"x/Cargo.toml", "[package]\nname = \"x\"\nversion = \"1.0.0\"\nlicense = \"MIT\"\n"},
                                 {"x/templates/Cargo.toml", "package = \"x is a template\"\n"}});
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    EXPECT_EQ(m.licence_of("x", "1.0.0").license, "MIT");
    EXPECT_EQ(test::error_of([&] { m.licence_of("x", "2.0.0"); }),
              archive.string() +
                  ": the git archive holds no [package] named \"x\" with version \"2.0.0\" (among 2 "
                  "Cargo.toml files); it has x at version(s) 1.0.0; one could not be read: " +
                  archive.string() + "(x/templates/Cargo.toml):1:11: `package` is not a table");
}

TEST(CrateMetadata, GitArchiveRootPackageIsItsOwnWorkspace) {
    test::ScratchDir dir;
    fs::path archive = dir / "x.tar.gz";
    test::write_tar_gz(archive, {{"x/Cargo.toml",
                                  "[package]\nname = \"x\"\nversion = \"1.0.0\"\n"
                                  "license.workspace = true\n[workspace]\n"
                                  "[workspace.package]\nlicense = \"Zlib\"\n"}});
    GitArchiveManifests m = GitArchiveManifests::read(archive);
    EXPECT_EQ(m.licence_of("x", "1.0.0").license, "Zlib");
}

// The archive `git archive` makes (pax global header with the commit id),
// as forges serve it; skipped without git.
TEST(CrateMetadata, RealGitArchive) {
    if (std::system("git --version >/dev/null 2>&1") != 0) GTEST_SKIP() << "git is not installed";
    test::ScratchDir dir;
    fs::path repo = dir / "repo";
    for (const auto& e : workspace_repo("")) test::write_text(repo / e.path.substr(1), e.content);
    std::string script = "cd '" + repo.string() +
                         "' && git init -q && git add -A && git -c user.name=t -c user.email=t@t -c "
                         "commit.gpgsign=false commit -q -m init && git archive --format=tar.gz --prefix=gix-abc/ "
                         "-o ../gix.tar.gz HEAD";
    ASSERT_EQ(std::system(script.c_str()), 0);
    GitArchiveManifests m = GitArchiveManifests::read(dir / "gix.tar.gz");
    EXPECT_EQ(m.manifest_count(), 6u);
    EXPECT_EQ(m.licence_of("gix-core", "0.3.1").license, "MIT OR Apache-2.0");
}

TEST(CrateMetadata, ReadLicencesOfAManifest) {
    test::ScratchDir dir;
    test::make_crate(dir.path(), "a", "1.0.0", test::packaged_cargo_toml("a", "1.0.0", "license = \"MIT\""));
    test::write_tar_gz(dir / ("gix-" + kCommit + ".tar.gz"), workspace_repo("gix-" + kCommit));
    manifest::Manifest m;
    const std::string crates_io = "registry+https://github.com/rust-lang/crates.io-index";
    const std::string git = "git+https://github.com/o/gix#" + kCommit;
    test::add_crate(m, "a", "1.0.0", crates_io, "a-1.0.0.crate", manifest::CrateCheck::Sha256, std::string(64, 'a'));
    test::add_crate(m, "gix-core", "0.3.1", git, "gix-" + kCommit + ".tar.gz", manifest::CrateCheck::Git, "");
    test::add_crate(m, "gix-ffi", "0.1.0", git, "gix-" + kCommit + ".tar.gz", manifest::CrateCheck::Git, "");
    m.git.push_back(
        {"gix-" + kCommit + ".tar.gz", "https://github.com/o/gix", "-", kCommit, std::nullopt, std::nullopt});
    auto licences = read_licences(m, dir.path());
    ASSERT_EQ(licences.size(), 3u);
    EXPECT_EQ(licences[0].license, "MIT");
    EXPECT_EQ(licences[1].license, "MIT OR Apache-2.0");
    EXPECT_EQ(licences[2].license, "ISC");
}

}  // namespace
}  // namespace cdf::licences
