// Placeholder until the `manifest2` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_manifest2(CLI::App& app) {
    auto* cmd = app.add_subcommand("manifest2", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`manifest2` is not implemented yet"); });
}

}  // namespace cdf::cli
