// The cargo configuration that replaces every source of the manifest with
// the vendor directory, as `cargo vendor` (1.95) prints it:
//
//   [source.crates-io]
//   replace-with = "vendored-sources"
//
//   [source."git+URL?branch=B"]          one per git source (no "#commit";
//   git = "URL"                           query value decoded), keys git,
//   branch = "B"                          then branch/tag/rev
//   replace-with = "vendored-sources"
//
//   [source."registry+URL"]              one per other registry ("sparse+URL"
//   registry = "URL"                      keeps its prefix in both places)
//   replace-with = "vendored-sources"
//
//   [source.vendored-sources]
//   directory = "DIR"
//
// A git source whose crates were moved into a dot folder of their own
// (vendor_layout.hpp: a name and version also coming from another source)
// is replaced with that folder instead:
//
//   [source."git+URL?branch=B"]
//   git = "URL"
//   branch = "B"
//   replace-with = "vendored-git-<commit12>"
//
//   [source.vendored-git-<commit12>]
//   directory = "DIR/.git-<commit12>"
//
// Tables sorted by name, separated by one blank line, ending with a newline.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "manifest/manifest.hpp"

namespace cdf::unpack {

// `vendor_dir` is written as given. cargo vendor prints a backslash in it
// as '/', pointing elsewhere; not so here. `manifest_path` names the
// manifest in errors (an unparsable source).
std::string render_cargo_config(const manifest::Manifest& manifest, std::string_view vendor_dir,
                                const std::string& manifest_path);

// The config to write at `config_file` for the vendor directory `vendor_dir`
// (both as given on the command line, relative to the current folder): a
// relative `vendor_dir` is rewritten relative to the folder cargo resolves
// it against (cargo/config_paths.hpp), so that `--vendor vendor
// --cargo-config sub/.cargo/config.toml` writes `directory = "../vendor"`.
std::string render_cargo_config(const manifest::Manifest& manifest, const std::filesystem::path& vendor_dir,
                                const std::string& manifest_path, const std::filesystem::path& config_file);

// A TOML string as cargo 1.95 prints one (checked against it): "basic"
// unless the text holds a double quote or a backslash; then 'literal', or
// """multi-line basic""" or '''multi-line literal''' when quotes get in the
// way; escaped "basic" when it holds control characters.
std::string toml_string(std::string_view text);

}  // namespace cdf::unpack
