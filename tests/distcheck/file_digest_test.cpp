#include "distcheck/file_digest.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "util/sha256.hpp"

namespace cdf::distcheck {
namespace {

namespace fs = std::filesystem;

// Reference digests from Python's hashlib.
const std::string kAbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const std::string kAbcSha512 =
    "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce8"
    "0e2a9ac94fa54ca49f";

TEST(FileDigest, BothHashesFromOneRead) {
    test::ScratchDir dir;
    test::write_text(dir / "abc", "abc");
    FileDigest d = digest_file(dir / "abc", true);
    EXPECT_EQ(d.size, 3u);
    EXPECT_EQ(d.sha256, kAbcSha256);
    EXPECT_EQ(d.sha512, kAbcSha512);
}

TEST(FileDigest, Sha512OnlyWhenAsked) {
    test::ScratchDir dir;
    test::write_text(dir / "abc", "abc");
    FileDigest d = digest_file(dir / "abc", false);
    EXPECT_EQ(d.sha256, kAbcSha256);
    EXPECT_EQ(d.sha512, "");
}

TEST(FileDigest, EmptyFile) {
    test::ScratchDir dir;
    test::write_text(dir / "empty", "");
    FileDigest d = digest_file(dir / "empty", true);
    EXPECT_EQ(d.size, 0u);
    EXPECT_EQ(d.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(d.sha512,
              "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931b"
              "d47417a81a538327af927da3e");
}

TEST(FileDigest, LargerThanTheBuffer) {
    test::ScratchDir dir;
    // 3 MiB of "abc" repeated: several reads, the same digest as one update.
    std::string big;
    for (int i = 0; i < (3 << 20) / 3; ++i) big += "abc";
    test::write_text(dir / "big", big);
    FileDigest d = digest_file(dir / "big", false);
    EXPECT_EQ(d.size, big.size());
    EXPECT_EQ(d.sha256, sha256_hex(big));
}

TEST(FileDigest, RealCrate) {
    fs::path crate = test::source_dir() / ".." / "shared" / "corpus" / "crates" / "bitflags-1.0.4.crate";
    if (!fs::exists(crate)) GTEST_SKIP() << "corpus crate not present";
    FileDigest d = digest_file(crate, true);
    EXPECT_EQ(d.size, 15282u);
    EXPECT_EQ(d.sha256, "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12");
    EXPECT_EQ(d.sha512,
              "81850d2be62eabb8486024ab263da67e6eb8ebfa732cac3a5d46a9186c564b2065cba15fa3da468bbd26eaf2b67038680e5de19"
              "d5dd99d78f60dae8a1776c8de");
}

TEST(FileDigest, Missing) {
    test::ScratchDir dir;
    EXPECT_EQ(test::error_of([&] { digest_file(dir / "nope", false); }), (dir / "nope").string() + ": no such file");
}

TEST(FileDigest, Folder) {
    test::ScratchDir dir;
    EXPECT_EQ(test::error_of([&] { digest_file(dir.path(), false); }), dir.path().string() + ": not a regular file");
}

}  // namespace
}  // namespace cdf::distcheck
