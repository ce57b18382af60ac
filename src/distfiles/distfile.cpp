#include "distfiles/distfile.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "distfiles/git_archive_url.hpp"
#include "distfiles/registry_download.hpp"
#include "util/fields.hpp"

namespace cdf::distfiles {

namespace {

// The template the packager gave for a registry: by the source as spelled,
// or by its canonical form.
const std::string* find_registry_template(const MappingOptions& options, const lock::SourceId& source) {
    if (auto it = options.registry_templates.find(source.spelled); it != options.registry_templates.end())
        return &it->second;
    for (const auto& [key, tmpl] : options.registry_templates)
        if (registry_key_matches(key, source)) return &tmpl;
    return nullptr;
}

// Sources without a download template: every one is reported in one run,
// each once (at its first package), the list capped.
class UnknownSources {
public:
    void add(const std::string& key, const Location& where, std::string message) {
        if (!seen_.insert(key).second) return;
        problems_.push_back({where, std::move(message)});
    }
    void throw_if_any() const {
        if (problems_.empty()) return;
        constexpr std::size_t kShown = 10;
        std::string message = problems_.front().second;
        for (std::size_t i = 1; i < problems_.size() && i < kShown; ++i) {
            std::string at = problems_[i].first.str();
            message += "\ncargo-distfiles: error: " + (at.empty() ? "" : at + ": ") + problems_[i].second;
        }
        if (problems_.size() > kShown)
            message += fmt::format("\ncargo-distfiles: error: ... and {} more sources without a download template",
                                   problems_.size() - kShown);
        throw Error(ErrorKind::BadInput, problems_.front().first, message);
    }

private:
    std::set<std::string> seen_;
    std::vector<std::pair<Location, std::string>> problems_;
};

}  // namespace

bool registry_key_matches(std::string_view key, const lock::SourceId& source) {
    if (key == source.spelled) return true;
    std::string k(key);
    if (lock::canonical_url(k) == lock::canonical_url(source.spelled) ||
        (source.kind == lock::SourceKind::Registry && lock::canonical_url(k) == lock::canonical_url(source.url)))
        return true;
    return key == "crates-io" && source.is_crates_io();
}

namespace {

void check_url(const std::string& url, const lock::Package& p) {
    if (!is_safe_word(url, "?#&") || url.find("://") == std::string::npos)
        bad_input(p.where(), fmt::format("the download URL {} made for {} {} is not a plain URL (a template must not "
                                         "produce spaces, quotes or shell characters)",
                                         quote(url), p.name, p.version));
}

}  // namespace

Plan plan_downloads(const std::vector<lock::Package>& packages, const MappingOptions& options) {
    Plan plan;
    plan.downloads.reserve(packages.size());
    plan.manifest.crates.reserve(packages.size());
    std::vector<const lock::Package*> download_of;  // parallel to plan.downloads, for messages
    download_of.reserve(packages.size());
    UnknownSources unknown;

    // The entries' text goes into the manifest's own strings (the packages'
    // views point into lockfiles that the plan outlives); a source id, shared
    // by most packages, once.
    std::map<const lock::SourceId*, std::string_view> source_text;
    auto keep = [&](std::string_view s) { return plan.manifest.keep(s); };
    for (const lock::Package& p : packages) {
        manifest::CrateEntry entry;
        entry.name = keep(p.name);
        entry.version = keep(p.version);
        auto [known_source, added] = source_text.try_emplace(p.source);
        if (added) known_source->second = keep(p.source->spelled);
        entry.source = known_source->second;
        std::string url;
        if (p.source->is_git()) {
            entry.distfile = keep(git_distfile_name(*p.source));
            entry.check = manifest::CrateCheck::Git;
            if (p.source->git_path().empty())
                bad_input(p.where(), fmt::format("git source {} has no repository path", quote(p.source->spelled)));
            std::optional<std::string> tmpl = find_archive_template(*p.source, options.git_archive_templates);
            if (!tmpl) {
                unknown.add("git " + p.source->git_host(), p.where(), unknown_host_message(*p.source));
                continue;
            }
            url = expand_archive_template(*tmpl, *p.source);
            if (!plan.manifest.find_git(entry.distfile)) {
                manifest::GitEntry g;
                g.distfile = std::string(entry.distfile);
                g.url = p.source->url;
                g.reference = p.source->reference.str();
                g.commit = p.source->commit;
                plan.manifest.git.push_back(std::move(g));
            }
        } else {
            entry.distfile = keep(registry_distfile_name(p));
            if (const std::string* tmpl = find_registry_template(options, *p.source)) {
                url = expand_registry_template(*tmpl, p);
            } else if (p.source->is_crates_io()) {
                url = crates_io_url(p.name, p.version);
            } else {
                unknown.add("registry " + p.source->spelled, p.where(),
                            fmt::format("{} {} comes from the registry {}, whose download URLs cargo-distfiles "
                                        "cannot know offline: give its `dl` template (from the index's "
                                        "config.json) with --registry '{}=https://.../{{crate}}/{{version}}/"
                                        "download' or in a --config file",
                                        p.name, p.version, p.source->spelled, p.source->spelled));
                continue;
            }
            if (p.checksum.empty()) {
                entry.check = manifest::CrateCheck::Unverified;
            } else {
                entry.check = manifest::CrateCheck::Sha256;
                entry.sha256 = keep(p.checksum);
            }
        }
        // crates.io URLs are made of a validated name and version; the others
        // come from templates and must be checked.
        if (!p.source->is_crates_io() || !options.registry_templates.empty()) check_url(url, p);
        plan.downloads.push_back(Distfile{std::move(url), std::string(entry.distfile)});
        download_of.push_back(&p);
        plan.manifest.crates.push_back(std::move(entry));
    }

    unknown.throw_if_any();

    // One download per distfile name; two URLs for one name is an error.
    std::vector<std::size_t> order(plan.downloads.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    auto by_name = [&](std::size_t a, std::size_t b) { return plan.downloads[a].name < plan.downloads[b].name; };
    if (!std::is_sorted(order.begin(), order.end(), by_name)) std::stable_sort(order.begin(), order.end(), by_name);
    std::vector<Distfile> unique;
    unique.reserve(order.size());
    for (std::size_t i : order) {
        Distfile& d = plan.downloads[i];
        if (!unique.empty() && unique.back().name == d.name) {
            if (unique.back().url != d.url)
                bad_input(download_of[i]->where(), fmt::format("two downloads would be saved as {}: {} and {}", d.name,
                                                               unique.back().url, d.url));
            continue;
        }
        unique.push_back(std::move(d));
    }
    plan.downloads = std::move(unique);
    plan.manifest.sort();
    return plan;
}

}  // namespace cdf::distfiles
