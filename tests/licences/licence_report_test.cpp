#include "licences/licence_report.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::licences {
namespace {

CrateLicence crate(std::string name, std::string version, std::optional<std::string> license,
                   std::optional<std::string> license_file = std::nullopt) {
    return CrateLicence{std::move(name), std::move(version), std::move(license), std::move(license_file), "x"};
}

LicenceTable table() {
    return LicenceTable::parse("MIT\tMIT\nApache-2.0\tApache-2.0\nUnlicense\tUnlicense\nZlib\tZLIB\n", "t");
}

TEST(LicenceReport, CombinesAndWarns) {
    std::vector<CrateLicence> crates = {
        crate("aho-corasick", "1.1.3", "Unlicense OR MIT"),
        crate("anyhow", "1.0.98", "MIT OR Apache-2.0"),
        crate("ring", "0.17.8", std::nullopt, "LICENSE"),
        crate("bare", "0.1.0", std::nullopt),
        crate("odd", "2.0.0", "MIT AND LicenseRef-odd AND Foo-1.0 AND Foo-1.0"),
        crate("broken", "0.0.1", "MIT, Apache-2.0"),
        crate("zlib-rs", "0.5.0", "Zlib"),
    };
    LicenceReport r = build_report(crates, table());
    EXPECT_EQ(render_block(r.licences),
              "LICENCES=\"\n"
              "    Foo-1.0\n"
              "    LicenseRef-odd\n"
              "    MIT\n"
              "    ZLIB\n"
              "\"\n");
    EXPECT_EQ(r.warnings,
              (std::vector<std::string>{
                  "bare 0.1.0: declares no licence (neither `license` nor `license-file`)",
                  "broken 0.0.1: cannot parse `license = \"MIT, Apache-2.0\"`: \"MIT,\" at offset 0 is not a licence "
                  "id (which holds only letters, digits, '.', '-', ':' and a final '+') in licence expression \"MIT, "
                  "Apache-2.0\"",
                  "odd 2.0.0: licence id(s) missing from the licence table, written as they are: Foo-1.0, "
                  "LicenseRef-odd (map them with --licence-map FILE)",
                  "ring 0.17.8: no `license`, only `license-file = \"LICENSE\"`: read that file and add its licence to "
                  "LICENCES by hand",
              }));
}

TEST(LicenceReport, LicenceWinsOverLicenceFile) {
    LicenceReport r = build_report({crate("a", "1.0.0", "MIT", "LICENSE")}, table());
    EXPECT_EQ(render_block(r.licences), "LICENCES=\"MIT\"\n");
    EXPECT_TRUE(r.warnings.empty());
}

TEST(LicenceReport, SameCrateTwiceWarnsOnce) {
    LicenceReport r = build_report({crate("a", "1.0.0", std::nullopt), crate("a", "1.0.0", std::nullopt)}, table());
    EXPECT_EQ(r.warnings.size(), 1u);
}

}  // namespace
}  // namespace cdf::licences
