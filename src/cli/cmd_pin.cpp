// Placeholder until the `pin` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_pin(CLI::App& app) {
    auto* cmd = app.add_subcommand("pin", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`pin` is not implemented yet"); });
}

}  // namespace cdf::cli
