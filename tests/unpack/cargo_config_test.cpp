#include "unpack/cargo_config.hpp"

#include <gtest/gtest.h>

namespace cdf::unpack {
namespace {

TEST(CargoConfig, CratesIoBothIdsAreOneTable) {
    manifest::Manifest m = manifest::parse(
        "cargo-distfiles-manifest 1\n"
        "crate a 1.0.0 registry+https://github.com/rust-lang/crates.io-index a-1.0.0.crate unverified\n"
        "crate b 1.0.0 sparse+https://index.crates.io/ b-1.0.0.crate unverified\n",
        "m");
    EXPECT_EQ(render_cargo_config(m, "vendor", "m"),
              "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n"
              "[source.vendored-sources]\ndirectory = \"vendor\"\n");
}

TEST(CargoConfig, SparseRegistryKeepsItsPrefix) {
    manifest::Manifest m = manifest::parse(
        "cargo-distfiles-manifest 1\n"
        "crate a 1.0.0 sparse+https://reg.example.org/index/ a-1.0.0@reg.crate unverified\n",
        "m");
    EXPECT_EQ(render_cargo_config(m, "/w/vendor", "m"),
              "[source.\"sparse+https://reg.example.org/index/\"]\n"
              "registry = \"sparse+https://reg.example.org/index/\"\n"
              "replace-with = \"vendored-sources\"\n\n"
              "[source.vendored-sources]\ndirectory = \"/w/vendor\"\n");
}

TEST(CargoConfig, OnlyTheVendorDirectoryWithoutCrates) {
    manifest::Manifest m;
    EXPECT_EQ(render_cargo_config(m, "v", "m"), "[source.vendored-sources]\ndirectory = \"v\"\n");
}

// Each expected form is what cargo 1.95 printed for a vendor directory of
// that name (`cargo vendor /tmp/cdfv/NAME`).
TEST(TomlString, TheFormCargoPrints) {
    EXPECT_EQ(toml_string("/tmp/cdfv/plain"), "\"/tmp/cdfv/plain\"");
    EXPECT_EQ(toml_string("/tmp/cdfv/caf\xc3\xa9"), "\"/tmp/cdfv/caf\xc3\xa9\"");
    EXPECT_EQ(toml_string("/tmp/cdfv/it's"), "\"/tmp/cdfv/it's\"");
    EXPECT_EQ(toml_string("/tmp/cdfv/tab\there"), "\"/tmp/cdfv/tab\\there\"");
    EXPECT_EQ(toml_string("/tmp/cdfv/a\"b"), "'/tmp/cdfv/a\"b'");
    EXPECT_EQ(toml_string("/tmp/cdfv/t\t\""), "'/tmp/cdfv/t\t\"'");
    EXPECT_EQ(toml_string("/tmp/cdfv/it's \"q\""), R"("""/tmp/cdfv/it's "q"""")");
    EXPECT_EQ(toml_string("/tmp/cdfv/x'''y\""), R"("""/tmp/cdfv/x'''y"""")");
    EXPECT_EQ(toml_string("/tmp/cdfv/e\"'"), R"("""/tmp/cdfv/e"'""")");
    EXPECT_EQ(toml_string("/tmp/cdfv/two''\""), R"("""/tmp/cdfv/two''"""")");
    EXPECT_EQ(toml_string("/tmp/cdfv/q\"\"\"\"z'"), R"('''/tmp/cdfv/q""""z'''')");
    EXPECT_EQ(toml_string("/tmp/cdfv/q'\"\"\"z"), R"('''/tmp/cdfv/q'"""z''')");
    EXPECT_EQ(toml_string("/tmp/cdfv/q''\"\"\"z"), R"('''/tmp/cdfv/q''"""z''')");
    EXPECT_EQ(toml_string("/tmp/cdfv/nl\n\"x"), "\"\"\"\n/tmp/cdfv/nl\n\"x\"\"\"");
    EXPECT_EQ(toml_string("/tmp/cdfv/del\x7f\""), R"("/tmp/cdfv/del\u007F\"")");
    EXPECT_EQ(toml_string("/tmp/cdfv/ctl\x01x"), R"("/tmp/cdfv/ctl\u0001x")");
    EXPECT_EQ(toml_string("/tmp/cdfv/ctl\x01\"x"), R"("/tmp/cdfv/ctl\u0001\"x")");
}

TEST(TomlString, BackslashesStay) {
    // cargo prints `a\b` as 'a/b' (another folder); a literal keeps it.
    EXPECT_EQ(toml_string("/tmp/a\\b"), R"('/tmp/a\b')");
}

}  // namespace
}  // namespace cdf::unpack
