#include "exheres/downloads_block.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/fields.hpp"

namespace cdf::exheres {

namespace {

// Characters a URL legitimately carries that is_safe_word refuses by default.
constexpr std::string_view kUrlExtra = "?#&";

void check_name(const distfiles::Distfile& d) {
    if (!is_safe_word(d.name) || d.name.find('/') != std::string::npos || d.name == "." || d.name == "..")
        bad_input(Location{}, fmt::format("distfile name {} (for {}) cannot be written into an exheres: it is empty, "
                                          "holds '/' or a character that is not allowed",
                                          quote(d.name), quote(d.url)));
}

void check_url(const distfiles::Distfile& d) {
    const std::string& u = d.url;
    if (!is_safe_word(u, kUrlExtra))
        bad_input(Location{}, fmt::format("download URL {} cannot be written into an exheres: it is empty or holds "
                                          "whitespace, a quote or another character that is not allowed",
                                          quote(u)));
    if (u.find("://") == std::string::npos)
        bad_input(Location{}, fmt::format("download URL {} has no scheme (such as `https://`)", quote(u)));
    if (u.back() == '?' || u.back() == ':')
        bad_input(Location{}, fmt::format("download URL {} ends in {}, which paludis would read as a {}", quote(u),
                                          quote(u.substr(u.size() - 1)), u.back() == '?' ? "condition" : "label"));
}

std::string_view basename_of_url(std::string_view url) {
    std::size_t slash = url.rfind('/');
    return slash == std::string_view::npos ? url : url.substr(slash + 1);
}

std::string_view trim_blanks(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool consume(std::string_view& s, std::string_view prefix) {
    if (s.substr(0, prefix.size()) != prefix) return false;
    s.remove_prefix(prefix.size());
    return true;
}

bool consume_blanks(std::string_view& s) {
    std::size_t n = 0;
    while (n < s.size() && (s[n] == ' ' || s[n] == '\t')) ++n;
    s.remove_prefix(n);
    return n > 0;
}

}  // namespace

std::string render_downloads_block(const std::vector<distfiles::Distfile>& downloads) {
    auto by_name = [](const distfiles::Distfile& a, const distfiles::Distfile& b) {
        return a.name != b.name ? a.name < b.name : a.url < b.url;
    };
    // A plan's downloads arrive sorted: copy and sort only when they are not.
    std::vector<distfiles::Distfile> copy;
    const std::vector<distfiles::Distfile>* list = &downloads;
    if (!std::is_sorted(downloads.begin(), downloads.end(), by_name)) {
        copy = downloads;
        std::sort(copy.begin(), copy.end(), by_name);
        list = &copy;
    }
    const std::vector<distfiles::Distfile>& sorted = *list;

    std::string out;
    out.reserve(128 + sorted.size() * 96);
    out += kBeginMarker;
    out += "\nDOWNLOADS+=\"\n";
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        const auto& d = sorted[i];
        if (i > 0 && sorted[i - 1] == d) continue;  // exact duplicates are written once
        if (i > 0 && sorted[i - 1].name == d.name)
            bad_input(Location{}, fmt::format("two downloads would be saved as {}: {} and {}", quote(d.name),
                                              quote(sorted[i - 1].url), quote(d.url)));
        check_name(d);
        check_url(d);
        out += "    ";
        out += d.url;
        if (basename_of_url(d.url) != d.name) {
            out += " -> ";
            out += d.name;
        }
        out += '\n';
    }
    out += "\"\n";
    out += kEndMarker;
    out += '\n';
    return out;
}

Marker marker_of(std::string_view line) {
    std::string_view s = trim_blanks(line);
    if (!consume(s, "#")) return Marker::None;
    consume_blanks(s);
    if (!consume(s, "cargo-distfiles")) return Marker::None;
    if (!consume_blanks(s)) return Marker::None;
    Marker m = Marker::None;
    if (consume(s, "begin"))
        m = Marker::Begin;
    else if (consume(s, "end"))
        m = Marker::End;
    else
        return Marker::None;
    if (s.empty() || s.front() == ':' || s.front() == ' ' || s.front() == '\t') return m;
    return Marker::None;
}

std::optional<BlockSpan> find_downloads_block(std::string_view text, const std::string& path) {
    std::optional<BlockSpan> span;
    bool open = false;
    std::uint32_t lineno = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        bool has_newline = eol != std::string_view::npos;
        if (!has_newline) eol = text.size();
        std::string_view line = text.substr(pos, eol - pos);
        std::size_t line_start = pos;
        pos = has_newline ? eol + 1 : eol;
        ++lineno;

        Marker m = marker_of(line);
        if (m == Marker::Begin) {
            if (open)
                bad_input(Location{path, lineno},
                          fmt::format("a second `{}` marker: the block opened on line {} has no `{}` line yet",
                                      "# cargo-distfiles begin", span->begin_line, kEndMarker));
            if (span)
                bad_input(Location{path, lineno},
                          fmt::format("a second generated block: one already sits on lines {}-{}; keep only one "
                                      "pair of cargo-distfiles markers",
                                      span->begin_line, span->end_line));
            span = BlockSpan{line_start, 0, lineno, 0, true};
            open = true;
        } else if (m == Marker::End) {
            if (!span)
                bad_input(Location{path, lineno},
                          fmt::format("`{}` comes before any `# cargo-distfiles begin` marker", kEndMarker));
            if (!open)
                bad_input(Location{path, lineno},
                          fmt::format("a second `{}` marker: the block on lines {}-{} is already closed", kEndMarker,
                                      span->begin_line, span->end_line));
            span->end = pos;
            span->end_line = lineno;
            span->end_has_newline = has_newline;
            open = false;
        }
    }
    if (open)
        bad_input(Location{path, span->begin_line},
                  fmt::format("`# cargo-distfiles begin` has no matching `{}` line after it", kEndMarker));
    return span;
}

}  // namespace cdf::exheres
