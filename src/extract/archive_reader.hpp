// An owned libarchive reader, freed on every path out; shared by the .crate
// and git archive extractors.
#pragma once

#include <archive.h>

#include <memory>

#include "util/error.hpp"

namespace cdf::extract {

struct ArchiveReaderFree {
    void operator()(struct archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveReaderFree>;

// archive_read_new(); an Internal error when libarchive has no memory left.
inline ArchivePtr new_archive_reader() {
    ArchivePtr a(archive_read_new());
    if (!a) internal_error("archive_read_new failed");
    return a;
}

}  // namespace cdf::extract
