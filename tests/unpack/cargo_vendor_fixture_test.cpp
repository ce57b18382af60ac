// Byte-for-byte against real `cargo vendor` (1.95): the checksum files, file
// modes and mtimes of fixtures/unpack/cargo-vendor-1.95 (see its PROVENANCE),
// for the real crates.io bitflags-1.0.4.crate and hand-made crates that probe
// the rules; and the printed cargo config.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "support/test_support.hpp"
#include "unpack/cargo_config.hpp"
#include "unpack/unpack_bench.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

fs::path fixtures() { return source_dir() / "fixtures/unpack/cargo-vendor-1.95"; }

// As regenerate.sh writes them: bytes outside 0x21-0x7e and '\' as \xNN.
std::string escaped(const std::string& path) {
    std::string out;
    for (unsigned char c : path) {
        if (c >= 0x21 && c <= 0x7e && c != '\\')
            out += static_cast<char>(c);
        else
            out += fmt::format("\\x{:02x}", c);
    }
    return out;
}

// "MODE MTIME PATH" per file (without .cargo-checksum.json), "dir PATH" per
// folder, sorted by the escaped path.
std::string listing(const fs::path& root) {
    std::vector<std::pair<std::string, std::string>> lines;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        std::string rel = escaped(fs::relative(e.path(), root).string());
        if (rel == ".cargo-checksum.json") continue;
        struct stat st {};
        EXPECT_EQ(::lstat(e.path().c_str(), &st), 0);
        if (S_ISDIR(st.st_mode))
            lines.emplace_back(rel, "dir " + rel);
        else
            lines.emplace_back(rel, fmt::format("{:04o} {} {}", st.st_mode & 07777, st.st_mtim.tv_sec, rel));
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& [key, line] : lines) out += line + "\n";
    return out;
}

class CargoVendorFixture : public ::testing::Test {
protected:
    void SetUp() override { old_umask_ = ::umask(022); }  // as when the fixtures were made
    void TearDown() override { ::umask(old_umask_); }

    // Unpacks `crate_file` as NAME VERSION and compares with the fixtures.
    void expect_same_as_cargo_vendor(const fs::path& crate_file, const std::string& name, const std::string& version) {
        std::string stem = name + "-" + version;
        fs::copy_file(crate_file, bench.dist() / (stem + ".crate"));
        bench.list_crate(name, version, stem + ".crate", sha256_of_file(crate_file));
        bench.run();
        fs::path ours = bench.vendor() / stem;
        EXPECT_EQ(read_text(ours / ".cargo-checksum.json"), read_text(fixtures() / (stem + ".cargo-checksum.json")));
        EXPECT_EQ(listing(ours), read_text(fixtures() / (stem + ".listing")));
        // The crate folder itself: as cargo vendor's (0777 less the umask).
        struct stat st {};
        ASSERT_EQ(::stat(ours.c_str(), &st), 0);
        EXPECT_EQ(st.st_mode & 07777, 0755u);
    }

    UnpackBench bench;
    mode_t old_umask_ = 0;
};

TEST_F(CargoVendorFixture, RealCratesIoBitflags) {
    // The shared corpus: $CDF_SHARED_DIR, beside the source tree, or /work/shared.
    std::vector<fs::path> places{source_dir() / "../shared", "/work/shared"};
    if (const char* shared = std::getenv("CDF_SHARED_DIR")) places.insert(places.begin(), shared);
    fs::path crate;
    for (const auto& place : places)
        if (fs::exists(place / "corpus/crates/bitflags-1.0.4.crate")) {
            crate = place / "corpus/crates/bitflags-1.0.4.crate";
            break;
        }
    if (crate.empty()) GTEST_SKIP() << "shared/corpus/crates/bitflags-1.0.4.crate is absent (set CDF_SHARED_DIR)";
    ASSERT_EQ(sha256_of_file(crate), "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12");
    expect_same_as_cargo_vendor(crate, "bitflags", "1.0.4");
    // What the real crate holds and cargo vendor leaves out.
    EXPECT_FALSE(fs::exists(bench.vendor() / "bitflags-1.0.4/.gitignore"));
}

