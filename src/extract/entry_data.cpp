#include "extract/entry_data.hpp"

#include <archive.h>
#include <archive_entry.h>

#include "extract/entry_rules.hpp"
#include "extract/entry_sink.hpp"
#include "util/error.hpp"

namespace cdf::extract {

void copy_entry_data(struct archive* a, struct archive_entry* entry, EntrySink& out, const OutputLimit& limit,
                     const std::string& distfile, const std::function<void()>& fail) {
    for (;;) {
        const void* block = nullptr;
        std::size_t size = 0;
        la_int64_t offset = 0;
        int r = archive_read_data_block(a, &block, &size, &offset);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) fail();
        limit.check(static_cast<std::uint64_t>(archive_filter_bytes(a, 0)), distfile);
        if (offset < 0 || static_cast<std::uint64_t>(offset) < out.written()) fail();
        out.write_zeros(static_cast<std::uint64_t>(offset) - out.written());
        out.write(block, size);
    }
    if (archive_entry_size_is_set(entry)) {
        auto size = static_cast<std::uint64_t>(archive_entry_size(entry));
        if (size > out.written()) out.write_zeros(size - out.written());
    }
}

}  // namespace cdf::extract
