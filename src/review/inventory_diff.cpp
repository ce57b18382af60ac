#include "review/inventory_diff.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "lock/source_id.hpp"
#include "cargo/semver.hpp"
#include "util/json.hpp"

namespace cdf::review {

namespace {

struct Entry {
    CrateRef ref;
    std::string identity;  // canonical source with commit
};

// The source without its commit: what a crate keeps across updates.
std::string source_key(const lock::SourceId& id) {
    if (id.is_git()) return "git+" + lock::canonical_url(id.url) + "?" + id.reference.str();
    return id.canonical();
}

bool from_crates_io(const std::string& source) {
    try {
        return lock::parse_source_id(source, Location{}).is_crates_io();
    } catch (const Error&) {
        return false;
    }
}

bool crate_less(const CrateRef& a, const CrateRef& b) {
    if (a.name != b.name) return a.name < b.name;
    if (int c = cargo::compare_versions(a.version, b.version)) return c < 0;
    return a.source < b.source;
}

bool change_less(const CrateChange& a, const CrateChange& b) {
    if (a.name != b.name) return a.name < b.name;
    if (int c = cargo::compare_versions(a.old_version, b.old_version)) return c < 0;
    return a.old_source < b.old_source;
}

// Removes the entries present on both sides (by `same`), counting them.
template <typename T, typename Same>
std::size_t remove_common(std::vector<T>& before, std::vector<T>& after, Same same) {
    std::size_t common = 0;
    for (auto it = before.begin(); it != before.end();) {
        auto match = std::find_if(after.begin(), after.end(), [&](const T& a) { return same(*it, a); });
        if (match == after.end()) {
            ++it;
            continue;
        }
        after.erase(match);
        it = before.erase(it);
        ++common;
    }
    return common;
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F object) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ",";
        out += object(items[i]);
    }
    return out + "]";
}

std::string json_crate(const CrateRef& c) {
    return fmt::format("{{\"name\":{},\"version\":{},\"source\":{}}}", json_string(c.name), json_string(c.version),
                       json_string(c.source));
}

std::string json_change(const CrateChange& c) {
    return fmt::format("{{\"name\":{},\"old_version\":{},\"new_version\":{},\"old_source\":{},\"new_source\":{}}}",
                       json_string(c.name), json_string(c.old_version), json_string(c.new_version),
                       json_string(c.old_source), json_string(c.new_source));
}

std::string json_git(const GitRef& g) {
    return fmt::format("{{\"url\":{},\"reference\":{},\"commit\":{}}}", json_string(g.url), json_string(g.reference),
                       json_string(g.commit));
}

std::string json_git_change(const GitChange& g) {
    return fmt::format("{{\"url\":{},\"reference\":{},\"old_commit\":{},\"new_commit\":{}}}", json_string(g.url),
                       json_string(g.reference), json_string(g.old_commit), json_string(g.new_commit));
}

std::string json_side(const Inventory& inv) {
    return fmt::format("{{\"path\":{},\"kind\":{},\"crates\":{},\"git_sources\":{}}}", json_string(inv.path),
                       json_string(inv.kind), inv.crates.size(), inv.git.size());
}

std::string show(const CrateRef& c) {
    if (from_crates_io(c.source)) return fmt::format("{} {}", c.name, c.version);
    return fmt::format("{} {} ({})", c.name, c.version, c.source);
}

std::string show(const CrateChange& c) {
    std::string out = fmt::format("{} {} -> {}", c.name, c.old_version, c.new_version);
    // Both crates.io ids are one source: nothing to show.
    if (from_crates_io(c.old_source) && from_crates_io(c.new_source)) return out;
    if (c.old_source != c.new_source) {
        out += fmt::format(" ({} -> {})", c.old_source, c.new_source);
    } else {
        out += fmt::format(" ({})", c.new_source);
    }
    return out;
}

}  // namespace

