// The orchestrator: verification, missing distfiles, re-runs, folder names,
// unverified crates, the git plug-in point, the cargo config.
#include <gtest/gtest.h>

#include <fstream>

#include <fmt/format.h>

#include "support/test_support.hpp"
#include "cargo/checksum_file.hpp"
#include "unpack/registry_crate.hpp"
#include "unpack/unpack_bench.hpp"
#include "unpack/vendor_dir.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

std::string checksum_file(const fs::path& crate_folder) { return read_text(crate_folder / ".cargo-checksum.json"); }

TEST(Unpack, WritesCratesAndTheirChecksumFiles) {
    UnpackBench bench;
    bench.add_crate("foo", "1.0.0",
                    {file("foo-1.0.0/Cargo.toml", "[package]\n"), file("foo-1.0.0/src/lib.rs", "fn x() {}\n"),
                     file("foo-1.0.0/.gitignore", "target\n"), file("foo-1.0.0/.cargo-ok", "ok")});
    std::string sha = sha256_of_file(bench.dist() / "foo-1.0.0.crate");
    auto summary = bench.run();
    EXPECT_EQ(summary.unpacked, 1u);
    EXPECT_EQ(summary.already_complete, 0u);
    bench.expect_nothing_outside({"foo-1.0.0"});
    EXPECT_EQ(UnpackBench::entries(bench.vendor() / "foo-1.0.0"),
              (std::set<std::string>{".cargo-checksum.json", "Cargo.toml", "src"}));
    EXPECT_EQ(read_text(bench.vendor() / "foo-1.0.0/src/lib.rs"), "fn x() {}\n");
    EXPECT_EQ(checksum_file(bench.vendor() / "foo-1.0.0"),
              fmt::format("{{\"files\":{{\"Cargo.toml\":\"{}\",\"src/lib.rs\":\"{}\"}},\"package\":\"{}\"}}",
                          sha256_hex("[package]\n"), sha256_hex("fn x() {}\n"), sha));
    EXPECT_EQ(bench.log(), "");  // quiet: no terminal, no -v
}

TEST(Unpack, PackageOnlyChecksums) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    bench.options.checksums = cargo::ChecksumMode::PackageOnly;
    bench.run();
    EXPECT_EQ(checksum_file(bench.vendor() / "foo-1.0.0"),
              "{\"files\":{},\"package\":\"" + sha256_of_file(bench.dist() / "foo-1.0.0.crate") + "\"}");
}

TEST(Unpack, ChecksumMismatchNamesTheDistfileAndBothHashes) {
    UnpackBench bench;
    bench.add_simple_crate("good", "1.0.0");
    bench.add_crate("foo", "1.0.0", {file("foo-1.0.0/Cargo.toml", "x")}, std::string(64, '0'));
    fs::path crate = bench.dist() / "foo-1.0.0.crate";
    std::string message = error_of([&] { bench.run(); }, ErrorKind::CheckFailed);
    EXPECT_EQ(message, crate.string() + ": sha256 mismatch for crate foo 1.0.0: expected " + std::string(64, '0') +
                           ", actual " + sha256_of_file(crate));
    // The other crate is unpacked; nothing of foo is.
    bench.expect_nothing_outside({"good-1.0.0"});
    EXPECT_FALSE(fs::exists(bench.options.vendor_dir / "foo-1.0.0"));
}

TEST(Unpack, TrailingBytesAfterTheArchiveAreHashed) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    std::ofstream(bench.dist() / "foo-1.0.0.crate", std::ios::app) << '\0';
    std::string message = error_of([&] { bench.run(); }, ErrorKind::CheckFailed);
    EXPECT_NE(message.find("sha256 mismatch for crate foo 1.0.0"), std::string::npos) << message;
    bench.expect_nothing_outside();
}

