// Placeholder until the `licences` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_licences(CLI::App& app) {
    auto* cmd = app.add_subcommand("licences", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`licences` is not implemented yet"); });
}

}  // namespace cdf::cli