InventoryDiff diff_inventories(const Inventory& before, const Inventory& after) {
    InventoryDiff d;

    // Crates, grouped by name and source without commit.
    std::map<std::string, std::pair<std::vector<Entry>, std::vector<Entry>>> groups;
    auto add = [&](const Inventory& inv, bool is_after) {
        for (const auto& c : inv.crates) {
            lock::SourceId id = lock::parse_source_id(c.source, Location{inv.path});
            auto& group = groups[c.name + '\n' + source_key(id)];
            (is_after ? group.second : group.first).push_back(Entry{c, id.canonical()});
        }
    };
    add(before, false);
    add(after, true);
    for (auto& [key, sides] : groups) {
        auto& [old_entries, new_entries] = sides;
        d.unchanged += remove_common(old_entries, new_entries, [](const Entry& a, const Entry& b) {
            return a.ref.version == b.ref.version && a.identity == b.identity;
        });
        if (old_entries.size() == 1 && new_entries.size() == 1) {
            const CrateRef& o = old_entries.front().ref;
            const CrateRef& n = new_entries.front().ref;
            CrateChange change{n.name, o.version, n.version, o.source, n.source};
            int c = cargo::compare_versions(o.version, n.version);
            (c < 0 ? d.upgraded : c > 0 ? d.downgraded : d.changed).push_back(std::move(change));
            continue;
        }
        for (auto& e : old_entries) d.removed.push_back(e.ref);
        for (auto& e : new_entries) d.added.push_back(e.ref);
    }
    for (auto* list : {&d.added, &d.removed}) std::sort(list->begin(), list->end(), crate_less);
    for (auto* list : {&d.upgraded, &d.downgraded, &d.changed}) std::sort(list->begin(), list->end(), change_less);

    // Git sources, grouped by canonical URL and reference.
    std::map<std::string, std::pair<std::vector<GitRef>, std::vector<GitRef>>> repos;
    for (const auto& g : before.git) repos[lock::canonical_url(g.url) + ' ' + g.reference].first.push_back(g);
    for (const auto& g : after.git) repos[lock::canonical_url(g.url) + ' ' + g.reference].second.push_back(g);
    for (auto& [key, sides] : repos) {
        auto& [old_refs, new_refs] = sides;
        d.git_unchanged += remove_common(old_refs, new_refs,
                                         [](const GitRef& a, const GitRef& b) { return a.commit == b.commit; });
        if (old_refs.size() == 1 && new_refs.size() == 1) {
            const GitRef& n = new_refs.front();
            d.git_changed.push_back({n.url, n.reference, old_refs.front().commit, n.commit});
            continue;
        }
        for (auto& g : old_refs) d.git_removed.push_back(g);
        for (auto& g : new_refs) d.git_added.push_back(g);
    }
    auto git_less = [](const GitRef& a, const GitRef& b) {
        return std::tie(a.url, a.reference, a.commit) < std::tie(b.url, b.reference, b.commit);
    };
    std::sort(d.git_added.begin(), d.git_added.end(), git_less);
    std::sort(d.git_removed.begin(), d.git_removed.end(), git_less);
    std::sort(d.git_changed.begin(), d.git_changed.end(), [](const GitChange& a, const GitChange& b) {
        return std::tie(a.url, a.reference) < std::tie(b.url, b.reference);
    });
    return d;
}

std::string render_text(const InventoryDiff& d) {
    std::string out = fmt::format(
        "crates: {} added, {} removed, {} upgraded, {} downgraded, {} changed, {} unchanged\n", d.added.size(),
        d.removed.size(), d.upgraded.size(), d.downgraded.size(), d.changed.size(), d.unchanged);
    out += fmt::format("git sources: {} added, {} removed, {} changed, {} unchanged\n", d.git_added.size(),
                       d.git_removed.size(), d.git_changed.size(), d.git_unchanged);
    if (d.empty()) return out;
    out += "\n";
    auto section = [&](std::string_view title, const auto& items) {
        if (items.empty()) return;
        out += fmt::format("{}:\n", title);
        for (const auto& item : items) out += "    " + show(item) + "\n";
    };
    section("added", d.added);
    section("removed", d.removed);
    section("upgraded", d.upgraded);
    section("downgraded", d.downgraded);
    section("changed", d.changed);
    auto git_section = [&](std::string_view title, const std::vector<GitRef>& items) {
        if (items.empty()) return;
        out += fmt::format("{}:\n", title);
        for (const auto& g : items) out += fmt::format("    {} {} {}\n", g.url, g.reference, g.commit);
    };
    git_section("git sources added", d.git_added);
    git_section("git sources removed", d.git_removed);
    if (!d.git_changed.empty()) {
        out += "git sources changed:\n";
        for (const auto& g : d.git_changed)
            out += fmt::format("    {} {} {} -> {}\n", g.url, g.reference, g.old_commit, g.new_commit);
    }
    return out;
}

std::string render_json(const InventoryDiff& d, const Inventory& before, const Inventory& after) {
    std::string out = "{";
    out += fmt::format("\"old\":{},\"new\":{},", json_side(before), json_side(after));
    out += fmt::format(
        "\"counts\":{{\"added\":{},\"removed\":{},\"upgraded\":{},\"downgraded\":{},\"changed\":{},\"unchanged\":{}}},",
        d.added.size(), d.removed.size(), d.upgraded.size(), d.downgraded.size(), d.changed.size(), d.unchanged);
    out += fmt::format("\"added\":{},\"removed\":{},", json_array(d.added, json_crate),
                       json_array(d.removed, json_crate));
    out += fmt::format("\"upgraded\":{},\"downgraded\":{},\"changed\":{},", json_array(d.upgraded, json_change),
                       json_array(d.downgraded, json_change), json_array(d.changed, json_change));
    out += fmt::format(
        "\"git\":{{\"counts\":{{\"added\":{},\"removed\":{},\"changed\":{},\"unchanged\":{}}},\"added\":{},"
        "\"removed\":{},\"changed\":{}}}",
        d.git_added.size(), d.git_removed.size(), d.git_changed.size(), d.git_unchanged,
        json_array(d.git_added, json_git), json_array(d.git_removed, json_git),
        json_array(d.git_changed, json_git_change));
    out += "}\n";
    return out;
}

}  // namespace cdf::review
