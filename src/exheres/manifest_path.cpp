#include "exheres/manifest_path.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::exheres {

std::filesystem::path default_manifest_path(const std::filesystem::path& exheres) {
    std::string name = exheres.filename().string();
    if (name.size() <= kExheresSuffix.size() ||
        std::string_view(name).substr(name.size() - kExheresSuffix.size()) != kExheresSuffix)
        bad_input(Location{exheres.string()},
                  fmt::format("cannot name the manifest after {}: the file name does not end in `{}`; pass "
                              "--manifest FILE",
                              quote(name), kExheresSuffix));
    std::string pnvr = name.substr(0, name.size() - kExheresSuffix.size());
    return exheres.parent_path() / "files" / (pnvr + std::string(kManifestSuffix));
}

}  // namespace cdf::exheres
