#include "licences/crate_metadata.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "cargo/inheritance.hpp"
#include "extract/crate_extractor.hpp"
#include "extract/git_archive.hpp"
#include "extract/hashing_reader.hpp"
#include "extract/memory_sink.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/toml_guard.hpp"

namespace cdf::licences {

namespace fs = std::filesystem;

namespace {

// A Cargo.toml larger than this is refused (the largest on crates.io are a
// few hundred KiB); so is a git archive whose Cargo.toml files add up to more.
constexpr std::size_t kMaxManifestSize = 8u << 20;
constexpr std::size_t kMaxManifestsTotal = 256u << 20;

std::string entry_location(const std::string& archive, std::string_view entry) {
    return fmt::format("{}({})", archive, entry);
}

void require_distfile(const fs::path& path) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) bad_input(Location{path.string()}, "no such distfile: fetch the distfiles first");
    if (!fs::is_regular_file(status)) bad_input(Location{path.string()}, "not a regular file");
}

// A crate's Cargo.toml comes from its author: read through the guards.
toml::table parse_manifest(const std::string& text, const std::string& where) {
    return parse_toml(text, where, "malformed Cargo.toml");
}

Location location_of(const toml::node& node, const std::string& where) {
    return Location{where, static_cast<std::uint32_t>(node.source().begin.line),
                    static_cast<std::uint32_t>(node.source().begin.column)};
}

// A [package] field that may be inherited from the workspace.
struct Field {
    enum class State { Absent, Value, Inherited };
    State state = State::Absent;
    std::string value;
};

Field package_field(const toml::table& package, std::string_view key, const std::string& where) {
    const toml::node* node = package.get(key);
    if (!node) return {};
    if (const auto* s = node->as_string()) return Field{Field::State::Value, s->get()};
    if (const auto* t = node->as_table()) {
        const toml::node* ws = t->get("workspace");
        if (ws && ws->as_boolean() && ws->as_boolean()->get()) return Field{Field::State::Inherited, {}};
    }
    bad_input(location_of(*node, where),
              fmt::format("`package.{}` is neither a string nor `{{ workspace = true }}`", key));
}

const toml::table* package_table(const toml::table& manifest, const std::string& where) {
    const toml::node* node = manifest.get("package");
    if (!node) return nullptr;
    const toml::table* t = node->as_table();
    if (!t) bad_input(location_of(*node, where), "`package` is not a table");
    return t;
}

std::string package_name(const toml::table& package, const std::string& where) {
    const toml::node* node = package.get("name");
    if (!node) bad_input(location_of(package, where), "[package] has no `name`");
    const auto* s = node->as_string();
    if (!s) bad_input(location_of(*node, where), "`package.name` is not a string");
    return s->get();
}

}  // namespace

CrateLicence read_crate_licence(const fs::path& crate_file, std::string_view name, std::string_view version) {
    require_distfile(crate_file);
    const std::string archive = crate_file.string();
    const std::string top = fmt::format("{}-{}", name, version);
    const std::string wanted = top + "/Cargo.toml";
    // Read as `unpack` reads it (the first gzip member, every entry rule),
    // keeping only the manifest, in memory.
    extract::HashingReader reader(crate_file);
    extract::MemorySink sink(
        archive, top, [](const std::string& p) { return p == "Cargo.toml"; }, kMaxManifestSize, kMaxManifestSize);
    extract::extract_crate(reader, top, sink);
    const std::string* text = &sink.kept().at("Cargo.toml");

    const std::string where = entry_location(archive, wanted);
    toml::table manifest = parse_manifest(*text, where);
    const toml::table* package = package_table(manifest, where);
    if (!package) bad_input(Location{where}, "no [package] table");

    CrateLicence out;
    out.name = package_name(*package, where);
    Field v = package_field(*package, "version", where);
    out.version = v.state == Field::State::Value ? v.value : "0.0.0";
    if (out.name != name || out.version != version)
        bad_input(Location{where}, fmt::format("describes package {} {}, but the manifest says this distfile holds "
                                               "{} {}",
                                               quote(out.name), quote(out.version), quote(name), quote(version)));
    for (auto [key, target] : {std::pair{"license", &out.license}, std::pair{"license-file", &out.license_file}}) {
        Field f = package_field(*package, key, where);
        if (f.state == Field::State::Inherited)
            bad_input(Location{where}, fmt::format("`package.{}` inherits from a workspace, which a packaged "
                                                   "crate cannot do",
                                                   key));
        if (f.state == Field::State::Value) *target = f.value;
    }
    out.where = where;
    return out;
}

