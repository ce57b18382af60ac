#include "util/string_arena.hpp"

#include <algorithm>
#include <cstring>

namespace cdf {

namespace {
constexpr std::size_t kBlock = 16 * 1024;
}

void StringArena::new_block(std::size_t bytes) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(bytes));
    next_ = blocks_.back().get();
    left_ = bytes;
}

std::string_view StringArena::store(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > left_) new_block(std::max(kBlock, s.size()));
    char* at = next_;
    std::memcpy(at, s.data(), s.size());
    next_ += s.size();
    left_ -= s.size();
    return {at, s.size()};
}

}  // namespace cdf
