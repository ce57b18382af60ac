// The subcommands. Each lives in its own src/cli/cmd_<name>.cpp and adds
// itself to the application; main() only calls these and maps errors to exit
// statuses (see util/error.hpp).
#pragma once

namespace CLI {
class App;
}

namespace cdf::cli {

void add_generate(CLI::App& app);
void add_update(CLI::App& app);
void add_unpack(CLI::App& app);
void add_pin(CLI::App& app);
void add_verify(CLI::App& app);
void add_licences(CLI::App& app);
void add_diff(CLI::App& app);
void add_manifest2(CLI::App& app);

}  // namespace cdf::cli
