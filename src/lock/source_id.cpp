#include "lock/source_id.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "util/fields.hpp"
#include "util/strings.hpp"

namespace cdf::lock {

SourceId parse_source_id_fields(std::string_view text, const Location& where);

namespace {

constexpr std::string_view kCratesIoGit = "https://github.com/rust-lang/crates.io-index";
constexpr std::string_view kCratesIoSparse = "sparse+https://index.crates.io";

// "scheme://rest": the scheme must be letters, digits, '+', '-', '.'.
bool has_scheme(std::string_view url) {
    auto p = url.find("://");
    if (p == std::string_view::npos || p == 0 || p + 3 >= url.size()) return false;
    return std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(p),
                       [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '-' || c == '.'; });
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string GitReference::str() const {
    switch (kind) {
        case GitRefKind::DefaultBranch: return "-";
        case GitRefKind::Branch: return "branch=" + value;
        case GitRefKind::Tag: return "tag=" + value;
        case GitRefKind::Rev: return "rev=" + value;
    }
    return "-";
}

std::string form_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
            out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

std::string canonical_url(std::string_view url) {
    std::string s(url);
    while (!s.empty() && s.back() == '/') s.pop_back();
    if (s.size() > 4 && s.compare(s.size() - 4, 4, ".git") == 0) s.resize(s.size() - 4);
    while (!s.empty() && s.back() == '/') s.pop_back();
    // Scheme and host are case-insensitive.
    auto scheme_end = s.find("://");
    auto host_end = scheme_end == std::string::npos ? std::string::npos : s.find('/', scheme_end + 3);
    std::string head = lower(std::string_view(s).substr(0, host_end));
    std::string tail = host_end == std::string::npos ? std::string() : s.substr(host_end);
    for (std::string_view prefix :
         {"https://github.com", "http://github.com", "git://github.com", "ssh://git@github.com"}) {
        if (head == prefix) return "https://github.com" + lower(tail);
    }
    return head + tail;
}

namespace {

bool compute_crates_io(const SourceId& id) {
    if (id.kind == SourceKind::Registry) return canonical_url(id.url) == kCratesIoGit;
    if (id.kind == SourceKind::Sparse) return canonical_url(id.url) == kCratesIoSparse;
    return false;
}

std::string compute_canonical(const SourceId& id) {
    switch (id.kind) {
        case SourceKind::Registry: return id.crates_io ? "crates-io" : "registry+" + canonical_url(id.url);
        case SourceKind::Sparse: return id.crates_io ? "crates-io" : canonical_url(id.url);
        case SourceKind::Git: return "git+" + canonical_url(id.url) + "?" + id.reference.str() + "#" + id.commit;
    }
    return id.spelled;
}

// Fills the derived fields; every parse_source_id return goes through it.
SourceId finish(SourceId id) {
    id.crates_io = compute_crates_io(id);
    id.canonical_form = compute_canonical(id);
    return id;
}

}  // namespace

std::string SourceId::without_commit() const {
    std::string out = "git+" + url;
    if (reference.kind != GitRefKind::DefaultBranch) {
        out += "?" + reference.str();
    }
    return out;
}

std::string SourceId::git_host() const {
    auto p = url.find("://");
    std::string_view rest = std::string_view(url).substr(p == std::string::npos ? 0 : p + 3);
    std::string_view host = rest.substr(0, rest.find('/'));
    if (auto at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
    return lower(host);
}

std::string SourceId::git_path() const {
    auto p = url.find("://");
    std::string_view rest = std::string_view(url).substr(p == std::string::npos ? 0 : p + 3);
    auto slash = rest.find('/');
    std::string path(slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1));
    while (!path.empty() && path.back() == '/') path.pop_back();
    if (path.size() > 4 && path.compare(path.size() - 4, 4, ".git") == 0) path.resize(path.size() - 4);
    while (!path.empty() && path.back() == '/') path.pop_back();
    return path;
}

SourceId parse_source_id_fields(std::string_view text, const Location& where) {
    if (!is_safe_word(text, "?#&")) {
        bad_input(where, fmt::format("source {} holds a character that cargo never writes there (space, quote, "
                                     "'$', '`', '\\\\', or a control character)",
                                     quote(text)));
    }
    SourceId id;
    id.spelled = std::string(text);
    if (starts_with(text, "registry+")) {
        id.kind = SourceKind::Registry;
        id.url = std::string(text.substr(9));
    } else if (starts_with(text, "sparse+")) {
        id.kind = SourceKind::Sparse;
        id.url = std::string(text);
        if (!has_scheme(text.substr(7)))
            bad_input(where, fmt::format("malformed source {}: expected `sparse+URL`", quote(text)));
    } else if (starts_with(text, "git+")) {
        id.kind = SourceKind::Git;
    } else {
        auto plus = text.find('+');
        std::string kind(plus == std::string_view::npos ? std::string_view("(none)") : text.substr(0, plus));
        bad_input(where, fmt::format("malformed source {}: unknown kind `{}` (expected registry+, sparse+ or git+)",
                                     quote(text), kind));
    }
    if (id.kind == SourceKind::Registry) {
        if (!has_scheme(id.url) || id.url.find_first_of("?#") != std::string::npos)
            bad_input(where, fmt::format("malformed source {}: expected `registry+URL`", quote(text)));
        return id;
    }
    if (id.kind == SourceKind::Sparse) return id;

    std::string_view rest = text.substr(4);
    auto hash = rest.find('#');
    if (hash == std::string_view::npos || hash + 1 == rest.size()) {
        bad_input(where, fmt::format("git source {} has no pinned commit (`#COMMIT` at its end); cargo of 2016 "
                                     "and later always records one: regenerate the lockfile with a current cargo",
                                     quote(text)));
    }
    std::string_view commit = rest.substr(hash + 1);
    if (commit.size() != 40 || !is_lower_hex(commit)) {
        bad_input(where, fmt::format("git source {} pins {}, which is not a full commit id (40 lowercase hex digits)",
                                     quote(text), quote(commit)));
    }
    id.commit = std::string(commit);
    std::string_view url_query = rest.substr(0, hash);
    auto q = url_query.find('?');
    id.url = std::string(url_query.substr(0, q));
    if (!has_scheme(id.url))
        bad_input(where,
                  fmt::format("malformed source {}: the repository URL {} has no scheme", quote(text), quote(id.url)));
    if (q != std::string_view::npos) {
        std::string_view query = url_query.substr(q + 1);
        auto eq = query.find('=');
        std::string_view key = query.substr(0, eq);
        if (eq == std::string_view::npos || eq + 1 == query.size() || query.find('&') != std::string_view::npos) {
            bad_input(where, fmt::format("malformed source {}: expected one `?branch=`, `?tag=` or `?rev=` "
                                         "query, found {}",
                                         quote(text), quote(query)));
        }
        id.reference.value = form_decode(query.substr(eq + 1));
        if (key == "branch" || key == "ref") {
            id.reference.kind = GitRefKind::Branch;
        } else if (key == "tag") {
            id.reference.kind = GitRefKind::Tag;
        } else if (key == "rev") {
            id.reference.kind = GitRefKind::Rev;
        } else {
            bad_input(where, fmt::format("malformed source {}: unknown git reference kind {} (expected branch, tag "
                                         "or rev)",
                                         quote(text), quote(key)));
        }
        if (!is_safe_word(id.reference.value, "?#&"))
            bad_input(where, fmt::format("git source {} names the reference {}, which holds a character that is "
                                         "not allowed",
                                         quote(text), quote(id.reference.value)));
    }
    return id;
}

SourceId parse_source_id(std::string_view text, const Location& where) {
    return finish(parse_source_id_fields(text, where));
}

}  // namespace cdf::lock
