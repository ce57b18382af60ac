// `cargo-distfiles manifest2`: a paludis Manifest (DIST lines with SHA256
// and SHA512) for the distfiles of a manifest, after checking them against
// it, plus any other distfiles named on the command line.
#include <cstdio>
#include <memory>
#include <system_error>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "distcheck/distfile_check.hpp"
#include "distcheck/file_digest.hpp"
#include "distcheck/paludis_manifest.hpp"
#include "manifest/manifest.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace cdf::cli {

namespace {

struct Manifest2Args {
    std::string manifest;
    std::string distdir;
    std::vector<std::string> extras;
    std::string output;
    unsigned jobs = 0;
};

void run_manifest2(const Manifest2Args& args) {
    using State = distcheck::DistfileStatus::State;
    manifest::Manifest m = manifest::read_file(args.manifest);
    std::error_code ec;
    if (!std::filesystem::is_directory(args.distdir, ec)) bad_input(Location{args.distdir}, "no such distfiles folder");

    auto expected = distcheck::expected_distfiles(m, args.manifest);
    auto statuses = distcheck::check_distfiles(expected, args.distdir, args.jobs, /*with_sha512=*/true);

    std::vector<distcheck::ManifestDist> dists;
    std::size_t failed = 0;
    std::fflush(stdout);
    for (const auto& s : statuses) {
        switch (s.state) {
            case State::Ok: break;
            case State::Unchecked:
                fmt::print(stderr, "cargo-distfiles: warning: {}; its hashes are recorded as found\n",
                           distcheck::describe(s));
                break;
            case State::Missing:
            case State::Mismatch:
            case State::Unreadable:
                fmt::print(stderr, "cargo-distfiles: error: {}\n", distcheck::describe(s));
                ++failed;
                continue;
        }
        dists.push_back({s.expected.name, s.digest->size, s.digest->sha256, s.digest->sha512});
    }
    if (failed)
        throw Error(ErrorKind::CheckFailed, Location{args.distdir},
                    fmt::format("{} distfile(s) failed the check against {}; no Manifest written", failed,
                                args.manifest));

    for (const auto& extra : args.extras) {
        distcheck::FileDigest d = distcheck::digest_file(extra, /*with_sha512=*/true);
        std::string name = std::filesystem::path(extra).filename().string();
        for (const auto& e : expected)
            if (e.name == name)
                bad_input(Location{extra}, fmt::format("--extra {} has the name of a distfile of the manifest ({})",
                                                       quote(extra), e.what));
        dists.push_back({name, d.size, d.sha256, d.sha512});
    }

    std::string text = distcheck::render_paludis_manifest(std::move(dists));
    if (!args.output.empty()) {
        write_file_atomically(args.output, text);
        return;
    }
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) throw Error(ErrorKind::Internal, "cannot write to standard output");
}

}  // namespace

void add_manifest2(CLI::App& app) {
    auto args = std::make_shared<Manifest2Args>();
    auto* cmd =
        app.add_subcommand("manifest2",
                           "Write a paludis Manifest (DIST NAME SIZE SHA256 HEX SHA512 HEX) for the distfiles of a "
                           "manifest, after checking them");
    cmd->add_option("--manifest", args->manifest, "The manifest written by `generate` (and `pin`)")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--distdir", args->distdir, "The folder holding the fetched distfiles")
        ->type_name("DIR")
        ->required();
    cmd->add_option("--extra", args->extras,
                    "Another distfile of the exheres to list, such as the program's own tarball (repeatable; "
                    "listed under its file name)")
        ->type_name("FILE");
    cmd->add_option("-o,--output", args->output, "Write the Manifest to FILE (atomically) instead of standard output")
        ->type_name("FILE");
    cmd->add_option("-j,--jobs", args->jobs, "Hash on N threads (default: one per CPU)")->type_name("N");
    cmd->footer(
        "Exherbo does not use Manifest files, but paludis checks a package's Manifest\n"
        "when one exists, and then refuses any distfile the Manifest does not list: name\n"
        "every other download of the exheres with --extra.\n"
        "\n"
        "Every distfile of the manifest is checked first, as `verify` does (the sha256\n"
        "of each .crate, the pinned sha256 and size of each git archive); on any\n"
        "missing or mismatching file nothing is written. Crates without a checksum and\n"
        "unpinned git archives are recorded as found, with a warning.\n"
        "\n"
        "Example:\n"
        "  cargo-distfiles manifest2 --manifest files/foo-1.0.cargo-distfiles \\\n"
        "      --distdir /var/cache/paludis/distfiles \\\n"
        "      --extra /var/cache/paludis/distfiles/foo-1.0.tar.gz --output Manifest\n"
        "\n"
        "Exit status: 0 written, 1 a distfile is missing or does not match, 2 bad input\n"
        "(unreadable manifest, --extra file missing or clashing with a distfile name).");
    cmd->callback([args] { run_manifest2(*args); });
}

}  // namespace cdf::cli
