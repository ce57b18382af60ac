// `cargo-distfiles licences`: the exheres LICENCES value of every crate a
// manifest names, read from the `license` field of each crate's Cargo.toml
// inside its distfile (nothing is extracted), mapped to Exherbo names.
#include <cstdio>
#include <memory>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "licences/crate_metadata.hpp"
#include "licences/licence_report.hpp"
#include "licences/licence_table.hpp"
#include "manifest/manifest.hpp"
#include "util/error.hpp"

namespace cdf::cli {

namespace {

struct LicencesArgs {
    std::string manifest;
    std::string distdir;
    std::string table;
    std::vector<std::string> maps;
    bool strict = false;
};

void run_licences(const LicencesArgs& args) {
    std::optional<std::filesystem::path> explicit_table;
    if (!args.table.empty()) explicit_table = args.table;
    licences::LicenceTable table = licences::LicenceTable::read_file(licences::find_licence_table(explicit_table));
    for (const auto& map : args.maps) table.override_with(licences::LicenceTable::read_file(map));

    manifest::Manifest m = manifest::read_file(args.manifest);
    auto crates = licences::read_licences(m, args.distdir);
    licences::LicenceReport report = licences::build_report(crates, table);

    std::fflush(stdout);
    const char* label = args.strict ? "error" : "warning";
    for (const auto& w : report.warnings) fmt::print(stderr, "cargo-distfiles: {}: {}\n", label, w);
    if (args.strict && !report.warnings.empty())
        throw Error(ErrorKind::CheckFailed,
                    fmt::format("{} crate(s) need a packager's attention (--strict); no LICENCES written",
                                report.warnings.size()));

    std::string block = licences::render_block(report.licences);
    std::fwrite(block.data(), 1, block.size(), stdout);
    if (std::fflush(stdout) != 0) throw Error(ErrorKind::Internal, "cannot write to standard output");
}

}  // namespace

void add_licences(CLI::App& app) {
    auto args = std::make_shared<LicencesArgs>();
    auto* cmd =
        app.add_subcommand("licences",
                           "Print the exheres LICENCES value for every crate of a manifest, read from the crates' "
                           "Cargo.toml inside the distfiles");
    cmd->add_option("--manifest", args->manifest, "The manifest written by `generate` (which crates, which distfiles)")
        ->type_name("FILE")
        ->required();
    cmd->add_option("--distdir", args->distdir, "The folder holding the fetched distfiles")
        ->type_name("DIR")
        ->required();
    cmd->add_option("--licence-table", args->table,
                    "The SPDX -> Exherbo table to use instead of the installed licences.tsv")
        ->type_name("FILE");
    cmd->add_option("--licence-map", args->maps,
                    "Your own `SPDX-ID<TAB>EXHERBO-NAME` lines, overriding the table (repeatable; later files win)")
        ->type_name("FILE");
    cmd->add_flag("--strict", args->strict,
                  "Fail (exit 1) instead of warning when a crate has only `license-file`, no licence, an "
                  "unparsable expression or ids the table lacks");
    cmd->footer(
        "Every crate's `license` (an SPDX expression: AND, OR, WITH, parentheses, the\n"
        "old `MIT/Apache-2.0` form, `GPL-2.0+`) is mapped to Exherbo licence names. The\n"
        "crates' licences all apply, so they are combined with AND, then simplified:\n"
        "duplicates go, and a choice that another crate's licence already satisfies\n"
        "goes too (`MIT` and `|| ( Apache-2.0 MIT )` give `MIT`). Choices print as\n"
        "`|| ( A B )`. Crates of git archives are found by name and version among the\n"
        "archive's Cargo.toml files, workspace inheritance included.\n"
        "\n"
        "The value goes to standard output; crates that need a look by hand go to\n"
        "standard error, one line each (only `license-file`, no licence, ids missing\n"
        "from the table, which are written as their SPDX id).\n"
        "\n"
        "Table: --licence-table FILE, else ../share/cargo-distfiles/licences.tsv next to\n"
        "the binary, else the configured install location. --licence-map lines look like\n"
        "  LicenseRef-Foo<TAB>foo-licence\n"
        "  Apache-2.0 WITH LLVM-exception<TAB>Apache-2.0\n"
        "\n"
        "Example:\n"
        "  cargo-distfiles licences --manifest files/foo-1.0.cargo-distfiles \\\n"
        "      --distdir /var/cache/paludis/distfiles\n"
        "\n"
        "Exit status: 0 done (warnings possible), 1 --strict and a crate needs a look,\n"
        "2 bad input (missing distfile, malformed Cargo.toml or table).");
    cmd->callback([args] { run_licences(*args); });
}

}  // namespace cdf::cli
