#include "licences/crate_metadata.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <system_error>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "util/error.hpp"
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
    if (ec || !fs::exists(status))
        bad_input(Location{path.string()}, "no such distfile: fetch the distfiles first");
    if (!fs::is_regular_file(status)) bad_input(Location{path.string()}, "not a regular file");
}

// A libarchive reader over one file.
class ArchiveReader {
public:
    // .crate files and forge archives are both gzip'd tar (the only formats
    // the statically linked libarchive carries).
    explicit ArchiveReader(const fs::path& path) : path_(path.string()), archive_(archive_read_new()) {
        if (!archive_) internal_error("libarchive: out of memory");
        archive_read_support_filter_gzip(archive_);
        archive_read_support_format_tar(archive_);
        if (archive_read_open_filename(archive_, path_.c_str(), 1 << 16) != ARCHIVE_OK) {
            // The destructor does not run for a constructor that throws.
            std::string why = archive_error_string(archive_) ? archive_error_string(archive_) : "unknown libarchive error";
            archive_read_free(archive_);
            bad_input(Location{path_}, fmt::format("cannot read the archive: {}", why));
        }
    }
    ~ArchiveReader() { archive_read_free(archive_); }
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;

    // The next entry, or nullptr at the end.
    archive_entry* next() {
        archive_entry* entry = nullptr;
        int r = archive_read_next_header(archive_, &entry);
        if (r == ARCHIVE_EOF) return nullptr;
        if (r < ARCHIVE_WARN) fail();
        return entry;
    }

    // The current entry's data, at most `limit` bytes.
    std::string data(std::string_view entry_path, std::size_t limit) {
        std::string out;
        char buffer[65536];
        for (;;) {
            la_ssize_t n = archive_read_data(archive_, buffer, sizeof buffer);
            if (n < 0) fail(entry_path);
            if (n == 0) break;
            if (out.size() + static_cast<std::size_t>(n) > limit)
                bad_input(Location{entry_location(path_, entry_path)},
                          fmt::format("larger than {} MiB: refused", limit >> 20));
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }

private:
    [[noreturn]] void fail(std::string_view entry_path = {}) {
        const char* why = archive_error_string(archive_);
        std::string where = entry_path.empty() ? path_ : entry_location(path_, entry_path);
        bad_input(Location{where}, fmt::format("cannot read the archive: {}", why ? why : "unknown libarchive error"));
    }

    std::string path_;
    archive* archive_;
};

std::string_view without_dot_slash(std::string_view path) {
    while (path.substr(0, 2) == "./") path.remove_prefix(2);
    return path;
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
    const std::string wanted = fmt::format("{}-{}/Cargo.toml", name, version);
    ArchiveReader reader(crate_file);
    std::optional<std::string> text;
    while (archive_entry* entry = reader.next()) {
        const char* path = archive_entry_pathname(entry);
        if (path && path == wanted && archive_entry_filetype(entry) == AE_IFREG) {
            text = reader.data(wanted, kMaxManifestSize);
            break;
        }
    }
    if (!text) bad_input(Location{archive}, fmt::format("the crate archive has no regular file {}", quote(wanted)));

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
    ArchiveReader reader(archive);
    std::size_t total = 0;
    while (archive_entry* entry = reader.next()) {
        const char* raw = archive_entry_pathname(entry);
        if (!raw || archive_entry_filetype(entry) != AE_IFREG) continue;
        std::string_view path = without_dot_slash(raw);
        std::string_view base = path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1);
        if (base != "Cargo.toml") continue;
        std::string text = reader.data(path, kMaxManifestSize);
        total += text.size();
        if (total > kMaxManifestsTotal)
            bad_input(Location{out.archive_},
                      fmt::format("its Cargo.toml files add up to more than {} MiB: refused", kMaxManifestsTotal >> 20));
        out.manifests_.emplace(std::string(path), std::move(text));
    }
    return out;
}

