// Placeholder until the `verify` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_verify(CLI::App& app) {
    auto* cmd = app.add_subcommand("verify", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`verify` is not implemented yet"); });
}

}  // namespace cdf::cli
