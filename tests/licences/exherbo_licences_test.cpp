#include "licences/exherbo_licences.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::licences {
namespace {

LicenceTable table() {
    return LicenceTable::parse(
        "MIT\tMIT\nApache-2.0\tApache-2.0\nUnlicense\tUnlicense\nISC\tISC\nBSD-3-Clause\tBSD-3\nZlib\tZLIB\n"
        "Unicode-DFS-2016\tUnicode-DFS-2016\nGPL-2.0\tGPL-2\nGPL-2.0-only\tGPL-2\nGPL-2.0-or-later\tGPL-2\n",
        "t");
}

// The simplified value of several crates' expressions taken together.
std::string combined(std::initializer_list<std::string_view> expressions, std::vector<std::string>* unknown = nullptr) {
    ExherboLicences all;
    std::vector<std::string> u;
    for (auto e : expressions) all.items.push_back(map_to_exherbo(parse_spdx(e), table(), u));
    if (unknown) *unknown = u;
    return render_value(simplify(all));
}

TEST(ExherboLicences, DualLicenceBecomesAChoice) {
    EXPECT_EQ(combined({"MIT/Apache-2.0"}), "|| ( Apache-2.0 MIT )");
    EXPECT_EQ(combined({"MIT OR Apache-2.0"}), "|| ( Apache-2.0 MIT )");
}

TEST(ExherboLicences, SameChoiceFromManyCratesOnce) {
    EXPECT_EQ(combined({"MIT OR Apache-2.0", "Apache-2.0 OR MIT", "MIT/Apache-2.0"}), "|| ( Apache-2.0 MIT )");
}

TEST(ExherboLicences, RequiredLicenceAbsorbsChoicesOfferingIt) {
    EXPECT_EQ(combined({"MIT", "MIT OR Apache-2.0", "Unlicense OR MIT"}), "MIT");
    EXPECT_EQ(combined({"MIT OR Apache-2.0", "ISC"}), "ISC || ( Apache-2.0 MIT )");
}

TEST(ExherboLicences, NarrowerChoiceAbsorbsWiderOne) {
    EXPECT_EQ(combined({"MIT OR Apache-2.0", "MIT OR Apache-2.0 OR Zlib"}), "|| ( Apache-2.0 MIT )");
}

TEST(ExherboLicences, AllOfInsideAChoice) {
    EXPECT_EQ(combined({"(MIT AND Unicode-DFS-2016) OR Apache-2.0"}), "|| ( Apache-2.0 ( MIT Unicode-DFS-2016 ) )");
    // A OR (A AND B) is A.
    EXPECT_EQ(combined({"MIT OR (MIT AND ISC)"}), "MIT");
}

TEST(ExherboLicences, RequiredNamesAreAcceptedInsideChoices) {
    // MIT AND (odd OR (Foo AND MIT)) is MIT AND (odd OR Foo).
    EXPECT_EQ(combined({"MIT", "LicenseRef-odd OR (MIT AND Foo-1.0)"}), "MIT || ( Foo-1.0 LicenseRef-odd )");
    // ... and a choice whose nested option is then satisfied goes.
    EXPECT_EQ(combined({"ISC AND MIT", "Zlib OR (ISC AND (MIT OR Apache-2.0))"}), "ISC MIT");
}

TEST(ExherboLicences, AndOfChoicesStaysAList) {
    EXPECT_EQ(combined({"(MIT OR Apache-2.0) AND Unicode-DFS-2016"}), "Unicode-DFS-2016 || ( Apache-2.0 MIT )");
}

TEST(ExherboLicences, IdsMappingToOneNameMerge) {
    EXPECT_EQ(combined({"GPL-2.0-only OR GPL-2.0-or-later"}), "GPL-2");
    EXPECT_EQ(combined({"GPL-2.0+"}), "GPL-2");
}

TEST(ExherboLicences, ExceptionUsesTheBaseLicence) {
    EXPECT_EQ(combined({"Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"}), "|| ( Apache-2.0 MIT )");
}

TEST(ExherboLicences, UnknownIdsStayAndAreReported) {
    std::vector<std::string> unknown;
    EXPECT_EQ(combined({"MIT AND LicenseRef-ring", "OpenSSL+ OR ISC"}, &unknown),
              "LicenseRef-ring MIT || ( ISC OpenSSL )");
    EXPECT_EQ(unknown, (std::vector<std::string>{"LicenseRef-ring", "OpenSSL"}));
}

TEST(ExherboLicences, NoCratesMeansNothing) { EXPECT_EQ(render_block(simplify(ExherboLicences{})), "LICENCES=\"\"\n"); }

TEST(ExherboLicences, BlockOneItemOnOneLine) {
    ExherboLicences all;
    std::vector<std::string> u;
    all.items.push_back(map_to_exherbo(parse_spdx("MIT/Apache-2.0"), table(), u));
    EXPECT_EQ(render_block(simplify(all)), "LICENCES=\"|| ( Apache-2.0 MIT )\"\n");
}

TEST(ExherboLicences, BlockSeveralItemsOnePerLine) {
    ExherboLicences all;
    std::vector<std::string> u;
    for (auto e : {"Unlicense OR MIT", "BSD-3-Clause", "MIT OR Apache-2.0", "(MIT OR Apache-2.0) AND Zlib", "ISC"})
        all.items.push_back(map_to_exherbo(parse_spdx(e), table(), u));
    EXPECT_EQ(render_block(simplify(all)),
              "LICENCES=\"\n"
              "    BSD-3\n"
              "    ISC\n"
              "    ZLIB\n"
              "    || ( Apache-2.0 MIT )\n"
              "    || ( MIT Unlicense )\n"
              "\"\n");
}

TEST(ExherboLicences, SimplifyIsIdempotent) {
    ExherboLicences all;
    std::vector<std::string> u;
    for (auto e : {"(MIT AND ISC) OR (Apache-2.0 AND (Zlib OR Unlicense))", "BSD-3-Clause OR ISC", "MIT"})
        all.items.push_back(map_to_exherbo(parse_spdx(e), table(), u));
    ExherboLicences once = simplify(all);
    EXPECT_EQ(simplify(once), once);
    EXPECT_EQ(render_value(once), "MIT || ( BSD-3 ISC ) || ( ISC ( Apache-2.0 || ( Unlicense ZLIB ) ) )");
}

}  // namespace
}  // namespace cdf::licences
