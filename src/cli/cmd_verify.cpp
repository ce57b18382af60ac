// `cargo-distfiles verify`: are all the distfiles of a manifest present and
// intact? Hashes every file once, in parallel, without unpacking anything.
#include <cstdio>
#include <memory>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "distcheck/distfile_check.hpp"
#include "manifest/manifest.hpp"
#include "util/error.hpp"

namespace cdf::cli {

namespace {

struct VerifyArgs {
    std::string manifest;
    std::string distdir;
    unsigned jobs = 0;
    bool ignore_unlisted = false;
};

void require_folder(const std::string& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) bad_input(Location{dir}, "no such distfiles folder");
}

void run_verify(const VerifyArgs& args) {
    using State = distcheck::DistfileStatus::State;
    manifest::Manifest m = manifest::read_file(args.manifest);
    require_folder(args.distdir);
    auto expected = distcheck::expected_distfiles(m, args.manifest);
    auto statuses = distcheck::check_distfiles(expected, args.distdir, args.jobs, /*with_sha512=*/false);
    std::vector<std::string> unlisted;
    if (!args.ignore_unlisted) unlisted = distcheck::unlisted_crate_files(expected, args.distdir);

    std::size_t ok = 0, unchecked = 0, missing = 0, mismatching = 0, unreadable = 0;
    std::string report;
    for (const auto& s : statuses) {
        switch (s.state) {
            case State::Ok: ++ok; continue;
            case State::Unchecked: ++unchecked; break;
            case State::Missing: ++missing; break;
            case State::Mismatch: ++mismatching; break;
            case State::Unreadable: ++unreadable; break;
        }
        report += distcheck::describe(s) + "\n";
    }
    for (const auto& name : unlisted)
        report += fmt::format("unlisted: {}: a .crate file the manifest does not name\n", name);
    report += fmt::format("checked {} distfile(s): {} ok, {} unchecked, {} missing, {} mismatching, {} unreadable",
                          statuses.size(), ok, unchecked, missing, mismatching, unreadable);
    report += args.ignore_unlisted ? "\n" : fmt::format("; {} unlisted .crate file(s)\n", unlisted.size());
    std::fwrite(report.data(), 1, report.size(), stdout);
    if (std::fflush(stdout) != 0) throw Error(ErrorKind::Internal, "cannot write to standard output");

    std::vector<std::string> problems;
    if (missing) problems.push_back(fmt::format("{} missing", missing));
    if (mismatching) problems.push_back(fmt::format("{} mismatching", mismatching));
    if (unreadable) problems.push_back(fmt::format("{} unreadable", unreadable));
    if (!unlisted.empty()) problems.push_back(fmt::format("{} unlisted", unlisted.size()));
    if (!problems.empty())
        throw Error(ErrorKind::CheckFailed, Location{args.distdir},
                    fmt::format("verification failed: {}", fmt::join(problems, ", ")));
}

}  // namespace

void add_verify(CLI::App& app) {
    auto args = std::make_shared<VerifyArgs>();
    auto* cmd = app.add_subcommand(
        "verify", "Check that every distfile of a manifest is present and matches its hash, without unpacking");
    cmd->add_option("--manifest", args->manifest, "The manifest written by `generate` (and `pin`)")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--distdir", args->distdir, "The folder holding the fetched distfiles")
        ->type_name("DIR")
        ->required();
    cmd->add_option("-j,--jobs", args->jobs, "Hash on N threads (default: one per CPU)")->type_name("N");
    cmd->add_flag("--ignore-unlisted", args->ignore_unlisted,
                  "Do not look for .crate files the manifest does not name (for a distfiles folder shared by many "
                  "packages, such as paludis' FETCHEDDIR)");
    cmd->footer(
        "Each distfile named by the manifest is read once and compared with what the\n"
        "manifest records: the sha256 of a .crate (its Cargo.lock checksum), the sha256\n"
        "and size of a git archive once `pin` recorded them. Crates generated with\n"
        "--allow-missing-checksums and unpinned git archives can only be checked for\n"
        "presence; they are reported as `unchecked` and do not fail.\n"
        "\n"
        "Unlisted files: `*.crate` files in DIR that the manifest does not name (left\n"
        "over from an older version, or fetched for something else). Only .crate files\n"
        "count: their names are unambiguous, while other tarballs are normal in a\n"
        "distfiles folder. Use --ignore-unlisted on a folder shared by many packages.\n"
        "\n"
        "Standard output: one line per problem (missing, mismatch, unreadable,\n"
        "unlisted) or note (unchecked), then a summary line.\n"
        "\n"
        "Example:\n"
        "  cargo-distfiles verify --manifest files/foo-1.0.cargo-distfiles --distdir ./distfiles\n"
        "\n"
        "Exit status: 0 all present and matching, 1 any missing, mismatching,\n"
        "unreadable or unlisted file, 2 bad input (unreadable manifest, no such DIR).");
    cmd->callback([args] { run_verify(*args); });
}

}  // namespace cdf::cli
