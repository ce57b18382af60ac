#include "util/thread_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace cdf {
namespace {

TEST(ThreadPool, RunsEveryTaskOnce) {
    for (unsigned workers : {1u, 2u, 7u, 64u}) {
        std::vector<std::atomic<int>> runs(100);
        run_in_parallel(runs.size(), workers, [&](std::size_t i) { ++runs[i]; });
        for (auto& r : runs) EXPECT_EQ(r.load(), 1);
    }
    run_in_parallel(0, 4, [](std::size_t) { FAIL(); });
}

TEST(ThreadPool, FirstFailureInIndexOrderAfterAllFinished) {
    std::atomic<int> done{0};
    try {
        run_in_parallel(50, 4, [&](std::size_t i) {
            ++done;
            if (i == 30 || i == 10) throw std::runtime_error("task " + std::to_string(i));
        });
        FAIL() << "nothing thrown";
    } catch (const std::runtime_error& e) {
        EXPECT_STREQ(e.what(), "task 10");
    }
    EXPECT_EQ(done.load(), 50);
}

TEST(ThreadPool, AtLeastOneThread) { EXPECT_GE(hardware_threads(), 1u); }

}  // namespace
}  // namespace cdf