GitArchiveManifests GitArchiveManifests::read(const fs::path& archive) {
    require_distfile(archive);
    GitArchiveManifests out;
    out.archive_ = archive.string();
    // Read as `unpack` reads it (one top folder, every entry rule), keeping
    // only the Cargo.toml files, in memory. The commit is `verify`'s and
    // `unpack`'s to check.
    extract::HashingReader reader(archive);
    extract::MemorySink sink(
        out.archive_, "", [](const std::string& p) { return p == "Cargo.toml" || ends_with(p, "/Cargo.toml"); },
        kMaxManifestSize, kMaxManifestsTotal);
    extract::RepoTree repo = extract::read_git_archive(reader, out.archive_, sink, std::nullopt, {});
    out.top_ = repo.top_name;
    out.tree_ = std::make_unique<cargo::MemoryTree>();
    for (const auto& [path, text] : sink.kept()) out.tree_->add(path, text);
    for (const auto& path : sink.others()) out.tree_->add(path, std::nullopt);
    for (const auto& [path, _] : repo.symlinks) out.tree_->add(path, std::nullopt);
    out.manifest_count_ = sink.kept().size();
    std::string where = out.archive_, top = out.top_;
    out.workspaces_ = std::make_unique<cargo::Workspaces>(
        *out.tree_,
        cargo::TreeNames{[where, top](const std::string& p) { return entry_location(where, top + "/" + p); },
                         [top](const std::string& p) { return top + "/" + p; }});
    return out;
}

std::string GitArchiveManifests::where(const std::string& dir) const {
    return entry_location(archive_, top_ + "/" + cargo::manifest_in(dir));
}

std::string GitArchiveManifests::inherited(const std::string& dir, std::string_view key) const {
    const std::string member_where = where(dir);
    auto root = workspaces_->root_of(dir);
    if (!root)
        bad_input(Location{member_where},
                  fmt::format("`package.{}` is inherited from the workspace, but no workspace root was found for it "
                              "(a Cargo.toml with a [workspace] table above it, or named by `package.workspace`)",
                              key));
    auto value = cargo::inherited_package_string(*workspaces_->manifest(*root)->doc, *root, dir, key);
    if (!value)
        bad_input(Location{member_where},
                  fmt::format("`package.{}` is inherited from the workspace, but {} has no string "
                              "`workspace.package.{}`",
                              key, where(*root), key));
    return *value;
}

CrateLicence GitArchiveManifests::licence_of(std::string_view name, std::string_view version) const {
    if (const cargo::Package* found = workspaces_->find(name, version)) {
        const std::string where_ = where(found->dir);
        const toml::table* package = package_table(*workspaces_->manifest(found->dir)->doc, where_);
        if (!package) bad_input(Location{where_}, "no [package] table");
        CrateLicence out;
        out.name = std::string(name);
        out.version = std::string(version);
        out.where = where_;
        for (auto [key, target] : {std::pair{"license", &out.license}, std::pair{"license-file", &out.license_file}}) {
            Field f = package_field(*package, key, where_);
            if (f.state == Field::State::Value) *target = f.value;
            if (f.state == Field::State::Inherited) *target = inherited(found->dir, key);
        }
        return out;
    }

    // Not there: say what the archive holds under that name instead.
    std::vector<std::string> other_versions;  // versions found under this name
    std::size_t unparsable = 0;
    std::optional<std::string> first_problem;  // a candidate that could not be read
    for (const std::string& dir : workspaces_->manifest_dirs()) {
        const cargo::Workspaces::Manifest& m = *workspaces_->manifest(dir);
        if (m.text.find(name) == std::string::npos) continue;
        if (!m.doc) {
            ++unparsable;
            continue;
        }
        // Repositories hold odd Cargo.toml files (fixtures, templates).
        try {
            const std::string where_ = where(dir);
            const toml::table* package = package_table(*m.doc, where_);
            if (!package) continue;
            const toml::node* n = package->get("name");
            if (!n || !n->as_string() || n->as_string()->get() != name) continue;
            Field v = package_field(*package, "version", where_);
            other_versions.push_back(v.state == Field::State::Value       ? v.value
                                     : v.state == Field::State::Inherited ? inherited(dir, "version")
                                                                          : "0.0.0");
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::BadInput) throw;
            if (!first_problem) first_problem = e.what();
        }
    }
    std::string detail;
    if (!other_versions.empty()) {
        std::sort(other_versions.begin(), other_versions.end());
        detail += fmt::format("; it has {} at version(s) {}", name, fmt::join(other_versions, ", "));
    }
    if (unparsable) detail += fmt::format("; {} Cargo.toml file(s) in it are not valid TOML", unparsable);
    if (first_problem) detail += fmt::format("; one could not be read: {}", *first_problem);
    bad_input(Location{archive_}, fmt::format("the git archive holds no [package] named {} with version {} "
                                              "(among {} Cargo.toml files){}",
                                              quote(name), quote(version), manifest_count_, detail));
}

std::vector<CrateLicence> read_licences(const manifest::Manifest& manifest, const fs::path& distdir) {
    std::vector<CrateLicence> out;
    std::map<std::string, GitArchiveManifests, std::less<>> archives;
    for (const auto& c : manifest.crates) {
        fs::path file = distdir / c.distfile;
        if (c.is_git()) {
            auto it = archives.find(c.distfile);
            if (it == archives.end()) it = archives.emplace(c.distfile, GitArchiveManifests::read(file)).first;
            out.push_back(it->second.licence_of(c.name, c.version));
        } else {
            out.push_back(read_crate_licence(file, c.name, c.version));
        }
    }
    return out;
}

}  // namespace cdf::licences
