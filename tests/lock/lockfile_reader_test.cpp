#include "lock/lockfile_reader.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::lock {
namespace {

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kSha1 = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kSha2 = "1111111111111111111111111111111111111111111111111111111111111111";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";

std::string describe(const Lockfile& lock) {
    std::string out = "v" + std::to_string(lock.version) + " path=" + std::to_string(lock.path_packages) + "\n";
    for (const auto& p : lock.packages)
        out += fmt::format("{} {} {} {} @{}\n", p.name, p.version, p.source->spelled,
                           p.checksum.empty() ? "-" : p.checksum, p.line);
    return out;
}

std::string parse_error(const std::string& text, ReadOptions options = {}) {
    return test::error_of([&] { parse_lockfile(text, "Cargo.lock", options); });
}

TEST(LockfileReader, ReadsV4WithSortedPackagesAndSkipsPathPackages) {
    std::string text =
        "version = 4\n\n"
        "[[package]]\nname = \"zed\"\nversion = \"0.1.0\"\n\n"
        "[[package]]\nname = \"bitflags\"\nversion = \"1.0.4\"\nsource = \"" +
        kCratesIo + "\"\nchecksum = \"" + kSha1 +
        "\"\n\n"
        "[[package]]\nname = \"aho\"\nversion = \"1.0.0+build-1.2\"\nsource = \"sparse+https://index.crates.io/\"\n"
        "checksum = \"" +
        kSha2 + "\"\n";
    EXPECT_EQ(describe(parse_lockfile(text, "Cargo.lock")),
              "v4 path=1\n"
              "aho 1.0.0+build-1.2 sparse+https://index.crates.io/ " +
                  kSha2 +
                  " @13\n"
                  "bitflags 1.0.4 " +
                  kCratesIo + " " + kSha1 + " @7\n");
}

TEST(LockfileReader, ReadsV1MetadataChecksumsRootAndNone) {
    std::string text =
        "[root]\nname = \"app\"\nversion = \"0.1.0\"\n\n"
        "[[package]]\nname = \"bitflags\"\nversion = \"1.0.4\"\nsource = \"" +
        kCratesIo +
        "\"\n\n"
        "[[package]]\nname = \"byteorder\"\nversion = \"1.0.0\"\nsource = "
        "\"git+https://github.com/BurntSushi/byteorder#" +
        kCommit +
        "\"\n\n"
        "[metadata]\n"
        "\"checksum bitflags 1.0.4 (" +
        kCratesIo + ")\" = \"" + kSha1 +
        "\"\n"
        "\"checksum byteorder 1.0.0 (git+https://github.com/BurntSushi/byteorder#" +
        kCommit +
        ")\" = \"<none>\"\n"
        "\"other key\" = \"kept and ignored\"\n";
    EXPECT_EQ(describe(parse_lockfile(text, "Cargo.lock")),
              "v1 path=1\n"
              "bitflags 1.0.4 " +
                  kCratesIo + " " + kSha1 +
                  " @5\n"
                  "byteorder 1.0.0 git+https://github.com/BurntSushi/byteorder#" +
                  kCommit + " - @10\n");
}

TEST(LockfileReader, V1MixingMetadataAndInlineChecksumsIsRaisedToV2) {
    std::string text = "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"" + kCratesIo + "\"\nchecksum = \"" +
                       kSha2 +
                       "\"\n\n"
                       "[[package]]\nname = \"b\"\nversion = \"1.0.0\"\nsource = \"" +
                       kCratesIo +
                       "\"\n\n"
                       "[metadata]\n\"checksum b 1.0.0 (" +
                       kCratesIo + ")\" = \"" + kSha1 + "\"\n";
    EXPECT_EQ(describe(parse_lockfile(text, "Cargo.lock")),
              "v2 path=0\n"
              "a 1.0.0 " +
                  kCratesIo + " " + kSha2 +
                  " @1\n"
                  "b 1.0.0 " +
                  kCratesIo + " " + kSha1 + " @7\n");
}

TEST(LockfileReader, IgnoresPatchUnusedAndReplacedPackages) {
    std::string text =
        "version = 3\n"
        "[[package]]\nname = \"foo\"\nversion = \"0.1.0\"\nsource = \"" +
        kCratesIo +
        "\"\n"
        "replace = \"foo 0.1.0 (git+https://github.com/x/foo#" +
        kCommit +
        ")\"\n\n"
        "[[package]]\nname = \"foo\"\nversion = \"0.1.0\"\nsource = \"git+https://github.com/x/foo#" +
        kCommit +
        "\"\n\n"
        "[[patch.unused]]\nname = \"bar\"\nversion = \"1.0.0\"\nsource = \"git+https://github.com/x/bar#" +
        kCommit + "\"\n";
    EXPECT_EQ(describe(parse_lockfile(text, "Cargo.lock")),
              "v3 path=0\nfoo 0.1.0 git+https://github.com/x/foo#" + kCommit + " - @8\n");
}

TEST(LockfileReader, RefusesVersionsStableCargoRefuses) {
    EXPECT_EQ(parse_error("version = 2\n"),
              "Cargo.lock:1:11: lock file version `2` was found, but cargo (and cargo-distfiles) only understand "
              "versions 3 and 4 in a `version` key");
    EXPECT_EQ(parse_error("version = 5\n"),
              "Cargo.lock:1:11: lock file version `5` was found, but cargo (and cargo-distfiles) only understand "
              "versions 3 and 4 in a `version` key");
    EXPECT_EQ(parse_error("version = \"3\"\n"),
              "Cargo.lock:1:11: `version` must be an integer (3 or 4), found a string");
}

TEST(LockfileReader, ReportsTomlSyntaxErrorsWithPosition) {
    EXPECT_EQ(parse_error("version = 3\n[[package]\nname = \"x\"\n"),
              "Cargo.lock:2:11: invalid TOML: Error while parsing table header: expected ']', saw '\\n'");
}

TEST(LockfileReader, RefusesRegistryCrateWithoutChecksumUnlessAllowed) {
    std::string text = "[[package]]\nname = \"old\"\nversion = \"0.1.0\"\nsource = \"" + kCratesIo + "\"\n";
    EXPECT_EQ(parse_error(text),
              "Cargo.lock:1:1: registry crate old 0.1.0 has no checksum (lockfiles written before 2016 lack them), "
              "so its download cannot be verified; pass --allow-missing-checksums to fetch it unverified");
    ReadOptions allow;
    allow.allow_missing_checksums = true;
    EXPECT_EQ(describe(parse_lockfile(text, "Cargo.lock", allow)), "v1 path=0\nold 0.1.0 " + kCratesIo + " - @1\n");
}

TEST(LockfileReader, RefusesGitSourceWithoutCommit) {
    EXPECT_EQ(parse_error(
                  "[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"git+https://github.com/a/x.git\"\n"),
              "Cargo.lock:4:10: git source \"git+https://github.com/a/x.git\" has no pinned commit (`#COMMIT` at its "
              "end); cargo of 2016 and later always records one: regenerate the lockfile with a current cargo");
    EXPECT_EQ(parse_error(
                  "[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"git+https://github.com/a/x#abc\"\n"),
              "Cargo.lock:4:10: git source \"git+https://github.com/a/x#abc\" pins \"abc\", which is not a full commit "
              "id (40 lowercase hex digits)");
}

TEST(LockfileReader, RefusesMalformedSources) {
    EXPECT_EQ(parse_error("[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"path+file:///x\"\n"),
              "Cargo.lock:4:10: malformed source \"path+file:///x\": unknown kind `path` (expected registry+, sparse+ "
              "or git+)");
    EXPECT_EQ(parse_error("[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"registry+nowhere\"\n"),
              "Cargo.lock:4:10: malformed source \"registry+nowhere\": expected `registry+URL`");
    EXPECT_EQ(parse_error("[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"git+https://h/x?branch=a$(id)#" +
                          kCommit + "\"\n"),
              "Cargo.lock:4:10: source \"git+https://h/x?branch=a$(id)#" + kCommit +
                  "\" holds a character that cargo never writes there (space, quote, '$', '`', '\\\\', or a control "
                  "character)");
    EXPECT_EQ(parse_error("[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"git+https://h/x?branch=a%20b#" +
                          kCommit + "\"\n"),
              "Cargo.lock:4:10: git source \"git+https://h/x?branch=a%20b#" + kCommit +
                  "\" names the reference \"a b\", which holds a character that is not allowed");
    EXPECT_EQ(parse_error("[[package]]\nname = \"x\"\nversion = \"0.1.0\"\nsource = \"git+https://h/x?pr=1#" + kCommit +
                          "\"\n"),
              "Cargo.lock:4:10: malformed source \"git+https://h/x?pr=1#" + kCommit +
                  "\": unknown git reference kind \"pr\" (expected branch, tag or rev)");
}

TEST(LockfileReader, RefusesDuplicatePackage) {
    std::string pkg = "[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"" + kCratesIo + "\"\nchecksum = \"" +
                      kSha1 + "\"\n";
    EXPECT_EQ(parse_error("version = 3\n" + pkg + pkg),
              "Cargo.lock:7:1: duplicate package a 1.0.0 (" + kCratesIo + "): already listed at line 2");
}

TEST(LockfileReader, RefusesNamesAndVersionsCargoWouldNot) {
    auto pkg = [&](const std::string& name, const std::string& version) {
        return "[[package]]\nname = \"" + name + "\"\nversion = \"" + version + "\"\nsource = \"" + kCratesIo +
               "\"\nchecksum = \"" + kSha1 + "\"\n";
    };
    EXPECT_EQ(parse_error(pkg("a b", "1.0.0")),
              "Cargo.lock:2:8: package name \"a b\" is not one cargo accepts (ASCII letters, digits, '-' and '_', "
              "starting with a letter or '_', at most 64 characters)");
    EXPECT_EQ(parse_error(pkg("x\\\"; rm -rf /", "1.0.0")),
              "Cargo.lock:2:8: package name \"x\\\"; rm -rf /\" is not one cargo accepts (ASCII letters, digits, '-' "
              "and '_', starting with a letter or '_', at most 64 characters)");
    EXPECT_EQ(parse_error(pkg("a", "1.0")),
              "Cargo.lock:3:11: version \"1.0\" of package a is not a valid semantic version");
    EXPECT_EQ(parse_error(pkg("a", "1.0.0-$(x)")),
              "Cargo.lock:3:11: version \"1.0.0-$(x)\" of package a is not a valid semantic version");
    EXPECT_EQ(parse_error(pkg("a", "01.0.0")),
              "Cargo.lock:3:11: version \"01.0.0\" of package a is not a valid semantic version");
}

TEST(LockfileReader, RefusesWrongTypes) {
    EXPECT_EQ(parse_error("package = 3\n"),
              "Cargo.lock:1:11: package must be an array of tables ([[package]]), found an integer");
    EXPECT_EQ(parse_error("[[package]]\nname = 1\nversion = \"1.0.0\"\n"),
              "Cargo.lock:2:8: `name` of [[package]] must be a string, found an integer");
    EXPECT_EQ(parse_error("[[package]]\nversion = \"1.0.0\"\n"), "Cargo.lock:1:1: [[package]] has no `name`");
    EXPECT_EQ(parse_error("[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"" + kCratesIo +
                          "\"\nchecksum = \"xyz\"\n"),
              "Cargo.lock:5:12: checksum \"xyz\" of a 1.0.0 is not 64 hex digits");
}

TEST(LockfileReader, ReadFileNamesMissingFile) {
    EXPECT_EQ(test::error_of([] { read_lockfile("/nonexistent/Cargo.lock"); }),
              "/nonexistent/Cargo.lock: no such file");
}

}  // namespace
}  // namespace cdf::lock
