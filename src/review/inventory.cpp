#include "review/inventory.hpp"

#include <set>
#include <tuple>

#include "lock/lockfile_reader.hpp"
#include "lock/source_id.hpp"
#include "util/atomic_file.hpp"
#include "util/lines.hpp"
#include "util/strings.hpp"

namespace cdf::review {

namespace {

bool is_manifest_text(std::string_view text) {
    // As the manifest parser: empty lines and '#' lines are skipped.
    return starts_with(first_significant_line(text), "cargo-distfiles-manifest");
}

}  // namespace

Inventory inventory_of(const lock::Lockfile& lockfile) {
    Inventory out;
    out.path = lockfile.path;
    out.kind = "lockfile";
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (const auto& p : lockfile.packages) {
        out.crates.push_back({std::string(p.name), std::string(p.version), p.source->spelled});
        if (p.source->is_git() &&
            seen.emplace(lock::canonical_url(p.source->url), p.source->reference.str(), p.source->commit).second)
            out.git.push_back({p.source->url, p.source->reference.str(), p.source->commit});
    }
    return out;
}

Inventory inventory_of(const manifest::Manifest& manifest, const std::string& path) {
    Inventory out;
    out.path = path;
    out.kind = "manifest";
    for (const auto& c : manifest.crates)
        out.crates.push_back({std::string(c.name), std::string(c.version), std::string(c.source)});
    for (const auto& g : manifest.git) out.git.push_back({g.url, g.reference, g.commit});
    return out;
}

Inventory read_inventory(const std::string& path) {
    std::string text = read_file(path);
    if (is_manifest_text(text)) return inventory_of(manifest::parse(text, path), path);
    lock::ReadOptions options;
    options.allow_missing_checksums = true;
    return inventory_of(lock::parse_lockfile(text, path, options));
}

}  // namespace cdf::review
