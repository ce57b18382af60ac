#include "distfiles/registry_download.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace cdf::distfiles {

std::string crates_io_url(std::string_view name, std::string_view version) {
    std::string url;
    url.reserve(40 + 2 * name.size() + version.size());
    url.append("https://static.crates.io/crates/").append(name).append("/").append(name).append("-");
    url.append(version).append(".crate");
    return url;
}

std::string crate_prefix(std::string_view name) {
    switch (name.size()) {
        case 0: return {};
        case 1: return "1";
        case 2: return "2";
        case 3: return fmt::format("3/{}", name.substr(0, 1));
        default: return fmt::format("{}/{}", name.substr(0, 2), name.substr(2, 2));
    }
}

std::string expand_registry_template(std::string_view tmpl, const lock::Package& package) {
    static constexpr std::string_view markers[] = {"{crate}", "{version}", "{prefix}", "{lowerprefix}",
                                                   "{sha256-checksum}"};
    std::string url(tmpl);
    bool any = std::any_of(std::begin(markers), std::end(markers),
                           [&](std::string_view m) { return url.find(m) != std::string::npos; });
    if (!any) url += "/{crate}/{version}/download";
    std::string prefix = crate_prefix(package.name);
    const std::string lower_prefix = lower(prefix);
    replace_all(url, "{crate}", package.name);
    replace_all(url, "{version}", package.version);
    replace_all(url, "{lowerprefix}", lower_prefix);
    replace_all(url, "{prefix}", prefix);
    replace_all(url, "{sha256-checksum}", package.checksum);
    return url;
}

std::string registry_slug(const lock::SourceId& source) {
    std::string_view url = source.url;
    if (auto p = url.find("://"); p != std::string_view::npos) url = url.substr(p + 3);
    std::string slug;
    for (char c : url) {
        bool keep = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
        if (keep) {
            slug += c;
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && (slug.back() == '-' || slug.back() == '.')) slug.pop_back();
    if (slug.size() > 4 && slug.compare(slug.size() - 4, 4, "-git") == 0 && source.url.ends_with(".git"))
        slug.resize(slug.size() - 4);
    return slug;
}

std::string registry_distfile_name(const lock::Package& package) {
    if (package.source->is_crates_io()) {
        std::string name;
        name.reserve(package.name.size() + package.version.size() + 7);
        name.append(package.name).append("-").append(package.version).append(".crate");
        return name;
    }
    return fmt::format("{}-{}@{}.crate", package.name, package.version, registry_slug(*package.source));
}

}  // namespace cdf::distfiles
