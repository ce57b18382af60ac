#include "cargo/inheritance.hpp"

#include <set>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::cargo {
namespace {

const std::string kHeader =
    "# Rewritten by cargo-distfiles for a vendor directory: the values this crate\n"
    "# inherits from its git workspace (`workspace = true`) are filled in from the\n"
    "# workspace root's Cargo.toml, so that the manifest stands alone.\n\n";

const std::string kRoot = R"~([workspace]
members = ["alpha", "crates/*"]

[workspace.package]
version = "0.3.1"
edition = "2021"
license = "MIT OR Apache-2.0"
readme = "docs/README.md"
license-file = "LICENSE"
authors = ["A <a@example.org>"]
rust-version = "1.70"

[workspace.dependencies]
beta = { path = "beta", version = "0.3.1", features = ["fast"] }
gamma = { path = "crates/gamma", version = "0.3", default-features = false }
delta = "1.2"
epsilon = { version = "2", default_features = false, features = ["e1"] }
zeta = { git = "https://example.org/zeta", tag = "v1", package = "zeta-core" }

[workspace.lints.rust]
unsafe_code = "forbid"

[workspace.lints.clippy]
pedantic = { level = "warn", priority = -1 }
)~";

RepoManifest root_at(std::string dir = "") { return RepoManifest{kRoot, dir, "ws.tar.gz: ws/Cargo.toml"}; }
RepoManifest member(std::string text, std::string dir) {
    std::string display = "ws.tar.gz: ws/" + dir + "/Cargo.toml";
    return RepoManifest{std::move(text), std::move(dir), std::move(display)};
}

TEST(RebasePath, AsCargoResolvesRelativePaths) {
    EXPECT_EQ(rebase_path("README.md", "", "alpha"), "../README.md");
    EXPECT_EQ(rebase_path("LICENSE", "", "crates/gamma"), "../../LICENSE");
    EXPECT_EQ(rebase_path("beta", "", "alpha"), "../beta");
    EXPECT_EQ(rebase_path("crates/gamma", "", "crates/delta"), "../gamma");
    EXPECT_EQ(rebase_path("./x/../README.md", "ws", "ws/a/b"), "../../README.md");
    EXPECT_EQ(rebase_path("../other/README", "ws", "ws/a"), "../../other/README");
    EXPECT_EQ(rebase_path("README.md", "", ""), "README.md");
    EXPECT_EQ(rebase_path("alpha", "", "alpha"), ".");
    EXPECT_EQ(rebase_path("/abs/README", "", "alpha"), "/abs/README");
}

TEST(StandaloneManifest, LeavesAManifestWithoutInheritanceByteForByte) {
    const std::string text =
        "# comment kept\n[package]\nname = \"plain\"\nversion = \"1.0.0\"\n\n"
        "[dependencies]\nbeta = { path = \"../beta\", version = \"0.3\" }\n";
    RepoManifest root = root_at();
    auto out = make_standalone_manifest("plain", member(text, "plain"), &root);
    EXPECT_FALSE(out.rewritten);
    EXPECT_EQ(out.text, text);
}

TEST(StandaloneManifest, FillsPackageFieldsAndRebasesPaths) {
    const std::string text = R"~([package]
name = "alpha"
version.workspace = true
edition = { workspace = true }
license.workspace = true
readme.workspace = true
license-file.workspace = true
authors.workspace = true
rust-version.workspace = true
description = "own value"
workspace = ".."
)~";
    RepoManifest root = root_at();
    auto out = make_standalone_manifest("alpha", member(text, "crates/alpha"), &root);
    EXPECT_TRUE(out.rewritten);
    EXPECT_EQ(out.text, kHeader + R"~([package]
authors = [ "A <a@example.org>" ]
description = "own value"
edition = "2021"
license = "MIT OR Apache-2.0"
license-file = "../../LICENSE"
name = "alpha"
readme = "../../docs/README.md"
rust-version = "1.70"
version = "0.3.1"
)~");
}

