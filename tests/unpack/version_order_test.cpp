#include "unpack/version_order.hpp"

#include <gtest/gtest.h>

namespace cdf::unpack {
namespace {

// Each version sorts strictly before the next (semver.org's example, and more).
TEST(VersionOrder, SemverPrecedence) {
    const char* ascending[] = {"0.9.99", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                               "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0+build.1",
                               "1.0.0+build.2", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "10.0.0",
                               "18446744073709551616.0.0"};
    for (std::size_t i = 0; i + 1 < std::size(ascending); ++i) {
        EXPECT_LT(compare_versions(ascending[i], ascending[i + 1]), 0) << ascending[i] << " < " << ascending[i + 1];
        EXPECT_GT(compare_versions(ascending[i + 1], ascending[i]), 0) << ascending[i + 1] << " > " << ascending[i];
    }
    EXPECT_EQ(compare_versions("1.2.3", "1.2.3"), 0);
    EXPECT_EQ(compare_versions("0.7.1+5.3.1-0-g81034ce", "0.7.1+5.3.1-0-g81034ce"), 0);
}

TEST(VersionOrder, InvalidVersionsSortLast) {
    EXPECT_LT(compare_versions("99.0.0", "not-a-version"), 0);
    EXPECT_LT(compare_versions("a", "b"), 0);
}

}  // namespace
}  // namespace cdf::unpack
