#include "distfiles/distfile.hpp"

#include <deque>

#include <gtest/gtest.h>

#include "distfiles/git_archive_url.hpp"
#include "distfiles/registry_download.hpp"
#include "support/test_support.hpp"

namespace cdf::distfiles {
namespace {

const std::string kSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kCommit = "1526c9c33dee51ff6fd6eb8c0a423de98464cd2a";

// A Package points into strings its lockfile owns: here, ones that live as
// long as the test program.
lock::Package package(const std::string& name, const std::string& version, const std::string& source,
                      const std::string& checksum = kSha) {
    static std::deque<std::string> strings;
    static std::deque<lock::SourceId> sources;
    static const std::string file = "Cargo.lock";
    lock::Package p;
    p.name = strings.emplace_back(name);
    p.version = strings.emplace_back(version);
    p.source = &sources.emplace_back(lock::parse_source_id(source, {}));
    p.checksum = p.source->is_git() ? std::string_view() : strings.emplace_back(checksum);
    p.file = &file;
    p.line = 7;
    p.column = 1;
    return p;
}

TEST(RegistryDownload, CratesIo) {
    auto p = package("tikv-jemalloc-sys", "0.7.1+5.3.1-0-g81034ce",
                     "registry+https://github.com/rust-lang/crates.io-index");
    EXPECT_EQ(crates_io_url(p.name, p.version),
              "https://static.crates.io/crates/tikv-jemalloc-sys/tikv-jemalloc-sys-0.7.1+5.3.1-0-g81034ce.crate");
    EXPECT_EQ(registry_distfile_name(p), "tikv-jemalloc-sys-0.7.1+5.3.1-0-g81034ce.crate");
}

TEST(RegistryDownload, TemplateMarkers) {
    auto p = package("Serde", "1.0.0", "sparse+https://reg.example.org/index/");
    EXPECT_EQ(expand_registry_template(
                  "https://dl.example.org/{prefix}/{lowerprefix}/{crate}-{version}?sum={sha256-checksum}", p),
              "https://dl.example.org/Se/rd/se/rd/Serde-1.0.0?sum=" + kSha);
    EXPECT_EQ(expand_registry_template("https://dl.example.org/api/v1/crates", p),
              "https://dl.example.org/api/v1/crates/Serde/1.0.0/download");
    EXPECT_EQ(crate_prefix("a"), "1");
    EXPECT_EQ(crate_prefix("ab"), "2");
    EXPECT_EQ(crate_prefix("abc"), "3/a");
    EXPECT_EQ(registry_distfile_name(p), "Serde-1.0.0@reg.example.org-index.crate");
}

TEST(GitArchiveUrl, BuiltinForges) {
    auto url = [](const std::string& source) {
        return git_archive_url(lock::parse_source_id(source + "#" + kCommit, {}), {}, {});
    };
    EXPECT_EQ(url("git+https://github.com/o/r.git?branch=x"), "https://github.com/o/r/archive/" + kCommit + ".tar.gz");
    EXPECT_EQ(url("git+https://gitlab.gnome.org/World/fractal"),
              "https://gitlab.gnome.org/World/fractal/-/archive/" + kCommit + "/fractal-" + kCommit + ".tar.gz");
    EXPECT_EQ(url("git+https://gitlab.com/g/sub/r"),
              "https://gitlab.com/g/sub/r/-/archive/" + kCommit + "/r-" + kCommit + ".tar.gz");
    EXPECT_EQ(url("git+https://codeberg.org/u/r"), "https://codeberg.org/u/r/archive/" + kCommit + ".tar.gz");
    EXPECT_EQ(url("git+https://git.sr.ht/~u/r"), "https://git.sr.ht/~u/r/archive/" + kCommit + ".tar.gz");
}

TEST(GitArchiveUrl, UnknownHostNamesItAndTheOption) {
    auto id = lock::parse_source_id("git+https://git.example.org:8080/team/r#" + kCommit, {});
    EXPECT_EQ(test::error_of([&] {
                  git_archive_url(id, {}, Location{"Cargo.lock", 3, 10});
              }),
              "Cargo.lock:3:10: git source \"git+https://git.example.org:8080/team/r#" + kCommit +
                  "\" is hosted on git.example.org:8080, which is not a known forge: say which forge it runs with "
                  "--git-archive 'git.example.org:8080=KIND' (KIND: github, gitlab, gitea, sourcehut), or where its "
                  "archives are with --git-archive "
                  "'git.example.org:8080=https://git.example.org:8080/{path}/archive/{commit}.tar.gz' (markers: "
                  "{host}, {path}, {name}, {commit})");
    std::map<std::string, std::string> overrides{
        {"git.example.org:8080", "http://127.0.0.1:9/{host}/{path}/{name}-{commit}.tgz"}};
    EXPECT_EQ(git_archive_url(id, overrides, {}),
              "http://127.0.0.1:9/git.example.org:8080/team/r/r-" + kCommit + ".tgz");
}

TEST(GitArchiveUrl, DistfileNameIsSharedBySpellingsAndDistinctForForks) {
    auto a = lock::parse_source_id("git+https://github.com/Owner/Repo.git?branch=x#" + kCommit, {});
    auto b = lock::parse_source_id("git+ssh://git@github.com/owner/repo/#" + kCommit, {});
    auto fork = lock::parse_source_id("git+https://github.com/fork/repo#" + kCommit, {});
    EXPECT_EQ(git_distfile_name(a), "github.com+owner+repo-" + kCommit + ".tar.gz");
    EXPECT_EQ(git_distfile_name(b), "github.com+owner+repo-" + kCommit + ".tar.gz");
    EXPECT_EQ(git_distfile_name(fork), "github.com+fork+repo-" + kCommit + ".tar.gz");
}

TEST(GitArchiveUrl, DistfileNameEscapesWhatCouldMakeTwoPathsOne) {
    auto name = [](const std::string& url) {
        return git_distfile_name(lock::parse_source_id(url + "#" + kCommit, {}));
    };
    EXPECT_EQ(name("git+https://GitLab.GNOME.org/World/html2pango"),
              "gitlab.gnome.org+World+html2pango-" + kCommit + ".tar.gz");
    EXPECT_EQ(name("git+https://git.sr.ht/~user/my_repo"), "git.sr.ht+~user+my_repo-" + kCommit + ".tar.gz");
    EXPECT_EQ(name("git+https://git.example.org:8080/a+b/c%d"),
              "git.example.org%3A8080+a%2Bb+c%25d-" + kCommit + ".tar.gz");
    EXPECT_NE(name("git+https://h.org/a+b/c"), name("git+https://h.org/a/b+c"));
}

TEST(Plan, MapsPackagesToSortedDownloadsAndManifest) {
    std::vector<lock::Package> packages = {
        package("aho", "1.0.0", "registry+https://github.com/rust-lang/crates.io-index"),
        package("one", "0.1.0", "git+https://github.com/o/r?tag=v1#" + kCommit),
        package("two", "0.2.0", "git+https://github.com/o/r?tag=v1#" + kCommit),
        package("alt", "2.0.0", "sparse+https://reg.example.org/index/"),
    };
    MappingOptions options;
    options.registry_templates["sparse+https://reg.example.org/index/"] = "https://dl.example.org/{crate}/{version}";
    Plan plan = plan_downloads(packages, options);
    std::string git_name = "github.com+o+r-" + kCommit + ".tar.gz";
    ASSERT_EQ(plan.downloads.size(), 3u);
    EXPECT_EQ(plan.downloads[0], (Distfile{"https://static.crates.io/crates/aho/aho-1.0.0.crate", "aho-1.0.0.crate"}));
    EXPECT_EQ(plan.downloads[1],
              (Distfile{"https://dl.example.org/alt/2.0.0", "alt-2.0.0@reg.example.org-index.crate"}));
    EXPECT_EQ(plan.downloads[2], (Distfile{"https://github.com/o/r/archive/" + kCommit + ".tar.gz", git_name}));
    ASSERT_EQ(plan.manifest.git.size(), 1u);
    EXPECT_EQ(plan.manifest.git[0].reference, "tag=v1");
    ASSERT_EQ(plan.manifest.crates.size(), 4u);
    EXPECT_EQ(plan.manifest.crates[2].distfile, git_name);
    EXPECT_EQ(plan.manifest.crates[3].distfile, git_name);
}

TEST(Plan, RegistryWithoutTemplateIsAnError) {
    EXPECT_EQ(test::error_of(
                  [] { plan_downloads({package("alt", "2.0.0", "sparse+https://reg.example.org/index/")}, {}); }),
              "Cargo.lock:7:1: alt 2.0.0 comes from the registry sparse+https://reg.example.org/index/, whose "
              "download URLs cargo-distfiles cannot know offline: give its `dl` template (from the index's "
              "config.json) with --registry 'sparse+https://reg.example.org/index/=https://.../{crate}/{version}/"
              "download' or in a --config file");
}

TEST(Plan, UnverifiedCrate) {
    auto p = package("old", "0.1.0", "registry+https://github.com/rust-lang/crates.io-index", "");
    Plan plan = plan_downloads({p}, {});
    EXPECT_EQ(plan.manifest.crates[0].check, manifest::CrateCheck::Unverified);
}

}  // namespace
}  // namespace cdf::distfiles
