#include "lock/lockfile_reader.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "lock/names.hpp"
#include "util/atomic_file.hpp"
#include "util/sha256.hpp"

namespace cdf::lock {

namespace {

Location at(const std::string& path, const toml::node& node) {
    const auto& b = node.source().begin;
    return Location{path, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)};
}

// Lowercase hex of a checksum value, or empty when it is not 64 hex digits.
std::string normalized_checksum(std::string_view value) {
    std::string s(value);
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return is_sha256_hex(s) ? s : std::string();
}

class Reader {
public:
    Reader(const std::string& path, const ReadOptions& options) : path_(path), options_(options) {}

    Lockfile read(std::string_view text) {
        toml::table doc;
        try {
            doc = toml::parse(text, path_);
        } catch (const toml::parse_error& e) {
            const auto& b = e.source().begin;
            bad_input(Location{path_, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)},
                      fmt::format("invalid TOML: {}", e.description()));
        }
        Lockfile lock;
        lock.path = path_;
        lock.version = read_version(doc);
        read_metadata(doc);

        bool any_inline_checksum = false;
        if (const toml::node* root = doc.get("root")) {
            if (!root->is_table()) type_error(*root, "[root]", "a table");
            read_package(*root->as_table(), "[root]", lock, any_inline_checksum);
        }
        if (const toml::node* packages = doc.get("package")) {
            const toml::array* array = packages->as_array();
            if (!array) type_error(*packages, "package", "an array of tables ([[package]])");
            for (const toml::node& p : *array) {
                if (!p.is_table()) type_error(p, "[[package]] entry", "a table");
                read_package(*p.as_table(), "[[package]]", lock, any_inline_checksum);
            }
        }
        // [[patch.unused]] lists patches that did not apply: nothing to fetch.
        if (lock.version == 1 && any_inline_checksum) lock.version = 2;

        std::sort(lock.packages.begin(), lock.packages.end());
        for (std::size_t i = 1; i < lock.packages.size(); ++i) {
            const Package& a = lock.packages[i - 1];
            const Package& b = lock.packages[i];
            if (a.name == b.name && a.version == b.version && a.source.spelled == b.source.spelled) {
                const Package& later = a.where.line > b.where.line ? a : b;
                const Package& earlier = a.where.line > b.where.line ? b : a;
                bad_input(later.where, fmt::format("duplicate package {} {} ({}): already listed at line {}",
                                                   b.name, b.version, b.source.spelled, earlier.where.line));
            }
        }
        return lock;
    }

private:
    [[noreturn]] void type_error(const toml::node& node, std::string_view what, std::string_view expected) {
        bad_input(at(path_, node), fmt::format("{} must be {}, found {}", what, expected, toml::impl::node_type_friendly_names[static_cast<int>(node.type())]));
    }

    int read_version(const toml::table& doc) {
        const toml::node* v = doc.get("version");
        if (!v) return 1;
        if (!v->is_integer()) type_error(*v, "`version`", "an integer (3 or 4)");
        std::int64_t n = v->as_integer()->get();
        if (n != 3 && n != 4) {
            bad_input(at(path_, *v), fmt::format("lock file version `{}` was found, but cargo (and cargo-distfiles) "
                                                 "only understand versions 3 and 4 in a `version` key",
                                                 n));
        }
        return static_cast<int>(n);
    }

    // V1 keeps checksums in [metadata] as "checksum NAME VERSION (SOURCE)" = "HEX" | "<none>".
    void read_metadata(const toml::table& doc) {
        const toml::node* meta = doc.get("metadata");
        if (!meta) return;
        if (!meta->is_table()) type_error(*meta, "[metadata]", "a table");
        for (const auto& [key, value] : *meta->as_table()) {
            std::string_view k = key.str();
            if (k.substr(0, 9) != "checksum ") continue;
            const auto* s = value.as_string();
            if (!s) type_error(value, fmt::format("[metadata] {}", quote(k)), "a string");
            std::string_view id = k.substr(9);
            auto open = id.find(" (");
            if (open == std::string_view::npos || id.back() != ')')
                bad_input(at(path_, value), fmt::format("malformed [metadata] key {}: expected \"checksum NAME "
                                                        "VERSION (SOURCE)\"",
                                                        quote(k)));
            std::string name_version(id.substr(0, open));
            std::string source(id.substr(open + 2, id.size() - open - 3));
            std::string hex;
            if (s->get() != "<none>") {
                hex = normalized_checksum(s->get());
                if (hex.empty())
                    bad_input(at(path_, value), fmt::format("checksum {} of {} is not 64 hex digits",
                                                            quote(s->get()), name_version));
            }
            metadata_[name_version + " (" + source + ")"] = hex;
        }
    }

