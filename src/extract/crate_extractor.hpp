// Extracting one registry crate (.crate: gzip'd tar) the way cargo does,
// while hashing the .crate itself.
//
// The distfile is read once: its bytes are hashed as they are read
// (hashing_reader.hpp), and only its first gzip member is unpacked, as by
// cargo (gzip_member.hpp). Entries follow entry_rules.hpp with the top folder
// "{name}-{version}", cargo vendor's drops and no .cargo-checksum.json of the
// crate's own. Also refused: a pax global header (tar_header.hpp), a file
// listed twice, more than 100000 entries, and an archive without
// "{name}-{version}/Cargo.toml". The output stops past max(512 MiB, 20 x the
// .crate's size). Files get the archive's permission
// bits without setuid/setgid/sticky, less the umask, and mtimes as cargo
// 1.95 sets them: the archive's, 0 becoming 1, and top-level Cargo.toml,
// Cargo.lock and .cargo_vcs_info.json (files `cargo package` generates)
// set to 1153704088 (2006-07-24, tar's deterministic time).
//
// The caller owns `destination` (a fresh temporary folder) and deletes it
// when this throws or when the .crate's hash is not the expected one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "extract/entry_sink.hpp"
#include "extract/hashing_reader.hpp"

namespace cdf::extract {

// Every file written, by path relative to the crate folder, with the SHA-256
// of its content.
using FileHashes = std::map<std::string, std::string>;

// Extracts the crate that `reader` reads into `destination`. The reader is
// left for the caller to finish() (the hash of the whole .crate), also after
// a failure: a refused or broken archive is often just a bad download, and a
// hash mismatch is the better error then.
// Throws BadInput for a refused entry or a file that is not a gzip'd tar
// (naming the distfile), Internal for I/O failures.
FileHashes extract_crate(HashingReader& reader, const std::string& top_folder,
                         const std::filesystem::path& destination);

// The same, giving the entries to `sink` (licences reads a crate's
// Cargo.toml this way, into memory). The map holds what sink.close_file()
// returned.
FileHashes extract_crate(HashingReader& reader, const std::string& top_folder, EntrySink& sink);

// cargo 1.95's mtime for an extracted file (see above).
std::int64_t cargo_mtime(const std::string& relative, std::int64_t archive_mtime);

}  // namespace cdf::extract
