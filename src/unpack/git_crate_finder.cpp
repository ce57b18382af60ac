#include "unpack/git_crate_finder.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/toml_guard.hpp"

namespace cdf::unpack {
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxListed = 40;

std::string join(std::string_view dir, std::string_view name) {
    if (dir.empty()) return std::string(name);
    return fmt::format("{}/{}", dir, name);
}

std::string normal(std::string_view path) {
    std::string out = fs::path(std::string(path)).lexically_normal().generic_string();
    while (!out.empty() && out.back() == '/') out.pop_back();
    return out == "." ? std::string() : out;
}

// Component-wise prefix, as Rust's Path::starts_with.
bool path_starts_with(std::string_view path, std::string_view prefix) {
    if (prefix.empty()) return true;
    if (path.size() < prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return false;
    return path.size() == prefix.size() || path[prefix.size()] == '/';
}

std::size_t depth(std::string_view dir) {
    return dir.empty() ? 0 : static_cast<std::size_t>(std::count(dir.begin(), dir.end(), '/')) + 1;
}

const toml::table* package_table(const toml::table& doc) {
    if (const toml::table* p = doc["package"].as_table()) return p;
    return doc["project"].as_table();
}

class Scanner {
public:
    explicit Scanner(const RepoTree& tree) : tree_(tree) {}

    void walk(const std::string& dir, std::vector<GitCrate>& crates, std::vector<std::string>& problems) {
        fs::path here = dir.empty() ? tree_.top : tree_.top / dir;
        std::error_code ec;
        if (fs::is_regular_file(here / "Cargo.toml", ec)) visit(dir, crates, problems);

        std::vector<std::string> subdirs;
        for (const auto& e : fs::directory_iterator(here, ec)) {
            std::error_code ec2;
            if (!e.is_directory(ec2) || e.is_symlink(ec2)) continue;
            std::string name = e.path().filename().string();
            if (name.front() == '.') continue;
            if (name == "target" && fs::is_regular_file(here / "Cargo.toml", ec2)) continue;
            subdirs.push_back(std::move(name));
        }
        std::sort(subdirs.begin(), subdirs.end());
        for (const auto& name : subdirs) walk(join(dir, name), crates, problems);
    }

private:
    struct Loaded {
        std::string text;
        std::optional<toml::table> doc;  // nullopt: did not parse
        std::string error;
    };

    // The manifest in `dir`, or nullptr when there is none.
    const Loaded* load(const std::string& dir) {
        auto it = cache_.find(dir);
        if (it != cache_.end()) return it->second ? &*it->second : nullptr;
        std::optional<Loaded> loaded;
        fs::path file = (dir.empty() ? tree_.top : tree_.top / dir) / "Cargo.toml";
        std::error_code ec;
        if (fs::is_regular_file(file, ec)) {
            loaded.emplace();
            loaded->text = read_file(file);
            try {
                loaded->doc = parse_toml(loaded->text, tree_.display(join(dir, "Cargo.toml")), "");
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::BadInput) throw;
                loaded->error = fmt::format("line {}: {}", e.where().line, e.message());
            }
        }
        auto [pos, _] = cache_.emplace(dir, std::move(loaded));
        return pos->second ? &*pos->second : nullptr;
    }

    const toml::table* doc_at(const std::string& dir) {
        const Loaded* l = load(dir);
        return l && l->doc ? &*l->doc : nullptr;
    }

    bool is_root(const std::string& dir) {
        const toml::table* doc = doc_at(dir);
        return doc && (*doc)["workspace"].as_table();
    }

    // `package.workspace = "PATH"`: false when the manifest has none;
    // otherwise true, with `root` set when PATH is a workspace root inside
    // the repository.
    bool explicit_root(const std::string& dir, const toml::table& doc, std::optional<std::string>& root) {
        const toml::table* pkg = package_table(doc);
        auto path = pkg ? (*pkg)["workspace"].value<std::string>() : std::nullopt;
        if (!path) return false;
        std::string target = normal(join(dir, *path));
        if (target.rfind("..", 0) != 0 && is_root(target)) root = target;
        return true;
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

    // The workspace root folder of the package in `dir` (see the header).
    std::optional<std::string> find_root(const std::string& dir, const toml::table& doc) {
        if (doc["workspace"].as_table()) return dir;
        std::optional<std::string> root;
        if (explicit_root(dir, doc, root)) return root;
        std::string up = dir;
        while (!up.empty()) {
            std::size_t slash = up.rfind('/');
            up = slash == std::string::npos ? std::string() : up.substr(0, slash);
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

    void visit(const std::string& dir, std::vector<GitCrate>& crates, std::vector<std::string>& problems) {
        std::string file = join(dir, "Cargo.toml");
        std::string shown = tree_.top_name + "/" + file;
        const Loaded* l = load(dir);
        if (!l->doc) {
            problems.push_back(fmt::format("{}: {}", shown, l->error));
            return;
        }
        const toml::table* pkg = package_table(*l->doc);
        if (!pkg) return;  // a virtual manifest
        auto name = (*pkg)["name"].value<std::string>();
        if (!name) {
            problems.push_back(fmt::format("{}: no `package.name`", shown));
            return;
        }
        std::optional<std::string> root_dir = find_root(dir, *l->doc);
        std::string version = "0.0.0";
        const toml::node* v = pkg->get("version");
        if (v && v->is_string()) {
            version = *v->value<std::string>();
        } else if (v && v->is_table() && (*v->as_table())["workspace"].value<bool>() == true) {
            const toml::table* root = root_dir ? doc_at(*root_dir) : nullptr;
            auto inherited = root ? root->at_path("workspace.package.version").value<std::string>() : std::nullopt;
            if (!inherited) {
                problems.push_back(
                    root_dir ? fmt::format("{}: crate {} inherits `version`, but its workspace root {}/{} has no "
                                           "`workspace.package.version`",
                                           shown, quote(*name), tree_.top_name, join(*root_dir, "Cargo.toml"))
                             : fmt::format("{}: crate {} inherits `version`, but no workspace root was found above it",
                                           shown, quote(*name)));
                return;
            }
            version = *inherited;
        } else if (v) {
            problems.push_back(fmt::format("{}: `package.version` is neither a string nor `workspace = true`", shown));
            return;
        }

        GitCrate c;
        c.name = *name;
        c.version = std::move(version);
        c.dir = dir;
        c.manifest = RepoManifest{l->text, dir, tree_.display(file)};
        if (root_dir) {
            const Loaded* r = load(*root_dir);
            c.root = RepoManifest{r->text, *root_dir, tree_.display(join(*root_dir, "Cargo.toml"))};
        }
        crates.push_back(std::move(c));
    }

    const RepoTree& tree_;
    std::map<std::string, std::optional<Loaded>> cache_;
};

}  // namespace

std::string RepoTree::display(std::string_view relative) const {
    if (relative.empty()) return fmt::format("{}: {}", archive, top_name);
    return fmt::format("{}: {}/{}", archive, top_name, relative);
}

RepoScan::RepoScan(const RepoTree& tree) : tree_(tree) {
    Scanner scanner(tree);
    scanner.walk("", crates_, problems_);
    std::sort(crates_.begin(), crates_.end(), [](const GitCrate& a, const GitCrate& b) {
        return std::make_tuple(std::string_view(a.name), std::string_view(a.version), depth(a.dir),
                               std::string_view(a.dir)) < std::make_tuple(std::string_view(b.name),
                                                                          std::string_view(b.version), depth(b.dir),
                                                                          std::string_view(b.dir));
    });
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
    if (!problems_.empty()) {
        message += "; these Cargo.toml files could not be read: ";
        for (std::size_t i = 0; i < problems_.size(); ++i) message += (i ? "; " : "") + problems_[i];
    }
    bad_input(Location{tree_.archive}, message);
}

StandaloneManifest RepoScan::standalone_manifest(const GitCrate& crate) const {
    auto exists = [this](const std::string& relative) {
        std::error_code ec;
        return tree_.symlinks.count(relative) > 0 || fs::is_regular_file(tree_.top / relative, ec);
    };
    return make_standalone_manifest(crate.name, crate.manifest, crate.root ? &*crate.root : nullptr, exists);
}

}  // namespace cdf::unpack
