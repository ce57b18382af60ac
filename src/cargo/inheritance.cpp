#include "cargo/inheritance.hpp"

#include <array>
#include <memory>
#include <type_traits>
#include <filesystem>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "util/error.hpp"
#include "util/toml_guard.hpp"

namespace cdf::cargo {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHeader =
    "# Rewritten by cargo-distfiles for a vendor directory: the values this crate\n"
    "# inherits from its git workspace (`workspace = true`) are filled in from the\n"
    "# workspace root's Cargo.toml, so that the manifest stands alone.\n\n";

// [workspace.package] keys a member may inherit (cargo's InheritablePackage).
constexpr std::array<std::string_view, 17> kInheritablePackageKeys = {"authors",      "badges",        "categories",
                                                                      "description",  "documentation", "edition",
                                                                      "exclude",      "homepage",      "include",
                                                                      "keywords",     "license",       "license-file",
                                                                      "publish",      "readme",        "repository",
                                                                      "rust-version", "version"};

constexpr std::array<std::string_view, 5> kDependencyTables = {"dependencies", "dev-dependencies", "dev_dependencies",
                                                               "build-dependencies", "build_dependencies"};

using NodePtr = std::unique_ptr<toml::node>;

NodePtr clone(const toml::node& n) {
    return n.visit(
        [](auto&& concrete) -> NodePtr { return NodePtr(new std::remove_cvref_t<decltype(concrete)>(concrete)); });
}

toml::table parse_manifest(const RepoManifest& m) { return parse_toml(m.text, m.display, "not a valid Cargo.toml"); }

// `x.workspace = true` / `x = { workspace = true, ... }`: the `workspace` flag
// of a table, or nullopt when `node` is no table with a `workspace` key.
std::optional<bool> workspace_flag(const toml::node* node) {
    const toml::table* t = node ? node->as_table() : nullptr;
    if (!t) return std::nullopt;
    const toml::node* w = t->get("workspace");
    if (!w) return std::nullopt;
    if (auto b = w->value<bool>()) return *b;
    return false;
}

class Rewriter {
public:
    Rewriter(std::string_view crate, const RepoManifest& member, const RepoManifest* root,
             const std::function<bool(const std::string&)>& file_exists)
        : crate_(crate), member_(member), root_(root), file_exists_(file_exists) {}

    StandaloneManifest run() {
        toml::table doc = parse_manifest(member_);
        bool changed = false;

        if (doc.contains("workspace")) {
            doc.erase("workspace");
            changed = true;
        }
        toml::table* package = doc["package"].as_table();
        if (!package) package = doc["project"].as_table();
        if (package) {
            if (package->contains("workspace")) {
                package->erase("workspace");
                changed = true;
            }
            for (std::string_view key : kInheritablePackageKeys) {
                auto flag = workspace_flag(package->get(key));
                if (!flag) continue;
                require_true(*flag, fmt::format("package.{}", key));
                package->insert_or_assign(key, *inherited_package_value(key));
                changed = true;
            }
        }
        if (auto flag = workspace_flag(doc.get("badges"))) {
            require_true(*flag, "badges");
            doc.insert_or_assign("badges", *inherited_package_value("badges"));
            changed = true;
        }
        if (auto flag = workspace_flag(doc.get("lints"))) {
            require_true(*flag, "lints");
            if (doc["lints"].as_table()->size() != 1)
                bad(fmt::format("crate {} sets `lints.workspace = true` and lints of its own; cargo refuses that",
                                quote(crate_)));
            doc.insert_or_assign("lints", inherited_lints());
            changed = true;
        }
        changed |= resolve_dependency_tables(doc, "");
        if (toml::table* targets = doc["target"].as_table()) {
            for (auto&& [platform, node] : *targets) {
                if (toml::table* t = node.as_table())
                    changed |= resolve_dependency_tables(*t, fmt::format("target.{}.", platform.str()));
            }
        }

        StandaloneManifest out;
        if (!changed) {
            out.text = member_.text;
            return out;
        }
        std::ostringstream s;
        s << kHeader
          << toml::toml_formatter(doc, toml::format_flags::allow_unicode_strings |
                                           toml::format_flags::allow_real_tabs_in_strings)
          << '\n';
        out.rewritten = true;
        out.text = s.str();
        return out;
    }

private:
    [[noreturn]] void bad(std::string message) const { bad_input(Location{member_.display}, std::move(message)); }

    void require_true(bool flag, const std::string& key) const {
        if (!flag)
            bad(fmt::format("crate {}: `{}.workspace` must be `true` (cargo accepts no other value)", quote(crate_),
                            key));
    }

    const toml::table& root_doc(const std::string& what) {
        if (!root_)
            bad(
                fmt::format("crate {} inherits {} from its workspace, but no workspace root (a Cargo.toml with a "
                            "[workspace] table) was found above it",
                            quote(crate_), what));
        if (!root_doc_) root_doc_ = parse_manifest(*root_);
        return *root_doc_;
    }

    [[noreturn]] void missing(const std::string& what, const std::string& root_key) const {
        bad(fmt::format("crate {} inherits {} from its workspace, but the workspace root {} has no `{}`", quote(crate_),
                        what, root_->display, root_key));
    }

