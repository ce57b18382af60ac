#include "util/string_arena.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace cdf {
namespace {

TEST(StringArena, CopiesStayValidWhileMoreAreStored) {
    StringArena arena;
    std::vector<std::string_view> views;
    std::vector<std::string> expected;
    // Enough to need several blocks, one string larger than a block.
    for (int i = 0; i < 3000; ++i) {
        std::string s = "crate-" + std::to_string(i);
        if (i == 1500) s = std::string(40000, 'x');
        views.push_back(arena.store(s));
        expected.push_back(s);
        s.assign(s.size(), '?');  // the arena holds a copy, not the caller's text
    }
    ASSERT_EQ(views.size(), expected.size());
    for (std::size_t i = 0; i < views.size(); ++i) EXPECT_EQ(views[i], expected[i]) << i;
}

TEST(StringArena, EmptyAndShortStrings) {
    StringArena arena;
    EXPECT_EQ(arena.store(""), "");
    EXPECT_EQ(arena.store("a"), "a");
}

}  // namespace
}  // namespace cdf
