#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace cdf {
namespace {

// Every byte, alone and among digits (where a vectorized loop meets it).
TEST(Strings, LowerHexEveryByte) {
    for (int c = 0; c < 256; ++c) {
        const bool digit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        std::string hash(64, '7');
        hash[static_cast<std::size_t>(c) % 64] = static_cast<char>(c);
        EXPECT_EQ(is_lower_hex(std::string(1, static_cast<char>(c))), digit) << c;
        EXPECT_EQ(is_lower_hex(hash), digit) << c;
    }
}

TEST(Strings, Helpers) {
    std::string s = "a{x}b{x}";
    replace_all(s, "{x}", "{x}{x}");
    EXPECT_EQ(s, "a{x}{x}b{x}{x}");
    EXPECT_EQ(lower("AbC-\xc3\x89"), "abc-\xc3\x89");
    EXPECT_EQ(split("a..b", '.'), (std::vector<std::string_view>{"a", "", "b"}));
    EXPECT_EQ(split("", '.'), (std::vector<std::string_view>{""}));
    EXPECT_TRUE(is_lower_hex("0123456789abcdef"));
    EXPECT_FALSE(is_lower_hex("ABC"));
    EXPECT_FALSE(is_lower_hex(""));
    EXPECT_EQ(join_path("", "b"), "b");
    EXPECT_EQ(join_path("a", "b"), "a/b");
    EXPECT_TRUE(starts_with("abc", "ab"));
    EXPECT_TRUE(ends_with("abc", "bc"));
    EXPECT_FALSE(ends_with("c", "bc"));
}

}  // namespace
}  // namespace cdf
