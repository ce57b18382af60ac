#include "lock/merge.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

namespace cdf::lock {

std::vector<Package> merge_packages(const std::vector<Lockfile>& lockfiles) {
    std::map<std::tuple<std::string, std::string, std::string>, const Package*> seen;
    std::vector<Package> out;
    for (const Lockfile& lock : lockfiles) {
        for (const Package& p : lock.packages) {
            auto [it, inserted] = seen.emplace(std::make_tuple(p.name, p.version, p.source.canonical()), &p);
            if (inserted) {
                out.push_back(p);
                continue;
            }
            const Package& first = *it->second;
            if (first.checksum != p.checksum) {
                bad_input(p.where, fmt::format("conflict: {} {} ({}) has checksum {} here but {} at {}", p.name,
                                               p.version, p.source.spelled, p.checksum.empty() ? "(none)" : p.checksum,
                                               first.checksum.empty() ? "(none)" : first.checksum, first.where.str()));
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace cdf::lock
