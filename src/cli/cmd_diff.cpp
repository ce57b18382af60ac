// Placeholder until the `diff` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_diff(CLI::App& app) {
    auto* cmd = app.add_subcommand("diff", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`diff` is not implemented yet"); });
}

}  // namespace cdf::cli
