#include "cli/generation.hpp"

#include <algorithm>
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "cli/suggest.hpp"
#include "distfiles/git_archive_url.hpp"
#include "lock/merge.hpp"
#include "manifest/manifest.hpp"
#include "unpack/lock_check.hpp"
#include "unpack/unpack.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/fields.hpp"
#include "util/heap.hpp"
#include "util/strings.hpp"
#include "util/toml_guard.hpp"

namespace cdf::cli {

namespace {

// "KEY=TEMPLATE" where TEMPLATE starts with a URL scheme; KEY may itself
// hold '=' (a registry URL with a query), so split at the '=' that starts
// the template. For --git-archive, "HOST=KIND" names a forge kind instead.
std::pair<std::string, std::string> split_assignment(const std::string& text, std::string_view option) {
    if (option == "--git-archive") {
        // A host holds no '=': what follows the first one is a kind or a URL.
        auto eq = text.find('=');
        if (eq != std::string::npos && eq > 0) {
            std::string kind = text.substr(eq + 1);
            if (auto tmpl = distfiles::forge_kind_template(kind)) return {text.substr(0, eq), *tmpl};
            if (!kind.empty() && kind.find_first_not_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos)
                throw Error(ErrorKind::BadInput,
                            fmt::format("--git-archive {}: unknown forge kind {} (kinds: {}; or give a URL "
                                        "template such as https://HOST/{{path}}/archive/{{commit}}.tar.gz)",
                                        quote(text), quote(kind), distfiles::forge_kinds()));
        }
    }
    for (std::size_t eq = text.find('='); eq != std::string::npos; eq = text.find('=', eq + 1)) {
        std::string_view rest = std::string_view(text).substr(eq + 1);
        auto scheme = rest.find("://");
        if (scheme != std::string_view::npos && scheme > 0 &&
            rest.substr(0, scheme).find_first_not_of("abcdefghijklmnopqrstuvwxyz+.-") == std::string_view::npos)
            return {text.substr(0, eq), std::string(rest)};
    }
    throw Error(ErrorKind::BadInput, fmt::format("{} {}: expected KEY=TEMPLATE with a URL template such as "
                                                 "https://...{}",
                                                 option, quote(text),
                                                 option == "--git-archive" ? fmt::format(", or HOST=KIND (KIND: {})",
                                                                                         distfiles::forge_kinds())
                                                                           : std::string()));
}

// `what` is "registry" or "git archive" (config file) or the option.
void check_template(const std::string& tmpl, const Location& where, std::string_view what) {
    bool registry = what.find("registry") != std::string_view::npos;
    static const std::vector<std::string> kRegistryMarkers{"{crate}", "{version}", "{prefix}", "{lowerprefix}",
                                                           "{sha256-checksum}"};
    static const std::vector<std::string> kArchiveMarkers{"{host}", "{path}", "{name}", "{commit}"};
    const auto& markers = registry ? kRegistryMarkers : kArchiveMarkers;
    for (std::size_t open = tmpl.find('{'); open != std::string::npos; open = tmpl.find('{', open + 1)) {
        std::size_t close = tmpl.find('}', open);
        std::string marker = close == std::string::npos ? tmpl.substr(open) : tmpl.substr(open, close - open + 1);
        if (std::find(markers.begin(), markers.end(), marker) != markers.end()) continue;
        std::string hint;
        if (auto near = closest(marker, markers)) hint = fmt::format("did you mean {}? ", *near);
        bad_input(where, fmt::format("{} template {}: unknown marker {}: {}(markers: {})", what, quote(tmpl),
                                     quote(marker), hint, fmt::join(markers, " ")));
    }
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
            if (name == "git-archives")
                if (auto kind = distfiles::forge_kind_template(tmpl)) tmpl = *kind;
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
        m.git_archive_templates[lower(host)] = tmpl;
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
                   "{path} {name} {commit}, or HOST=KIND for the forge it runs (github, gitlab, gitea, sourcehut; "
                   "e.g. invent.kde.org=gitlab); also overrides the built-in GitHub, GitLab, Codeberg/Gitea/Forgejo "
                   "and sourcehut templates (for a mirror)")
        ->type_name("HOST=TEMPLATE|KIND")
        ->take_all();
    cmd.add_option("--config", options.config_file,
                   "TOML file with [registries] SOURCE = \"TEMPLATE\" and [git-archives] HOST = \"TEMPLATE\" "
                   "tables; command-line options win")
        ->type_name("FILE");
    cmd.add_flag("--allow-missing-checksums", options.allow_missing_checksums,
                 "Accept registry crates whose lockfile has no checksum (before 2016): the manifest marks them "
                 "unverified and `unpack` warns about each");
}

namespace {

// A --registry or --git-archive given on the command line that no package
// uses is most likely mistyped: say so (a --config file, shared between
// packages, may hold more than one package needs).
void warn_unused_settings(const GenerationOptions& options, const std::vector<lock::Package>& packages) {
    for (const auto& r : options.registry_templates) {
        std::string key = split_assignment(r, "--registry").first;
        bool used = std::any_of(packages.begin(), packages.end(), [&](const lock::Package& p) {
            return !p.source->is_git() && distfiles::registry_key_matches(key, *p.source);
        });
        if (!used)
            fmt::print(stderr,
                       "cargo-distfiles: warning: --registry {}: no package of the lockfiles comes from {} "
                       "(the key must be the lockfile's source, e.g. sparse+https://reg.example.org/index/)\n",
                       quote(r), quote(key));
    }
    for (const auto& g : options.git_archives) {
        std::string host = lower(split_assignment(g, "--git-archive").first);
        bool used = std::any_of(packages.begin(), packages.end(), [&](const lock::Package& p) {
            return p.source->is_git() && distfiles::archive_host_matches(host, *p.source);
        });
        if (!used)
            fmt::print(stderr,
                       "cargo-distfiles: warning: --git-archive {}: no git package of the lockfiles is "
                       "hosted on {}\n",
                       quote(g), quote(host));
    }
}

// What `unpack` would refuse from the manifest and the lockfile alone is
// refused now, at bump time: each lockfile is checked against the manifest
// as `unpack --lock` does, and the vendor layout and cargo config are
// planned. The manifest is not read back from its text: every field of it
// was checked, where it was made, by the rule the manifest reader applies to
// it (names and versions by the lockfile reader, source ids and commits by
// the source id parser, distfile names by the DOWNLOADS renderer, which
// `generate` and `update` run before they write anything), and the corpus
// test (tests/cli/corpus_walk_test.cpp) checks that the text reads back to
// the same manifest. The layout is planned in one --dir-names style only:
// the styles differ in folder names alone, and every refusal of the layout
// (a crate from two sources, two git sources sharing a dot folder) is made
// before names are chosen, the same in both. The lockfiles are taken by value
// and freed before the vendor layout is planned, the peak of the heap.
void check_as_unpack_will(const manifest::Manifest& manifest, std::vector<lock::Lockfile> locks) {
    const std::string name = "the manifest";
    for (const auto& lock : locks) unpack::check_lock_against_manifest(lock, manifest, name);
    locks = {};
    unpack::plan_vendor(manifest, unpack::DirNames::Versioned, "vendor", name);
}

}  // namespace

distfiles::Plan plan_from_lockfiles(const std::vector<std::string>& lockfiles, const GenerationOptions& options,
                                    std::string* manifest_text) {
    // The peak heap is about 3.3 times the lockfiles' size (measured with
    // massif: 0.88 MB for nushell's 1035-package, 270 kB lock); faulting that
    // in at once saves a page fault per 4 KiB, faulting in more than is used
    // costs kernel time (clearing pages).
    // A missing file is reported by the reader.
    std::uintmax_t lock_bytes = 0;
    for (const auto& path : lockfiles) {
        std::error_code ec;
        auto size = std::filesystem::file_size(path, ec);
        if (!ec) lock_bytes += size;
    }
    reserve_heap(static_cast<std::size_t>(std::min<std::uintmax_t>(lock_bytes * 4, std::uintmax_t{32} << 20)));
    distfiles::MappingOptions mapping = mapping_options(options);
    lock::ReadOptions read_options;
    read_options.allow_missing_checksums = options.allow_missing_checksums;
    std::vector<lock::Lockfile> locks;
    locks.reserve(lockfiles.size());
    for (const auto& path : lockfiles) locks.push_back(lock::read_lockfile(path, read_options));
    distfiles::Plan plan;
    {
        std::vector<lock::Package> packages = lock::merge_packages(locks);  // views into `locks`
        warn_unused_settings(options, packages);
        plan = distfiles::plan_downloads(packages, mapping);
    }
    check_as_unpack_will(plan.manifest, std::move(locks));
    if (manifest_text) *manifest_text = manifest::render(plan.manifest);
    return plan;
}

}  // namespace cdf::cli
