#include "unpack/git_crate_finder.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::unpack {

namespace {

constexpr std::size_t kMaxListed = 40;

}  // namespace

bool RepoScan::Files::exists(const std::string& path) const {
    return tree_.symlinks.count(path) > 0 || DiskTree::exists(path);
}

RepoScan::RepoScan(const RepoTree& tree)
    : tree_(tree),
      files_(tree),
      workspaces_(files_, cargo::TreeNames{[&tree](const std::string& path) { return tree.display(path); },
                                           [&tree](const std::string& path) { return tree.top_name + "/" + path; }}) {
    auto manifest_of = [&](const std::string& dir) {
        std::string file = cargo::manifest_in(dir);
        return RepoManifest{workspaces_.manifest(dir)->text, dir, tree_.display(file)};
    };
    for (const cargo::Package& p : workspaces_.packages()) {
        GitCrate c{p.name, p.version, p.dir, manifest_of(p.dir), std::nullopt};
        if (p.root) c.root = manifest_of(*p.root);
        crates_.push_back(std::move(c));
    }
}

const GitCrate& RepoScan::find(std::string_view name, std::string_view version) const {
    for (const auto& c : crates_)
        if (c.name == name && c.version == version) return c;

    std::string held;
    std::size_t listed = 0;
    for (const auto& c : crates_) {
        if (listed == kMaxListed) {
            held += fmt::format(" and {} more", crates_.size() - listed);
            break;
        }
        held += fmt::format("{}{} {} ({}/)", listed ? ", " : "", c.name, c.version,
                            c.dir.empty() ? tree_.top_name : tree_.top_name + "/" + c.dir);
        ++listed;
    }
    std::string message = fmt::format("crate {} {} is not in this archive; it holds {}", quote(name), version,
                                      crates_.empty() ? std::string("no crate at all") : held);
    const auto& problems = workspaces_.problems();
    if (!problems.empty()) {
        message += "; these Cargo.toml files could not be read: ";
        for (std::size_t i = 0; i < problems.size(); ++i) message += (i ? "; " : "") + problems[i];
    }
    bad_input(Location{tree_.archive}, message);
}

StandaloneManifest RepoScan::standalone_manifest(const GitCrate& crate) const {
    auto exists = [this](const std::string& relative) { return files_.exists(relative); };
    return make_standalone_manifest(crate.name, crate.manifest, crate.root ? &*crate.root : nullptr, exists);
}

}  // namespace cdf::unpack