TEST(Unpack, MissingDistfilesAreListedBeforeAnythingIsUnpacked) {
    UnpackBench bench;
    bench.add_simple_crate("present", "1.0.0");
    bench.list_crate("gone", "2.0.0", "gone-2.0.0.crate", std::string(64, 'a'));
    bench.list_crate("lost", "0.1.0", "lost-0.1.0.crate", "");
    std::string message = error_of([&] { bench.run(); });
    EXPECT_EQ(message, bench.dist().string() +
                           ": 2 distfiles are missing; nothing was unpacked:\n"
                           "  gone-2.0.0.crate (crate gone 2.0.0): expected sha256 " +
                           std::string(64, 'a') +
                           ", actual: no such file\n"
                           "  lost-0.1.0.crate (crate lost 0.1.0): expected sha256 none (unverified), actual: no such "
                           "file");
    bench.expect_nothing_outside();
}

TEST(Unpack, SeveralFailuresArePrintedAndSummedUp) {
    UnpackBench bench;
    bench.add_crate("a", "1.0.0", {file("a-1.0.0/Cargo.toml", "x")}, std::string(64, '0'));
    bench.add_crate("b", "1.0.0", {file("/abs", "x")});
    bench.add_simple_crate("c", "1.0.0");
    std::string message = error_of([&] { bench.run(); }, ErrorKind::CheckFailed);
    EXPECT_EQ(message, "2 of 3 crates could not be unpacked (errors above); 1 other is in " + bench.vendor().string());
    std::string a = (bench.dist() / "a-1.0.0.crate").string(), b = (bench.dist() / "b-1.0.0.crate").string();
    EXPECT_EQ(bench.log(), "cargo-distfiles: error: " + a + ": sha256 mismatch for crate a 1.0.0: expected " +
                               std::string(64, '0') + ", actual " + sha256_of_file(a) +
                               "\ncargo-distfiles: error: " + b + ": entry \"/abs\" has an absolute path\n");
    bench.expect_nothing_outside({"c-1.0.0"});
}

TEST(Unpack, UnverifiedCratesAreUnpackedWithAWarning) {
    UnpackBench bench;
    bench.add_crate("old", "0.1.0", {file("old-0.1.0/Cargo.toml", "x")}, {}, /*unverified=*/true);
    bench.run();
    EXPECT_EQ(bench.log(),
              "cargo-distfiles: warning: crate old 0.1.0 (old-0.1.0.crate) was not verified: the "
              "manifest has no checksum for it\n");
    EXPECT_EQ(checksum_file(bench.vendor() / "old-0.1.0"),
              "{\"files\":{\"Cargo.toml\":\"" + sha256_hex("x") + "\"},\"package\":null}");
}

TEST(Unpack, RerunSkipsCompleteCratesAndRedoesTheRest) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    bench.add_simple_crate("bar", "2.0.0");
    bench.run();
    // foo complete: its distfile is not even needed. bar damaged by hand:
    // still "complete" (a re-run does not re-hash files; cargo does).
    fs::remove(bench.dist() / "foo-1.0.0.crate");
    write_text(bench.vendor() / "bar-2.0.0/src/lib.rs", "patched");
    bench.options.verbose = true;
    auto summary = bench.run();
    EXPECT_EQ(summary.unpacked, 0u);
    EXPECT_EQ(summary.already_complete, 2u);
    EXPECT_EQ(bench.log(),
              "bar 2.0.0 is already complete in bar-2.0.0\n"
              "foo 1.0.0 is already complete in foo-1.0.0\n"
              "unpacked 0 crates into " +
                  bench.vendor().string() + " (2 already complete)\n");
    EXPECT_EQ(read_text(bench.vendor() / "bar-2.0.0/src/lib.rs"), "patched");
}

