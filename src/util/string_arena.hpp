// StringArena: copies of many small strings that live as long as one object,
// kept in large blocks (one allocation per block, not one per string).
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

namespace cdf {

class StringArena {
public:
    StringArena() = default;
    StringArena(const StringArena&) = delete;
    StringArena& operator=(const StringArena&) = delete;

    // A copy of `s` that stays valid, at the same address, as long as the
    // arena lives.
    std::string_view store(std::string_view s);

private:
    void new_block(std::size_t bytes);

    std::vector<std::unique_ptr<char[]>> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
};

}  // namespace cdf
