// Hostile manifests: the manifest sits in an exheres repository and is read
// by `unpack` in src_unpack, so a wrong or malicious one must be refused
// before anything is read or written, with the line, the column and the
// offending value. Fields carrying quotes, `$(...)`, backticks, newlines,
// spaces or `->` are refused; so are names, versions and distfile names that
// would lead `unpack` out of the distdir or the vendor folder ("../x", "/etc/passwd",
// "a/b"): the manifest is the only place where they could come from.
#include <gtest/gtest.h>

#include "manifest/manifest.hpp"
#include "support/test_support.hpp"

namespace cdf::manifest {
namespace {

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";
const std::string kHeader = "cargo-distfiles-manifest 1\n";

std::string refusal(const std::string& text) {
    return test::error_of([&] { parse(text, "m"); });
}

std::string crate_line(const std::string& name, const std::string& version, const std::string& source,
                       const std::string& distfile, const std::string& check = kSha) {
    return "crate " + name + " " + version + " " + source + " " + distfile + " " + check + "\n";
}

std::string git_lines(const std::string& distfile, const std::string& url, const std::string& reference) {
    return crate_line("b", "1.0.0", "git+https://github.com/a/b#" + kCommit, distfile, "git") + "git " + distfile +
           " " + url + " " + reference + " " + kCommit + " - -\n";
}

TEST(HostileManifest, ShellSyntaxInAnyFieldIsRefusedAndNamed) {
    EXPECT_EQ(refusal(kHeader + crate_line("$(id)", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"$(id)\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("`id`", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"`id`\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("a\"b", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"a\\\"b\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("a->b", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"a->b\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0->x", kCratesIo, "a.crate")),
              "m:2:9: crate version \"1.0.0->x\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo + "$(id)", "a.crate")),
              "m:2:15: source \"" + kCratesIo + "$(id)\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo + "'", "a.crate")),
              "m:2:15: source \"" + kCratesIo + "'\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo, "$(id).crate")),
              "m:2:69: distfile \"$(id).crate\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + git_lines("b.tar.gz", "https://github.com/a/`id`", "-")),
              "m:3:14: repository URL \"https://github.com/a/`id`\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + git_lines("b.tar.gz", "https://github.com/a/b", "branch=$(id)")),
              "m:3:37: reference \"branch=$(id)\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + git_lines("b.tar.gz", "https://github.com/a/b", "tag=a->b")),
              "m:3:37: reference \"tag=a->b\" is empty or holds a character that is not allowed");
}

TEST(HostileManifest, ControlCharactersAndBrokenLinesAreRefused) {
    EXPECT_EQ(refusal(kHeader + "crate a\nb 1.0.0 " + kCratesIo + " a.crate " + kSha + "\n"),
              "m:2:1: a `crate` line has 2 fields, expected 6");
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo, "a.crate", kSha + "\r")),
              "m:2:77: checksum \"" + kSha + "\\x0d\" is neither 64 lowercase hex digits nor `git` or `unverified`");
    EXPECT_EQ(refusal(kHeader + crate_line(std::string("a\0", 2), "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"a\\x00\" is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + "crate a  1.0.0 " + kCratesIo + " a.crate " + kSha + "\n"),
              "m:2:1: a `crate` line has 7 fields, expected 6");
    EXPECT_EQ(refusal(kHeader + "rm -rf /\n"), "m:2:1: unknown line kind \"rm\" (expected `crate` or `git`)");
    EXPECT_EQ(refusal("\xef\xbb\xbf" + kHeader),
              "m:1:1: not a cargo-distfiles manifest: the first line is \"\\xef\\xbb\\xbfcargo-distfiles-manifest "
              "1\", expected `cargo-distfiles-manifest 1`");
}

TEST(HostileManifest, HugeValuesAreShortenedInMessages) {
    std::string huge(1 << 20, '$');
    EXPECT_EQ(refusal(kHeader + crate_line(huge, "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"" + std::string(120, '$') +
                  "\"... (1048576 bytes) is empty or holds a character that is not allowed");
    EXPECT_EQ(refusal(kHeader + crate_line("b", "1.0.0", "git+https://github.com/a/b#" + kCommit, "b.tar.gz", "git") +
                      "git b.tar.gz https://github.com/a/b - " + kCommit + " " + kSha + " 99999999999999999999999\n"),
              "m:3:145: size \"99999999999999999999999\" is not a number or `-`");
}

// PROPOSED (src/manifest/manifest.cpp): check names and versions as the
// lockfile reader does (lock/names.hpp). Today "..", "../../x" or "a/b" pass,
// become folder names in the vendor directory and temporary folder names, and
// only the kernel (EBUSY on renaming onto "..") or a missing parent stops them.
TEST(HostileManifest, NamesAndVersionsMustBeCargos) {
    const std::string kNotAName =
        " is not one cargo accepts (ASCII letters, digits, '-' and '_', starting with a "
        "letter or '_', at most 64 characters)";
    EXPECT_EQ(refusal(kHeader + crate_line("..", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"..\"" + kNotAName);
    EXPECT_EQ(refusal(kHeader + crate_line("../../evil", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"../../evil\"" + kNotAName);
    EXPECT_EQ(refusal(kHeader + crate_line("a/b", "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"a/b\"" + kNotAName);
    EXPECT_EQ(refusal(kHeader + crate_line(std::string(65, 'a'), "1.0.0", kCratesIo, "a.crate")),
              "m:2:7: crate name \"" + std::string(65, 'a') + "\"" + kNotAName);
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0/../../x", kCratesIo, "a.crate")),
              "m:2:9: crate version \"1.0.0/../../x\" is not a valid semantic version");
    EXPECT_EQ(refusal(kHeader + crate_line("a", "latest", kCratesIo, "a.crate")),
              "m:2:9: crate version \"latest\" is not a valid semantic version");
}

// PROPOSED: a distfile is a file name in the flat $FETCHEDDIR. Today
// "/etc/passwd" makes `unpack` open and hash /etc/passwd (distdir / "/etc/passwd"
// is "/etc/passwd"), and "../x" reaches out of the distdir.
TEST(HostileManifest, DistfilesMustBePlainFileNames) {
    const std::string kPlain = " must be a plain file name (no '/', not \".\" or \"..\")";
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo, "/etc/passwd")),
              "m:2:69: distfile \"/etc/passwd\"" + kPlain);
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo, "../../etc/passwd")),
              "m:2:69: distfile \"../../etc/passwd\"" + kPlain);
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo, "sub/a.crate")),
              "m:2:69: distfile \"sub/a.crate\"" + kPlain);
    EXPECT_EQ(refusal(kHeader + crate_line("a", "1.0.0", kCratesIo, "..")), "m:2:69: distfile \"..\"" + kPlain);
    EXPECT_EQ(refusal(kHeader + git_lines("../b.tar.gz", "https://github.com/a/b", "-")),
              "m:2:83: distfile \"../b.tar.gz\"" + kPlain);
}

// PROPOSED: a reference is "-" or KIND=VALUE with KIND branch, tag or rev.
// Today "evil" passes and `unpack --cargo-config` writes `evil = "evil"` into
// the [source] table of the git repository.
TEST(HostileManifest, GitReferencesMustBeOfAKnownKind) {
    EXPECT_EQ(refusal(kHeader + git_lines("b.tar.gz", "https://github.com/a/b", "evil")),
              "m:3:37: reference \"evil\" is neither `-` nor branch=NAME, tag=NAME or rev=VALUE");
    EXPECT_EQ(refusal(kHeader + git_lines("b.tar.gz", "https://github.com/a/b", "replace-with=x")),
              "m:3:37: reference \"replace-with=x\" is neither `-` nor branch=NAME, tag=NAME or rev=VALUE");
}

// Through the binary: a refused manifest writes nothing, not even the
// vendor folder.
TEST(HostileManifest, UnpackWritesNothingForARefusedManifest) {
    test::ScratchDir d;
    std::filesystem::create_directories(d / "dist");
    test::write_text(d / "m", kHeader + crate_line("a", "1.0.0", kCratesIo + "$(touch${IFS}pwned)", "a-1.0.0.crate"));
    test::RunResult r = test::run_cli({"unpack", "--manifest", "m", "--distdir", "dist", "--vendor", "vendor",
                                       "--cargo-config", "config.toml"},
                                      d.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "cargo-distfiles: error: m:2:15: source \"" + kCratesIo +
                         "$(touch${IFS}pwned)\" is empty or holds a character that is not allowed\n");
    EXPECT_FALSE(std::filesystem::exists(d / "vendor"));
    EXPECT_FALSE(std::filesystem::exists(d / "config.toml"));
    EXPECT_FALSE(std::filesystem::exists(d / "pwned"));
}

}  // namespace
}  // namespace cdf::manifest
