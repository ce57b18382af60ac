#include "extract/tar_header.hpp"

#include <cstdio>

#include <gtest/gtest.h>

#include "unpack/crate_tarball.hpp"

namespace cdf::extract {
namespace {

std::span<const unsigned char> bytes(const std::string& s) {
    return {reinterpret_cast<const unsigned char*>(s.data()), s.size()};
}

TEST(TarOctalField, Forms) {
    EXPECT_EQ(tar_octal_field(std::string_view("0000644\0", 8)), 0644u);
    EXPECT_EQ(tar_octal_field("  17 "), 15u);
    EXPECT_EQ(tar_octal_field(std::string_view("00000000012\0", 12)), 10u);
    EXPECT_EQ(tar_octal_field("        "), std::nullopt);
    EXPECT_EQ(tar_octal_field("0008"), std::nullopt);
    EXPECT_EQ(tar_octal_field("12 3"), std::nullopt);
    EXPECT_EQ(tar_octal_field("7777777777777777777777777"), std::nullopt);  // past 64 bits
}

TEST(TarHeader, ChecksumDecides) {
    std::string h = test::ustar_header("evil-1.0.0/x", 5, 'g');
    EXPECT_TRUE(is_tar_header(bytes(h)));
    h[0] = 'E';
    EXPECT_FALSE(is_tar_header(bytes(h)));
    EXPECT_FALSE(is_tar_header(bytes(h.substr(0, 511))));
    EXPECT_FALSE(is_tar_header(bytes(std::string(512, '\0'))));
}

TEST(TarHeader, SignedChecksumsAreAcceptedToo) {
    // Old tars summed the bytes as signed chars: 0xff counts -1, not 255.
    std::string h = test::ustar_header("name", 0);
    h[10] = '\xff';
    long sum = 0;
    for (std::size_t i = 0; i < 512; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<signed char>(h[i]);
    char field[8];
    std::snprintf(field, sizeof field, "%06lo", sum);
    h.replace(148, 8, std::string(field, 6) + std::string("\0 ", 2));
    EXPECT_TRUE(is_tar_header(bytes(h)));
    h[11] = '\xfe';
    EXPECT_FALSE(is_tar_header(bytes(h)));
}

TEST(TarHeader, PaxGlobalHeaderSize) {
    EXPECT_EQ(pax_global_header_size(test::ustar_header("pax_global_header", 52, 'g')), 52u);
    EXPECT_EQ(pax_global_header_size(test::ustar_header("f", 52)), std::nullopt);  // a file
    std::string h = test::ustar_header("pax_global_header", 52, 'g');
    EXPECT_EQ(pax_global_header_size(h.substr(0, 511)), std::nullopt);
    h.replace(257, 5, "xxxxx");
    EXPECT_EQ(pax_global_header_size(h), std::nullopt);  // not ustar
}

TEST(TarHeader, PathJoinsTheUstarPrefix) {
    std::string h = test::ustar_header("name", 0);
    EXPECT_EQ(tar_header_path(bytes(h)), "name");
    h.replace(345, 6, "prefix");
    EXPECT_EQ(tar_header_path(bytes(h)), "prefix/name");
    h.replace(257, 5, "xxxxx");  // not ustar: no prefix field
    EXPECT_EQ(tar_header_path(bytes(h)), "name");
}

// A stream: a file header at 0 with 700 bytes of data (blocks 512-1535),
// a global header at 1536 with its body at 2048, a file header at 2560.
std::string stream() {
    return test::ustar_header("top/a", 700) + test::tar_padded(std::string(700, 'a')) +
           test::ustar_header("pax_global_header", 19, 'g') + test::tar_padded("19 comment=abcdefg\n") +
           test::ustar_header("top/b", 0) + std::string(1024, '\0');
}

TEST(GlobalHeaderWatch, FindsTheHeaderInTheRangeAskedAbout) {
    std::string s = stream();
    GlobalHeaderWatch watch;
    watch.observe(0, bytes(s));
    EXPECT_EQ(watch.global_headers_in(0, 512, 700), std::vector<std::string>{});
    EXPECT_EQ(watch.global_headers_in(1536, 3072, 0), std::vector<std::string>{"pax_global_header"});
    EXPECT_EQ(watch.global_headers_in(3072, 3072, 0), std::vector<std::string>{});  // forgotten once passed
}

TEST(GlobalHeaderWatch, ChunksCutInsideBlocks) {
    std::string s = stream();
    GlobalHeaderWatch watch;
    for (std::size_t at = 0; at < s.size(); at += 100) watch.observe(at, bytes(s.substr(at, 100)));
    EXPECT_EQ(watch.global_headers_in(1536, 3072, 0), std::vector<std::string>{"pax_global_header"});
}

TEST(GlobalHeaderWatch, EntryDataHoldsNoHeader) {
    // The same blocks as the data of an entry: skipped, not reported.
    std::string inner = test::ustar_header("pax_global_header", 19, 'g') + test::tar_padded("19 comment=abcdefg\n");
    std::string s = test::ustar_header("top/data.tar", inner.size()) + inner + std::string(1024, '\0');
    GlobalHeaderWatch watch;
    EXPECT_EQ(watch.global_headers_in(0, 512, inner.size()), std::vector<std::string>{});
    watch.observe(0, bytes(s));
    EXPECT_EQ(watch.global_headers_in(512 + inner.size(), 512 + inner.size(), 0), std::vector<std::string>{});
}

}  // namespace
}  // namespace cdf::extract
