// `cargo-distfiles verify` and `cargo-distfiles manifest2`, run as programs.
#include <filesystem>

#include <gtest/gtest.h>

#include "manifest/manifest.hpp"
#include "support/test_support.hpp"

namespace cdf {
namespace {

namespace fs = std::filesystem;

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";
const std::string kGitArchive = "github.com+o+gix-" + kCommit + ".tar.gz";
// Reference digests from Python's hashlib.
const std::string kAbc256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kAbc512 =
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a"
    "9ac94fa54ca49f";
const std::string kHello256 = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
const std::string kHello512 =
    "e7c22b994c59d9cf2b48e549b1e24666636045930d3da7c1acb299d1c3b7f931f94aae41edda2c2b207a36e10f8bcb8d45223e54878f5b31"
    "6e7ce3b6bc019629";
const std::string kEmpty256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const std::string kEmpty512 =
    "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a5"
    "38327af927da3e";
const std::string kBitflags256 = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kBitflags512 =
    "81850d2be62eabb8486024ab263da67e6eb8ebfa732cac3a5d46a9186c564b2065cba15fa3da468bbd26eaf2b67038680e5de19d5dd99d78f6"
    "0dae8a1776c8de";

struct Fixture {
    test::ScratchDir dir;
    fs::path distdir = dir / "distfiles";
    fs::path manifest_path = dir / "foo.manifest";

