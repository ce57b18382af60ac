// `cargo-distfiles generate`: lockfiles in, exheres DOWNLOADS block (stdout)
// and manifest (--manifest) out. Pure and offline.
#include <cstdio>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/generation.hpp"
#include "exheres/downloads_block.hpp"
#include "manifest/manifest.hpp"
#include "util/atomic_file.hpp"

namespace cdf::cli {

namespace {

struct GenerateArgs {
    std::vector<std::string> lockfiles;
    std::vector<std::string> lock_options;  // --lock, as `update` spells it
    std::string manifest;
    std::string output;
    GenerationOptions generation;
};

void run_generate(const GenerateArgs& args) {
    std::vector<std::string> locks = args.lockfiles;
    locks.insert(locks.end(), args.lock_options.begin(), args.lock_options.end());
    if (locks.empty()) locks.push_back("Cargo.lock");
    std::string manifest_text;
    distfiles::Plan plan = plan_from_lockfiles(locks, args.generation, &manifest_text);
    std::string block = exheres::render_downloads_block(plan.downloads);
    std::vector<PendingWrite> writes;
    if (!args.manifest.empty()) {
        // Regenerating keeps the archive hashes that `pin` recorded in the old manifest.
        if (!plan.manifest.git.empty())
            if (auto old = read_file_if_exists(args.manifest); old && manifest::may_hold_pins(*old)) {
                try {
                    manifest::carry_pins(manifest::parse(*old, args.manifest), plan.manifest);
                    manifest_text = manifest::render(plan.manifest);
                } catch (const Error&) {
                    // An unreadable old manifest is simply replaced.
                }
            }
        writes.push_back({args.manifest, std::move(manifest_text)});
    }
    if (!args.output.empty()) writes.push_back({args.output, block});
    write_files_atomically(writes);
    if (args.output.empty()) {
        std::fwrite(block.data(), 1, block.size(), stdout);
        if (std::fflush(stdout) != 0) throw Error(ErrorKind::Internal, "cannot write to standard output");
    }
}

}  // namespace

void add_generate(CLI::App& app) {
    auto args = std::make_shared<GenerateArgs>();
    auto* cmd = app.add_subcommand("generate",
                                   "Print the exheres DOWNLOADS block for Cargo.lock files and write "
                                   "their manifest of hashes");
    cmd->add_option("LOCK", args->lockfiles,
                    "Cargo.lock files (several for a project with more than one workspace: merged, duplicates "
                    "removed, conflicts reported); default ./Cargo.lock")
        ->type_name("LOCK...");
    cmd->add_option("--lock", args->lock_options,
                    "A Cargo.lock to read, as `update` spells it; repeat for several (the same as naming them "
                    "without --lock)")
        ->type_name("LOCK")
        ->allow_extra_args(false);
    cmd->add_option("--manifest", args->manifest,
                    "Write the manifest (crate checksums and git commits, read by `unpack`) to FILE; archive "
                    "hashes that `pin` recorded in an existing FILE are kept")
        ->type_name("FILE");
    cmd->add_option("-o,--output", args->output, "Write the block to FILE instead of standard output")
        ->type_name("FILE");
    add_generation_options(*cmd, args->generation);
    cmd->footer(
        "The block lists one distfile per line, sorted, between marker comments, as\n"
        "`URL` or `URL -> NAME` where the URL's file name is not the distfile's:\n"
        "  crates.io            https://static.crates.io/crates/NAME/NAME-VERSION.crate\n"
        "  other registries     from --registry (or --config), saved as NAME-VERSION@SLUG.crate\n"
        "  git dependencies     the forge's archive of the pinned commit, saved as\n"
        "                       HOST+OWNER+REPO-COMMIT.tar.gz (one per repository and commit)\n"
        "\n"
        "Examples:\n"
        "  cargo-distfiles generate Cargo.lock --manifest files/foo-1.0.cargo-distfiles\n"
        "  cargo-distfiles generate --lock a/Cargo.lock --lock b/Cargo.lock --manifest m \\\n"
        "      --registry 'sparse+https://reg.example.org/index/=https://reg.example.org/dl/{crate}/{version}' \\\n"
        "      --git-archive 'git.example.org=https://git.example.org/{path}/snapshot/{commit}.tar.gz'\n"
        "\n"
        "To rewrite the block of an existing exheres in place, use `update`.\n"
        "Exit status: 0 done, 2 bad input (the message names file, line and value, or the\n"
        "folder to fix), 3 internal error.");
    cmd->callback([args] { run_generate(*args); });
}

}  // namespace cdf::cli
