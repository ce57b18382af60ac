// `cargo-distfiles unpack`: the manifest and the fetched distfiles in, a
// verified cargo vendor directory (and optionally its cargo config) out.
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "unpack/unpack.hpp"
#include "util/progress.hpp"

namespace cdf::cli {

namespace {

struct UnpackArgs {
    std::string manifest;
    std::string distdir;
    std::string vendor;
    std::string cargo_config;
    std::string lock;
    unsigned jobs = 0;
    std::string checksums = "full";
    std::string dir_names = "versioned";
    bool verbose = false;
};

void run_unpack(const UnpackArgs& args) {
    unpack::UnpackOptions options;
    options.manifest_path = args.manifest;
    options.distdir = args.distdir;
    options.vendor_dir = args.vendor;
    if (!args.cargo_config.empty()) options.cargo_config = args.cargo_config;
    if (!args.lock.empty()) options.lockfile = args.lock;
    options.jobs = args.jobs;
    options.checksums = args.checksums == "package-only" ? cargo::ChecksumMode::PackageOnly : cargo::ChecksumMode::Full;
    options.dir_names = args.dir_names == "cargo" ? unpack::DirNames::Cargo : unpack::DirNames::Versioned;
    options.verbose = args.verbose;
    options.progress = is_terminal(stderr);
    options.log = stderr;
    unpack::unpack(options);
}

}  // namespace

void add_unpack(CLI::App& app) {
    auto args = std::make_shared<UnpackArgs>();
    auto* cmd = app.add_subcommand("unpack",
                                   "Verify the fetched distfiles against the manifest and unpack them "
                                   "into a cargo vendor directory");
    cmd->add_option("--manifest", args->manifest, "The manifest written by `generate` (crate checksums, git commits)")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--distdir", args->distdir, "Where the distfiles were fetched to ($FETCHEDDIR)")
        ->type_name("DIR")
        ->required();
    cmd->add_option("--vendor", args->vendor, "The vendor directory to fill (created when missing)")
        ->type_name("DIR")
        ->required();
    cmd->add_option("--cargo-config", args->cargo_config,
                    "Also write the source-replacement config that makes cargo build from the vendor directory "
                    "(e.g. .cargo/config.toml)")
        ->type_name("FILE");
    cmd->add_option("--lock", args->lock,
                    "The source tree's own Cargo.lock: refuse to start when it needs a package the manifest "
                    "lacks (a version bump without regenerating the manifest)")
        ->type_name("LOCK");
    cmd->add_option("-j,--jobs", args->jobs, "Unpack N crates at a time (default, or 0: every CPU available)")
        ->type_name("N")
        ->check(CLI::Range(0u, 1024u));
    cmd->add_option("--checksums", args->checksums,
                    "What .cargo-checksum.json lists: `full` (every file, as cargo vendor; cargo refuses changed "
                    "files) or `package-only` (\"files\":{}, so that src_prepare may patch vendored code)")
        ->type_name("MODE")
        ->check(CLI::IsMember({"full", "package-only"}))
        ->capture_default_str();
    cmd->add_option("--dir-names", args->dir_names,
                    "Crate folder names: `versioned` (name-version, as cargo vendor --versioned-dirs) or `cargo` "
                    "(name for the highest version of each crate, name-version for the others)")
        ->type_name("STYLE")
        ->check(CLI::IsMember({"versioned", "cargo"}))
        ->capture_default_str();
    cmd->add_flag("-v,--verbose", args->verbose, "Name each crate on stderr as it is unpacked or found complete");
    cmd->footer(
        "Each distfile is read once: its sha256 is computed while it is unpacked, into a\n"
        "temporary folder inside the vendor directory that gets the crate's name only when\n"
        "the hash matched. Entries are checked as cargo does (all under NAME-VERSION/, no\n"
        "absolute paths, no `..`, only regular files and folders, at most max(512 MiB,\n"
        "20 x the .crate's size)); .git paths, .gitignore, .gitattributes and .cargo-ok are\n"
        "left out, as by cargo vendor. A re-run skips crates whose .cargo-checksum.json\n"
        "already names the manifest's checksum. Crates the manifest marks `unverified` are\n"
        "unpacked with a warning. A progress line is shown when stderr is a terminal.\n"
        "\n"
        "Examples:\n"
        "  cargo-distfiles unpack --manifest \"${FILES}\"/foo-1.0.cargo-distfiles \\\n"
        "      --distdir \"${FETCHEDDIR}\" --vendor \"${WORKBASE}\"/vendor \\\n"
        "      --cargo-config \"${WORK}\"/.cargo/config.toml --lock \"${WORK}\"/Cargo.lock\n"
        "  cargo-distfiles unpack --manifest m --distdir dist --vendor vendor --checksums package-only -j 4\n"
        "\n"
        "Exit status: 0 done, 1 a checksum did not match or the lockfile needs crates the\n"
        "manifest lacks, 2 bad input (missing distfile, refused archive entry, bad manifest,\n"
        "a folder to fix), 3 internal error.");
    cmd->callback([args] { run_unpack(*args); });
}

}  // namespace cdf::cli
