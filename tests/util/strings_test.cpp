#include "util/strings.hpp"

#include <gtest/gtest.h>

namespace cdf {
namespace {

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
