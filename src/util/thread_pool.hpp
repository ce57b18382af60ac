// Running a list of independent tasks on a fixed number of threads.
//
// run_in_parallel(count, workers, task) calls task(0) ... task(count - 1),
// each exactly once, taking them in index order (so callers put the longest
// tasks first), on at most `workers` threads, and returns when all are done.
// A task that throws stops nothing else: the first exception (in index
// order) is rethrown after every task has finished. Tasks that must not stop
// on failure should catch their own errors.
#pragma once

#include <cstddef>
#include <functional>

namespace cdf {

void run_in_parallel(std::size_t count, unsigned workers, const std::function<void(std::size_t)>& task);

// Number of CPUs this process may use (its affinity mask), at least 1.
unsigned hardware_threads();

}  // namespace cdf