TEST_F(CargoVendorFixture, DroppedNamesEscapingModesAndMtimes) {
    expect_same_as_cargo_vendor(fixtures() / "weird-0.1.0.crate", "weird", "0.1.0");
}

TEST_F(CargoVendorFixture, FoldersAndDots) {
    expect_same_as_cargo_vendor(fixtures() / "weird2-0.1.0.crate", "weird2", "0.1.0");
}

TEST_F(CargoVendorFixture, GeneratedFilesGetTheDeterministicMtime) {
    expect_same_as_cargo_vendor(fixtures() / "weird3-0.1.0.crate", "weird3", "0.1.0");
}

TEST_F(CargoVendorFixture, PackageOnlyIsFullWithoutFiles) {
    bench.options.checksums = cargo::ChecksumMode::PackageOnly;
    fs::copy_file(fixtures() / "weird3-0.1.0.crate", bench.dist() / "weird3-0.1.0.crate");
    bench.list_crate("weird3", "0.1.0", "weird3-0.1.0.crate", sha256_of_file(fixtures() / "weird3-0.1.0.crate"));
    bench.run();
    std::string full = read_text(fixtures() / "weird3-0.1.0.cargo-checksum.json");
    EXPECT_EQ(read_text(bench.vendor() / "weird3-0.1.0/.cargo-checksum.json"),
              "{\"files\":{}," + full.substr(full.find("\"package\":")));
}

TEST(CargoVendorConfig, SameAsCargoVendorPrints) {
    // The fixture's Cargo.lock as a manifest (git archive names made up).
    const std::string text =
        "cargo-distfiles-manifest 1\n"
        "crate altc 0.1.0 registry+file:///tmp/cdf-fixture/altidx altc-0.1.0.crate "
        "a24480eb5eea9b49be4b0b7387b72a0f41df02499e1a9cecde2da0afd60addf6\n"
        "crate bitflags 1.0.4 registry+https://github.com/rust-lang/crates.io-index bitflags-1.0.4.crate "
        "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12\n"
        "crate gd 0.2.0 git+file:///tmp/cdf-fixture/git-gd?branch=feat%2Fx#d30d5cbff3d937bfb591ff6b38a61c3f48908c90 "
        "gd.tar.gz git\n"
        "crate gd2 0.2.0 git+file:///tmp/cdf-fixture/git-gd2?tag=v0.3.0#4d4efe2189a91bd4d69e1dfdaf04daf17ef5a761 "
        "gd2.tar.gz git\n"
        "crate gd3 0.2.0 git+file:///tmp/cdf-fixture/git-gd3?rev=c231852#c2318528e356dd86b47cd8457606c795620b74cb "
        "gd3.tar.gz git\n"
        "crate gd4 0.2.0 git+file:///tmp/cdf-fixture/git-gd4#0bd6635d83de118f4bb8b9d7bea2a7549670ccc0 gd4.tar.gz git\n"
        "crate weird 0.1.0 registry+https://github.com/rust-lang/crates.io-index weird-0.1.0.crate "
        "3b0b819e439c6ae6278f407e1f6d57335d4115c70c1f14f2393bd110b70d5b3f\n"
        "git gd.tar.gz file:///tmp/cdf-fixture/git-gd branch=feat/x d30d5cbff3d937bfb591ff6b38a61c3f48908c90 - -\n"
        "git gd2.tar.gz file:///tmp/cdf-fixture/git-gd2 tag=v0.3.0 4d4efe2189a91bd4d69e1dfdaf04daf17ef5a761 - -\n"
        "git gd3.tar.gz file:///tmp/cdf-fixture/git-gd3 rev=c231852 c2318528e356dd86b47cd8457606c795620b74cb - -\n"
        "git gd4.tar.gz file:///tmp/cdf-fixture/git-gd4 - 0bd6635d83de118f4bb8b9d7bea2a7549670ccc0 - -\n";
    manifest::Manifest m = manifest::parse(text, "m");
    EXPECT_EQ(unpack::render_cargo_config(m, "/tmp/cdf-fixture/vendor", "m"),
              read_text(fixtures() / "cargo-config.toml"));
}

}  // namespace
}  // namespace cdf::test
