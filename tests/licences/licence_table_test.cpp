#include "licences/licence_table.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::licences {
namespace {

std::optional<std::string> lookup(const LicenceTable& t, std::string_view spdx) { return t.map(parse_spdx(spdx)); }

const char* kSmall =
    "# comment\n"
    "\n"
    "MIT\tMIT\n"
    "Apache-2.0\tApache-2.0\n"
    "GPL-2.0\tGPL-2\n"
    "GPL-2.0+\tGPL-2-or-later\n"
    "Apache-2.0 WITH LLVM-exception\tApache-2.0-LLVM\n";

TEST(LicenceTable, ExactAndCaseInsensitive) {
    LicenceTable t = LicenceTable::parse(kSmall, "t");
    EXPECT_EQ(t.size(), 5u);
    EXPECT_EQ(lookup(t, "MIT"), "MIT");
    EXPECT_EQ(lookup(t, "mit"), "MIT");
    EXPECT_EQ(lookup(t, "apache-2.0"), "Apache-2.0");
    EXPECT_EQ(lookup(t, "ISC"), std::nullopt);
}

TEST(LicenceTable, OrLaterFallsBackToTheLicence) {
    LicenceTable t = LicenceTable::parse(kSmall, "t");
    EXPECT_EQ(lookup(t, "GPL-2.0+"), "GPL-2-or-later");
    EXPECT_EQ(lookup(t, "MIT+"), "MIT");
}

TEST(LicenceTable, ExceptionFallsBackToTheLicence) {
    LicenceTable t = LicenceTable::parse(kSmall, "t");
    EXPECT_EQ(lookup(t, "Apache-2.0 WITH LLVM-exception"), "Apache-2.0-LLVM");
    EXPECT_EQ(lookup(t, "apache-2.0 with llvm-EXCEPTION"), "Apache-2.0-LLVM");
    EXPECT_EQ(lookup(t, "Apache-2.0 WITH Other-exception"), "Apache-2.0");
    EXPECT_EQ(lookup(t, "GPL-2.0+ WITH Classpath-exception-2.0"), "GPL-2-or-later");
    EXPECT_EQ(lookup(t, "ISC WITH foo"), std::nullopt);
}

TEST(LicenceTable, OverridesReplaceAndExtend) {
    LicenceTable t = LicenceTable::parse(kSmall, "t");
    t.override_with(LicenceTable::parse("mit\tMY-MIT\nLicenseRef-ring\tring\n", "user"));
    EXPECT_EQ(lookup(t, "MIT"), "MY-MIT");
    EXPECT_EQ(lookup(t, "LicenseRef-ring"), "ring");
    EXPECT_EQ(lookup(t, "Apache-2.0"), "Apache-2.0");
}

TEST(LicenceTable, CarriageReturnsAreIgnored) {
    LicenceTable t = LicenceTable::parse("MIT\tMIT\r\n", "t");
    EXPECT_EQ(lookup(t, "MIT"), "MIT");
}

TEST(LicenceTable, RefusesSpacesInsteadOfTab) {
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("# x\nMIT    MIT\n", "map.tsv"); }),
              "map.tsv:2:1: expected `SPDX-ID<TAB>EXHERBO-NAME` (one tab), found \"MIT    MIT\"");
}

TEST(LicenceTable, RefusesTwoTabs) {
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("MIT\tMIT\tx\n", "map.tsv"); }),
              "map.tsv:1:1: expected `SPDX-ID<TAB>EXHERBO-NAME` (one tab), found \"MIT\\tMIT\\tx\"");
}

TEST(LicenceTable, RefusesExpressionKeys) {
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("MIT OR ISC\tx\n", "map.tsv"); }),
              "map.tsv:1:1: key \"MIT OR ISC\" is an expression; a key is one licence id, with an optional `+` and "
              "`WITH EXCEPTION`");
}

TEST(LicenceTable, RefusesMalformedKeys) {
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("\tx\n", "map.tsv"); }),
              "map.tsv:1:1: malformed key: the expression is empty in licence expression \"\"");
}

TEST(LicenceTable, RefusesUnsafeNames) {
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("MIT\tMIT $(id)\n", "map.tsv"); }),
              "map.tsv:1:5: Exherbo licence name \"MIT $(id)\" is empty or holds a character that cannot be written "
              "into an exheres unquoted");
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("MIT\t\n", "map.tsv"); }),
              "map.tsv:1:5: Exherbo licence name \"\" is empty or holds a character that cannot be written into an "
              "exheres unquoted");
}

TEST(LicenceTable, RefusesDuplicateKeys) {
    EXPECT_EQ(test::error_of([] { LicenceTable::parse("MIT\tMIT\nmit\tX\n", "map.tsv"); }),
              "map.tsv:2:1: key \"mit\" is listed twice (first on line 1)");
}

TEST(LicenceTable, ShippedTableParsesAndMapsTheCommonCrateLicences) {
    LicenceTable t = LicenceTable::read_file(test::source_dir() / "data" / "licences.tsv");
    EXPECT_GE(t.size(), 40u);
    EXPECT_EQ(lookup(t, "MIT"), "MIT");
    EXPECT_EQ(lookup(t, "Apache-2.0"), "Apache-2.0");
    EXPECT_EQ(lookup(t, "Apache-2.0 WITH LLVM-exception"), "Apache-2.0");
    EXPECT_EQ(lookup(t, "BSD-2-Clause"), "BSD-2");
    EXPECT_EQ(lookup(t, "BSD-3-Clause"), "BSD-3");
    EXPECT_EQ(lookup(t, "0BSD"), "BSD-0");
    EXPECT_EQ(lookup(t, "BSL-1.0"), "Boost-1.0");
    EXPECT_EQ(lookup(t, "Zlib"), "ZLIB");
    EXPECT_EQ(lookup(t, "ISC"), "ISC");
    EXPECT_EQ(lookup(t, "Unlicense"), "Unlicense");
    EXPECT_EQ(lookup(t, "CC0-1.0"), "CC0");
    EXPECT_EQ(lookup(t, "MPL-2.0"), "MPL-2.0");
    EXPECT_EQ(lookup(t, "Unicode-DFS-2016"), "Unicode-DFS-2016");
    EXPECT_EQ(lookup(t, "Unicode-3.0"), "Unicode-3.0");
    EXPECT_EQ(lookup(t, "LGPL-2.1-or-later"), "LGPL-2.1");
    EXPECT_EQ(lookup(t, "GPL-2.0+"), "GPL-2");
    EXPECT_EQ(lookup(t, "GPL-3.0-only"), "GPL-3");
    EXPECT_EQ(lookup(t, "OpenSSL"), "openssl");
}

TEST(LicenceTable, FindsAnExplicitTable) {
    auto path = test::source_dir() / "data" / "licences.tsv";
    EXPECT_EQ(find_licence_table(path), path);
    EXPECT_EQ(test::error_of([] { find_licence_table(std::filesystem::path("/nonexistent/l.tsv")); }),
              "/nonexistent/l.tsv: no such licence table (given with --licence-table)");
}

TEST(LicenceTable, DefaultLocationsStartNextToTheBinary) {
    auto locations = default_licence_table_locations();
    ASSERT_GE(locations.size(), 2u);
    EXPECT_EQ(locations[0].filename(), "licences.tsv");
    EXPECT_EQ(locations[0].parent_path().filename(), "cargo-distfiles");
    EXPECT_EQ(locations[0].parent_path().parent_path().filename(), "share");
    EXPECT_EQ(locations[1], std::filesystem::path(CDF_DATADIR) / "licences.tsv");
}

}  // namespace
}  // namespace cdf::licences