    std::string string_field(const toml::table& t, std::string_view key, std::string_view what, bool required) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) bad_input(at(path_, t), fmt::format("{} has no `{}`", what, key));
            return {};
        }
        if (!n->is_string()) type_error(*n, fmt::format("`{}` of {}", key, what), "a string");
        return n->as_string()->get();
    }

    void read_package(const toml::table& t, std::string_view what, Lockfile& lock, bool& any_inline_checksum) {
        std::string name = string_field(t, "name", what, true);
        std::string version = string_field(t, "version", what, true);
        const toml::node* source_node = t.get("source");
        if (const toml::node* c = t.get("checksum"); c) any_inline_checksum = true;
        if (!source_node) {
            ++lock.path_packages;
            return;
        }
        if (!source_node->is_string()) type_error(*source_node, fmt::format("`source` of {} {}", name, version), "a string");
        if (!is_valid_package_name(name))
            bad_input(at(path_, *t.get("name")),
                      fmt::format("package name {} is not one cargo accepts (ASCII letters, digits, '-' and '_', "
                                  "starting with a letter or '_', at most 64 characters)",
                                  quote(name)));
        if (!is_valid_version(version))
            bad_input(at(path_, *t.get("version")),
                      fmt::format("version {} of package {} is not a valid semantic version", quote(version), name));

        Package p;
        p.name = std::move(name);
        p.version = std::move(version);
        p.where = at(path_, t);
        p.source = parse_source_id(source_node->as_string()->get(), at(path_, *source_node));

        // A package with `replace` is replaced by another [[package]] entry,
        // which is the one that gets fetched.
        if (const toml::node* r = t.get("replace")) {
            if (!r->is_string()) type_error(*r, fmt::format("`replace` of {} {}", p.name, p.version), "a string");
            return;
        }

        if (p.source.is_registry()) {
            std::string hex;
            bool known = false;
            if (const toml::node* c = t.get("checksum")) {
                if (!c->is_string()) type_error(*c, fmt::format("`checksum` of {} {}", p.name, p.version), "a string");
                hex = normalized_checksum(c->as_string()->get());
                if (hex.empty())
                    bad_input(at(path_, *c), fmt::format("checksum {} of {} {} is not 64 hex digits",
                                                         quote(c->as_string()->get()), p.name, p.version));
                known = true;
            } else if (auto it = metadata_.find(p.name + " " + p.version + " (" + p.source.spelled + ")");
                       it != metadata_.end()) {
                hex = it->second;
                known = !hex.empty();
            }
            if (!known && !options_.allow_missing_checksums) {
                bad_input(p.where, fmt::format("registry crate {} {} has no checksum (lockfiles written before 2016 "
                                               "lack them), so its download cannot be verified; pass "
                                               "--allow-missing-checksums to fetch it unverified",
                                               p.name, p.version));
            }
            p.checksum = std::move(hex);
        }
        lock.packages.push_back(std::move(p));
    }

    const std::string& path_;
    const ReadOptions& options_;
    std::map<std::string, std::string> metadata_;  // "NAME VERSION (SOURCE)" -> hex or ""
};

}  // namespace

bool Package::operator<(const Package& o) const {
    return std::tie(name, version, source.spelled) < std::tie(o.name, o.version, o.source.spelled);
}

Lockfile parse_lockfile(std::string_view text, const std::string& path, const ReadOptions& options) {
    return Reader(path, options).read(text);
}

Lockfile read_lockfile(const std::string& path, const ReadOptions& options) {
    return parse_lockfile(read_file(path), path, options);
}

}  // namespace cdf::lock
