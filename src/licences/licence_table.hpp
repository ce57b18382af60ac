// The table that maps SPDX licence ids to Exherbo licence names.
//
// File format (data/licences.tsv, and the user's --licence-map file): one
// mapping per line, `SPDX-KEY<TAB>EXHERBO-NAME`; blank lines and lines
// starting with '#' are ignored. A key is
//   ID                  "BSD-3-Clause"
//   ID+                 "GPL-2.0+" (only needed when "or later" maps differently)
//   ID WITH EXCEPTION   "Apache-2.0 WITH LLVM-exception"
// and is matched case-insensitively, as SPDX ids are. The name must be one
// shell-safe word (it is written into an exheres unquoted).
//
// Lookup of one licence of an expression (see LicenceTable::map):
//   `ID[+] WITH EXC`: the whole key if listed, else as `ID[+]` (an exception
//                     only adds permissions to the licence it qualifies);
//   `ID+`:            the key `ID+` if listed, else `ID` (the licence itself
//                     is one of the versions "or later" allows);
//   `ID`:             the key `ID`, or nothing.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "licences/spdx_expression.hpp"

namespace cdf::licences {

class LicenceTable {
public:
    // Parses table text; `path` names it in errors (BadInput with line and
    // column: a line without exactly one tab, an empty or malformed key, a
    // name that is not a shell-safe word, a key listed twice).
    static LicenceTable parse(std::string_view text, const std::string& path);
    static LicenceTable read_file(const std::filesystem::path& path);

    // Entries of `overrides` replace or extend this table's.
    void override_with(const LicenceTable& overrides);

    // The Exherbo name of one licence (a Kind::Licence expression), following
    // the lookup rules above; nullopt when the table has no entry.
    std::optional<std::string> map(const SpdxExpression& licence) const;

    std::size_t size() const { return entries_.size(); }

private:
    std::map<std::string, std::string> entries_;  // normalised key -> name
};

// Where the shipped table is, first match wins:
//   1. `explicit_path` (--licence-table), which must exist;
//   2. <directory of the running binary>/../share/cargo-distfiles/licences.tsv;
//   3. CDF_DATADIR/licences.tsv (the configured install location);
//   4. CDF_SOURCE_DATADIR/licences.tsv when the build defines it (an
//      uninstalled build reading the source tree's data/).
// Throws BadInput listing the places tried when none exists.
std::filesystem::path find_licence_table(const std::optional<std::filesystem::path>& explicit_path);

// The candidates 2-4 above, in order (for messages and tests).
std::vector<std::filesystem::path> default_licence_table_locations();

}  // namespace cdf::licences
