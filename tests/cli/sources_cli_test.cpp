// Registries and forges the lockfile cannot tell: every unknown source in one
// run, settings that match nothing, unknown markers, forge kinds.
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::test {
namespace {

const std::string kSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kCommit = "1526c9c33dee51ff6fd6eb8c0a423de98464cd2a";

std::string package(const std::string& name, const std::string& source, bool checksum) {
    return "\n[[package]]\nname = \"" + name + "\"\nversion = \"1.0.0\"\nsource = \"" + source + "\"\n" +
           (checksum ? "checksum = \"" + kSha + "\"\n" : "");
}

std::string lock(const std::string& packages) {
    return "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n" + packages;
}

TEST(SourcesCli, EveryUnknownSourceInOneRun) {
    ScratchDir d;
    write_text(d / "Cargo.lock", lock(package("a", "sparse+https://one.example.org/index/", true) +
                                      package("b", "sparse+https://two.example.org/index/", true) +
                                      package("c", "sparse+https://one.example.org/index/", true) +
                                      package("d", "git+https://invent.kde.org/team/d#" + kCommit, false)));
    RunResult r = run_cli({"generate", "Cargo.lock"}, d.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(
        r.err,
        "cargo-distfiles: error: Cargo.lock:7:1: a 1.0.0 comes from the registry "
        "sparse+https://one.example.org/index/, "
        "whose download URLs cargo-distfiles cannot know offline: give its `dl` template (from the index's "
        "config.json) with --registry 'sparse+https://one.example.org/index/=https://.../{crate}/{version}/download' "
        "or in a --config file\n"
        "cargo-distfiles: error: Cargo.lock:13:1: b 1.0.0 comes from the registry "
        "sparse+https://two.example.org/index/, whose download URLs cargo-distfiles cannot know offline: give its "
        "`dl` template (from the index's config.json) with --registry "
        "'sparse+https://two.example.org/index/=https://.../{crate}/{version}/download' or in a --config file\n"
        "cargo-distfiles: error: Cargo.lock:25:1: git source \"git+https://invent.kde.org/team/d#" +
            kCommit +
            "\" is hosted on invent.kde.org, which looks like a GitLab instance: say so with --git-archive "
            "'invent.kde.org=gitlab' (or give its archive URL template with the markers {host}, {path}, {name}, "
            "{commit})\n");
}

TEST(SourcesCli, ForgeKind) {
    ScratchDir d;
    write_text(d / "Cargo.lock",
               lock(package("d", "git+https://salsa.debian.org/rust-team/d.git?tag=v1#" + kCommit, false)));
    RunResult r = run_cli({"generate", "Cargo.lock", "--git-archive", "salsa.debian.org=gitlab"}, d.path());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("    https://salsa.debian.org/rust-team/d/-/archive/" + kCommit + "/d-" + kCommit +
                         ".tar.gz -> salsa.debian.org+rust-team+d-" + kCommit + ".tar.gz\n"),
              std::string::npos)
        << r.out;
    write_text(d / "cdf.toml", "[git-archives]\n\"salsa.debian.org\" = \"gitlab\"\n");
    RunResult c = run_cli({"generate", "Cargo.lock", "--config", "cdf.toml"}, d.path());
    ASSERT_EQ(c.status, 0) << c.err;
    EXPECT_EQ(c.out, r.out);
    RunResult bad = run_cli({"generate", "Cargo.lock", "--git-archive", "salsa.debian.org=gitlub"}, d.path());
    EXPECT_EQ(bad.status, 2);
    EXPECT_EQ(bad.err,
              "cargo-distfiles: error: --git-archive \"salsa.debian.org=gitlub\": unknown forge kind "
              "\"gitlub\" (kinds: github, gitlab, gitea, sourcehut; or give a URL template such as "
              "https://HOST/{path}/archive/{commit}.tar.gz)\n");
}

TEST(SourcesCli, UnknownMarkerIsNamed) {
    ScratchDir d;
    write_text(d / "Cargo.lock", lock(package("a", "sparse+https://one.example.org/index/", true)));
    RunResult r = run_cli({"generate", "Cargo.lock", "--registry",
                           "sparse+https://one.example.org/index/=https://dl.example.org/{crat}/{version}"},
                          d.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: --registry template \"https://dl.example.org/{crat}/{version}\": unknown "
              "marker \"{crat}\": did you mean {crate}? (markers: {crate} {version} {prefix} {lowerprefix} "
              "{sha256-checksum})\n");
}

TEST(SourcesCli, SettingsThatMatchNothingAreWarnedAbout) {
    ScratchDir d;
    write_text(d / "Cargo.lock", lock(package("a", "sparse+https://one.example.org/index/", true)));
    RunResult r = run_cli({"generate", "Cargo.lock", "--registry",
                           "sparse+https://one.example.org/index/=https://dl.example.org/{crate}/{version}",
                           "--registry", "sparse+https://typo.example.org/index/=https://dl.example.org/{crate}",
                           "--git-archive", "git.example.org=gitea"},
                          d.path());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err,
              "cargo-distfiles: warning: --registry "
              "\"sparse+https://typo.example.org/index/=https://dl.example.org/{crate}\": no package of the lockfiles "
              "comes from \"sparse+https://typo.example.org/index/\" (the key must be the lockfile's source, e.g. "
              "sparse+https://reg.example.org/index/)\n"
              "cargo-distfiles: warning: --git-archive \"git.example.org=gitea\": no git package of the lockfiles is "
              "hosted on \"git.example.org\"\n");
}

}  // namespace
}  // namespace cdf::test
