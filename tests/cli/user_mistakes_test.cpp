// One line for one mistake, exit 2 for what the user must fix: a mistyped
// --distdir, a manifest into a missing folder, a long list of missing files.
#include <cerrno>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "unpack/unpack_bench.hpp"
#include "util/atomic_file.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

const std::string kSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";

TEST(UserMistakes, MistypedDistdirIsOneLineAndCreatesNothing) {
    UnpackBench bench;
    for (int i = 0; i < 30; ++i)
        bench.list_crate("c" + std::to_string(i), "1.0.0", "c" + std::to_string(i) + "-1.0.0.crate", kSha);
    bench.manifest.sort();
    write_text(bench.options.manifest_path, manifest::render(bench.manifest));
    fs::path wrong = bench.scratch.path() / "distfles";
    RunResult r = run_cli({"unpack", "--manifest", bench.options.manifest_path, "--distdir", wrong.string(), "--vendor",
                           bench.vendor().string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + wrong.string() +
                         ": no such distfiles folder: pass the folder the distfiles were fetched to (--distdir, "
                         "${FETCHEDDIR} in an exheres)\n");
    EXPECT_FALSE(fs::exists(bench.vendor()));
}

TEST(UserMistakes, ManyMissingDistfilesAreCapped) {
    UnpackBench bench;
    for (int i = 10; i < 40; ++i)
        bench.list_crate("c" + std::to_string(i), "1.0.0", "c" + std::to_string(i) + "-1.0.0.crate", kSha);
    bench.manifest.sort();
    write_text(bench.options.manifest_path, manifest::render(bench.manifest));
    RunResult r = run_cli({"unpack", "--manifest", bench.options.manifest_path, "--distdir", bench.dist().string(),
                           "--vendor", bench.vendor().string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 12) << r.err;  // the summary, 10 files, the count
    EXPECT_NE(r.err.find(bench.dist().string() +
                         ": 30 distfiles are missing; nothing was unpacked:\n  c10-1.0.0.crate"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("\n  ... and 20 more (`cargo-distfiles verify` lists every distfile)\n"), std::string::npos)
        << r.err;
}

TEST(UserMistakes, ManifestIntoAMissingFolderIsExitTwo) {
    ScratchDir d;
    write_text(d / "Cargo.lock", "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n");
    RunResult r = run_cli({"generate", "Cargo.lock", "--manifest", "files/foo-1.0.cargo-distfiles"}, d.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: files/foo-1.0.cargo-distfiles: cannot write: the folder files does not "
              "exist; create it (mkdir -p files) or give a path in an existing folder\n");
    EXPECT_FALSE(fs::exists(d / "files"));
}

TEST(UserMistakes, VendorUnderAFileIsExitTwo) {
    UnpackBench bench;
    bench.add_simple_crate("foo", "1.0.0");
    bench.manifest.sort();
    write_text(bench.options.manifest_path, manifest::render(bench.manifest));
    write_text(bench.scratch.path() / "afile", "x");
    fs::path vendor = bench.scratch.path() / "afile" / "vendor";
    RunResult r = run_cli({"unpack", "--manifest", bench.options.manifest_path, "--distdir", bench.dist().string(),
                           "--vendor", vendor.string()});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: " + vendor.string() + ": cannot create the vendor directory: a part of " +
                         (bench.scratch.path() / "afile").string() +
                         " is a file, not a folder; give a path in a folder\n");
}

TEST(UserMistakes, WriteErrorsTheUserFixesAreBadInput) {
    // (The tests run as root, for whom no folder is read-only: the errno is fed directly.)
    EXPECT_EQ(error_of([] { throw_write_error("v", "v", "write in the vendor directory", EACCES); }),
              "v: cannot write in the vendor directory: no permission to write in v; make it writable (chmod u+w v) "
              "or give a path in a writable folder");
    EXPECT_EQ(error_of([] { throw_write_error("v/x", "v", "write", EROFS); }),
              "v/x: cannot write: v is on a read-only file system; give a path in a writable folder");
    EXPECT_EQ(error_of([] { throw_write_error("no-such-dir/m", "no-such-dir", "write", ENOENT); }),
              "no-such-dir/m: cannot write: the folder no-such-dir does not exist; create it (mkdir -p no-such-dir) "
              "or give a path in an existing folder");
    EXPECT_EQ(error_of([] { throw_write_error("m", "d", "write", EIO); }, ErrorKind::Internal),
              "m: cannot write: Input/output error");
}

}  // namespace
}  // namespace cdf::test
