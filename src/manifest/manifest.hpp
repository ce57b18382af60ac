// The manifest: what the unpacker needs, written by `generate`, without the
// Cargo.lock. A versioned, line-oriented, sorted text file:
//
//   # comment lines and blank lines are ignored
//   cargo-distfiles-manifest 1
//   crate NAME VERSION SOURCE DISTFILE CHECKSUM
//   git DISTFILE URL REF COMMIT SHA256 SIZE
//
// `crate` lines, one per package, sorted by name, version (as text), source:
//   SOURCE   the package's source id exactly as the lockfile spelled it
//   DISTFILE the file in $FETCHEDDIR that holds it (.crate or git archive)
//   CHECKSUM sha256 hex of the .crate; "unverified" for a registry crate
//            whose lockfile had no checksum (explicit opt-in at generate
//            time); "git" for a crate taken from a git archive
// `git` lines, one per repository and commit, sorted by distfile:
//   URL      the repository URL as spelled in the lockfile (no query, no fragment)
//   REF      "branch=NAME", "tag=NAME", "rev=VALUE" or "-" (default branch), decoded
//   COMMIT   40 hex digits
//   SHA256, SIZE of the archive: "-" until `cargo-distfiles pin` records them
// The crates inside a git archive are the `crate` lines naming its distfile.
//
// Fields are separated by one space; no field may be empty or contain
// whitespace, quotes, '$', '`', '\\' or control characters.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/string_arena.hpp"

namespace cdf::manifest {

inline constexpr int kFormatVersion = 1;

enum class CrateCheck { Sha256, Unverified, Git };

// A manifest lists a crate per package, a thousand or more: the fields are
// views, into string literals or into the strings of the Manifest that holds
// the entry (Manifest::keep), not a string each.
struct CrateEntry {
    std::string_view name;
    std::string_view version;
    std::string_view source;  // source id as spelled in the lockfile
    std::string_view distfile;
    CrateCheck check = CrateCheck::Sha256;
    std::string_view sha256;  // set when check == Sha256

    bool is_git() const { return check == CrateCheck::Git; }
    bool operator==(const CrateEntry&) const = default;
};

struct GitEntry {
    std::string distfile;
    std::string url;
    std::string reference;  // "branch=x", "tag=x", "rev=x" or "-"
    std::string commit;
    std::optional<std::string> sha256;  // recorded by `pin`
    std::optional<std::uint64_t> size;  // recorded by `pin`

    bool operator==(const GitEntry&) const = default;
};

struct Manifest {
    std::vector<CrateEntry> crates;  // sorted
    std::vector<GitEntry> git;       // sorted by distfile

    // A copy of `s` that lives as long as this manifest or any copy of it
    // (copies share these strings): what a CrateEntry made from a
    // temporary string points into. Not thread-safe.
    std::string_view keep(std::string_view s);

    // The git entry for a distfile, or nullptr.
    const GitEntry* find_git(std::string_view distfile) const;
    // Sorts both lists into manifest order.
    void sort();
    bool operator==(const Manifest& o) const { return crates == o.crates && git == o.git; }

private:
    std::shared_ptr<StringArena> strings_;
};

// Keeps what `pin` recorded: every git entry of `fresh` that names the same
// archive, URL and commit as one of `old` takes its sha256 and size.
void carry_pins(const Manifest& old, Manifest& fresh);

// False when no line of `text` can give carry_pins anything: every `git`
// line, if any, ends in "- -" (nothing pinned), so parsing an old manifest
// for its pins can be skipped. True otherwise, also for text that parse()
// would refuse.
bool may_hold_pins(std::string_view text);

// Text of a manifest, header comment included; deterministic.
std::string render(const Manifest& manifest);

// Parses manifest text; `path` names it in errors (BadInput with line and
// column of the offending field).
Manifest parse(std::string_view text, const std::string& path);
Manifest read_file(const std::string& path);

}  // namespace cdf::manifest
