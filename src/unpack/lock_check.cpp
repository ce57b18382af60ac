#include "unpack/lock_check.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "lock/source_id.hpp"
#include "util/error.hpp"

namespace cdf::unpack {

void check_lock_against_manifest(const lock::Lockfile& lock, const manifest::Manifest& manifest,
                                 const std::string& manifest_path) {
    // Views into the manifest and the cache, which outlive the list. A sorted
    // list rather than a map: one allocation instead of one per crate.
    using Key = std::tuple<std::string_view, std::string_view, std::string_view>;  // name, version, canonical source
    using Listed = std::pair<Key, const manifest::CrateEntry*>;
    lock::SourceIdCache sources;
    std::vector<Listed> listed;
    listed.reserve(manifest.crates.size());
    for (const auto& c : manifest.crates) {
        const lock::SourceId& id = sources.get(c.source, [&] { return Location{manifest_path}; });
        listed.emplace_back(Key{c.name, c.version, id.canonical()}, &c);
    }
    auto by_key = [](const Listed& a, const Listed& b) { return a.first < b.first; };
    // As a map keeps the first of equal keys: a stable sort, then the first of each run.
    if (!std::is_sorted(listed.begin(), listed.end(), by_key)) std::stable_sort(listed.begin(), listed.end(), by_key);
    // A lockfile lists its packages in the manifest's order, so the entry
    // after the last one found is tried first (if it starts its run of
    // equal keys), before a binary search.
    auto next = listed.begin();
    auto find = [&](const Key& key) -> const manifest::CrateEntry* {
        auto it = next;
        if (!(it != listed.end() && it->first == key && (it == listed.begin() || std::prev(it)->first != key)))
            it = std::lower_bound(listed.begin(), listed.end(), key,
                                  [](const Listed& a, const Key& k) { return a.first < k; });
        if (it == listed.end() || it->first != key) return nullptr;
        next = std::next(it);
        return it->second;
    };
    std::vector<std::string> missing, different;
    for (const auto& p : lock.packages) {
        const manifest::CrateEntry* found = find(Key{p.name, p.version, p.source->canonical()});
        if (!found) {
            missing.push_back(fmt::format("  {} {} ({})", p.name, p.version, p.source->spelled));
            continue;
        }
        const manifest::CrateEntry& c = *found;
        if (c.is_git()) continue;
        // cargo needs .cargo-checksum.json's "package" to be the lockfile's
        // checksum, or null when the lockfile has none.
        std::string_view in_manifest = c.check == manifest::CrateCheck::Sha256 ? std::string_view(c.sha256)
                                                                               : "none (unverified)";
        std::string_view in_lock = p.checksum.empty() ? "none" : p.checksum;
        bool same = c.check == manifest::CrateCheck::Sha256 ? c.sha256 == p.checksum : p.checksum.empty();
        if (!same)
            different.push_back(fmt::format("  {} {}: {} in the lockfile, {} in the manifest", p.name, p.version,
                                            in_lock, in_manifest));
    }
    if (missing.empty() && different.empty()) return;
    std::string message = fmt::format(
        "does not match the manifest {} (was one updated without regenerating "
        "the other?)",
        manifest_path);
    // A long list is capped: its head, and how many more.
    constexpr std::size_t kShown = 10;
    auto list = [&](const std::vector<std::string>& lines) {
        for (std::size_t i = 0; i < lines.size() && i < kShown; ++i) message += "\n" + lines[i];
        if (lines.size() > kShown)
            message += fmt::format("\n  ... and {} more (regenerate the manifest with `cargo-distfiles update`)",
                                   lines.size() - kShown);
    };
    if (!missing.empty()) {
        message += fmt::format("\n{} package{} missing from the manifest:", missing.size(),
                               missing.size() == 1 ? " is" : "s are");
        list(missing);
    }
    if (!different.empty()) {
        message += fmt::format("\n{} package{} a different checksum:", different.size(),
                               different.size() == 1 ? " has" : "s have");
        list(different);
    }
    throw Error(ErrorKind::CheckFailed, Location{lock.path}, message);
}

}  // namespace cdf::unpack
