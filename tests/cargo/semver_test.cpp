#include "cargo/semver.hpp"

#include <gtest/gtest.h>

namespace cdf::cargo {
namespace {

// Every version is lower than the next (semver.org section 11, plus build
// metadata, large numbers and cargo-style versions).
const char* kAscending[] = {
    "0.0.0",
    "0.0.1",
    "0.1.0",
    "0.9.0",
    "0.10.0",
    "1.0.0-0.3.7",
    "1.0.0-alpha",
    "1.0.0-alpha.1",
    "1.0.0-alpha.beta",
    "1.0.0-beta",
    "1.0.0-beta.2",
    "1.0.0-beta.11",
    "1.0.0-rc.1",
    "1.0.0",
    "1.0.0+build.1",
    "1.0.0+build.2",
    "1.0.0+build.10",
    "1.0.1",
    "1.2.0",
    "1.10.0",
    "2.0.0-rc.1",
    "2.0.0",
    "18446744073709551615.0.0",
    "18446744073709551616.0.0",
};

TEST(Semver, AscendingSequence) {
    const std::size_t n = sizeof kAscending / sizeof *kAscending;
    for (std::size_t i = 0; i < n; ++i) {
        EXPECT_EQ(compare_versions(kAscending[i], kAscending[i]), 0) << kAscending[i];
        for (std::size_t j = i + 1; j < n; ++j) {
            EXPECT_LT(compare_versions(kAscending[i], kAscending[j]), 0) << kAscending[i] << " < " << kAscending[j];
            EXPECT_GT(compare_versions(kAscending[j], kAscending[i]), 0) << kAscending[j] << " > " << kAscending[i];
        }
    }
}

TEST(Semver, BuildMetadataWithDashesFromRealLockfiles) {
    // tikv-jemalloc-sys in ripgrep's Cargo.lock.
    EXPECT_LT(compare_versions("0.5.4+5.3.0-patched", "0.6.0+5.3.0-1-ge13ca993e8ccb9ba9847cc330696e02839f328f7"), 0);
    EXPECT_LT(compare_versions("0.6.0+5.3.0-1-ge13ca99", "0.6.0+5.3.0-2-g0000000"), 0);
    EXPECT_LT(compare_versions("0.11.0+wasi-snapshot-preview1", "0.11.1+wasi-snapshot-preview1"), 0);
    EXPECT_LT(compare_versions("1.1.1+spec-1.1.0", "1.1.1+spec-1.2.0"), 0);
}

TEST(Semver, NumericBeforeAlphanumericIdentifiers) {
    EXPECT_LT(compare_versions("1.0.0-1", "1.0.0-a"), 0);
    EXPECT_LT(compare_versions("1.0.0-alpha.9", "1.0.0-alpha.10"), 0);
    EXPECT_LT(compare_versions("1.0.0-alpha.10", "1.0.0-alpha.a"), 0);
}

TEST(Semver, TextThatIsNotAVersionSortsLast) {
    EXPECT_LT(compare_versions("99.0.0", "1.0"), 0);
    EXPECT_GT(compare_versions("junk", "0.0.0"), 0);
    EXPECT_LT(compare_versions("1.0", "junk"), 0);
    EXPECT_EQ(compare_versions("junk", "junk"), 0);
    // semver's Version::parse refuses "1.0.0-" (an empty pre-release
    // segment): it is text, after every version, not "1.0.0" itself.
    EXPECT_GT(compare_versions("1.0.0-", "1.0.0"), 0);
    EXPECT_GT(compare_versions("1.0.0-", "2.0.0"), 0);
    EXPECT_GT(compare_versions("01.0.0", "2.0.0"), 0);
    EXPECT_GT(compare_versions("1.a.0", "1.0.0"), 0);
}

TEST(Semver, EqualOnlyWhenTheSameText) {
    EXPECT_EQ(compare_versions("0.7.1+5.3.1-0-g81034ce", "0.7.1+5.3.1-0-g81034ce"), 0);
    EXPECT_LT(compare_versions("1.0.0+1", "1.0.0+01"), 0);
}

// What semver's Version::parse accepts.
TEST(Semver, Validation) {
    for (const char* ok :
         {"0.0.0", "1.2.3", "0.7.1+5.3.1-0-g81034ce1f1373e37dc865038e1bc8eeecf559ce8", "18.20.0-beta.3", "0.0.1-pre",
          "1.0.0-x-y-z.--", "1.0.0+01", "1.0.0-0.3.7", "18446744073709551615.0.0"})
        EXPECT_TRUE(is_semver(ok)) << ok;
    for (const char* bad :
         {"", "1.0", "1.0.0.1", "1..0", "01.0.0", "1.00.0", "1.0.0-", "1.0.0+", "1.0.0-01", "1.0.0-a..b", "1.0.0+a..b",
          "1.0.0 ", " 1.0.0", "1.0.0-Ã©", "1.a.0", "v1.0.0", "18446744073709551616.0.0", "1.0.0-a+b+c"})
        EXPECT_FALSE(is_semver(bad)) << bad;
}

}  // namespace
}  // namespace cdf::cargo
