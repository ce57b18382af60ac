// What changed between two inventories (lockfiles or manifests), for
// reviewing a version bump, and its text and JSON forms.
//
// Crates are matched as cargo reports lockfile changes: by name and source,
// where a source is its canonical form without the git commit (both
// crates.io ids are one source). For each such key, versions present on
// both sides (same commit for git) are unchanged; if exactly one old and one
// new entry remain, it is an upgrade, a downgrade (semver order, see
// cargo/semver.hpp) or, for equal versions (a new commit, other build
// metadata), a change; otherwise the old ones are removed and the new ones
// added. Moving a crate to another source is a removal and an addition.
//
// Git sources (repository and reference, URLs compared canonically) follow
// the same rule with commits: added, removed, or changed to another commit.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "review/inventory.hpp"

namespace cdf::review {

struct CrateChange {
    std::string name;
    std::string old_version, new_version;
    std::string old_source, new_source;
};

struct GitChange {
    std::string url;  // as the new side spells it
    std::string reference;
    std::string old_commit, new_commit;
};

struct InventoryDiff {
    std::vector<CrateRef> added, removed;
    std::vector<CrateChange> upgraded, downgraded, changed;
    std::size_t unchanged = 0;
    std::vector<GitRef> git_added, git_removed;
    std::vector<GitChange> git_changed;
    std::size_t git_unchanged = 0;

    bool empty() const {
        return added.empty() && removed.empty() && upgraded.empty() && downgraded.empty() && changed.empty() &&
               git_added.empty() && git_removed.empty() && git_changed.empty();
    }
};

// Every list sorted by name (or URL), then version.
InventoryDiff diff_inventories(const Inventory& before, const Inventory& after);

// For people:
//   crates: 1 added, 0 removed, 2 upgraded, 0 downgraded, 0 changed, 40 unchanged
//   git sources: 0 added, 0 removed, 0 changed, 0 unchanged
//
//   added:
//       foo 1.2.3
//   upgraded:
//       anyhow 1.0.98 -> 1.0.99
//       gix 0.1.0 -> 0.2.0 (git+https://g/gix#OLD -> git+https://g/gix#NEW)
// Sources are shown for crates not from crates.io. Empty sections are left out.
std::string render_text(const InventoryDiff& diff);

// For scripts: one JSON object (keys in the order below), ending with a newline:
//   {"old":{"path":..,"kind":..,"crates":N,"git_sources":N},"new":{...},
//    "counts":{"added":N,"removed":N,"upgraded":N,"downgraded":N,"changed":N,"unchanged":N},
//    "added":[{"name":..,"version":..,"source":..}],"removed":[...],
//    "upgraded":[{"name":..,"old_version":..,"new_version":..,"old_source":..,"new_source":..}],
//    "downgraded":[...],"changed":[...],
//    "git":{"counts":{"added":N,"removed":N,"changed":N,"unchanged":N},
//           "added":[{"url":..,"reference":..,"commit":..}],"removed":[...],
//           "changed":[{"url":..,"reference":..,"old_commit":..,"new_commit":..}]}}
std::string render_json(const InventoryDiff& diff, const Inventory& before, const Inventory& after);

}  // namespace cdf::review
