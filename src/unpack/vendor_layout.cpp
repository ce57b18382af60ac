#include "unpack/vendor_layout.hpp"

#include <map>

#include <fmt/format.h>

#include "unpack/version_order.hpp"
#include "util/error.hpp"

namespace cdf::unpack {

std::vector<std::string> vendor_folder_names(const std::vector<manifest::CrateEntry>& crates, DirNames style,
                                             const std::string& manifest_path) {
    std::map<std::pair<std::string, std::string>, const manifest::CrateEntry*> seen;
    std::map<std::string, std::string> highest;  // name -> highest version
    for (const auto& c : crates) {
        auto [it, inserted] = seen.try_emplace({c.name, c.version}, &c);
        if (!inserted)
            bad_input(Location{manifest_path},
                      fmt::format("crate {} {} comes from two sources, which cannot share a vendor directory: {} and {}",
                                  c.name, c.version, it->second->source, c.source));
        auto [h, first] = highest.try_emplace(c.name, c.version);
        if (!first && compare_versions(c.version, h->second) > 0) h->second = c.version;
    }
    std::vector<std::string> names;
    names.reserve(crates.size());
    for (const auto& c : crates) {
        bool bare = style == DirNames::Cargo && highest[c.name] == c.version;
        names.push_back(bare ? c.name : c.name + "-" + c.version);
    }
    return names;
}

}  // namespace cdf::unpack
