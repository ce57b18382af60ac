// `cargo-distfiles diff`, run as a program on real lockfiles and manifests.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf {
namespace {

namespace fs = std::filesystem;

const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";

fs::path corpus(const std::string& name) {
    return test::source_dir() / ".." / "shared" / "corpus" / "lockfiles" / name;
}

TEST(CmdDiff, LockfileAgainstManifest) {
    test::ScratchDir dir;
    test::write_text(dir / "Cargo.lock",
                     "version = 4\n\n"
                     "[[package]]\nname = \"bitflags\"\nversion = \"1.0.4\"\n"
                     "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
                     "checksum = \"228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12\"\n\n"
                     "[[package]]\nname = \"memchr\"\nversion = \"2.7.4\"\n"
                     "source = \"registry+https://github.com/rust-lang/crates.io-index\"\n"
                     "checksum = \"78ca9ab1a0babb1e7d5695e3530886289c18cf2f87ec19a575a0abdce112e3a3\"\n");
    test::write_text(dir / "old.manifest",
                     "cargo-distfiles-manifest 1\n"
                     "crate bitflags 1.0.3 registry+https://github.com/rust-lang/crates.io-index "
                     "bitflags-1.0.3.crate 0000000000000000000000000000000000000000000000000000000000000000\n"
                     "crate gix 0.1.0 git+https://github.com/o/gix#" +
                         kCommit +
                         " gix.tar.gz git\n"
                         "git gix.tar.gz https://github.com/o/gix - " +
                         kCommit + " - -\n");
    auto r = test::run_cli({"diff", (dir / "old.manifest").string(), (dir / "Cargo.lock").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out,
              "crates: 1 added, 1 removed, 1 upgraded, 0 downgraded, 0 changed, 0 unchanged\n"
              "git sources: 0 added, 1 removed, 0 changed, 0 unchanged\n"
              "\n"
              "added:\n"
              "    memchr 2.7.4\n"
              "removed:\n"
              "    gix 0.1.0 (git+https://github.com/o/gix#" +
                  kCommit +
                  ")\n"
                  "upgraded:\n"
                  "    bitflags 1.0.3 -> 1.0.4\n"
                  "git sources removed:\n"
                  "    https://github.com/o/gix - " +
                  kCommit + "\n");
    EXPECT_EQ(r.err, "");
}

TEST(CmdDiff, RealRipgrepBumpCounts) {
    if (!fs::exists(corpus("BurntSushi__ripgrep__3ef63dacbe.lock"))) GTEST_SKIP() << "corpus not present";
    auto r = test::run_cli({"diff", corpus("BurntSushi__ripgrep__3ef63dacbe.lock").string(),
                            corpus("BurntSushi__ripgrep__3fce3b5bb0.lock").string()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out.substr(0, r.out.find("\n\n") + 2),
              "crates: 23 added, 29 removed, 28 upgraded, 0 downgraded, 0 changed, 1 unchanged\n"
              "git sources: 0 added, 0 removed, 0 changed, 0 unchanged\n\n");
    // 1 + 23 + 29 + 28 section lines, 3 or 4 headers, 2 count lines, 1 blank.
    std::size_t lines = std::count(r.out.begin(), r.out.end(), '\n');
    EXPECT_EQ(lines, 2u + 1u + 3u + 23u + 29u + 28u);
}

TEST(CmdDiff, JsonFormat) {
    if (!fs::exists(corpus("BurntSushi__ripgrep__983c7fd6f9.lock"))) GTEST_SKIP() << "corpus not present";
    auto r = test::run_cli({"diff", corpus("BurntSushi__ripgrep__983c7fd6f9.lock").string(),
                            corpus("BurntSushi__ripgrep__3ef63dacbe.lock").string(), "--format", "json"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("\"counts\":{\"added\":44,\"removed\":11,\"upgraded\":14,\"downgraded\":0,\"changed\":0,"
                         "\"unchanged\":0}"),
              std::string::npos)
        << r.out.substr(0, 400);
    EXPECT_EQ(r.out.rfind("{\"old\":{\"path\":", 0), 0u);
    EXPECT_EQ(r.out.back(), '\n');
}

TEST(CmdDiff, UnknownFormatIsRefused) {
    auto r = test::run_cli({"diff", "a", "b", "--format", "yaml"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
}

TEST(CmdDiff, MissingFile) {
    test::ScratchDir dir;
    auto r = test::run_cli({"diff", (dir / "a").string(), (dir / "b").string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + (dir / "a").string() + ": no such file\n");
}

}  // namespace
}  // namespace cdf
