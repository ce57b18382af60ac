// SourceId: where a locked package comes from, parsed from its `source` string.
//
//   registry+URL                      git-protocol registry index (crates.io: see is_crates_io)
//   sparse+URL                        sparse registry index; `url` keeps the "sparse+" prefix
//   git+URL[?branch=|?tag=|?rev=|?ref=]#COMMIT
//
// `spelled` is the string exactly as the lockfile wrote it: that is what goes
// back into manifests and cargo configs.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "util/error.hpp"

namespace cdf::lock {

enum class SourceKind { Registry, Sparse, Git };

enum class GitRefKind { DefaultBranch, Branch, Tag, Rev };

struct GitReference {
    GitRefKind kind = GitRefKind::DefaultBranch;
    std::string value;  // decoded (form-encoding undone); empty for DefaultBranch

    // "branch=main", "tag=v1.0", "rev=abc123" or "-" (the default branch).
    std::string str() const;
    bool operator==(const GitReference&) const = default;
};

struct SourceId {
    SourceKind kind = SourceKind::Registry;
    std::string spelled;     // exactly as in the lockfile
    std::string url;         // registry: index URL; sparse: "sparse+URL"; git: repository URL
    GitReference reference;  // git only
    std::string commit;      // git only: 40 lowercase hex digits
    // Computed once by parse_source_id (read them through the accessors).
    bool crates_io = false;
    std::string canonical_form;

    bool is_git() const { return kind == SourceKind::Git; }
    bool is_registry() const { return !is_git(); }
    // Both crates.io ids: the git index and the sparse index.
    bool is_crates_io() const { return crates_io; }
    // For "is this the same source": "crates-io" for both crates.io ids;
    // otherwise trailing '/' and ".git" stripped, scheme and host lowercased,
    // github.com wholly lowercased and https; reference and commit kept for git.
    const std::string& canonical() const { return canonical_form; }
    // Git only: the source without "#commit", as cargo names it in a
    // `[source."..."]` table, query values decoded ("git+URL?branch=B").
    std::string without_commit() const;
    // Git only: host of the repository URL (with port if any), and the path
    // without leading '/' and trailing ".git"/"/".
    std::string git_host() const;
    std::string git_path() const;
};

// Parses a `source` value. `where` locates the value for error messages.
// Refuses unknown kinds, a git source without a full 40-hex commit, and any
// character that could escape into a shell or exheres (spaces, quotes, $,
// backticks, control characters...).
SourceId parse_source_id(std::string_view text, const Location& where);

// parse_source_id once per distinct text: a lockfile or manifest names the
// same few sources on every line. References stay valid for the cache's
// lifetime. `where()` makes the Location for an error, called only when a
// text is seen for the first time (so an error is raised where the old
// per-line parse would have raised it: at the text's first occurrence).
class SourceIdCache {
public:
    template <class Where>
    const SourceId& get(std::string_view text, Where&& where) {
        if (auto it = ids_.find(text); it != ids_.end()) return it->second;
        return ids_.emplace(std::string(text), parse_source_id(text, where())).first->second;
    }

private:
    std::map<std::string, SourceId, std::less<>> ids_;
};

// Canonical form of a bare URL (no kind prefix): see SourceId::canonical.
std::string canonical_url(std::string_view url);

// Undo application/x-www-form-urlencoded escaping ('+' is a space, %XX).
std::string form_decode(std::string_view text);

}  // namespace cdf::lock