    // a-1.0.0.crate = "abc", b-2.0.0.crate = "hello\n", the gix archive = "" (pinned or not).
    explicit Fixture(bool pinned = true) {
        fs::create_directories(distdir);
        test::write_text(distdir / "a-1.0.0.crate", "abc");
        test::write_text(distdir / "b-2.0.0.crate", "hello\n");
        test::write_text(distdir / kGitArchive, "");
        manifest::Manifest m;
        test::add_crate(m, "a", "1.0.0", kCratesIo, "a-1.0.0.crate", manifest::CrateCheck::Sha256, kAbc256);
        test::add_crate(m, "b", "2.0.0", kCratesIo, "b-2.0.0.crate", manifest::CrateCheck::Sha256, kHello256);
        test::add_crate(m, "gix", "0.3.1", "git+https://github.com/o/gix#" + kCommit, kGitArchive,
                        manifest::CrateCheck::Git, "");
        m.git.push_back({kGitArchive, "https://github.com/o/gix", "-", kCommit,
                         pinned ? std::optional<std::string>(kEmpty256) : std::nullopt,
                         pinned ? std::optional<std::uint64_t>(0) : std::nullopt});
        m.sort();
        test::write_text(manifest_path, manifest::render(m));
    }
    std::vector<std::string> verify(std::vector<std::string> extra = {}) const {
        std::vector<std::string> a = {"verify", "--manifest", manifest_path.string(), "--distdir", distdir.string()};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
    std::vector<std::string> manifest2(std::vector<std::string> extra = {}) const {
        std::vector<std::string> a = {"manifest2", "--manifest", manifest_path.string(), "--distdir", distdir.string()};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
};

TEST(CmdVerify, AllGood) {
    Fixture f;
    auto r = test::run_cli(f.verify());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out,
              "checked 3 distfile(s): 3 ok, 0 unchecked, 0 missing, 0 mismatching, 0 unreadable; 0 unlisted "
              ".crate file(s)\n");
    EXPECT_EQ(r.err, "");
}

TEST(CmdVerify, EveryKindOfProblem) {
    Fixture f;
    fs::remove(f.distdir / "a-1.0.0.crate");
    test::write_text(f.distdir / "b-2.0.0.crate", "abc");
    test::write_text(f.distdir / kGitArchive, "x");
    test::write_text(f.distdir / "a-0.9.0.crate", "old");
    test::write_text(f.distdir / "foo-1.0.tar.gz", "the program's own tarball: not unlisted");
    auto r = test::run_cli(f.verify({"-j", "2"}));
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out,
              "missing: a-1.0.0.crate (a 1.0.0)\n"
              "mismatch: b-2.0.0.crate (b 2.0.0): sha256 is " +
                  kAbc256 + ", the manifest says " + kHello256 +
                  "\n"
                  "mismatch: " +
                  kGitArchive + " (git archive of https://github.com/o/gix at " + kCommit +
                  "): size is 1 bytes, the manifest says 0\n"
                  "unlisted: a-0.9.0.crate: a .crate file the manifest does not name\n"
                  "checked 3 distfile(s): 0 ok, 0 unchecked, 1 missing, 2 mismatching, 0 unreadable; 1 unlisted .crate "
                  "file(s)\n");
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + f.distdir.string() +
                         ": verification failed: 1 missing, 2 mismatching, 1 unlisted\n");
}

TEST(CmdVerify, IgnoreUnlisted) {
    Fixture f;
    test::write_text(f.distdir / "a-0.9.0.crate", "old");
    auto r = test::run_cli(f.verify({"--ignore-unlisted"}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "checked 3 distfile(s): 3 ok, 0 unchecked, 0 missing, 0 mismatching, 0 unreadable\n");
}

TEST(CmdVerify, UnpinnedArchiveIsUncheckedNotFailed) {
    Fixture f(/*pinned=*/false);
    auto r = test::run_cli(f.verify());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out,
              "unchecked: " + kGitArchive + " (git archive of https://github.com/o/gix at " + kCommit +
                  "): not pinned, so only its presence was checked (record its sha256 with `cargo-distfiles pin`)\n"
                  "checked 3 distfile(s): 2 ok, 1 unchecked, 0 missing, 0 mismatching, 0 unreadable; 0 unlisted "
                  ".crate file(s)\n");
}

TEST(CmdVerify, RealCrate) {
    fs::path crate = test::source_dir() / ".." / "shared" / "corpus" / "crates" / "bitflags-1.0.4.crate";
    if (!fs::exists(crate)) GTEST_SKIP() << "corpus crate not present";
    test::ScratchDir dir;
    fs::create_directories(dir / "d");
    fs::copy_file(crate, dir / "d" / "bitflags-1.0.4.crate");
    manifest::Manifest m;
    test::add_crate(m, "bitflags", "1.0.4", kCratesIo, "bitflags-1.0.4.crate", manifest::CrateCheck::Sha256,
                    kBitflags256);
    test::write_text(dir / "m", manifest::render(m));
    auto r = test::run_cli({"verify", "--manifest", (dir / "m").string(), "--distdir", (dir / "d").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    auto r2 = test::run_cli({"manifest2", "--manifest", (dir / "m").string(), "--distdir", (dir / "d").string()});
    EXPECT_EQ(r2.status, 0) << r2.err;
    EXPECT_EQ(r2.out, "DIST bitflags-1.0.4.crate 15282 SHA256 " + kBitflags256 + " SHA512 " + kBitflags512 + "\n");
}

TEST(CmdVerify, NoSuchFolder) {
    Fixture f;
    auto r = test::run_cli({"verify", "--manifest", f.manifest_path.string(), "--distdir", (f.dir / "nope").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + (f.dir / "nope").string() + ": no such distfiles folder\n");
}

TEST(CmdManifest2, WritesSortedDistLinesWithExtras) {
    Fixture f;
    test::write_text(f.dir / "foo-1.0.tar.gz", "abc");
    auto r = test::run_cli(f.manifest2({"--extra", (f.dir / "foo-1.0.tar.gz").string()}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "DIST a-1.0.0.crate 3 SHA256 " + kAbc256 + " SHA512 " + kAbc512 +
                         "\n"
                         "DIST b-2.0.0.crate 6 SHA256 " +
                         kHello256 + " SHA512 " + kHello512 +
                         "\n"
                         "DIST foo-1.0.tar.gz 3 SHA256 " +
                         kAbc256 + " SHA512 " + kAbc512 +
                         "\n"
                         "DIST " +
                         kGitArchive + " 0 SHA256 " + kEmpty256 + " SHA512 " + kEmpty512 + "\n");
    EXPECT_EQ(r.err, "");
}

TEST(CmdManifest2, OutputFile) {
    Fixture f;
    fs::path out = f.dir / "Manifest";
    test::write_text(out, "old content\n");
    auto r = test::run_cli(f.manifest2({"--output", out.string()}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(test::read_text(out), "DIST a-1.0.0.crate 3 SHA256 " + kAbc256 + " SHA512 " + kAbc512 +
                                        "\n"
                                        "DIST b-2.0.0.crate 6 SHA256 " +
                                        kHello256 + " SHA512 " + kHello512 +
                                        "\n"
                                        "DIST " +
                                        kGitArchive + " 0 SHA256 " + kEmpty256 + " SHA512 " + kEmpty512 + "\n");
}

TEST(CmdManifest2, MismatchWritesNothing) {
    Fixture f;
    fs::path out = f.dir / "Manifest";
    test::write_text(out, "old content\n");
    test::write_text(f.distdir / "b-2.0.0.crate", "abc");
    auto r = test::run_cli(f.manifest2({"--output", out.string()}));
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "cargo-distfiles: error: mismatch: b-2.0.0.crate (b 2.0.0): sha256 is " + kAbc256 +
                         ", the manifest says " + kHello256 +
                         "\n"
                         "cargo-distfiles: error: " +
                         f.distdir.string() + ": 1 distfile(s) failed the check against " + f.manifest_path.string() +
                         "; no Manifest written\n");
    EXPECT_EQ(test::read_text(out), "old content\n");
}

TEST(CmdManifest2, UnpinnedArchiveWarns) {
    Fixture f(/*pinned=*/false);
    auto r = test::run_cli(f.manifest2());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "cargo-distfiles: warning: unchecked: " + kGitArchive +
                         " (git archive of "
                         "https://github.com/o/gix at " +
                         kCommit +
                         "): not pinned, so only its presence was checked "
                         "(record its sha256 with `cargo-distfiles pin`); its hashes are recorded as found\n");
    EXPECT_NE(r.out.find("DIST " + kGitArchive + " 0 SHA256 " + kEmpty256), std::string::npos);
}

TEST(CmdManifest2, ExtraClashingWithADistfile) {
    Fixture f;
    fs::create_directories(f.dir / "other");
    test::write_text(f.dir / "other" / "a-1.0.0.crate", "zzz");
    auto r = test::run_cli(f.manifest2({"--extra", (f.dir / "other" / "a-1.0.0.crate").string()}));
    EXPECT_EQ(r.status, 2);
    std::string extra = (f.dir / "other" / "a-1.0.0.crate").string();
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + extra + ": --extra \"" + extra +
                         "\" has the name of a distfile of the manifest (a 1.0.0)\n");
}

TEST(CmdManifest2, MissingExtra) {
    Fixture f;
    auto r = test::run_cli(f.manifest2({"--extra", (f.dir / "nope.tar.gz").string()}));
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + (f.dir / "nope.tar.gz").string() + ": no such file\n");
}

}  // namespace
}  // namespace cdf