TEST(Unpack, RerunReplacesIncompleteOrStaleFolders) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    bench.add_simple_crate("bar", "2.0.0");
    bench.add_simple_crate("baz", "3.0.0");
    // Leftovers: a folder without checksum file, one with another package's,
    // one of package-only mode (this run wants full), and an interrupted
    // run's temporary folder.
    write_text(bench.vendor() / "foo-1.0.0/junk", "x");
    write_text(bench.vendor() / "bar-2.0.0/.cargo-checksum.json",
               "{\"files\":{\"a\":\"b\"},\"package\":\"" + std::string(64, 'f') + "\"}");
    write_text(bench.vendor() / "baz-3.0.0/.cargo-checksum.json",
               "{\"files\":{},\"package\":\"" + sha256_of_file(bench.dist() / "baz-3.0.0.crate") + "\"}");
    write_text(bench.vendor() / ".cdf-tmp-foo-1.0.0-abcdef/half", "x");
    auto summary = bench.run();
    EXPECT_EQ(summary.unpacked, 3u);
    bench.expect_nothing_outside({"bar-2.0.0", "baz-3.0.0", "foo-1.0.0"});
    EXPECT_FALSE(fs::exists(bench.vendor() / "foo-1.0.0/junk"));
    EXPECT_TRUE(fs::exists(bench.vendor() / "baz-3.0.0/src/lib.rs"));
}

TEST(Unpack, CargoDirNames) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    bench.add_simple_crate("foo", "1.10.0");
    bench.add_simple_crate("foo", "1.9.0-rc.1");
    bench.add_simple_crate("bar", "0.1.0");
    bench.options.dir_names = unpack::DirNames::Cargo;
    bench.run();
    bench.expect_nothing_outside({"bar", "foo", "foo-1.0.0", "foo-1.9.0-rc.1"});
    EXPECT_TRUE(read_text(bench.vendor() / "foo/Cargo.toml").find("1.10.0") != std::string::npos);
}

TEST(Unpack, SameResultWithOneOrManyThreads) {
    UnpackBench one, many;
    for (UnpackBench* b : {&one, &many})
        for (int i = 0; i < 12; ++i) b->add_simple_crate(fmt::format("c{}", i), "1.0.0");
    one.options.jobs = 1;
    many.options.jobs = 8;
    one.run();
    many.run();
    EXPECT_EQ(UnpackBench::entries(one.vendor()).size(), 12u);
    EXPECT_EQ(UnpackBench::entries(one.vendor()), UnpackBench::entries(many.vendor()));
    for (const auto& name : UnpackBench::entries(one.vendor()))
        EXPECT_EQ(checksum_file(one.vendor() / name), checksum_file(many.vendor() / name));
}

TEST(Unpack, WritesTheCargoConfig) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    bench.options.cargo_config = bench.scratch.path() / "cargo-config.toml";
    bench.options.vendor_dir = bench.vendor();
    bench.run();
    EXPECT_EQ(read_text(*bench.options.cargo_config),
              "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n[source.vendored-sources]\ndirectory = \"" +
                  bench.vendor().string() + "\"\n");
}

TEST(Unpack, NoCargoConfigWhenACrateFailed) {
    UnpackBench bench;
    bench.add_crate("foo", "1.0.0", {file("foo-1.0.0/Cargo.toml", "x")}, std::string(64, '0'));
    bench.options.cargo_config = bench.scratch.path() / "cargo-config.toml";
    error_of([&] { bench.run(); }, ErrorKind::CheckFailed);
    EXPECT_FALSE(fs::exists(*bench.options.cargo_config));
}

manifest::GitEntry git_line(const std::string& distfile) {
    manifest::GitEntry g;
    g.distfile = distfile;
    g.url = "https://github.com/o/r";
    g.reference = "branch=main";
    g.commit = std::string(40, 'c');
    return g;
}

void list_git_crate(UnpackBench& bench, const std::string& name, const std::string& distfile) {
    add_crate(bench.manifest, name, "0.1.0", "git+https://github.com/o/r?branch=main#" + std::string(40, 'c'), distfile,
              manifest::CrateCheck::Git);
}

