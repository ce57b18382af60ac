// `cargo-distfiles unpack` as a user runs it: options, exit statuses, stderr.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "unpack/unpack_bench.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

struct CmdUnpack : ::testing::Test {
    UnpackBench bench;
    std::vector<std::string> args() const {
        return {"unpack",   "--manifest",           bench.options.manifest_path, "--distdir", bench.dist().string(),
                "--vendor", bench.vendor().string()};
    }
    RunResult run(std::vector<std::string> extra = {}) {
        bench.manifest.sort();
        write_text(bench.options.manifest_path, manifest::render(bench.manifest));
        auto a = args();
        a.insert(a.end(), extra.begin(), extra.end());
        return run_cli(a);
    }
};

TEST_F(CmdUnpack, QuietSuccess) {
    bench.add_simple_crate("foo", "1.0.0");
    fs::path config = bench.scratch.path() / "work/.cargo/config.toml";
    RunResult r = run({"--cargo-config", config.string(), "-j", "1"});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "");
    EXPECT_TRUE(fs::exists(bench.vendor() / "foo-1.0.0/.cargo-checksum.json"));
    EXPECT_EQ(read_text(config),
              "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n"
              "[source.vendored-sources]\ndirectory = \"" +
                  bench.vendor().string() + "\"\n");
}

// cargo resolves a relative `directory` against the folder that holds the
// .cargo folder (cargo/config_paths.hpp): `--vendor vendor --cargo-config
// work/.cargo/config.toml`, run from the scratch folder, must say ../vendor.
TEST_F(CmdUnpack, RelativeVendorIsWrittenRelativeToTheConfig) {
    bench.add_simple_crate("foo", "1.0.0");
    bench.manifest.sort();
    write_text(bench.options.manifest_path, manifest::render(bench.manifest));
    fs::path top = bench.vendor().parent_path();
    RunResult r = run_cli({"unpack", "--manifest", bench.options.manifest_path, "--distdir", bench.dist().string(),
                           "--vendor", fs::relative(bench.vendor(), top).string(), "--cargo-config",
                           "work/.cargo/config.toml"},
                          top);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(read_text(top / "work/.cargo/config.toml"),
              "[source.crates-io]\nreplace-with = \"vendored-sources\"\n\n"
              "[source.vendored-sources]\ndirectory = \"../" +
                  fs::relative(bench.vendor(), top).string() + "\"\n");
}

TEST_F(CmdUnpack, VerboseNamesEachCrate) {
    bench.add_simple_crate("foo", "1.0.0");
    bench.add_simple_crate("foo", "2.0.0");
    RunResult r = run({"-v", "--dir-names", "cargo", "--checksums", "package-only", "-j", "1"});
    EXPECT_EQ(r.status, 0) << r.err;
    // -j 1: largest distfile first; equal sizes keep manifest order.
    std::string a = "unpacked foo 1.0.0 into foo-1.0.0\n", b = "unpacked foo 2.0.0 into foo\n";
    EXPECT_TRUE(r.err == a + b + "unpacked 2 crates into " + bench.vendor().string() + " (0 already complete)\n" ||
                r.err == b + a + "unpacked 2 crates into " + bench.vendor().string() + " (0 already complete)\n")
        << r.err;
    EXPECT_EQ(read_text(bench.vendor() / "foo/.cargo-checksum.json"),
              "{\"files\":{},\"package\":\"" + sha256_of_file(bench.dist() / "foo-2.0.0.crate") + "\"}");
}

TEST_F(CmdUnpack, MismatchExitsWithOne) {
    bench.add_crate("foo", "1.0.0", {file("foo-1.0.0/Cargo.toml", "x")}, std::string(64, 'e'));
    fs::path crate = bench.dist() / "foo-1.0.0.crate";
    RunResult r = run();
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + crate.string() + ": sha256 mismatch for crate foo 1.0.0: expected " +
                         std::string(64, 'e') + ", actual " + sha256_of_file(crate) + "\n");
    EXPECT_TRUE(UnpackBench::entries(bench.vendor()).empty());
}

TEST_F(CmdUnpack, MissingDistfileExitsWithTwo) {
    bench.list_crate("foo", "1.0.0", "foo-1.0.0.crate", std::string(64, 'e'));
    RunResult r = run();
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + bench.dist().string() +
                         ": 1 distfile is missing; nothing was unpacked:\n  foo-1.0.0.crate (crate foo 1.0.0): "
                         "expected sha256 " +
                         std::string(64, 'e') + ", actual: no such file\n");
}

TEST_F(CmdUnpack, BadOptionValues) {
    bench.add_simple_crate("foo", "1.0.0");
    EXPECT_EQ(run({"--checksums", "some"}).status, 2);
    EXPECT_EQ(run({"--dir-names", "short"}).status, 2);
    EXPECT_EQ(run({"-j", "1025"}).status, 2);
    EXPECT_FALSE(fs::exists(bench.vendor()));
    RunResult r = run_cli({"unpack", "--distdir", "d", "--vendor", "v"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("--manifest is required"), std::string::npos) << r.err;
}

TEST_F(CmdUnpack, HelpTeaches) {
    RunResult r = run_cli({"unpack", "--help"});
    EXPECT_EQ(r.status, 0);
    for (const char* s : {"--manifest FILE", "--distdir DIR", "--vendor DIR", "--cargo-config FILE", "--lock LOCK",
                          "-j,--jobs N", "--checksums", "package-only", "--dir-names", "Examples:", "Exit status:"})
        EXPECT_NE(r.out.find(s), std::string::npos) << s;
}

}  // namespace
}  // namespace cdf::test
