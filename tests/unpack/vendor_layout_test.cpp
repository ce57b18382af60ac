#include "unpack/vendor_layout.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::unpack {
namespace {

manifest::CrateEntry crate(std::string name, std::string version, std::string source = "registry+x") {
    manifest::CrateEntry c;
    c.name = std::move(name);
    c.version = std::move(version);
    c.source = std::move(source);
    return c;
}

TEST(VendorLayout, VersionedByDefault) {
    std::vector<manifest::CrateEntry> crates{crate("a", "1.0.0"), crate("a", "2.0.0"), crate("b_c", "0.1.0")};
    EXPECT_EQ(vendor_folder_names(crates, DirNames::Versioned, "m"),
              (std::vector<std::string>{"a-1.0.0", "a-2.0.0", "b_c-0.1.0"}));
}

TEST(VendorLayout, CargoStyleHighestVersionGetsTheBareName) {
    std::vector<manifest::CrateEntry> crates{crate("a", "1.10.0"), crate("a", "1.9.0"), crate("a", "2.0.0-rc.1"),
                                             crate("a-b", "1.0.0"), crate("a_b", "0.1.0")};
    EXPECT_EQ(vendor_folder_names(crates, DirNames::Cargo, "m"),
              (std::vector<std::string>{"a-1.10.0", "a-1.9.0", "a", "a-b", "a_b"}));
}

TEST(VendorLayout, OneVersionFromTwoSourcesIsRefused) {
    std::vector<manifest::CrateEntry> crates{crate("a", "1.0.0", "registry+x"), crate("a", "1.0.0", "sparse+y")};
    EXPECT_EQ(test::error_of([&] { vendor_folder_names(crates, DirNames::Versioned, "m"); }),
              "m: crate a 1.0.0 comes from two sources, which cannot share a vendor directory: registry+x and sparse+y");
}

}  // namespace
}  // namespace cdf::unpack
