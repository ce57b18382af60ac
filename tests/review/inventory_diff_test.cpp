#include "review/inventory_diff.hpp"

#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::review {
namespace {

namespace fs = std::filesystem;

const std::string kGitIndex = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kSparse = "sparse+https://index.crates.io/";
const std::string kOther = "sparse+https://reg.example.org/index/";
const std::string kC1 = "1111111111111111111111111111111111111111";
const std::string kC2 = "2222222222222222222222222222222222222222";
const std::string kC3 = "3333333333333333333333333333333333333333";

Inventory before() {
    Inventory i;
    i.path = "old/Cargo.lock";
    i.kind = "lockfile";
    i.crates = {
        {"anyhow", "1.0.98", kGitIndex},
        {"bitflags", "1.3.2", kGitIndex},
        {"bitflags", "2.9.0", kGitIndex},
        {"gix", "0.1.0", "git+https://github.com/o/gix?branch=main#" + kC1},
        {"old-crate", "0.1.0", kGitIndex},
        {"private", "1.0.0", kOther},
        {"rustix", "1.0.0-rc.2", kGitIndex},
        {"serde", "1.0.200", kGitIndex},
        {"tool", "0.5.0", "git+https://github.com/o/tool#" + kC3},
    };
    i.git = {{"https://github.com/o/gix", "branch=main", kC1}, {"https://github.com/o/tool", "-", kC3}};
    return i;
}

Inventory after() {
    Inventory i;
    i.path = "files/foo-2.0.cargo-manifest";
    i.kind = "manifest";
    i.crates = {
        {"anyhow", "1.0.98", kSparse},                                            // same crate, other crates.io id
        {"bitflags", "2.9.1", kSparse},                                           // 1.3.2 and 2.9.0 -> 2.9.1
        {"gix", "0.1.0", "git+https://github.com/O/gix.git?branch=main#" + kC2},  // same version, new commit
        {"new-crate", "3.0.0", kSparse},
        {"private", "0.9.0", kOther},  // downgrade
        {"rustix", "1.0.0", kSparse},  // pre-release to release
        {"serde", "1.0.200", kOther},  // moved to another registry
        {"tool", "0.5.0", "git+https://github.com/o/tool#" + kC3},
    };
    i.git = {{"https://github.com/O/gix.git", "branch=main", kC2},
             {"https://github.com/o/tool", "-", kC3},
             {"https://gitlab.com/x/y", "tag=v1", kC1}};
    return i;
}

TEST(InventoryDiff, Classifies) {
    InventoryDiff d = diff_inventories(before(), after());
    EXPECT_EQ(d.unchanged, 2u);  // anyhow, tool
    ASSERT_EQ(d.upgraded.size(), 1u);
    EXPECT_EQ(d.upgraded[0].name, "rustix");
    ASSERT_EQ(d.downgraded.size(), 1u);
    EXPECT_EQ(d.downgraded[0].name, "private");
    ASSERT_EQ(d.changed.size(), 1u);
    EXPECT_EQ(d.changed[0].name, "gix");
    EXPECT_EQ(d.added.size(), 3u);    // bitflags 2.9.1, new-crate, serde (other registry)
    EXPECT_EQ(d.removed.size(), 4u);  // bitflags 1.3.2 and 2.9.0, old-crate, serde (crates.io)
    EXPECT_EQ(d.git_unchanged, 1u);
    EXPECT_EQ(d.git_changed.size(), 1u);
    EXPECT_EQ(d.git_added.size(), 1u);
    EXPECT_EQ(d.git_removed.size(), 0u);
}

TEST(InventoryDiff, Text) {
    EXPECT_EQ(render_text(diff_inventories(before(), after())),
              "crates: 3 added, 4 removed, 1 upgraded, 1 downgraded, 1 changed, 2 unchanged\n"
              "git sources: 1 added, 0 removed, 1 changed, 1 unchanged\n"
              "\n"
              "added:\n"
              "    bitflags 2.9.1\n"
              "    new-crate 3.0.0\n"
              "    serde 1.0.200 (sparse+https://reg.example.org/index/)\n"
              "removed:\n"
              "    bitflags 1.3.2\n"
              "    bitflags 2.9.0\n"
              "    old-crate 0.1.0\n"
              "    serde 1.0.200\n"
              "upgraded:\n"
              "    rustix 1.0.0-rc.2 -> 1.0.0\n"
              "downgraded:\n"
              "    private 1.0.0 -> 0.9.0 (sparse+https://reg.example.org/index/)\n"
              "changed:\n"
              "    gix 0.1.0 -> 0.1.0 (git+https://github.com/o/gix?branch=main#" +
                  kC1 + " -> git+https://github.com/O/gix.git?branch=main#" + kC2 +
                  ")\n"
                  "git sources added:\n"
                  "    https://gitlab.com/x/y tag=v1 " +
                  kC1 +
                  "\n"
                  "git sources changed:\n"
                  "    https://github.com/O/gix.git branch=main " +
                  kC1 + " -> " + kC2 + "\n");
}

TEST(InventoryDiff, NothingChanged) {
    EXPECT_EQ(render_text(diff_inventories(before(), before())),
              "crates: 0 added, 0 removed, 0 upgraded, 0 downgraded, 0 changed, 9 unchanged\n"
              "git sources: 0 added, 0 removed, 0 changed, 2 unchanged\n");
}

TEST(InventoryDiff, Json) {
    Inventory a = before(), b = after();
    a.crates = {{"x", "1.0.0", kGitIndex}, {"y", "0.1.0", kGitIndex}};
    a.git = {};
    b.crates = {{"x", "1.1.0", kSparse}, {"z", "2.0.0", kSparse}};
    b.git = {{"https://gitlab.com/x/y", "tag=v1", kC1}};
    EXPECT_EQ(
        render_json(diff_inventories(a, b), a, b),
        "{\"old\":{\"path\":\"old/Cargo.lock\",\"kind\":\"lockfile\",\"crates\":2,\"git_sources\":0},"
        "\"new\":{\"path\":\"files/foo-2.0.cargo-manifest\",\"kind\":\"manifest\",\"crates\":2,\"git_sources\":1},"
        "\"counts\":{\"added\":1,\"removed\":1,\"upgraded\":1,\"downgraded\":0,\"changed\":0,\"unchanged\":0},"
        "\"added\":[{\"name\":\"z\",\"version\":\"2.0.0\",\"source\":\"sparse+https://index.crates.io/\"}],"
        "\"removed\":[{\"name\":\"y\",\"version\":\"0.1.0\",\"source\":\"" +
            kGitIndex +
            "\"}],"
            "\"upgraded\":[{\"name\":\"x\",\"old_version\":\"1.0.0\",\"new_version\":\"1.1.0\",\"old_source\":\"" +
            kGitIndex +
            "\",\"new_source\":\"sparse+https://index.crates.io/\"}],"
            "\"downgraded\":[],\"changed\":[],"
            "\"git\":{\"counts\":{\"added\":1,\"removed\":0,\"changed\":0,\"unchanged\":0},"
            "\"added\":[{\"url\":\"https://gitlab.com/x/y\",\"reference\":\"tag=v1\",\"commit\":\"" +
            kC1 +
            "\"}],"
            "\"removed\":[],\"changed\":[]}}\n");
}

TEST(InventoryDiff, SeveralVersionsOfOneNameUpgradedTogether) {
    Inventory a = before(), b = after();
    a.crates = {{"syn", "1.0.109", kGitIndex}, {"syn", "2.0.100", kGitIndex}};
    b.crates = {{"syn", "1.0.109", kGitIndex}, {"syn", "2.0.101", kGitIndex}};
    InventoryDiff d = diff_inventories(a, b);
    EXPECT_EQ(d.unchanged, 1u);
    ASSERT_EQ(d.upgraded.size(), 1u);
    EXPECT_EQ(d.upgraded[0].old_version, "2.0.100");
    EXPECT_EQ(d.upgraded[0].new_version, "2.0.101");
}

// Real lockfiles from the corpus; the expected counts come from an
// independent Python implementation of the same rules (tomllib).
struct RealPair {
    const char* before;
    const char* after;
    std::size_t added, removed, upgraded, downgraded, changed, unchanged;
    std::size_t git_added, git_removed, git_changed, git_unchanged;
};

TEST(InventoryDiff, RealLockfilePairs) {
    fs::path corpus = test::source_dir() / ".." / "shared" / "corpus" / "lockfiles";
    if (!fs::exists(corpus)) GTEST_SKIP() << "corpus not present";
    const RealPair pairs[] = {
        {"BurntSushi__ripgrep__983c7fd6f9.lock", "BurntSushi__ripgrep__3ef63dacbe.lock", 44, 11, 14, 0, 0, 0, 0, 0, 0,
         0},
        {"BurntSushi__ripgrep__3ef63dacbe.lock", "BurntSushi__ripgrep__3fce3b5bb0.lock", 23, 29, 28, 0, 0, 1, 0, 0, 0,
         0},
        {"GNOME__fractal__6aa7230cdf.lock", "GNOME__fractal__ffa8b03ee5.lock", 203, 89, 148, 0, 0, 22, 2, 3, 1, 0},
        {"rust-lang__rust-analyzer__6d4f51c62c.lock", "rust-lang__rust-analyzer__d2e55da491.lock", 48, 42, 160, 0, 0,
         125, 0, 0, 0, 0},
    };
    for (const auto& p : pairs) {
        InventoryDiff d = diff_inventories(read_inventory((corpus / p.before).string()),
                                           read_inventory((corpus / p.after).string()));
        SCOPED_TRACE(std::string(p.before) + " -> " + p.after);
        EXPECT_EQ(d.added.size(), p.added);
        EXPECT_EQ(d.removed.size(), p.removed);
        EXPECT_EQ(d.upgraded.size(), p.upgraded);
        EXPECT_EQ(d.downgraded.size(), p.downgraded);
        EXPECT_EQ(d.changed.size(), p.changed);
        EXPECT_EQ(d.unchanged, p.unchanged);
        EXPECT_EQ(d.git_added.size(), p.git_added);
        EXPECT_EQ(d.git_removed.size(), p.git_removed);
        EXPECT_EQ(d.git_changed.size(), p.git_changed);
        EXPECT_EQ(d.git_unchanged, p.git_unchanged);
        // Reversed, upgrades become downgrades.
        InventoryDiff r = diff_inventories(read_inventory((corpus / p.after).string()),
                                           read_inventory((corpus / p.before).string()));
        EXPECT_EQ(r.added.size(), p.removed);
        EXPECT_EQ(r.downgraded.size(), p.upgraded);
    }
}

}  // namespace
}  // namespace cdf::review
