// Download URLs and distfile names of git sources: the forge's archive of
// the pinned commit, one distfile per repository and commit.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "lock/source_id.hpp"

namespace cdf::distfiles {

// Built-in templates by forge, with markers {host}, {path}, {name}, {commit}:
//   github.com                           https://github.com/{path}/archive/{commit}.tar.gz
//   gitlab.com, gitlab.*                  https://{host}/{path}/-/archive/{commit}/{name}-{commit}.tar.gz
//   codeberg.org, gitea.com, gitea.*, forgejo.*   https://{host}/{path}/archive/{commit}.tar.gz
//   git.sr.ht                            https://git.sr.ht/{path}/archive/{commit}.tar.gz
// nullopt for any other host.
std::optional<std::string> builtin_archive_template(std::string_view host);

// The template of a forge kind, as `--git-archive HOST=KIND` names it:
// github, gitlab, gitea (also forgejo, codeberg), sourcehut. nullopt otherwise.
std::optional<std::string> forge_kind_template(std::string_view kind);
// "github, gitlab, gitea, sourcehut": the kinds, for messages.
std::string_view forge_kinds();

// Fills the markers of a template for a git source.
std::string expand_archive_template(std::string_view tmpl, const lock::SourceId& source);

// The archive URL for a git source: the packager's template for its host
// (`overrides`, keyed by host with optional port) first, then the built-in
// forges. BadInput naming the host and `--git-archive` when there is none.
std::string git_archive_url(const lock::SourceId& source, const std::map<std::string, std::string>& overrides,
                            const Location& where);
// The template git_archive_url would use, or nullopt (an unknown host).
std::optional<std::string> find_archive_template(const lock::SourceId& source,
                                                 const std::map<std::string, std::string>& overrides);
// Whether a --git-archive HOST key applies to `source`.
bool archive_host_matches(std::string_view key, const lock::SourceId& source);
// What to say about a git source on an unknown host: the shape to give,
// `HOST=gitlab` for a host that looks like GitLab (gitlab.* names,
// invent.kde.org, salsa.debian.org, framagit.org, ...), `HOST=gitea` for
// Gitea or Forgejo, else the kinds and a template.
std::string unknown_host_message(const lock::SourceId& source);

// "{host}+{path components joined by '+'}-{commit}.tar.gz", from the
// canonical repository URL (see lock::canonical_url), e.g.
// "github.com+burntsushi+byteorder-5a82625f...tar.gz". Every spelling of one
// repository gets one name; two repositories never share one: the mapping is
// injective, because any byte outside [A-Za-z0-9._~-] (including '+' and
// '%' themselves) is written as %XX.
std::string git_distfile_name(const lock::SourceId& source);

}  // namespace cdf::distfiles
