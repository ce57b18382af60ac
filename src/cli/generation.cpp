#include "cli/generation.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <toml++/toml.h>

#include "lock/merge.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/fields.hpp"
#include "util/toml_guard.hpp"

namespace cdf::cli {

namespace {

// "KEY=TEMPLATE" where TEMPLATE starts with a URL scheme; KEY may itself
// hold '=' (a registry URL with a query), so split at the '=' that starts
// the template.
std::pair<std::string, std::string> split_assignment(const std::string& text, std::string_view option) {
    for (std::size_t eq = text.find('='); eq != std::string::npos; eq = text.find('=', eq + 1)) {
        std::string_view rest = std::string_view(text).substr(eq + 1);
        auto scheme = rest.find("://");
        if (scheme != std::string_view::npos && scheme > 0 &&
            rest.substr(0, scheme).find_first_not_of("abcdefghijklmnopqrstuvwxyz+.-") == std::string_view::npos)
            return {text.substr(0, eq), std::string(rest)};
    }
    throw Error(ErrorKind::BadInput, fmt::format("{} {}: expected KEY=TEMPLATE with a URL template such as "
                                                 "https://...",
                                                 option, quote(text)));
}

void check_template(const std::string& tmpl, const Location& where, std::string_view what) {
    if (!is_safe_word(tmpl, "?#&{}"))
        bad_input(where, fmt::format("{} template {} holds a space, quote or shell character", what, quote(tmpl)));
}

void read_config_file(const std::string& path, distfiles::MappingOptions& out) {
    toml::table doc = parse_toml(read_file(path), path);
    auto read_table = [&](std::string_view name, std::map<std::string, std::string>& into, std::string_view what) {
        const toml::node* n = doc.get(name);
        if (!n) return;
        const auto& b = n->source().begin;
        Location where{path, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)};
        if (!n->is_table()) bad_input(where, fmt::format("[{}] must be a table of KEY = \"TEMPLATE\"", name));
        for (const auto& [key, value] : *n->as_table()) {
            const auto& vb = value.source().begin;
            Location vwhere{path, static_cast<std::uint32_t>(vb.line), static_cast<std::uint32_t>(vb.column)};
            if (!value.is_string()) bad_input(vwhere, fmt::format("[{}] {} must be a string", name, quote(key.str())));
            std::string tmpl = value.as_string()->get();
            check_template(tmpl, vwhere, what);
            into.emplace(std::string(key.str()), tmpl);  // the command line, read first, wins
        }
    };
    for (const auto& [key, value] : doc) {
        if (key.str() != "registries" && key.str() != "git-archives") {
            const auto& b = value.source().begin;
            bad_input(Location{path, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)},
                      fmt::format("unknown key {} (expected [registries] or [git-archives])", quote(key.str())));
        }
    }
    read_table("registries", out.registry_templates, "registry");
    read_table("git-archives", out.git_archive_templates, "git archive");
}

distfiles::MappingOptions mapping_options(const GenerationOptions& options) {
    distfiles::MappingOptions m;
    for (const auto& r : options.registry_templates) {
        auto [source, tmpl] = split_assignment(r, "--registry");
        check_template(tmpl, {}, "--registry");
        m.registry_templates[source] = tmpl;
    }
    for (const auto& g : options.git_archives) {
        auto [host, tmpl] = split_assignment(g, "--git-archive");
        check_template(tmpl, {}, "--git-archive");
        std::string lowered = host;
        std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        m.git_archive_templates[lowered] = tmpl;
    }
    if (!options.config_file.empty()) read_config_file(options.config_file, m);
    return m;
}

}  // namespace

void add_generation_options(CLI::App& cmd, GenerationOptions& options) {
    cmd.add_option("--registry", options.registry_templates,
                   "Download template of a registry other than crates.io, as SOURCE=TEMPLATE: SOURCE is the "
                   "lockfile's source id (e.g. sparse+https://reg.example.org/index/), TEMPLATE the `dl` value "
                   "of its config.json, with cargo's markers {crate} {version} {prefix} {lowerprefix} "
                   "{sha256-checksum}")
        ->type_name("SOURCE=TEMPLATE")
        ->take_all();
    cmd.add_option("--git-archive", options.git_archives,
                   "Archive URL template for git sources on HOST (HOST may carry a :port), with markers {host} "
                   "{path} {name} {commit}; also overrides the built-in GitHub, GitLab, Codeberg/Gitea/Forgejo "
                   "and sourcehut templates (for a mirror)")
        ->type_name("HOST=TEMPLATE")
        ->take_all();
    cmd.add_option("--config", options.config_file,
                   "TOML file with [registries] SOURCE = \"TEMPLATE\" and [git-archives] HOST = \"TEMPLATE\" "
                   "tables; command-line options win")
        ->type_name("FILE");
    cmd.add_flag("--allow-missing-checksums", options.allow_missing_checksums,
                 "Accept registry crates whose lockfile has no checksum (before 2016): the manifest marks them "
                 "unverified and `unpack` warns about each");
}

distfiles::Plan plan_from_lockfiles(const std::vector<std::string>& lockfiles, const GenerationOptions& options) {
    distfiles::MappingOptions mapping = mapping_options(options);
    lock::ReadOptions read_options;
    read_options.allow_missing_checksums = options.allow_missing_checksums;
    std::vector<lock::Lockfile> locks;
    locks.reserve(lockfiles.size());
    for (const auto& path : lockfiles) locks.push_back(lock::read_lockfile(path, read_options));
    return distfiles::plan_downloads(lock::merge_packages(locks), mapping);
}

}  // namespace cdf::cli
