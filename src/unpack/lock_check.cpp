#include "unpack/lock_check.hpp"

#include <map>
#include <string_view>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "lock/source_id.hpp"
#include "util/error.hpp"

namespace cdf::unpack {

void check_lock_against_manifest(const lock::Lockfile& lock, const manifest::Manifest& manifest,
                                 const std::string& manifest_path) {
    // Views into the manifest and the cache, which outlive the map.
    using Key = std::tuple<std::string_view, std::string_view, std::string_view>;  // name, version, canonical source
    lock::SourceIdCache sources;
    std::map<Key, const manifest::CrateEntry*> listed;
    for (const auto& c : manifest.crates) {
        const lock::SourceId& id = sources.get(c.source, [&] { return Location{manifest_path}; });
        listed.emplace(Key{c.name, c.version, id.canonical()}, &c);
    }
    std::vector<std::string> missing, different;
    for (const auto& p : lock.packages) {
        auto it = listed.find(Key{p.name, p.version, p.source.canonical()});
        if (it == listed.end()) {
            missing.push_back(fmt::format("  {} {} ({})", p.name, p.version, p.source.spelled));
            continue;
        }
        const manifest::CrateEntry& c = *it->second;
        if (c.is_git()) continue;
        // cargo needs .cargo-checksum.json's "package" to be the lockfile's
        // checksum, or null when the lockfile has none.
        std::string in_manifest = c.check == manifest::CrateCheck::Sha256 ? c.sha256 : "none (unverified)";
        std::string in_lock = p.checksum.empty() ? "none" : p.checksum;
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
