#include "lock/merge.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace cdf::lock {

namespace {

int compare_identity(const Package& a, const Package& b) {
    if (int c = a.name.compare(b.name)) return c;
    if (int c = a.version.compare(b.version)) return c;
    return a.source->canonical().compare(b.source->canonical());
}

}  // namespace

std::vector<Package> merge_packages(const std::vector<Lockfile>& lockfiles) {
    std::vector<const Package*> all;
    for (const Lockfile& lock : lockfiles)
        for (const Package& p : lock.packages) all.push_back(&p);
    // Stable: of two equal packages, the one from the earlier lockfile is kept.
    // A single lockfile is already in order unless it spells a source two ways.
    auto by_identity = [](const Package* a, const Package* b) { return compare_identity(*a, *b) < 0; };
    if (!std::is_sorted(all.begin(), all.end(), by_identity)) std::stable_sort(all.begin(), all.end(), by_identity);
    std::vector<Package> out;
    out.reserve(all.size());
    const Package* first = nullptr;
    for (const Package* p : all) {
        if (first && compare_identity(*first, *p) == 0) {
            if (first->checksum != p->checksum)
                bad_input(p->where(),
                          fmt::format("conflict: {} {} ({}) has checksum {} here but {} at {}", p->name, p->version,
                                      p->source->spelled, p->checksum.empty() ? "(none)" : p->checksum,
                                      first->checksum.empty() ? "(none)" : first->checksum, first->where().str()));
            continue;
        }
        first = p;
        out.push_back(*p);
    }
    // Already in order unless two spellings of one source sort differently.
    if (!std::is_sorted(out.begin(), out.end())) std::sort(out.begin(), out.end());
    return out;
}

}  // namespace cdf::lock
