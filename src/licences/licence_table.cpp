#include "licences/licence_table.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/fields.hpp"
#include "util/lines.hpp"
#include "util/strings.hpp"

namespace cdf::licences {

namespace fs = std::filesystem;

namespace {

std::string key_of(const SpdxExpression& licence, bool with_plus, bool with_exception) {
    std::string key = lower(licence.id);
    if (with_plus && licence.or_later) key += '+';
    if (with_exception && !licence.exception.empty()) key += " with " + lower(licence.exception);
    return key;
}

}  // namespace

LicenceTable LicenceTable::parse(std::string_view text, const std::string& path) {
    LicenceTable table;
    std::map<std::string, std::uint32_t> first_line;
    Lines lines(text);
    std::string_view line;
    while (lines.next(line)) {
        const std::uint32_t lineno = lines.number();
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;

        auto tab = line.find('\t');
        if (tab == std::string_view::npos || line.find('\t', tab + 1) != std::string_view::npos)
            bad_input(Location{path, lineno, 1},
                      fmt::format("expected `SPDX-ID<TAB>EXHERBO-NAME` (one tab), found {}", quote(line)));
        std::string_view key_text = line.substr(0, tab);
        std::string_view name = line.substr(tab + 1);
        auto name_column = static_cast<std::uint32_t>(tab + 2);

        // The key must parse as one licence, optionally with '+' and WITH.
        SpdxExpression parsed;
        try {
            parsed = parse_spdx(key_text);
        } catch (const Error& e) {
            bad_input(Location{path, lineno, 1}, fmt::format("malformed key: {}", e.message()));
        }
        if (parsed.kind != SpdxExpression::Kind::Licence)
            bad_input(Location{path, lineno, 1},
                      fmt::format("key {} is an expression; a key is one licence id, with an optional `+` and "
                                  "`WITH EXCEPTION`",
                                  quote(key_text)));
        if (!is_safe_word(name))
            bad_input(Location{path, lineno, name_column},
                      fmt::format("Exherbo licence name {} is empty or holds a character that cannot be written "
                                  "into an exheres unquoted",
                                  quote(name)));
        std::string key = key_of(parsed, true, true);
        if (auto seen = first_line.find(key); seen != first_line.end())
            bad_input(Location{path, lineno, 1},
                      fmt::format("key {} is listed twice (first on line {})", quote(key_text), seen->second));
        first_line.emplace(key, lineno);
        table.entries_.emplace(std::move(key), std::string(name));
    }
    return table;
}

LicenceTable LicenceTable::read_file(const fs::path& path) { return parse(cdf::read_file(path), path.string()); }

void LicenceTable::override_with(const LicenceTable& overrides) {
    for (const auto& [key, name] : overrides.entries_) entries_[key] = name;
}

std::optional<std::string> LicenceTable::map(const SpdxExpression& licence) const {
    auto find = [&](const std::string& key) -> std::optional<std::string> {
        auto it = entries_.find(key);
        if (it == entries_.end()) return std::nullopt;
        return it->second;
    };
    if (!licence.exception.empty())
        if (auto n = find(key_of(licence, true, true))) return n;
    if (licence.or_later)
        if (auto n = find(key_of(licence, true, false))) return n;
    return find(key_of(licence, false, false));
}

std::vector<fs::path> default_licence_table_locations() {
    std::vector<fs::path> out;
    std::error_code ec;
    fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !self.empty())
        out.push_back(self.parent_path().parent_path() / "share" / "cargo-distfiles" / "licences.tsv");
#ifdef CDF_DATADIR
    out.push_back(fs::path(CDF_DATADIR) / "licences.tsv");
#endif
#ifdef CDF_SOURCE_DATADIR
    out.push_back(fs::path(CDF_SOURCE_DATADIR) / "licences.tsv");
#endif
    return out;
}

fs::path find_licence_table(const std::optional<fs::path>& explicit_path) {
    if (explicit_path) {
        std::error_code ec;
        if (!fs::is_regular_file(*explicit_path, ec))
            bad_input(Location{explicit_path->string()}, "no such licence table (given with --licence-table)");
        return *explicit_path;
    }
    auto candidates = default_licence_table_locations();
    std::string tried;
    for (const auto& c : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(c, ec)) return c;
        tried += fmt::format("\n  {}", c.string());
    }
    bad_input(Location{}, fmt::format("cannot find the licence table licences.tsv; give it with --licence-table FILE. "
                                      "Looked in:{}",
                                      tried));
}

}  // namespace cdf::licences