TEST(StandaloneManifest, ResolvesDependenciesEverywhereAsCargoDoes) {
    const std::string text = R"~([package]
name = "alpha"
version = "0.3.1"

[dependencies]
beta = { workspace = true, features = ["extra"] }
gamma = { workspace = true, optional = true, features = ["g1"] }
delta = { workspace = true, optional = true }
epsilon = { workspace = true, default-features = true, version = "99", package = "ignored" }
zeta.workspace = true
own = { path = "../own", version = "1" }

[dev-dependencies]
gamma.workspace = true
delta = { workspace = true, default-features = false }

[build-dependencies]
delta.workspace = true

[target.'cfg(unix)'.dependencies]
gamma = { workspace = true, features = ["g2"] }

[target.'cfg(windows)'.build-dependencies]
beta = { workspace = true }
)~";
    RepoManifest root = root_at();
    auto out = make_standalone_manifest("alpha", member(text, "alpha"), &root);
    EXPECT_TRUE(out.rewritten);
    EXPECT_EQ(out.text, kHeader + R"~([build-dependencies]
delta = "1.2"

[dependencies]
beta = { features = [ "fast", "extra" ], path = "../beta", version = "0.3.1" }
delta = { optional = true, version = "1.2" }
epsilon = { default-features = true, features = [ "e1" ], version = "2" }
gamma = { default-features = false, features = [ "g1" ], optional = true, path = "../crates/gamma", version = "0.3" }
own = { path = "../own", version = "1" }
zeta = { git = "https://example.org/zeta", package = "zeta-core", tag = "v1" }

[dev-dependencies]
delta = "1.2"
gamma = { default-features = false, path = "../crates/gamma", version = "0.3" }

[package]
name = "alpha"
version = "0.3.1"

[target."cfg(unix)".dependencies]
gamma = { default-features = false, features = [ "g2" ], path = "../crates/gamma", version = "0.3" }

[target."cfg(windows)".build-dependencies]
beta = { features = [ "fast" ], path = "../beta", version = "0.3.1" }
)~");
}

TEST(StandaloneManifest, CopiesWorkspaceLints) {
    const std::string text = "[package]\nname = \"alpha\"\nversion = \"1.0.0\"\n\n[lints]\nworkspace = true\n";
    RepoManifest root = root_at();
    auto out = make_standalone_manifest("alpha", member(text, "alpha"), &root);
    EXPECT_EQ(out.text, kHeader + R"~([lints.clippy]
pedantic = { level = "warn", priority = -1 }

[lints.rust]
unsafe_code = "forbid"

[package]
name = "alpha"
version = "1.0.0"
)~");
}

TEST(StandaloneManifest, RootPackageDropsItsWorkspaceTable) {
    const std::string text = kRoot + "\n[package]\nname = \"root\"\nversion.workspace = true\n";
    RepoManifest self{text, "", "ws.tar.gz: ws/Cargo.toml"};
    auto out = make_standalone_manifest("root", self, &self);
    EXPECT_EQ(out.text, kHeader + "[package]\nname = \"root\"\nversion = \"0.3.1\"\n");
}

TEST(StandaloneManifest, DefaultReadmeOfTheRoot) {
    RepoManifest root{"[workspace]\n[workspace.package]\nversion = \"1.0.0\"\n", "", "r.tar.gz: r/Cargo.toml"};
    const std::string text = "[package]\nname = \"a\"\nversion = \"1.0.0\"\nreadme.workspace = true\n";
    std::set<std::string> files = {"README.txt", "a/README.md"};
    auto exists = [&](const std::string& p) { return files.count(p) > 0; };
    auto out = make_standalone_manifest("a", member(text, "a"), &root, exists);
    EXPECT_EQ(out.text, kHeader + "[package]\nname = \"a\"\nreadme = \"../README.txt\"\nversion = \"1.0.0\"\n");

    files.clear();
    std::string err = test::error_of([&] { make_standalone_manifest("a", member(text, "a"), &root, exists); });
    EXPECT_EQ(err,
              "ws.tar.gz: ws/a/Cargo.toml: crate \"a\" inherits `readme` from its workspace, but the workspace "
              "root r.tar.gz: r/Cargo.toml has no `workspace.package.readme`");
}

TEST(StandaloneManifest, MissingPackageKeyNamesCrateKeyAndRoot) {
    const std::string text = "[package]\nname = \"alpha\"\nversion = \"1.0.0\"\ndescription.workspace = true\n";
    RepoManifest root = root_at();
    std::string err = test::error_of([&] { make_standalone_manifest("alpha", member(text, "alpha"), &root); });
    EXPECT_EQ(err,
              "ws.tar.gz: ws/alpha/Cargo.toml: crate \"alpha\" inherits `description` from its workspace, but "
              "the workspace root ws.tar.gz: ws/Cargo.toml has no `workspace.package.description`");
}