    NodePtr inherited_package_value(std::string_view key) {
        std::string what = fmt::format("`{}`", key);
        const toml::table& root = root_doc(what);
        std::string root_key = fmt::format("workspace.package.{}", key);
        const toml::node* value = root.at_path(root_key).node();

        if (key == "readme") {
            // cargo's readme_for_package(): unset means the root's default
            // README file if there is one; `true` means README.md; `false`
            // counts as not defined.
            std::optional<std::string> readme;
            if (!value) {
                for (const char* name : {"README.md", "README.txt", "README"}) {
                    std::string candidate = root_->dir.empty() ? name : root_->dir + "/" + name;
                    if (file_exists_ && file_exists_(candidate)) {
                        readme = name;
                        break;
                    }
                }
            } else if (auto b = value->value<bool>()) {
                if (*b) readme = "README.md";
            } else if (auto str = value->value<std::string>()) {
                readme = *str;
            }
            if (!readme) missing(what, root_key);
            return NodePtr(new toml::value<std::string>(rebase_path(*readme, root_->dir, member_.dir)));
        }
        if (!value) missing(what, root_key);
        if (key == "license-file") {
            auto str = value->value<std::string>();
            if (!str) missing(what, root_key);
            return NodePtr(new toml::value<std::string>(rebase_path(*str, root_->dir, member_.dir)));
        }
        return clone(*value);
    }

    toml::table inherited_lints() {
        const toml::table& root = root_doc("`lints`");
        const toml::table* lints = root.at_path("workspace.lints").as_table();
        if (!lints) missing("`lints`", "workspace.lints");
        toml::table copy = *lints;
        copy.is_inline(false);
        return copy;
    }

    bool resolve_dependency_tables(toml::table& owner, const std::string& prefix) {
        bool changed = false;
        for (std::string_view kind : kDependencyTables) {
            toml::table* deps = owner[kind].as_table();
            if (!deps) continue;
            for (auto&& [name, node] : *deps) {
                auto flag = workspace_flag(&node);
                if (!flag) continue;
                std::string where = fmt::format("{}{}.{}", prefix, kind, name.str());
                require_true(*flag, where);
                NodePtr resolved = inherit_dependency(std::string(name.str()), *node.as_table(), where);
                deps->insert_or_assign(name, *resolved);
                changed = true;
            }
        }
        return changed;
    }

    static std::optional<bool> default_features(const toml::table& t) {
        if (auto v = t["default-features"].value<bool>()) return v;
        return t["default_features"].value<bool>();
    }

    NodePtr inherit_dependency(const std::string& name, const toml::table& member_dep, const std::string& where) {
        std::string what = fmt::format("dependency `{}` (in `{}`)", name, where);
        const toml::table& root = root_doc(what);
        const toml::table* ws_deps = root.at_path("workspace.dependencies").as_table();
        const toml::node* ws_dep = ws_deps ? ws_deps->get(name) : nullptr;
        if (!ws_dep) missing(what, fmt::format("workspace.dependencies.{}", name));

        const toml::node* member_features = member_dep.get("features");
        const toml::node* member_optional = member_dep.get("optional");
        std::optional<bool> member_default = default_features(member_dep);

        if (auto version = ws_dep->value<std::string>()) {
            const toml::node* member_public = member_dep.get("public");
            if (!member_optional && !member_features && !member_public)
                return NodePtr(new toml::value<std::string>(*version));
            auto* d = new toml::table();
            NodePtr out(d);
            d->is_inline(true);
            d->insert_or_assign("version", *version);
            if (member_features) d->insert_or_assign("features", *member_features);
            if (member_optional) d->insert_or_assign("optional", *member_optional);
            if (member_public) d->insert_or_assign("public", *member_public);
            return out;
        }
        const toml::table* ws_table = ws_dep->as_table();
        if (!ws_table)
            bad_input(Location{root_->display},
                      fmt::format("`workspace.dependencies.{}` is neither a version string nor a table", name));

        auto* d = new toml::table(*ws_table);
        NodePtr out(d);
        d->is_inline(true);
        if (auto path = (*d)["path"].value<std::string>())
            d->insert_or_assign("path", rebase_path(*path, root_->dir, member_.dir));
        if (member_default == true && default_features(*d) == false) {
            d->erase("default_features");
            d->insert_or_assign("default-features", true);
        }
        if (member_features) {
            const toml::array* extra = member_features->as_array();
            toml::array* features = (*d)["features"].as_array();
            if (!features) {
                d->insert_or_assign("features", toml::array{});
                features = (*d)["features"].as_array();
            }
            if (extra)
                for (const toml::node& f : *extra) features->push_back(f);
        }
        d->erase("optional");
        if (member_optional) d->insert_or_assign("optional", *member_optional);
        return out;
    }

    std::string_view crate_;
    const RepoManifest& member_;
    const RepoManifest* root_;
    const std::function<bool(const std::string&)>& file_exists_;
    std::optional<toml::table> root_doc_;
};

}  // namespace

std::string rebase_path(std::string_view path, std::string_view from, std::string_view to) {
    fs::path p{std::string(path)};
    if (p.is_absolute()) return std::string(path);
    fs::path target = (fs::path(std::string(from)) / p).lexically_normal();
    fs::path base = fs::path(std::string(to)).lexically_normal();
    if (base.empty()) base = ".";
    fs::path rel = target.lexically_relative(base);
    std::string out = rel.generic_string();
    if (!out.empty() && out.back() == '/') out.pop_back();
    return out.empty() ? std::string(".") : out;
}

std::optional<std::string> inherited_package_string(const toml::table& root, std::string_view root_dir,
                                                    std::string_view member_dir, std::string_view key) {
    auto value = root.at_path(fmt::format("workspace.package.{}", key)).value<std::string>();
    if (!value) return std::nullopt;
    if (key == "license-file" || key == "readme") return rebase_path(*value, root_dir, member_dir);
    return value;
}

StandaloneManifest make_standalone_manifest(std::string_view crate, const RepoManifest& member,
                                            const RepoManifest* root,
                                            const std::function<bool(const std::string&)>& repo_file_exists) {
    return Rewriter(crate, member, root, repo_file_exists).run();
}

}  // namespace cdf::cargo
