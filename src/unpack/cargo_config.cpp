#include "unpack/cargo_config.hpp"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "cargo/config_paths.hpp"
#include "lock/source_id.hpp"
#include "unpack/vendor_layout.hpp"
#include "util/error.hpp"

namespace cdf::unpack {

namespace {

constexpr std::string_view kVendored = "vendored-sources";
constexpr std::string_view kVendoredGit = "vendored-git-";

bool is_bare_key(std::string_view key) {
    if (key.empty()) return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return false;
    return true;
}

std::string toml_key(std::string_view key) { return is_bare_key(key) ? std::string(key) : toml_string(key); }

// One [source.NAME] table: its keys and (already rendered) values, in order.
using Table = std::vector<std::pair<std::string, std::string>>;

}  // namespace

namespace {

struct StringMetrics {
    std::size_t max_single_quotes = 0;  // longest run of '
    std::size_t max_double_quotes = 0;  // longest run of "
    bool backslash = false;
    bool newline = false;
    bool control = false;  // control characters other than tab and newline, DEL
};

StringMetrics measure(std::string_view text) {
    StringMetrics m;
    std::size_t singles = 0, doubles = 0;
    for (unsigned char c : text) {
        singles = c == '\'' ? singles + 1 : 0;
        doubles = c == '"' ? doubles + 1 : 0;
        m.max_single_quotes = std::max(m.max_single_quotes, singles);
        m.max_double_quotes = std::max(m.max_double_quotes, doubles);
        if (c == '\\') m.backslash = true;
        if (c == '\n') m.newline = true;
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) m.control = true;
    }
    return m;
}

// A basic string ("..." or """..."""), escaping what must be.
std::string escaped_basic(std::string_view text, bool multi_line) {
    std::string out = multi_line ? "\"\"\"\n" : "\"";
    for (unsigned char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += multi_line ? "\n" : "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7f)
                    out += fmt::format("\\u{:04X}", c);
                else
                    out += static_cast<char>(c);
        }
    }
    out += multi_line ? "\"\"\"" : "\"";
    return out;
}

}  // namespace

std::string toml_string(std::string_view text) {
    StringMetrics m = measure(text);
    if (m.control) return escaped_basic(text, m.newline);
    if (m.max_double_quotes == 0 && !m.backslash) return escaped_basic(text, m.newline);
    if (m.max_single_quotes == 0 && !m.newline) return fmt::format("'{}'", text);
    std::string_view lead = m.newline ? "\n" : "";
    if (m.max_double_quotes <= 2 && !m.backslash) return fmt::format("\"\"\"{}{}\"\"\"", lead, text);
    if (m.max_single_quotes <= 2) return fmt::format("'''{}{}'''", lead, text);
    return escaped_basic(text, m.newline);
}

std::string render_cargo_config(const manifest::Manifest& manifest, std::string_view vendor_dir,
                                const std::string& manifest_path) {
    std::map<std::string, Table> tables;
    const std::string replace = toml_string(kVendored);
    // One table per registry: each distinct source is looked at once.
    lock::SourceIdCache sources;
    std::string_view previous;
    for (const auto& crate : manifest.crates) {
        if (crate.is_git() || crate.source == previous) continue;  // git: from the git lines below
        previous = crate.source;
        const lock::SourceId& id = sources.get(crate.source, [&] { return Location{manifest_path}; });
        if (id.is_crates_io()) {
            tables["crates-io"] = {{"replace-with", replace}};
        } else {
            std::string name = id.kind == lock::SourceKind::Registry ? "registry+" + id.url : id.url;
            tables[name] = {{"registry", toml_string(id.url)}, {"replace-with", replace}};
        }
    }
    const GitFolders git_folders = git_source_folders(manifest, manifest_path);
    std::string dir_prefix(vendor_dir);
    if (!dir_prefix.empty() && dir_prefix.back() != '/') dir_prefix += '/';
    for (const auto& git : manifest.git) {
        std::string name = "git+" + git.url;
        Table table{{"git", toml_string(git.url)}};
        if (git.reference != "-") {
            name += "?" + git.reference;
            auto eq = git.reference.find('=');
            table.emplace_back(git.reference.substr(0, eq), toml_string(git.reference.substr(eq + 1)));
        }
        auto folder = git_folders.find(git.distfile);
        if (folder == git_folders.end()) {
            table.emplace_back("replace-with", replace);
        } else {
            // ".git-<commit12>" -> its own directory source "vendored-git-<commit12>"
            std::string source = std::string(kVendoredGit) + folder->second.substr(std::string_view(".git-").size());
            table.emplace_back("replace-with", toml_string(source));
            tables[source] = {{"directory", toml_string(dir_prefix + folder->second)}};
        }
        auto [it, fresh] = tables.try_emplace(name, table);
        if (!fresh && it->second != table)
            bad_input(Location{manifest_path},
                      fmt::format("git source {} is listed with two commits that need different vendor folders", name));
    }
    tables[std::string(kVendored)] = {{"directory", toml_string(vendor_dir)}};

    std::string out;
    for (const auto& [name, table] : tables) {
        if (!out.empty()) out += '\n';
        out += fmt::format("[source.{}]\n", toml_key(name));
        for (const auto& [key, value] : table) out += fmt::format("{} = {}\n", key, value);
    }
    return out;
}

std::string render_cargo_config(const manifest::Manifest& manifest, const std::filesystem::path& vendor_dir,
                                const std::string& manifest_path, const std::filesystem::path& config_file) {
    return render_cargo_config(manifest,
                               cargo::path_for_config(vendor_dir, config_file, std::filesystem::current_path()),
                               manifest_path);
}

}  // namespace cdf::unpack
