// Paths inside cargo config files. cargo resolves a relative path written in
// a config file (`[source.X] directory = "..."`, ...) against the parent of
// the folder that holds the file: for `P/.cargo/config.toml`, against `P`;
// for a file given with `--config DIR/F.toml`, against DIR's parent
// (cargo's Definition::root; checked with cargo 1.95).
#pragma once

#include <filesystem>
#include <string>

namespace cdf::cargo {

// What to write in the config file `config_file` so that cargo finds
// `target`; both are as given on the command line, relative paths taken from
// `cwd`. An absolute `target` is written as given; a relative one relative to
// the folder cargo resolves it against.
std::string path_for_config(const std::filesystem::path& target, const std::filesystem::path& config_file,
                            const std::filesystem::path& cwd);

}  // namespace cdf::cargo
