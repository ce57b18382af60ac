#include "unpack/lock_check.hpp"

#include <gtest/gtest.h>

#include <fmt/format.h>

#include "lock/lockfile_reader.hpp"
#include "support/test_support.hpp"

namespace cdf::unpack {
namespace {

const std::string kIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kA(64, 'a'), kB(64, 'b');

lock::Lockfile lockfile(const std::string& packages) {
    lock::ReadOptions options;
    options.allow_missing_checksums = true;
    return lock::parse_lockfile("version = 4\n" + packages, "Cargo.lock", options);
}

std::string package(const std::string& name, const std::string& version, const std::string& source,
                    const std::string& checksum = {}) {
    std::string out = fmt::format("\n[[package]]\nname = \"{}\"\nversion = \"{}\"\nsource = \"{}\"\n", name, version,
                                  source);
    if (!checksum.empty()) out += fmt::format("checksum = \"{}\"\n", checksum);
    return out;
}

manifest::Manifest manifest_of(const std::string& lines) {
    return manifest::parse("cargo-distfiles-manifest 1\n" + lines, "m");
}

TEST(LockCheck, EverythingListedPasses) {
    std::string git = "git+https://github.com/o/r?branch=main#" + std::string(40, 'c');
    auto lock = lockfile(package("a", "1.0.0", kIo, kA) + package("g", "0.1.0", git) +
                         "\n[[package]]\nname = \"me\"\nversion = \"0.1.0\"\n");
    // The manifest may list more (other workspaces); sparse crates.io is crates.io.
    auto m = manifest_of("crate a 1.0.0 sparse+https://index.crates.io/ a-1.0.0.crate " + kA + "\n" +
                         "crate extra 1.0.0 " + kIo + " extra-1.0.0.crate " + kB + "\n" + "crate g 0.1.0 " + git +
                         " r.tar.gz git\n" + "git r.tar.gz https://github.com/o/r branch=main " + std::string(40, 'c') +
                         " - -\n");
    check_lock_against_manifest(lock, m, "m");
}

// One name and version from a registry and from git (the git one lands in
// a dot folder of its own): each package is matched with its own source,
// and the registry one keeps its checksum check.
TEST(LockCheck, OneNameAndVersionFromARegistryAndFromGit) {
    std::string git = "git+https://github.com/o/r?branch=main#" + std::string(40, 'c');
    auto lock = lockfile(package("x", "1.0.0", kIo, kA) + package("x", "1.0.0", git));
    auto m = manifest_of("crate x 1.0.0 " + git + " r.tar.gz git\n" + "crate x 1.0.0 " + kIo + " x-1.0.0.crate " + kA +
                         "\n" + "git r.tar.gz https://github.com/o/r branch=main " + std::string(40, 'c') + " - -\n");
    check_lock_against_manifest(lock, m, "m");
    auto wrong = manifest_of("crate x 1.0.0 " + git + " r.tar.gz git\n" + "crate x 1.0.0 " + kIo + " x-1.0.0.crate " +
                             kB + "\n" + "git r.tar.gz https://github.com/o/r branch=main " + std::string(40, 'c') +
                             " - -\n");
    EXPECT_EQ(test::error_of([&] { check_lock_against_manifest(lock, wrong, "m"); }, ErrorKind::CheckFailed),
              "Cargo.lock: does not match the manifest m (was one updated without regenerating the other?)\n"
              "1 package has a different checksum:\n"
              "  x 1.0.0: " +
                  kA + " in the lockfile, " + kB + " in the manifest");
}

TEST(LockCheck, ListsMissingAndDifferentPackages) {
    std::string old_commit = "git+https://github.com/o/r#" + std::string(40, 'c');
    std::string new_commit = "git+https://github.com/o/r#" + std::string(40, 'd');
    auto lock = lockfile(package("a", "1.0.1", kIo, kA) + package("b", "2.0.0", kIo, kB) +
                         package("c", "3.0.0", kIo, kA) + package("d", "4.0.0", kIo) +
                         package("g", "0.1.0", new_commit));
    auto m = manifest_of("crate a 1.0.0 " + kIo + " a-1.0.0.crate " + kA + "\n" + "crate b 2.0.0 " + kIo +
                         " b-2.0.0.crate " + kA + "\n" + "crate c 3.0.0 " + kIo + " c-3.0.0.crate unverified\n" +
                         "crate d 4.0.0 " + kIo + " d-4.0.0.crate " + kB + "\n" + "crate g 0.1.0 " + old_commit +
                         " r.tar.gz git\n" + "git r.tar.gz https://github.com/o/r - " + std::string(40, 'c') +
                         " - -\n");
    EXPECT_EQ(test::error_of([&] { check_lock_against_manifest(lock, m, "m"); }, ErrorKind::CheckFailed),
              "Cargo.lock: does not match the manifest m (was one updated without regenerating the other?)\n"
              "2 packages are missing from the manifest:\n"
              "  a 1.0.1 (" +
                  kIo +
                  ")\n"
                  "  g 0.1.0 (" +
                  new_commit +
                  ")\n"
                  "3 packages have a different checksum:\n"
                  "  b 2.0.0: " +
                  kB + " in the lockfile, " + kA +
                  " in the manifest\n"
                  "  c 3.0.0: " +
                  kA +
                  " in the lockfile, none (unverified) in the manifest\n"
                  "  d 4.0.0: none in the lockfile, " +
                  kB + " in the manifest");
}

}  // namespace
}  // namespace cdf::unpack
