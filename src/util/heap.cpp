#include "util/heap.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace cdf {

void reserve_heap(std::size_t bytes) {
#if defined(__GLIBC__)
    // glibc's largest mmap threshold on 64-bit systems is 32 MiB.
    constexpr std::size_t kMaxThreshold = std::size_t{32} << 20;
    if (bytes == 0) return;
    bytes = std::min(bytes, kMaxThreshold / 2);  // the block below must stay under the threshold
    mallopt(M_MMAP_THRESHOLD, static_cast<int>(std::max(bytes * 2, std::size_t{1} << 20)));
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(bytes * 2 + (std::size_t{4} << 20)));
    mallopt(M_MXFAST, 0);
#if defined(MADV_POPULATE_WRITE)
    void* block = std::malloc(bytes);
    if (!block) return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = (reinterpret_cast<std::uintptr_t>(block) + page - 1) & ~(page - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(block) + bytes) & ~(page - 1);
    if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_WRITE);  // may be EINVAL
    std::free(block);  // back to the heap's top, kept there (trim threshold above)
#endif
#else
    (void)bytes;
#endif
}

}  // namespace cdf
