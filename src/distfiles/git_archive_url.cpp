#include "distfiles/git_archive_url.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/strings.hpp"

namespace cdf::distfiles {

namespace {

std::string_view host_without_port(std::string_view host) { return host.substr(0, host.find(':')); }

std::string repository_name(const lock::SourceId& source) {
    std::string path = source.git_path();
    auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<std::string> builtin_archive_template(std::string_view host) {
    std::string_view bare = host_without_port(host);
    if (bare == "github.com" || bare == "www.github.com") return "https://github.com/{path}/archive/{commit}.tar.gz";
    if (bare == "gitlab.com" || starts_with(bare, "gitlab."))
        return "https://{host}/{path}/-/archive/{commit}/{name}-{commit}.tar.gz";
    if (bare == "codeberg.org" || bare == "gitea.com" || starts_with(bare, "gitea.") || starts_with(bare, "forgejo."))
        return "https://{host}/{path}/archive/{commit}.tar.gz";
    if (bare == "git.sr.ht") return "https://git.sr.ht/{path}/archive/{commit}.tar.gz";
    return std::nullopt;
}

std::optional<std::string> forge_kind_template(std::string_view kind) {
    if (kind == "github") return "https://{host}/{path}/archive/{commit}.tar.gz";
    if (kind == "gitlab") return "https://{host}/{path}/-/archive/{commit}/{name}-{commit}.tar.gz";
    if (kind == "gitea" || kind == "forgejo" || kind == "codeberg")
        return "https://{host}/{path}/archive/{commit}.tar.gz";
    if (kind == "sourcehut") return "https://{host}/{path}/archive/{commit}.tar.gz";
    return std::nullopt;
}

std::string_view forge_kinds() { return "github, gitlab, gitea, sourcehut"; }

std::string expand_archive_template(std::string_view tmpl, const lock::SourceId& source) {
    std::string url(tmpl);
    replace_all(url, "{host}", source.git_host());
    replace_all(url, "{path}", source.git_path());
    replace_all(url, "{name}", repository_name(source));
    replace_all(url, "{commit}", source.commit);
    return url;
}

bool archive_host_matches(std::string_view key, const lock::SourceId& source) {
    std::string host = source.git_host();
    return key == host || key == host_without_port(host);
}

std::optional<std::string> find_archive_template(const lock::SourceId& source,
                                                 const std::map<std::string, std::string>& overrides) {
    std::string host = source.git_host();
    auto it = overrides.find(host);
    if (it == overrides.end()) it = overrides.find(std::string(host_without_port(host)));
    if (it != overrides.end()) return it->second;
    return builtin_archive_template(host);
}

std::string unknown_host_message(const lock::SourceId& source) {
    std::string host = source.git_host();
    std::string_view bare = host_without_port(host);
    // Self-hosted GitLab instances well known to distributions, and names
    // that say what they run.
    static constexpr std::string_view kGitLabs[] = {"invent.kde.org",         "salsa.debian.org",   "framagit.org",
                                                    "code.videolan.org",      "source.puri.sm",     "gitlab.gnome.org",
                                                    "gitlab.freedesktop.org", "git.alpinelinux.org"};
    bool gitlab = bare.find("gitlab") != std::string_view::npos ||
                  std::find(std::begin(kGitLabs), std::end(kGitLabs), bare) != std::end(kGitLabs);
    bool gitea = bare.find("gitea") != std::string_view::npos || bare.find("forgejo") != std::string_view::npos ||
                 bare.find("codeberg") != std::string_view::npos;
    if (gitlab || gitea)
        return fmt::format(
            "git source {} is hosted on {}, which looks like a {} instance: say so with "
            "--git-archive '{}={}' (or give its archive URL template with the markers {{host}}, "
            "{{path}}, {{name}}, {{commit}})",
            quote(source.spelled), host, gitlab ? "GitLab" : "Gitea/Forgejo", host, gitlab ? "gitlab" : "gitea");
    return fmt::format(
        "git source {} is hosted on {}, which is not a known forge: say which forge it runs with "
        "--git-archive '{}=KIND' (KIND: {}), or where its archives are with --git-archive "
        "'{}=https://{}/{{path}}/archive/{{commit}}.tar.gz' (markers: {{host}}, {{path}}, {{name}}, "
        "{{commit}})",
        quote(source.spelled), host, host, forge_kinds(), host, host);
}

std::string git_archive_url(const lock::SourceId& source, const std::map<std::string, std::string>& overrides,
                            const Location& where) {
    if (source.git_path().empty())
        bad_input(where, fmt::format("git source {} has no repository path", quote(source.spelled)));
    if (auto tmpl = find_archive_template(source, overrides)) return expand_archive_template(*tmpl, source);
    bad_input(where, unknown_host_message(source));
}

std::string git_distfile_name(const lock::SourceId& source) {
    std::string canonical = lock::canonical_url(source.url);
    std::string_view rest = canonical;
    if (auto p = rest.find("://"); p != std::string_view::npos) rest = rest.substr(p + 3);
    if (auto at = rest.find('@'); at != std::string_view::npos && at < rest.find('/')) rest = rest.substr(at + 1);
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string name;
    name.reserve(rest.size() + 56);
    for (unsigned char c : rest) {
        if (c == '/') {
            if (!name.empty() && name.back() != '+') name += '+';
        } else if (std::isalnum(c) || c == '.' || c == '_' || c == '~' || c == '-') {
            name += static_cast<char>(c);
        } else {
            name += '%';
            name += hex[c >> 4];
            name += hex[c & 0xf];
        }
    }
    while (!name.empty() && name.back() == '+') name.pop_back();
    name += '-';
    name += source.commit;
    name += ".tar.gz";
    return name;
}

}  // namespace cdf::distfiles
