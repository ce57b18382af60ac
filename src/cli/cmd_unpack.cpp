// Placeholder until the `unpack` command lands.
#include <CLI/CLI.hpp>

#include "cli/commands.hpp"
#include "util/error.hpp"

namespace cdf::cli {

void add_unpack(CLI::App& app) {
    auto* cmd = app.add_subcommand("unpack", "(not available yet)");
    cmd->allow_extras();
    cmd->callback([] { throw Error(ErrorKind::Internal, "`unpack` is not implemented yet"); });
}

}  // namespace cdf::cli
