// `cargo-distfiles licences`, run as a program on real crate archives.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "licences/test_archives.hpp"
#include "manifest/manifest.hpp"
#include "support/test_support.hpp"

namespace cdf {
namespace {

namespace fs = std::filesystem;

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kBitflagsSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";

fs::path bitflags_crate() {
    return test::source_dir() / ".." / "shared" / "corpus" / "crates" / "bitflags-1.0.4.crate";
}

std::string table() { return (test::source_dir() / "data" / "licences.tsv").string(); }

// A distdir with the crates and a manifest naming them.
struct Fixture {
    test::ScratchDir dir;
    fs::path distdir = dir / "distfiles";
    fs::path manifest_path = dir / "foo.manifest";
    manifest::Manifest m;

    void add(const std::string& name, const std::string& version, const std::string& licence_lines) {
        fs::create_directories(distdir);
        test::make_crate(distdir, name, version, test::packaged_cargo_toml(name, version, licence_lines));
        test::add_crate(m, name, version, kCratesIo, name + "-" + version + ".crate", manifest::CrateCheck::Sha256,
                        std::string(64, '0'));
    }
    void write() {
        m.sort();
        test::write_text(manifest_path, manifest::render(m));
    }
    std::vector<std::string> args(std::vector<std::string> extra = {}) const {
        std::vector<std::string> a = {"licences",  "--manifest",     manifest_path.string(),
                                      "--distdir", distdir.string(), "--licence-table",
                                      table()};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
};

TEST(CmdLicences, RealBitflagsCrate) {
    if (!fs::exists(bitflags_crate())) GTEST_SKIP() << "corpus crate not present";
    Fixture f;
    fs::create_directories(f.distdir);
    fs::copy_file(bitflags_crate(), f.distdir / "bitflags-1.0.4.crate");
    test::add_crate(f.m, "bitflags", "1.0.4", kCratesIo, "bitflags-1.0.4.crate", manifest::CrateCheck::Sha256,
                    kBitflagsSha);
    f.write();
    auto r = test::run_cli(f.args());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "LICENCES=\"|| ( Apache-2.0 MIT )\"\n");
    EXPECT_EQ(r.err, "");
}

TEST(CmdLicences, SeveralCratesWithWarnings) {
    Fixture f;
    f.add("aho-corasick", "1.1.3", "license = \"Unlicense OR MIT\"");
    f.add("unicode-ident", "1.0.18", "license = \"(MIT OR Apache-2.0) AND Unicode-3.0\"");
    f.add("zerocopy", "0.8.25", "license = \"BSD-2-Clause OR Apache-2.0 OR MIT\"");
    f.add("ring", "0.17.8", "license-file = \"LICENSE\"");
    f.add("weird", "0.1.0", "license = \"LicenseRef-weird\"");
    f.write();
    auto r = test::run_cli(f.args());
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out,
              "LICENCES=\"\n"
              "    LicenseRef-weird\n"
              "    Unicode-3.0\n"
              "    || ( Apache-2.0 MIT )\n"
              "    || ( MIT Unlicense )\n"
              "\"\n");
    EXPECT_EQ(r.err,
              "cargo-distfiles: warning: ring 0.17.8: no `license`, only `license-file = \"LICENSE\"`: read that file "
              "and add its licence to LICENCES by hand\n"
              "cargo-distfiles: warning: weird 0.1.0: licence id(s) missing from the licence table, written as they "
              "are: LicenseRef-weird (map them with --licence-map FILE)\n");
}

TEST(CmdLicences, UserMapOverridesAndExtends) {
    Fixture f;
    f.add("weird", "0.1.0", "license = \"LicenseRef-weird OR MIT\"");
    f.add("other", "0.1.0", "license = \"MIT AND Zlib\"");
    f.write();
    test::write_text(f.dir / "my.tsv", "# mine\nLicenseRef-weird\tweird-licence\nZlib\tzlib-but-mine\n");
    auto r = test::run_cli(f.args({"--licence-map", (f.dir / "my.tsv").string()}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "LICENCES=\"\n    MIT\n    zlib-but-mine\n\"\n");
    EXPECT_EQ(r.err, "");
}

TEST(CmdLicences, StrictFailsWithoutOutput) {
    Fixture f;
    f.add("a", "1.0.0", "license = \"MIT\"");
    f.add("bare", "0.1.0", "");
    f.write();
    auto r = test::run_cli(f.args({"--strict"}));
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: bare 0.1.0: declares no licence (neither `license` nor `license-file`)\n"
              "cargo-distfiles: error: 1 crate(s) need a packager's attention (--strict); no LICENCES written\n");
}

TEST(CmdLicences, StrictPassesWhenAllMap) {
    Fixture f;
    f.add("a", "1.0.0", "license = \"MIT OR Apache-2.0\"");
    f.write();
    auto r = test::run_cli(f.args({"--strict"}));
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "LICENCES=\"|| ( Apache-2.0 MIT )\"\n");
}

// Installed as PREFIX/bin/cargo-distfiles with PREFIX/share/cargo-distfiles/
// licences.tsv, the table is found without --licence-table.
TEST(CmdLicences, FindsTheTableNextToTheInstalledBinary) {
    Fixture f;
    f.add("a", "1.0.0", "license = \"MIT/Apache-2.0\"");
    f.write();
    fs::path prefix = f.dir / "prefix";
    fs::create_directories(prefix / "bin");
    fs::create_directories(prefix / "share" / "cargo-distfiles");
    fs::copy_file(CDF_BINARY, prefix / "bin" / "cargo-distfiles");
    fs::copy_file(table(), prefix / "share" / "cargo-distfiles" / "licences.tsv");
    std::string command = "'" + (prefix / "bin" / "cargo-distfiles").string() + "' licences --manifest '" +
                          f.manifest_path.string() + "' --distdir '" + f.distdir.string() + "' >'" +
                          (f.dir / "out").string() + "' 2>&1";
    EXPECT_EQ(std::system(command.c_str()), 0) << test::read_text(f.dir / "out");
    EXPECT_EQ(test::read_text(f.dir / "out"), "LICENCES=\"|| ( Apache-2.0 MIT )\"\n");
}

TEST(CmdLicences, MissingDistfileIsBadInput) {
    Fixture f;
    f.add("a", "1.0.0", "license = \"MIT\"");
    f.write();
    fs::remove(f.distdir / "a-1.0.0.crate");
    auto r = test::run_cli(f.args());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + (f.distdir / "a-1.0.0.crate").string() +
                         ": no such distfile: fetch the distfiles first\n");
}

TEST(CmdLicences, MalformedMapIsBadInput) {
    Fixture f;
    f.add("a", "1.0.0", "license = \"MIT\"");
    f.write();
    test::write_text(f.dir / "my.tsv", "MIT MIT\n");
    auto r = test::run_cli(f.args({"--licence-map", (f.dir / "my.tsv").string()}));
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + (f.dir / "my.tsv").string() +
                         ":1:1: expected `SPDX-ID<TAB>EXHERBO-NAME` (one tab), found \"MIT MIT\"\n");
}

}  // namespace
}  // namespace cdf
