// .cargo-checksum.json, byte for byte as cargo vendor (1.95) writes it:
//
//   {"files":{"PATH":"SHA256",...},"package":"SHA256"}     (or "package":null)
//
// compact, keys in byte order, no trailing newline, strings escaped as
// serde_json does ('"', '\\', \b \f \n \r \t, other control characters as
// \u00XX, everything else, DEL and non-ASCII included, as is). Paths are
// cargo's: relative, with '\\' turned into '/' (cargo does that even on
// Unix, where '\\' is an ordinary character of a file name).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace cdf::cargo {

enum class ChecksumMode {
    Full,         // every file listed: cargo verifies each before building
    PackageOnly,  // "files":{} so that a packager may patch vendored code
};

inline constexpr std::string_view kChecksumFileName = ".cargo-checksum.json";

// `files`: relative path as on disk -> SHA-256 hex. `package`: the .crate's
// SHA-256, or nullopt for null (git crates, registry crates without a
// checksum in the lockfile).
std::string render_checksum_file(const std::map<std::string, std::string>& files,
                                 const std::optional<std::string>& package, ChecksumMode mode);

// True when `content` (an existing .cargo-checksum.json) was written for
// this package in this mode: its "package" is `package` (a SHA-256 hex), and
// its "files" map is empty exactly when `mode` is PackageOnly.
bool checksum_file_matches(std::string_view content, std::string_view package, ChecksumMode mode);

}  // namespace cdf::cargo
