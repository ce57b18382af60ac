// Sizing the heap up front for a short, allocation-heavy run.
#pragma once

#include <cstddef>

namespace cdf {

// Tells malloc that about `bytes` will be in use at the peak: it keeps large
// blocks on the heap (reused when freed, instead of a fresh mapping each
// time), keeps freed memory instead of returning it, and the heap's first
// `bytes` are mapped with one system call instead of one page fault per
// 4 KiB page (a page fault costs microseconds, more under virtualisation;
// they were a third of `generate`'s time). Best effort: does nothing where
// the C library or the kernel lacks the means. For single-threaded commands
// that end soon after: memory is not given back to the system until exit.
void reserve_heap(std::size_t bytes);

}  // namespace cdf
