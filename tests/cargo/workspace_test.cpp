#include "cargo/workspace.hpp"

#include <gtest/gtest.h>

#include "cargo/inheritance.hpp"

namespace cdf::cargo {
namespace {

TreeNames names() {
    return TreeNames{[](const std::string& p) { return "repo.tar.gz: top/" + p; },
                     [](const std::string& p) { return "top/" + p; }};
}

std::string listing(const Workspaces& w) {
    std::string out;
    for (const auto& p : w.packages())
        out += p.name + " " + p.version + " [" + p.dir + "] root=" + (p.root ? "[" + *p.root + "]" : "-") + "\n";
    return out;
}

// Issue 13's case: the root is not above its member, which names it with
// `package.workspace`; the root lists the member with a `..` path.
TEST(Workspaces, RootNamedByPackageWorkspaceOutsideTheMembersFolder) {
    MemoryTree tree;
    tree.add("ws/Cargo.toml",
             "[workspace]\nmembers = [\"../crates/a\"]\n\n[workspace.package]\nversion = \"0.4.0\"\n"
             "license = \"MIT\"\nlicense-file = \"LICENCE\"\n");
    tree.add("crates/a/Cargo.toml",
             "[package]\nname = \"a\"\nworkspace = \"../../ws\"\nversion.workspace = true\n"
             "license.workspace = true\n");
    Workspaces w(tree, names());
    EXPECT_EQ(listing(w), "a 0.4.0 [crates/a] root=[ws]\n");
    EXPECT_EQ(w.root_of("crates/a"), "ws");
    EXPECT_EQ(inherited_package_string(*w.manifest("ws")->doc, "ws", "crates/a", "license"), "MIT");
    EXPECT_EQ(inherited_package_string(*w.manifest("ws")->doc, "ws", "crates/a", "license-file"), "../../ws/LICENCE");
    EXPECT_EQ(inherited_package_string(*w.manifest("ws")->doc, "ws", "crates/a", "readme"), std::nullopt);
}

TEST(Workspaces, NearestRootAboveUnlessExcluded) {
    MemoryTree tree;
    tree.add("Cargo.toml", "[workspace]\nexclude = [\"out\"]\n[workspace.package]\nversion = \"1.0.0\"\n");
    tree.add("in/Cargo.toml", "[package]\nname = \"in\"\nversion.workspace = true\n");
    tree.add("out/Cargo.toml", "[package]\nname = \"out\"\nversion.workspace = true\n");
    tree.add(".hidden/Cargo.toml", "[package]\nname = \"hidden\"\n");
    tree.add("in/target/Cargo.toml", "[package]\nname = \"built\"\n");
    tree.add("a-b/Cargo.toml", "[package\n");
    tree.add("a/b/Cargo.toml", "[package]\nname = \"ab\"\n");
    Workspaces w(tree, names());
    EXPECT_EQ(listing(w), "ab 0.0.0 [a/b] root=[]\nin 1.0.0 [in] root=[]\n");
    // Depth first: a/b before a-b, though '-' sorts before '/'.
    EXPECT_EQ((std::vector<std::string>(w.manifest_dirs().begin(), w.manifest_dirs().end())),
              (std::vector<std::string>{"", "a/b", "a-b", "in", "out"}));
    EXPECT_EQ(w.problems(), (std::vector<std::string>{
                                "top/a-b/Cargo.toml: line 1: Error while parsing table header: expected ']', saw '\\n'",
                                "top/out/Cargo.toml: crate \"out\" inherits `version`, but no workspace root was "
                                "found above it"}));
    EXPECT_EQ(w.find("in", "1.0.0")->dir, "in");
    EXPECT_EQ(w.find("in", "1.0.1"), nullptr);
}

}  // namespace
}  // namespace cdf::cargo
