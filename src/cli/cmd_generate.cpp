// Placeholder until the `generate` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_generate(CLI::App& app) {
    auto* cmd = app.add_subcommand("generate", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`generate` is not implemented yet"); });
}

}  // namespace cdf::cli