CrateLicence GitArchiveManifests::licence_of(std::string_view name, std::string_view version) const {
    // Parses a manifest of the archive, nullopt when it is not valid TOML
    // (repositories hold test fixtures that are not meant to parse).
    std::map<std::string, std::optional<toml::table>> parsed;
    auto parse = [&](const std::string& path) -> const toml::table* {
        auto it = parsed.find(path);
        if (it == parsed.end()) {
            std::optional<toml::table> t;
            try {
                t = parse_manifest(manifests_.at(path), entry_location(archive_, path));
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::BadInput) throw;
            }
            it = parsed.emplace(path, std::move(t)).first;
        }
        return it->second ? &*it->second : nullptr;
    };
    // The nearest Cargo.toml at or above `path`'s folder that has [workspace].
    auto workspace_root = [&](const std::string& path) -> std::optional<std::string> {
        std::string dir = path.substr(0, path.rfind('/') == std::string::npos ? 0 : path.rfind('/'));
        for (;;) {
            std::string candidate = dir.empty() ? "Cargo.toml" : dir + "/Cargo.toml";
            if (manifests_.count(candidate)) {
                const toml::table* t = parse(candidate);
                if (t && t->get("workspace")) return candidate;
            }
            if (dir.empty()) return std::nullopt;
            auto slash = dir.rfind('/');
            dir = slash == std::string::npos ? std::string() : dir.substr(0, slash);
        }
    };
    auto inherited = [&](const std::string& member, std::string_view key) -> std::optional<std::string> {
        const std::string member_where = entry_location(archive_, member);
        auto root = workspace_root(member);
        if (!root)
            bad_input(Location{member_where},
                      fmt::format("`package.{}` is inherited from the workspace, but no enclosing Cargo.toml has a "
                                  "[workspace] table",
                                  key));
        const toml::table* t = parse(*root);
        const toml::node* value = nullptr;
        if (const toml::table* ws = (*t)["workspace"].as_table())
            if (const toml::table* pkg = (*ws)["package"].as_table()) value = pkg->get(key);
        if (!value || !value->as_string())
            bad_input(Location{member_where},
                      fmt::format("`package.{}` is inherited from the workspace, but {} has no string "
                                  "`workspace.package.{}`",
                                  key, entry_location(archive_, *root), key));
        return value->as_string()->get();
    };

    std::vector<std::string> matches;          // paths of [package]s with this name and version
    std::vector<std::string> other_versions;   // versions found under this name
    std::size_t unparsable = 0;
    std::optional<std::string> first_problem;  // a candidate that could not be read
    for (const auto& [path, text] : manifests_) {
        if (text.find(name) == std::string::npos) continue;
        const toml::table* t = parse(path);
        if (!t) {
            ++unparsable;
            continue;
        }
        // Repositories hold odd Cargo.toml files (fixtures, templates): one
        // that cannot be read only matters when the crate is not found.
        try {
            const std::string where = entry_location(archive_, path);
            const toml::table* package = package_table(*t, where);
            if (!package) continue;
            const toml::node* n = package->get("name");
            if (!n || !n->as_string() || n->as_string()->get() != name) continue;
            Field v = package_field(*package, "version", where);
            std::string found_version = v.state == Field::State::Value       ? v.value
                                        : v.state == Field::State::Inherited ? *inherited(path, "version")
                                                                             : "0.0.0";
            if (found_version == version) {
                matches.push_back(path);
            } else {
                other_versions.push_back(found_version);
            }
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::BadInput) throw;
            if (!first_problem) first_problem = e.what();
        }
    }
    if (matches.empty()) {
        std::string detail;
        if (!other_versions.empty()) {
            std::sort(other_versions.begin(), other_versions.end());
            detail += fmt::format("; it has {} at version(s) {}", name, fmt::join(other_versions, ", "));
        }
        if (unparsable) detail += fmt::format("; {} Cargo.toml file(s) in it are not valid TOML", unparsable);
        if (first_problem) detail += fmt::format("; one could not be read: {}", *first_problem);
        bad_input(Location{archive_}, fmt::format("the git archive holds no [package] named {} with version {} "
                                                  "(among {} Cargo.toml files){}",
                                                  quote(name), quote(version), manifests_.size(), detail));
    }
    // Nearest the root first, then byte order.
    std::stable_sort(matches.begin(), matches.end(), [](const std::string& a, const std::string& b) {
        auto depth = [](const std::string& p) { return std::count(p.begin(), p.end(), '/'); };
        return depth(a) < depth(b);
    });
    const std::string& path = matches.front();
    const std::string where = entry_location(archive_, path);
    const toml::table* package = package_table(*parse(path), where);

    CrateLicence out;
    out.name = std::string(name);
    out.version = std::string(version);
    out.where = where;
    for (auto [key, target] : {std::pair{"license", &out.license}, std::pair{"license-file", &out.license_file}}) {
        Field f = package_field(*package, key, where);
        if (f.state == Field::State::Value) *target = f.value;
        if (f.state == Field::State::Inherited) *target = inherited(path, key);
    }
    return out;
}

std::vector<CrateLicence> read_licences(const manifest::Manifest& manifest, const fs::path& distdir) {
    std::vector<CrateLicence> out;
    std::map<std::string, GitArchiveManifests> archives;
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