TEST(Unpack, GitArchivesGoToTheGitUnpackerOneJobPerArchive) {
    UnpackBench bench;
    bench.manifest.git.push_back(git_line("r-cccc.tar.gz"));
    list_git_crate(bench, "g1", "r-cccc.tar.gz");
    list_git_crate(bench, "g2", "r-cccc.tar.gz");
    write_text(bench.dist() / "r-cccc.tar.gz", "archive");
    int calls = 0;
    bench.options.git_unpacker = [&](const unpack::ArchiveJob& job, const unpack::JobContext& context) {
        ++calls;
        EXPECT_EQ(job.distfile, bench.dist() / "r-cccc.tar.gz");
        EXPECT_EQ(job.size, 7u);
        EXPECT_NE(job.git, nullptr);
        std::vector<unpack::FinishedCrate> out;
        for (const auto& target : job.crates) {
            fs::path temp = context.make_temp_folder(target.crate->name);
            EXPECT_TRUE(temp.filename().string().starts_with(fmt::format(".cdf-tmp-{}-", target.crate->name)));
            unpack::write_plain_file(temp / "Cargo.toml", target.crate->name);
            out.push_back({target.crate, temp});
        }
        context.make_temp_folder("unused");  // deleted by the orchestrator
        return out;
    };
    bench.run();
    EXPECT_EQ(calls, 1);
    bench.expect_nothing_outside({"g1-0.1.0", "g2-0.1.0"});
    EXPECT_EQ(read_text(bench.vendor() / "g2-0.1.0/Cargo.toml"), "g2");
}

TEST(Unpack, AFailingGitJobInstallsNone) {
    UnpackBench bench;
    bench.manifest.git.push_back(git_line("r-cccc.tar.gz"));
    list_git_crate(bench, "g1", "r-cccc.tar.gz");
    write_text(bench.dist() / "r-cccc.tar.gz", "archive");
    bench.options.git_unpacker = [&](const unpack::ArchiveJob& job,
                                     const unpack::JobContext& context) -> std::vector<unpack::FinishedCrate> {
        context.make_temp_folder("g1");
        throw Error(ErrorKind::BadInput, Location{job.distfile.string()}, "broken");
    };
    EXPECT_EQ(error_of([&] { bench.run(); }), (bench.dist() / "r-cccc.tar.gz").string() + ": broken");
    bench.expect_nothing_outside();
}

TEST(Unpack, TwoSourcesOfOneVersionCannotShareTheVendorDirectory) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    manifest::CrateEntry other = bench.manifest.crates.front();
    add_crate(bench.manifest, other.name, other.version, "sparse+https://other.example.org/index/",
              "foo-1.0.0@other.crate", other.check, other.sha256);
    EXPECT_EQ(error_of([&] { bench.run(); }),
              bench.options.manifest_path +
                  ": crate foo 1.0.0 comes from two sources, which cannot share a vendor directory: " + kCratesIo +
                  " and sparse+https://other.example.org/index/");
}

TEST(Unpack, LockfileNeedingMoreThanTheManifestStopsEverything) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    std::string foo_sha(bench.manifest.crates.front().sha256);
    fs::path lock = bench.scratch.path() / "Cargo.lock";
    write_text(lock,
               fmt::format("version = 4\n\n"
                           "[[package]]\nname = \"foo\"\nversion = \"1.0.0\"\nsource = \"{0}\"\nchecksum = \"{1}\"\n\n"
                           "[[package]]\nname = \"bar\"\nversion = \"2.0.0\"\nsource = \"{0}\"\nchecksum = \"{2}\"\n\n"
                           "[[package]]\nname = \"me\"\nversion = \"0.1.0\"\n",
                           kCratesIo, foo_sha, std::string(64, 'b')));
    bench.options.lockfile = lock.string();
    EXPECT_EQ(error_of([&] { bench.run(); }, ErrorKind::CheckFailed),
              lock.string() + ": does not match the manifest " + bench.options.manifest_path +
                  " (was one updated without regenerating the other?)\n"
                  "1 package is missing from the manifest:\n"
                  "  bar 2.0.0 (" +
                  kCratesIo + ")");
    EXPECT_FALSE(fs::exists(bench.vendor()));
}

TEST(Unpack, AnotherUnpackInTheSameVendorDirectoryIsRefused) {
    ScratchDir scratch;
    unpack::VendorDir first(scratch.path() / "vendor");
    EXPECT_EQ(error_of([&] { unpack::VendorDir second(scratch.path() / "vendor"); }),
              (scratch.path() / "vendor").string() +
                  ": another cargo-distfiles unpack is working in this vendor "
                  "directory");
}

}  // namespace
}  // namespace cdf::test
