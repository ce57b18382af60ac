#include "exheres/place_block.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "exheres/bash_lines.hpp"
#include "exheres/downloads_block.hpp"
#include "util/error.hpp"

namespace cdf::exheres {

namespace {

void refuse_crlf(std::string_view text, const std::string& path) {
    std::size_t crlf = text.find("\r\n");
    if (crlf == std::string_view::npos) return;
    auto line = static_cast<std::uint32_t>(
        std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(crlf), '\n') + 1);
    bad_input(Location{path, line},
              "this line ends with CRLF (\\r\\n): bash would read the \\r as part of the values; convert the exheres "
              "to LF line endings (for example `sed -i 's/\\r$//' FILE`) and run again");
}

// True when the statement starts with NAME= or NAME+= in column 1.
bool assigns(std::string_view statement, std::string_view name) {
    if (statement.substr(0, name.size()) != name) return false;
    std::string_view rest = statement.substr(name.size());
    return rest.substr(0, 1) == "=" || rest.substr(0, 2) == "+=";
}

bool is_require(std::string_view statement) {
    if (statement.substr(0, 7) != "require") return false;
    char next = statement.size() > 7 ? statement[7] : '\n';
    return next == ' ' || next == '\t' || next == '\n' || next == '\\';
}

bool is_blank_line(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

// The physical line starting at `pos` (with its newline), or empty at the end.
std::string_view line_at(std::string_view text, std::size_t pos) {
    if (pos >= text.size()) return {};
    std::size_t eol = text.find('\n', pos);
    return eol == std::string_view::npos ? text.substr(pos) : text.substr(pos, eol - pos + 1);
}

// Top-level `DOWNLOADS=` assignments after the block of `text`: bash would
// replace the list the block appended to. (An inserted block never has one
// after it: it goes after the last DOWNLOADS assignment.)
std::vector<std::string> overwrites_after(std::string_view text, const BlockSpan& span, const std::string& path) {
    std::vector<std::string> warnings;
    std::vector<LogicalLine> lines;
    try {
        lines = logical_lines(text, path);
    } catch (const Error&) {
        return warnings;  // not readable enough to tell; bash will complain itself
    }
    for (const auto& l : lines) {
        if (l.begin >= span.end && l.in(text).substr(0, 10) == "DOWNLOADS=")
            warnings.push_back(fmt::format(
                "{}:{}: this `DOWNLOADS=` comes after the generated block and replaces the entries it added; make "
                "it `DOWNLOADS+=` or move it above the block",
                path, l.first_line));
    }
    return warnings;
}

}  // namespace

PlacedBlock place_downloads_block(std::string_view exheres, const std::string& path, std::string_view block) {
    refuse_crlf(exheres, path);

    if (auto span = find_downloads_block(exheres, path)) {
        PlacedBlock out;
        out.placement = Placement::Replaced;
        out.line = span->begin_line;
        std::string_view replacement = block;
        if (!span->end_has_newline && !replacement.empty() && replacement.back() == '\n') replacement.remove_suffix(1);
        out.text.reserve(exheres.size() + block.size());
        out.text.append(exheres.substr(0, span->begin));
        out.text.append(replacement);
        out.text.append(exheres.substr(span->end));
        out.warnings = overwrites_after(exheres, *span, path);
        return out;
    }

    std::vector<LogicalLine> lines = logical_lines(exheres, path);
    std::optional<LogicalLine> downloads, description, require;
    for (const auto& l : lines) {
        std::string_view s = l.in(exheres);
        if (assigns(s, "DOWNLOADS"))
            downloads = l;
        else if (assigns(s, "SUMMARY") || assigns(s, "HOMEPAGE") || assigns(s, "DESCRIPTION"))
            description = l;
        else if (is_require(s))
            require = l;
    }

    PlacedBlock out;
    std::optional<LogicalLine> anchor;
    if (downloads) {
        anchor = downloads;
        out.placement = Placement::AfterDownloads;
    } else if (description) {
        anchor = description;
        out.placement = Placement::AfterDescription;
    } else if (require) {
        anchor = require;
        out.placement = Placement::AfterRequire;
    } else {
        out.placement = Placement::AtEnd;
    }

    std::size_t at = anchor ? anchor->end : exheres.size();
    out.line = anchor ? anchor->last_line : 0;
    std::string_view before = exheres.substr(0, at);
    std::string_view after = exheres.substr(at);

    out.text.reserve(exheres.size() + block.size() + 3);
    out.text.append(before);
    if (!before.empty()) {
        if (before.back() != '\n') out.text += '\n';
        // One blank line between the anchor and the block; at the end of the
        // file, none is added when the file already ends with a blank line.
        std::size_t last_start = before.substr(0, before.size() - 1).rfind('\n');
        std::string_view last = before.substr(last_start == std::string_view::npos ? 0 : last_start + 1);
        if (anchor || !is_blank_line(last)) out.text += '\n';
    }
    out.text.append(block);
    if (!after.empty() && !is_blank_line(line_at(after, 0))) out.text += '\n';
    out.text.append(after);
    return out;
}

std::string describe(const PlacedBlock& placed, std::string_view block) {
    switch (placed.placement) {
        case Placement::Replaced: {
            auto lines = static_cast<std::uint32_t>(std::count(block.begin(), block.end(), '\n'));
            return fmt::format("block rewritten (now lines {}-{})", placed.line, placed.line + lines - 1);
        }
        case Placement::AfterDownloads:
            return fmt::format("block inserted after the DOWNLOADS assignment ending on line {}", placed.line);
        case Placement::AfterDescription:
            return fmt::format("block inserted after the SUMMARY/HOMEPAGE/DESCRIPTION assignment ending on line {}",
                               placed.line);
        case Placement::AfterRequire:
            return fmt::format("block inserted after the `require` line ending on line {}", placed.line);
        case Placement::AtEnd: return "block appended at the end";
    }
    return {};
}

}  // namespace cdf::exheres
