// Copying the data of one archive entry into the file an EntrySink has
// open: sparse holes filled with zeros, the output limit checked as
// libarchive decompresses. Shared by the .crate and git archive extractors.
#pragma once

#include <functional>
#include <string>

struct archive;
struct archive_entry;

namespace cdf::extract {

class EntrySink;
class OutputLimit;

// `distfile` names the archive for the limit's error; `fail` is called (and
// must throw) when libarchive reports an error or out-of-order data.
void copy_entry_data(struct archive* a, struct archive_entry* entry, EntrySink& out, const OutputLimit& limit,
                     const std::string& distfile, const std::function<void()>& fail);

}  // namespace cdf::extract
