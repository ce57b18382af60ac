#include "distcheck/paludis_manifest.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::distcheck {
namespace {

TEST(PaludisManifest, SortedDistLines) {
    std::string text = render_paludis_manifest({
        {"foo-1.0.tar.gz", 6, "s256b", "s512b"},
        {"bitflags-1.0.4.crate", 15282, "s256a", "s512a"},
        {"github.com+o+r-abc.tar.gz", 0, "s256c", "s512c"},
    });
    EXPECT_EQ(text,
              "DIST bitflags-1.0.4.crate 15282 SHA256 s256a SHA512 s512a\n"
              "DIST foo-1.0.tar.gz 6 SHA256 s256b SHA512 s512b\n"
              "DIST github.com+o+r-abc.tar.gz 0 SHA256 s256c SHA512 s512c\n");
}

TEST(PaludisManifest, NothingIsEmpty) { EXPECT_EQ(render_paludis_manifest({}), ""); }

TEST(PaludisManifest, RefusesDuplicates) {
    EXPECT_EQ(test::error_of([] {
                  render_paludis_manifest({{"a.crate", 1, "x", "y"}, {"a.crate", 2, "z", "w"}});
              }),
              "distfile a.crate would be listed twice in the Manifest");
}

TEST(PaludisManifest, RefusesNamesThatAreNotOneField) {
    EXPECT_EQ(test::error_of([] {
                  render_paludis_manifest({{"a b.crate", 1, "x", "y"}});
              }),
              "distfile name \"a b.crate\" cannot be a Manifest field (empty, '/', whitespace or shell characters)");
    EXPECT_EQ(test::error_of([] {
                  render_paludis_manifest({{"../a.crate", 1, "x", "y"}});
              }),
              "distfile name \"../a.crate\" cannot be a Manifest field (empty, '/', whitespace or shell characters)");
}

}  // namespace
}  // namespace cdf::distcheck
