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

// A registry crate x 1.0.0 and another x 1.0.0 from git repository "ws":
// that git source gets a directory source of its own; "other" (colliding
// with nothing) keeps the shared one.
TEST(CargoConfig, CollidingGitSourceGetsItsOwnDirectorySource) {
    const std::string a = "0123456789abcdef0123456789abcdef01234567";
    const std::string b = "fedcba9876543210fedcba9876543210fedcba98";
    manifest::Manifest m = manifest::parse(
        "cargo-distfiles-manifest 1\n"
        "crate x 1.0.0 git+https://example.org/ws?tag=v1#" +
            a + " example.org+o+ws-" + a +
            ".tar.gz git\n"
            "crate x 1.0.0 registry+https://github.com/rust-lang/crates.io-index x-1.0.0.crate unverified\n"
            "crate y 0.1.0 git+https://example.org/other#" +
            b + " example.org+o+other-" + b +
            ".tar.gz git\n"
            "crate z 0.2.0 git+https://example.org/ws?tag=v1#" +
            a + " example.org+o+ws-" + a +
            ".tar.gz git\n"
            "git example.org+o+other-" +
            b + ".tar.gz https://example.org/other - " + b +
            " - -\n"
            "git example.org+o+ws-" +
            a + ".tar.gz https://example.org/ws tag=v1 " + a + " - -\n",
        "m");
    const std::string expected =
        "[source.crates-io]\n"
        "replace-with = \"vendored-sources\"\n"
        "\n"
        "[source.\"git+https://example.org/other\"]\n"
        "git = \"https://example.org/other\"\n"
        "replace-with = \"vendored-sources\"\n"
        "\n"
        "[source.\"git+https://example.org/ws?tag=v1\"]\n"
        "git = \"https://example.org/ws\"\n"
        "tag = \"v1\"\n"
        "replace-with = \"vendored-git-0123456789ab\"\n"
        "\n"
        "[source.vendored-git-0123456789ab]\n"
        "directory = \"/w/vendor/.git-0123456789ab\"\n"
        "\n"
        "[source.vendored-sources]\n"
        "directory = \"/w/vendor\"\n";
    EXPECT_EQ(render_cargo_config(m, "/w/vendor", "m"), expected);
    // A trailing slash is not doubled.
    std::string with_slash = render_cargo_config(m, "/w/vendor/", "m");
    EXPECT_NE(with_slash.find("directory = \"/w/vendor/.git-0123456789ab\"\n"), std::string::npos) << with_slash;
}

// Each expected form is what cargo 1.95 printed for a vendor directory of
// that name (`cargo vendor /tmp/cdfv/NAME`).
// Issue 14: a relative --vendor with a --cargo-config in another folder.
TEST(CargoConfig, RelativeVendorDirFromTheConfigsFolder) {
    manifest::Manifest m;
    EXPECT_EQ(render_cargo_config(m, std::filesystem::path("vendor"), "m", "sub/.cargo/config.toml"),
              "[source.vendored-sources]\ndirectory = \"../vendor\"\n");
    EXPECT_EQ(render_cargo_config(m, std::filesystem::path("vendor"), "m", ".cargo/config.toml"),
              "[source.vendored-sources]\ndirectory = \"vendor\"\n");
    EXPECT_EQ(render_cargo_config(m, std::filesystem::path("/w/vendor"), "m", "sub/.cargo/config.toml"),
              "[source.vendored-sources]\ndirectory = \"/w/vendor\"\n");
}

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
