#include "unpack/vendor_layout.hpp"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>

#include <fmt/format.h>

#include "cargo/semver.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

namespace cdf::unpack {

namespace {

constexpr std::string_view kGitFolderPrefix = ".git-";
constexpr std::size_t kCommitDigits = 12;

// Views into the manifest's entries, which outlive every map below.
using NameVersion = std::pair<std::string_view, std::string_view>;

NameVersion key_of(const manifest::CrateEntry& c) { return {c.name, c.version}; }

[[noreturn]] void refuse_two_sources(const manifest::CrateEntry& a, const manifest::CrateEntry& b,
                                     const std::string& manifest_path) {
    bad_input(Location{manifest_path},
              fmt::format("crate {} {} comes from two sources, which cannot share a vendor directory: {} and {}",
                          a.name, a.version, a.source, b.source));
}

std::vector<const manifest::CrateEntry*> pointers_to(const std::vector<manifest::CrateEntry>& crates) {
    std::vector<const manifest::CrateEntry*> out;
    out.reserve(crates.size());
    for (const auto& c : crates) out.push_back(&c);
    return out;
}

// `crates` grouped by name and version (a stable sort: each group keeps
// manifest order), without a map node per crate.
std::vector<const manifest::CrateEntry*> sorted_by_key(std::vector<const manifest::CrateEntry*> crates) {
    auto less = [](const manifest::CrateEntry* a, const manifest::CrateEntry* b) { return key_of(*a) < key_of(*b); };
    if (!std::is_sorted(crates.begin(), crates.end(), less)) std::stable_sort(crates.begin(), crates.end(), less);
    return crates;
}

// vendor_folder_names over some of a manifest's crates (in manifest order).
std::vector<std::string> folder_names(const std::vector<const manifest::CrateEntry*>& crates, DirNames style,
                                      const std::string& manifest_path) {
    const std::vector<const manifest::CrateEntry*> by_key = sorted_by_key(crates);
    auto same_key = [](const manifest::CrateEntry* a, const manifest::CrateEntry* b) {
        return key_of(*a) == key_of(*b);
    };
    if (std::adjacent_find(by_key.begin(), by_key.end(), same_key) != by_key.end()) {
        // Refused: the first crate, in manifest order, whose name and version came before.
        std::map<NameVersion, const manifest::CrateEntry*> seen;
        for (const manifest::CrateEntry* c : crates)
            if (auto [it, inserted] = seen.try_emplace(key_of(*c), c); !inserted)
                refuse_two_sources(*it->second, *c, manifest_path);
    }
    std::map<std::string_view, std::string_view> highest;  // name -> highest version
    if (style == DirNames::Cargo)
        for (const manifest::CrateEntry* c : crates) {
            auto [h, first] = highest.try_emplace(c->name, c->version);
            if (!first && cargo::compare_versions(c->version, h->second) > 0) h->second = c->version;
        }
    std::vector<std::string> names;
    names.reserve(crates.size());
    for (const manifest::CrateEntry* c : crates) {
        bool bare = style == DirNames::Cargo && highest[c->name] == c->version;
        std::string name(c->name);
        if (!bare) name.append("-").append(c->version);
        names.push_back(std::move(name));
    }
    return names;
}

}  // namespace

std::vector<std::string> vendor_folder_names(const std::vector<manifest::CrateEntry>& crates, DirNames style,
                                             const std::string& manifest_path) {
    return folder_names(pointers_to(crates), style, manifest_path);
}

GitFolders git_source_folders(const manifest::Manifest& manifest, const std::string& manifest_path) {
    // The crates grouped by name and version (in that order, each group in
    // manifest order), without a map node per crate.
    const std::vector<const manifest::CrateEntry*> by_key = sorted_by_key(pointers_to(manifest.crates));

    GitFolders folders;  // git distfile -> dot folder
    for (std::size_t begin = 0, end = 0; begin < by_key.size(); begin = end) {
        for (end = begin + 1; end < by_key.size() && key_of(*by_key[end]) == key_of(*by_key[begin]);) ++end;
        if (end - begin < 2) continue;
        const manifest::CrateEntry* other = nullptr;  // a non-git source of this crate
        for (std::size_t i = begin; i < end; ++i) {
            const manifest::CrateEntry* c = by_key[i];
            if (c->is_git()) {
                const manifest::GitEntry* git = manifest.find_git(c->distfile);
                if (!git)
                    bad_input(Location{manifest_path},
                              fmt::format("crate {} {} names git archive {}, which has no git line", c->name,
                                          c->version, c->distfile));
                folders.insert_or_assign(std::string(c->distfile),
                                         std::string(kGitFolderPrefix) + git->commit.substr(0, kCommitDigits));
            } else if (other) {
                refuse_two_sources(*other, *c, manifest_path);  // two registries: no way around it
            } else {
                other = c;
            }
        }
    }
    if (folders.empty()) return folders;
    // Two colliding git sources whose commits share a prefix share a dot
    // folder: fine, unless they hold the same crate.
    std::map<std::pair<std::string_view, NameVersion>, const manifest::CrateEntry*> placed;
    for (const auto& c : manifest.crates) {
        if (!c.is_git()) continue;
        auto folder = folders.find(c.distfile);
        if (folder == folders.end()) continue;
        auto [it, inserted] = placed.try_emplace({std::string_view(folder->second), key_of(c)}, &c);
        if (!inserted)
            bad_input(Location{manifest_path},
                      fmt::format("crate {} {} comes from two git sources whose commits both start with {}, which "
                                  "cannot share a vendor folder: {} and {}",
                                  c.name, c.version, folder->second.substr(kGitFolderPrefix.size()), it->second->source,
                                  c.source));
    }
    return folders;
}

std::vector<std::string> vendor_folder_paths(const manifest::Manifest& manifest, DirNames style,
                                             const std::string& manifest_path) {
    const GitFolders git_folders = git_source_folders(manifest, manifest_path);
    // Crates by folder ("" for the vendor directory itself), each named
    // among its own folder's crates.
    std::map<std::string_view, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < manifest.crates.size(); ++i) {
        const auto& c = manifest.crates[i];
        auto folder = c.is_git() ? git_folders.find(c.distfile) : git_folders.end();
        groups[folder == git_folders.end() ? std::string_view() : std::string_view(folder->second)].push_back(i);
    }
    std::vector<std::string> paths(manifest.crates.size());
    for (const auto& [folder, indices] : groups) {
        std::vector<const manifest::CrateEntry*> crates;
        crates.reserve(indices.size());
        for (std::size_t i : indices) crates.push_back(&manifest.crates[i]);
        std::vector<std::string> names = folder_names(crates, style, manifest_path);
        for (std::size_t k = 0; k < indices.size(); ++k)
            paths[indices[k]] = folder.empty() ? std::move(names[k]) : join_path(folder, names[k]);
    }
    return paths;
}

}  // namespace cdf::unpack
