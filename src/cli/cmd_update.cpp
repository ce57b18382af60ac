// Placeholder until the `update` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_update(CLI::App& app) {
    auto* cmd = app.add_subcommand("update", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`update` is not implemented yet"); });
}

}  // namespace cdf::cli
