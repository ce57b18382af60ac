#include "unpack/vendor_layout.hpp"

#include <map>
#include <utility>

#include <fmt/format.h>

#include "cargo/semver.hpp"
#include "util/error.hpp"

namespace cdf::unpack {

namespace {

constexpr std::string_view kGitFolderPrefix = ".git-";
constexpr std::size_t kCommitDigits = 12;

using NameVersion = std::pair<std::string, std::string>;

[[noreturn]] void refuse_two_sources(const manifest::CrateEntry& a, const manifest::CrateEntry& b,
                                     const std::string& manifest_path) {
    bad_input(Location{manifest_path},
              fmt::format("crate {} {} comes from two sources, which cannot share a vendor directory: {} and {}",
                          a.name, a.version, a.source, b.source));
}

}  // namespace

std::vector<std::string> vendor_folder_names(const std::vector<manifest::CrateEntry>& crates, DirNames style,
                                             const std::string& manifest_path) {
    std::map<NameVersion, const manifest::CrateEntry*> seen;
    std::map<std::string, std::string> highest;  // name -> highest version
    for (const auto& c : crates) {
        auto [it, inserted] = seen.try_emplace({c.name, c.version}, &c);
        if (!inserted) refuse_two_sources(*it->second, c, manifest_path);
        auto [h, first] = highest.try_emplace(c.name, c.version);
        if (!first && cargo::compare_versions(c.version, h->second) > 0) h->second = c.version;
    }
    std::vector<std::string> names;
    names.reserve(crates.size());
    for (const auto& c : crates) {
        bool bare = style == DirNames::Cargo && highest[c.name] == c.version;
        names.push_back(bare ? c.name : c.name + "-" + c.version);
    }
    return names;
}

std::map<std::string, std::string> git_source_folders(const manifest::Manifest& manifest,
                                                      const std::string& manifest_path) {
    std::map<NameVersion, std::vector<const manifest::CrateEntry*>> by_key;
    for (const auto& c : manifest.crates) by_key[{c.name, c.version}].push_back(&c);

    std::map<std::string, std::string> folders;  // git distfile -> dot folder
    for (const auto& [key, list] : by_key) {
        if (list.size() < 2) continue;
        const manifest::CrateEntry* other = nullptr;  // a non-git source of this crate
        for (const auto* c : list) {
            if (c->is_git()) {
                const manifest::GitEntry* git = manifest.find_git(c->distfile);
                if (!git)
                    bad_input(Location{manifest_path},
                              fmt::format("crate {} {} names git archive {}, which has no git line", c->name,
                                          c->version, c->distfile));
                folders[c->distfile] = std::string(kGitFolderPrefix) + git->commit.substr(0, kCommitDigits);
            } else if (other) {
                refuse_two_sources(*other, *c, manifest_path);  // two registries: no way around it
            } else {
                other = c;
            }
        }
    }
    // Two colliding git sources whose commits share a prefix share a dot
    // folder: fine, unless they hold the same crate.
    std::map<std::pair<std::string, NameVersion>, const manifest::CrateEntry*> placed;
    for (const auto& c : manifest.crates) {
        if (!c.is_git()) continue;
        auto folder = folders.find(c.distfile);
        if (folder == folders.end()) continue;
        auto [it, inserted] = placed.try_emplace({folder->second, {c.name, c.version}}, &c);
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
    const std::map<std::string, std::string> git_folders = git_source_folders(manifest, manifest_path);
    // Crates by folder ("" for the vendor directory itself), each named
    // among its own folder's crates.
    std::map<std::string, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < manifest.crates.size(); ++i) {
        const auto& c = manifest.crates[i];
        auto folder = c.is_git() ? git_folders.find(c.distfile) : git_folders.end();
        groups[folder == git_folders.end() ? std::string() : folder->second].push_back(i);
    }
    std::vector<std::string> paths(manifest.crates.size());
    for (const auto& [folder, indices] : groups) {
        std::vector<manifest::CrateEntry> crates;
        crates.reserve(indices.size());
        for (std::size_t i : indices) crates.push_back(manifest.crates[i]);
        std::vector<std::string> names = vendor_folder_names(crates, style, manifest_path);
        for (std::size_t k = 0; k < indices.size(); ++k)
            paths[indices[k]] = folder.empty() ? names[k] : folder + "/" + names[k];
    }
    return paths;
}

}  // namespace cdf::unpack
