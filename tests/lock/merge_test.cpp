#include "lock/merge.hpp"

#include <gtest/gtest.h>

#include "lock/lockfile_reader.hpp"
#include "support/test_support.hpp"

namespace cdf::lock {
namespace {

const std::string kSha1 = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kSha2 = "1111111111111111111111111111111111111111111111111111111111111111";

std::string pkg(const std::string& name, const std::string& source, const std::string& sha) {
    return "[[package]]\nname = \"" + name + "\"\nversion = \"1.0.0\"\nsource = \"" + source + "\"\nchecksum = \"" +
           sha + "\"\n\n";
}

TEST(Merge, RemovesDuplicatesAcrossLockfilesAndBothCratesIoIds) {
    Lockfile a = parse_lockfile("version = 4\n" +
                                    pkg("x", "registry+https://github.com/rust-lang/crates.io-index", kSha1) +
                                    pkg("y", "registry+https://github.com/rust-lang/crates.io-index", kSha1),
                                "a/Cargo.lock");
    Lockfile b = parse_lockfile("version = 4\n" + pkg("x", "sparse+https://index.crates.io/", kSha1) +
                                    pkg("z", "sparse+https://index.crates.io/", kSha2),
                                "b/Cargo.lock");
    auto merged = merge_packages({a, b});
    ASSERT_EQ(merged.size(), 3u);
    EXPECT_EQ(merged[0].name, "x");
    EXPECT_EQ(merged[0].where().file, "a/Cargo.lock");  // the first lockfile's spelling is kept
    EXPECT_EQ(merged[1].name, "y");
    EXPECT_EQ(merged[2].name, "z");
}

TEST(Merge, ReportsConflictingChecksumsWithBothPlaces) {
    Lockfile a = parse_lockfile("version = 4\n" +
                                    pkg("x", "registry+https://github.com/rust-lang/crates.io-index", kSha1),
                                "a/Cargo.lock");
    Lockfile b = parse_lockfile("version = 4\n\n" +
                                    pkg("x", "registry+https://github.com/rust-lang/crates.io-index", kSha2),
                                "b/Cargo.lock");
    EXPECT_EQ(
        test::error_of([&] {
            merge_packages({a, b});
        }),
        "b/Cargo.lock:3:1: conflict: x 1.0.0 (registry+https://github.com/rust-lang/crates.io-index) has checksum " +
            kSha2 + " here but " + kSha1 + " at a/Cargo.lock:2:1");
}

}  // namespace
}  // namespace cdf::lock
