// `cargo-distfiles diff OLD NEW`: what a bump changes in the crates and git
// sources to download, from two lockfiles, two manifests, or one of each.
#include <cstdio>
#include <memory>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "review/inventory.hpp"
#include "review/inventory_diff.hpp"
#include "util/error.hpp"

namespace cdf::cli {

namespace {

struct DiffArgs {
    std::string before;
    std::string after;
    std::string format = "text";
};

void run_diff(const DiffArgs& args) {
    review::Inventory before = review::read_inventory(args.before);
    review::Inventory after = review::read_inventory(args.after);
    review::InventoryDiff d = review::diff_inventories(before, after);
    std::string text = args.format == "json" ? review::render_json(d, before, after) : review::render_text(d);
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) throw Error(ErrorKind::Internal, "cannot write to standard output");
}

}  // namespace

void add_diff(CLI::App& app) {
    auto args = std::make_shared<DiffArgs>();
    auto* cmd = app.add_subcommand(
        "diff",
        "Show which crates and git sources a bump adds, removes, upgrades or downgrades (lockfiles or "
        "manifests)");
    cmd->add_option("OLD", args->before, "The Cargo.lock or manifest before the bump")->required();
    cmd->add_option("NEW", args->after, "The Cargo.lock or manifest after the bump")->required();
    cmd->add_option("--format", args->format, "`text` (default) for people, `json` for scripts")
        ->check(CLI::IsMember({"text", "json"}));
    cmd->footer(
        "Each file is read as a manifest when its first line that is not blank or a\n"
        "comment starts with `cargo-distfiles-manifest`, else as a Cargo.lock (any\n"
        "version); the two may be of different kinds.\n"
        "\n"
        "Crates are matched by name and source (as cargo reports an update): a version\n"
        "higher by semver rules (1.0.0-rc.1 < 1.0.0 < 1.0.1) is an upgrade, a lower one a\n"
        "downgrade, the same version at another git commit a change. When a name has\n"
        "several versions and not exactly one changed, they are listed as removed and\n"
        "added. Crates not from crates.io show their source.\n"
        "\n"
        "Examples:\n"
        "  cargo-distfiles diff files/foo-1.0.cargo-distfiles Cargo.lock\n"
        "  cargo-distfiles diff old/Cargo.lock new/Cargo.lock --format json | jq .counts\n"
        "\n"
        "Exit status: 0 (whether or not anything changed), 2 bad input.");
    cmd->callback([args] { run_diff(*args); });
}

}  // namespace cdf::cli
