// `cargo-distfiles update EXHERES --lock LOCK... [--manifest FILE] [--check]`:
// rewrites the generated DOWNLOADS block of an exheres in place and writes
// its manifest, or (--check) shows what would change and fails when stale.
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/generation.hpp"
#include "exheres/manifest_path.hpp"
#include "exheres/update.hpp"
#include "util/error.hpp"

namespace cdf::cli {

namespace {

struct UpdateOptions {
    std::string exheres;
    std::vector<std::string> locks;
    std::vector<std::string> positional_locks;  // as `generate` spells them
    std::string manifest;
    bool check = false;
    GenerationOptions generation;
};

constexpr const char* kFooter = R"(Only the lines between the two markers
    # cargo-distfiles begin: generated from Cargo.lock, do not edit by hand
    # cargo-distfiles end
are rewritten; every other byte of the exheres is kept. Without markers, the
block is inserted after the last DOWNLOADS= or DOWNLOADS+= assignment, else
after the last SUMMARY=, HOMEPAGE= or DESCRIPTION= assignment, else after the
`require` line, else at the end of the file (each a top-level statement in
column 1; a multi-line value ends at its closing quote). Exheres with CRLF
line endings are refused.

The manifest goes to files/PNVR.cargo-distfiles beside the exheres, PNVR being
the exheres' file name without .exheres-0 (the exlib reads
${FILES}/${PNVR}.cargo-distfiles); files/ is created when missing. Archive
hashes recorded by `pin` are kept while the archive stays the same. Nothing is
replaced until both new files are completely written beside the old ones.

Examples:
  cargo-distfiles update ripgrep-14.1.1.exheres-0 --lock ~/src/ripgrep/Cargo.lock
  cargo-distfiles update foo-1.0.exheres-0 --lock Cargo.lock --lock fuzz/Cargo.lock
  cargo-distfiles update foo-1.0.exheres-0 --lock Cargo.lock --check

Exit status: 0 updated (with --check: both files up to date), 1 --check found
a stale file (the diff is on stdout), 2 bad input (or a folder to fix),
3 internal error.)";

std::string count(std::size_t n, std::string_view what) { return fmt::format("{} {}{}", n, what, n == 1 ? "" : "s"); }

void run(UpdateOptions o) {
    o.locks.insert(o.locks.end(), o.positional_locks.begin(), o.positional_locks.end());
    if (o.locks.empty())
        bad_input(Location{},
                  "no lockfile given: pass the Cargo.lock to read after the exheres or with --lock PATH "
                  "(repeat it for several); update has no default, as the exheres does not say where "
                  "the sources are");
    namespace fs = std::filesystem;
    fs::path exheres_path(o.exheres);
    fs::path manifest_path = o.manifest.empty() ? exheres::default_manifest_path(exheres_path) : fs::path(o.manifest);

    distfiles::Plan plan = plan_from_lockfiles(o.locks, o.generation);
    exheres::Update u = exheres::prepare_update(exheres_path, manifest_path, plan);
    for (const auto& w : u.warnings) fmt::print(stderr, "cargo-distfiles: warning: {}\n", w);

    const std::string ex = exheres_path.string(), man = manifest_path.string();
    if (!u.exheres.stale() && !u.manifest.stale()) {
        fmt::print(stderr, "{} and {} are up to date\n", ex, man);
        return;
    }
    if (o.check) {
        std::string diff = exheres::stale_diff(u);
        std::fwrite(diff.data(), 1, diff.size(), stdout);
        std::fflush(stdout);
        std::vector<std::string> stale;
        if (u.exheres.stale()) stale.push_back(ex);
        if (u.manifest.stale()) stale.push_back(man);
        throw Error(ErrorKind::CheckFailed,
                    fmt::format("out of date: {} (diff on stdout); run the same command without --check to update",
                                fmt::join(stale, " and ")));
    }
    exheres::apply_update(u);
    if (u.exheres.stale())
        fmt::print(stderr, "updated {}: {}, {}\n", ex, u.placement, count(plan.downloads.size(), "distfile"));
    else
        fmt::print(stderr, "{} is up to date\n", ex);
    if (u.manifest.stale())
        fmt::print(stderr, "{} {}: {}, {}\n", u.manifest.old_text ? "updated" : "created", man,
                   count(plan.manifest.crates.size(), "crate"), count(plan.manifest.git.size(), "git archive"));
    else
        fmt::print(stderr, "{} is up to date\n", man);
}

}  // namespace

void add_update(CLI::App& app) {
    auto o = std::make_shared<UpdateOptions>();
    auto* cmd = app.add_subcommand(
        "update",
        "Rewrite the generated DOWNLOADS block of an exheres in place, and its manifest in files/, from Cargo.lock");
    cmd->add_option("EXHERES", o->exheres,
                    "The exheres to update, e.g. packages/sys-apps/ripgrep/ripgrep-14.1.1.exheres-0")
        ->required()
        ->type_name("");
    cmd->add_option("LOCK", o->positional_locks,
                    "Cargo.lock files to read after the exheres, as `generate` takes them (the same as --lock)")
        ->type_name("LOCK...");
    cmd->add_option("--lock", o->locks,
                    "A Cargo.lock to read; repeat for several (their packages are merged). Required, here or "
                    "as LOCK")
        ->type_name("LOCK")
        ->allow_extra_args(false);
    cmd->add_option("--manifest", o->manifest,
                    "Where the manifest goes (default: files/PNVR.cargo-distfiles beside the exheres)")
        ->type_name("FILE");
    cmd->add_flag("--check", o->check,
                  "Write nothing; print a unified diff of the changes and exit 1 if either file is stale, 0 if "
                  "both are current");
    add_generation_options(*cmd, o->generation);
    cmd->footer(kFooter);
    cmd->callback([o] { run(*o); });
}

}  // namespace cdf::cli