TEST(StandaloneManifest, MissingDependencyNamesCrateKeyAndRoot) {
    const std::string text =
        "[package]\nname = \"alpha\"\nversion = \"1.0.0\"\n[target.'cfg(unix)'.dev-dependencies]\nnope.workspace = "
        "true\n";
    RepoManifest root = root_at();
    std::string err = test::error_of([&] { make_standalone_manifest("alpha", member(text, "alpha"), &root); });
    EXPECT_EQ(err,
              "ws.tar.gz: ws/alpha/Cargo.toml: crate \"alpha\" inherits dependency `nope` (in "
              "`target.cfg(unix).dev-dependencies.nope`) from its workspace, but the workspace root ws.tar.gz: "
              "ws/Cargo.toml has no `workspace.dependencies.nope`");
}

TEST(StandaloneManifest, MissingLintsAndNoRootAtAll) {
    RepoManifest bare{"[workspace]\nmembers = [\"a\"]\n", "", "r.tar.gz: r/Cargo.toml"};
    const std::string text = "[package]\nname = \"a\"\nversion = \"1.0.0\"\n[lints]\nworkspace = true\n";
    std::string err = test::error_of([&] { make_standalone_manifest("a", member(text, "a"), &bare); });
    EXPECT_EQ(err,
              "ws.tar.gz: ws/a/Cargo.toml: crate \"a\" inherits `lints` from its workspace, but the workspace "
              "root r.tar.gz: r/Cargo.toml has no `workspace.lints`");

    err = test::error_of([&] { make_standalone_manifest("a", member(text, "a"), nullptr); });
    EXPECT_EQ(err,
              "ws.tar.gz: ws/a/Cargo.toml: crate \"a\" inherits `lints` from its workspace, but no workspace "
              "root (a Cargo.toml with a [workspace] table) was found above it");
}

TEST(StandaloneManifest, RefusesWorkspaceFalseAndBrokenToml) {
    RepoManifest root = root_at();
    std::string err = test::error_of([&] {
        make_standalone_manifest("a", member("[package]\nname = \"a\"\nversion.workspace = false\n", "a"), &root);
    });
    EXPECT_EQ(err,
              "ws.tar.gz: ws/a/Cargo.toml: crate \"a\": `package.version.workspace` must be `true` (cargo "
              "accepts no other value)");
    err = test::error_of([&] { make_standalone_manifest("a", member("[package\n", "a"), &root); });
    EXPECT_NE(err.find("ws.tar.gz: ws/a/Cargo.toml:1:"), std::string::npos) << err;
    EXPECT_NE(err.find("not a valid Cargo.toml"), std::string::npos) << err;
}

// The member's and the root's Cargo.toml both come from the repository:
// a key of a million components overflowed toml++'s stack.
TEST(StandaloneManifest, HostileManifestsAreRefusedNotACrash) {
    std::string key = "a";
    for (int i = 1; i < 1000000; ++i) key += ".a";
    RepoManifest root = root_at();
    RepoManifest hostile = member("[package]\nname = \"a\"\n" + key + " = 1\n", "a");
    EXPECT_EQ(test::in_child([&] { return test::error_of([&] { make_standalone_manifest("a", hostile, &root); }); }),
              "ws.tar.gz: ws/a/Cargo.toml:3: not a valid Cargo.toml: a key or table name nested deeper than 128 "
              "levels");
    RepoManifest hostile_root{"[workspace]\n[" + key + "]\n", "", "ws.tar.gz: ws/Cargo.toml"};
    RepoManifest inheriting = member("[package]\nname = \"a\"\nversion.workspace = true\n", "a");
    EXPECT_EQ(test::in_child(
                  [&] { return test::error_of([&] { make_standalone_manifest("a", inheriting, &hostile_root); }); }),
              "ws.tar.gz: ws/Cargo.toml:2: not a valid Cargo.toml: a key or table name nested deeper than 128 levels");
}

}  // namespace
}  // namespace cdf::cargo
