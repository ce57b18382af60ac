#include "distcheck/paludis_manifest.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/fields.hpp"

namespace cdf::distcheck {

std::string render_paludis_manifest(std::vector<ManifestDist> dists) {
    std::sort(dists.begin(), dists.end(), [](const ManifestDist& a, const ManifestDist& b) { return a.name < b.name; });
    std::string out;
    for (std::size_t i = 0; i < dists.size(); ++i) {
        const auto& d = dists[i];
        if (!is_safe_word(d.name) || d.name.find('/') != std::string::npos)
            bad_input(Location{}, fmt::format("distfile name {} cannot be a Manifest field (empty, '/', whitespace or "
                                              "shell characters)",
                                              quote(d.name)));
        if (i > 0 && dists[i - 1].name == d.name)
            bad_input(Location{}, fmt::format("distfile {} would be listed twice in the Manifest", d.name));
        out += fmt::format("DIST {} {} SHA256 {} SHA512 {}\n", d.name, d.size, d.sha256, d.sha512);
    }
    return out;
}

}  // namespace cdf::distcheck
