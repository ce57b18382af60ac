#include "unpack/git_crate_finder.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::unpack {
namespace {
namespace fs = std::filesystem;

// A repository as an extracted archive "ws.tar.gz" with top folder "ws-c0ffee".
struct Repo {
    test::ScratchDir scratch;
    RepoTree tree;
    Repo() {
        tree.top = scratch / "ws-c0ffee";
        tree.archive = "ws.tar.gz";
        tree.top_name = "ws-c0ffee";
        fs::create_directories(tree.top);
    }
    void file(const std::string& path, const std::string& text) { test::write_text(tree.top / path, text); }
};

std::string listing(const RepoScan& scan) {
    std::string out;
    for (const auto& c : scan.crates())
        out += c.name + " " + c.version + " [" + c.dir + "] root=" + (c.root ? "[" + c.root->dir + "]" : "-") + "\n";
    return out;
}

TEST(GitCrateFinder, FindsEveryPackageAsCargoDoes) {
    Repo r;
    r.file("Cargo.toml",
           "[workspace]\nmembers = [\"alpha\", \"crates/*\"]\nexclude = [\"excluded\"]\n"
           "[workspace.package]\nversion = \"0.3.1\"\n\n[package]\nname = \"top\"\n"
           "version.workspace = true\n");
    r.file("alpha/Cargo.toml", "[package]\nname = \"alpha\"\nversion = { workspace = true }\n");
    r.file("crates/gamma/Cargo.toml", "[package]\nname = \"gamma\"\nversion = \"1.2.3\"\n");
    r.file("crates/gamma/examples/sub/Cargo.toml", "[project]\nname = \"deep\"\nversion = \"0.1.0\"\n");
    r.file("excluded/Cargo.toml", "[package]\nname = \"excluded\"\nversion.workspace = true\n");
    r.file(".hidden/Cargo.toml", "[package]\nname = \"hidden\"\nversion = \"1.0.0\"\n");
    r.file("target/debug/Cargo.toml", "[package]\nname = \"built\"\nversion = \"1.0.0\"\n");
    r.file("sub/Cargo.toml", "[workspace]\n[workspace.package]\nversion = \"9.0.0\"\n");
    r.file("sub/inner/Cargo.toml", "[package]\nname = \"inner\"\nversion.workspace = true\n");
    r.file("other/Cargo.toml", "[package]\nname = \"other\"\nworkspace = \"../sub\"\nversion.workspace = true\n");
    r.file("broken/Cargo.toml", "[package\nname = \"broken\"\n");
    r.file("noversion/Cargo.toml", "[package]\nname = \"noversion\"\n");
    r.file("virtual/Cargo.toml", "[workspace]\nmembers = []\n");
    // Same name and version twice: the one nearer the top wins.
    r.file("tests/fixtures/gamma/Cargo.toml", "[package]\nname = \"gamma\"\nversion = \"1.2.3\"\n");

    RepoScan scan(r.tree);
    EXPECT_EQ(listing(scan),
              "alpha 0.3.1 [alpha] root=[]\n"
              "deep 0.1.0 [crates/gamma/examples/sub] root=[]\n"
              "gamma 1.2.3 [crates/gamma] root=[]\n"
              "gamma 1.2.3 [tests/fixtures/gamma] root=[]\n"
              "inner 9.0.0 [sub/inner] root=[sub]\n"
              "noversion 0.0.0 [noversion] root=[]\n"
              "other 9.0.0 [other] root=[sub]\n"
              "top 0.3.1 [] root=[]\n");
    ASSERT_EQ(scan.problems().size(), 2u);
    EXPECT_EQ(scan.problems()[0],
              "ws-c0ffee/broken/Cargo.toml: line 1: Error while parsing table header: expected ']', "
              "saw '\\n'");
    EXPECT_EQ(scan.problems()[1],
              "ws-c0ffee/excluded/Cargo.toml: crate \"excluded\" inherits `version`, but no "
              "workspace root was found above it");

    EXPECT_EQ(scan.find("gamma", "1.2.3").dir, "crates/gamma");
    EXPECT_EQ(scan.find("top", "0.3.1").manifest.display, "ws.tar.gz: ws-c0ffee/Cargo.toml");
    EXPECT_EQ(scan.find("alpha", "0.3.1").root->display, "ws.tar.gz: ws-c0ffee/Cargo.toml");
}

// Issue 13: a member outside its root's folder, naming the root with
// `package.workspace`.
TEST(GitCrateFinder, RootNamedByPackageWorkspace) {
    Repo r;
    r.file("ws/Cargo.toml",
           "[workspace]\nmembers = [\"../crates/a\"]\n\n[workspace.package]\nversion = \"0.4.0\"\n"
           "license = \"MIT\"\n");
    r.file("crates/a/Cargo.toml",
           "[package]\nname = \"a\"\nworkspace = \"../../ws\"\nversion.workspace = true\n"
           "license.workspace = true\n");
    RepoScan scan(r.tree);
    EXPECT_EQ(listing(scan), "a 0.4.0 [crates/a] root=[ws]\n");
    EXPECT_EQ(scan.standalone_manifest(scan.find("a", "0.4.0")).text,
              "# Rewritten by cargo-distfiles for a vendor directory: the values this crate\n"
              "# inherits from its git workspace (`workspace = true`) are filled in from the\n"
              "# workspace root's Cargo.toml, so that the manifest stands alone.\n\n"
              "[package]\nlicense = \"MIT\"\nname = \"a\"\nversion = \"0.4.0\"\n");
}

TEST(GitCrateFinder, MissingCrateListsWhatIsThere) {
    Repo r;
    r.file("Cargo.toml", "[workspace]\n[workspace.package]\nversion = \"0.3.1\"\n");
    r.file("alpha/Cargo.toml", "[package]\nname = \"alpha\"\nversion.workspace = true\n");
    r.file("beta/Cargo.toml", "[package]\nname = \"beta\"\nversion = \"0.1.0\"\n");
    RepoScan scan(r.tree);
    std::string err = test::error_of([&] { scan.find("alpha", "0.3.2"); });
    EXPECT_EQ(err,
              "ws.tar.gz: crate \"alpha\" 0.3.2 is not in this archive; it holds alpha 0.3.1 (ws-c0ffee/alpha/), "
              "beta 0.1.0 (ws-c0ffee/beta/)");

    r.file("gamma/Cargo.toml", "[package]\nname = 7\n");
    RepoScan again(r.tree);
    err = test::error_of([&] { again.find("gamma", "1.0.0"); });
    EXPECT_EQ(err,
              "ws.tar.gz: crate \"gamma\" 1.0.0 is not in this archive; it holds alpha 0.3.1 "
              "(ws-c0ffee/alpha/), beta 0.1.0 (ws-c0ffee/beta/); these Cargo.toml files could not be read: "
              "ws-c0ffee/gamma/Cargo.toml: no `package.name`");
}

// A repository's Cargo.toml files are its authors': a key of a million
// components overflowed toml++'s stack, a non-ASCII character outside a
// string sent it into undefined behaviour. Such a manifest is now one of
// the problems, and the scan goes on.
TEST(GitCrateFinder, HostileManifestsAreProblemsNotACrash) {
    Repo r;
    std::string key = "a";
    for (int i = 1; i < 1000000; ++i) key += ".a";
    r.file("Cargo.toml", "[package]\nname = \"top\"\nversion = \"1.0.0\"\nauthors = [\"Jos\xc3\xa9\"]\n");
    r.file("deep/Cargo.toml", "[package]\nname = \"deep\"\nversion = \"1.0.0\"\n[" + key + "]\n");
    r.file("ub/Cargo.toml", "[package]\nname = \"ub\"\nversion = \"1.0.0\"\nx = 1\xc2\xa7\n");
    std::string outcome = test::in_child([&] {
        RepoScan scan(r.tree);
        std::string out = listing(scan);
        for (const auto& p : scan.problems()) out += p + "\n";
        return out;
    });
    EXPECT_EQ(outcome,
              "top 1.0.0 [] root=-\n"
              "ws-c0ffee/deep/Cargo.toml: line 4: a key or table name nested deeper than 128 levels\n"
              "ws-c0ffee/ub/Cargo.toml: line 4: non-ASCII character U+00A7 outside a string or comment\n");
}

TEST(GitCrateFinder, EmptyRepository) {
    Repo r;
    r.file("README", "nothing\n");
    RepoScan scan(r.tree);
    std::string err = test::error_of([&] { scan.find("x", "1.0.0"); });
    EXPECT_EQ(err, "ws.tar.gz: crate \"x\" 1.0.0 is not in this archive; it holds no crate at all");
}

TEST(GitCrateFinder, StandaloneManifestUsesTheFoundRootAndItsReadme) {
    Repo r;
    r.file("Cargo.toml", "[workspace]\n[workspace.package]\nversion = \"2.0.0\"\n");
    r.file("README.md", "hello\n");
    r.file("a/Cargo.toml", "[package]\nname = \"a\"\nversion.workspace = true\nreadme.workspace = true\n");
    RepoScan scan(r.tree);
    auto m = scan.standalone_manifest(scan.find("a", "2.0.0"));
    EXPECT_TRUE(m.rewritten);
    EXPECT_NE(m.text.find("[package]\nname = \"a\"\nreadme = \"../README.md\"\nversion = \"2.0.0\"\n"),
              std::string::npos)
        << m.text;
}

}  // namespace
}  // namespace cdf::unpack
