#include "cargo/workspace.hpp"

#include <algorithm>
#include <filesystem>
#include <tuple>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/toml_guard.hpp"

namespace cdf::cargo {

namespace {

std::string normal(std::string_view path) {
    std::string out = std::filesystem::path(std::string(path)).lexically_normal().generic_string();
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out == "." ? std::string() : out;
}

// Component-wise prefix, as Rust's Path::starts_with.
bool path_starts_with(std::string_view path, std::string_view prefix) {
    if (prefix.empty()) return true;
    if (!starts_with(path, prefix)) return false;
    return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::size_t depth(std::string_view dir) {
    return dir.empty() ? 0 : static_cast<std::size_t>(std::count(dir.begin(), dir.end(), '/')) + 1;
}

const toml::table* package_table(const toml::table& doc) {
    if (const toml::table* p = doc["package"].as_table()) return p;
    return doc["project"].as_table();
}

bool excludes(const std::string& root_dir, const toml::table& ws, const std::string& member_dir) {
    std::string rel = root_dir.empty() ? member_dir : member_dir.substr(root_dir.size() + 1);
    auto any_prefix = [&](const char* key) {
        const toml::array* list = ws[key].as_array();
        if (!list) return false;
        for (const auto& n : *list)
            if (auto s = n.value<std::string>(); s && path_starts_with(rel, normal(*s))) return true;
        return false;
    };
    return any_prefix("exclude") && !any_prefix("members");
}

}  // namespace

std::string parent_dir(std::string_view path) {
    auto slash = path.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

Workspaces::Workspaces(const FileTree& tree, TreeNames names) : tree_(tree), names_(std::move(names)) {
    for (const std::string& path : tree_.manifest_paths()) {
        Manifest m;
        m.text = tree_.read(path);
        try {
            m.doc = parse_toml(m.text, names_.location(path), "");
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::BadInput) throw;
            m.error = fmt::format("line {}: {}", e.where().line, e.message());
            m.error_line = static_cast<int>(e.where().line);
        }
        manifests_.emplace(parent_dir(path), std::move(m));
    }
    // What cargo's walk reaches: no dot folder, no `target` beside a manifest.
    for (const auto& [dir, _] : manifests_) {
        bool reached = true;
        std::string above;
        for (std::string_view part : split(dir, '/')) {
            if (dir.empty()) break;
            if (part.front() == '.' || (part == "target" && manifests_.count(above))) {
                reached = false;
                break;
            }
            above = above.empty() ? std::string(part) : above + "/" + std::string(part);
        }
        if (reached) dirs_.push_back(dir);
    }
    // Depth first, each folder's subfolders in byte order.
    std::sort(dirs_.begin(), dirs_.end(), [](const std::string& a, const std::string& b) {
        auto x = split(a, '/'), y = split(b, '/');
        if (a.empty() || b.empty()) return a.empty() && !b.empty();
        return std::lexicographical_compare(x.begin(), x.end(), y.begin(), y.end());
    });
    for (const std::string& dir : dirs_) visit(dir);
    std::sort(packages_.begin(), packages_.end(), [](const Package& a, const Package& b) {
        return std::make_tuple(std::string_view(a.name), std::string_view(a.version), depth(a.dir),
                               std::string_view(a.dir)) < std::make_tuple(std::string_view(b.name),
                                                                          std::string_view(b.version), depth(b.dir),
                                                                          std::string_view(b.dir));
    });
}

const Workspaces::Manifest* Workspaces::manifest(const std::string& dir) const {
    auto it = manifests_.find(dir);
    return it == manifests_.end() ? nullptr : &it->second;
}

const toml::table* Workspaces::doc_at(const std::string& dir) const {
    const Manifest* m = manifest(dir);
    return m && m->doc ? &*m->doc : nullptr;
}

bool Workspaces::is_root(const std::string& dir) const {
    const toml::table* doc = doc_at(dir);
    return doc && (*doc)["workspace"].as_table();
}

// `package.workspace = "PATH"`: false when the manifest has none; otherwise
// true, with `root` set when PATH is a workspace root inside the tree.
bool Workspaces::explicit_root(const std::string& dir, const toml::table& doc, std::optional<std::string>& root) const {
    const toml::table* pkg = package_table(doc);
    auto path = pkg ? (*pkg)["workspace"].value<std::string>() : std::nullopt;
    if (!path) return false;
    std::string target = normal(dir.empty() ? *path : dir + "/" + *path);
    if (!starts_with(target, "..") && is_root(target)) root = target;
    return true;
}

std::optional<std::string> Workspaces::root_of(const std::string& dir) const {
    const toml::table* doc = doc_at(dir);
    if (!doc) return std::nullopt;
    if ((*doc)["workspace"].as_table()) return dir;
    std::optional<std::string> root;
    if (explicit_root(dir, *doc, root)) return root;
    std::string up = dir;
    while (!up.empty()) {
        up = parent_dir(up);
        const toml::table* above = doc_at(up);
        if (!above) continue;
        if (const toml::table* ws = (*above)["workspace"].as_table()) {
            if (!excludes(up, *ws, dir)) return up;
            continue;
        }
        if (explicit_root(up, *above, root)) return root;
    }
    return std::nullopt;
}

void Workspaces::visit(const std::string& dir) {
    const std::string shown = names_.shown(manifest_in(dir));
    const Manifest& m = *manifest(dir);
    if (!m.doc) {
        problems_.push_back(fmt::format("{}: {}", shown, m.error));
        return;
    }
    const toml::table* pkg = package_table(*m.doc);
    if (!pkg) return;  // a virtual manifest
    auto name = (*pkg)["name"].value<std::string>();
    if (!name) {
        problems_.push_back(fmt::format("{}: no `package.name`", shown));
        return;
    }
    std::optional<std::string> root_dir = root_of(dir);
    std::string version = "0.0.0";
    const toml::node* v = pkg->get("version");
    if (v && v->is_string()) {
        version = *v->value<std::string>();
    } else if (v && v->is_table() && (*v->as_table())["workspace"].value<bool>() == true) {
        const toml::table* root = root_dir ? doc_at(*root_dir) : nullptr;
        auto inherited = root ? root->at_path("workspace.package.version").value<std::string>() : std::nullopt;
        if (!inherited) {
            problems_.push_back(
                root_dir ? fmt::format("{}: crate {} inherits `version`, but its workspace root {} has no "
                                       "`workspace.package.version`",
                                       shown, quote(*name), names_.shown(manifest_in(*root_dir)))
                         : fmt::format("{}: crate {} inherits `version`, but no workspace root was found above it",
                                       shown, quote(*name)));
            return;
        }
        version = *inherited;
    } else if (v) {
        problems_.push_back(fmt::format("{}: `package.version` is neither a string nor `workspace = true`", shown));
        return;
    }
    packages_.push_back(Package{*name, std::move(version), dir, std::move(root_dir)});
}

const Package* Workspaces::find(std::string_view name, std::string_view version) const {
    for (const auto& p : packages_)
        if (p.name == name && p.version == version) return &p;
    return nullptr;
}

}  // namespace cdf::cargo
