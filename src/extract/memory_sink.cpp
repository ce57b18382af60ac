#include "extract/memory_sink.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::extract {

void EntrySink::write_zeros(std::uint64_t count) {
    static const char zeros[65536] = {};
    while (count > 0) {
        std::size_t n = count < sizeof zeros ? static_cast<std::size_t>(count) : sizeof zeros;
        write(zeros, n);
        count -= n;
    }
}

MemorySink::MemorySink(std::string archive, std::string top, std::function<bool(const std::string&)> keep,
                       std::size_t max_file, std::size_t max_total)
    : archive_(std::move(archive)),
      top_(std::move(top)),
      keep_(std::move(keep)),
      max_file_(max_file),
      max_total_(max_total) {}

// The same words as FolderWriter's, which finds these on disk.
void MemorySink::conflict(const std::string& relative, const char* what) const {
    throw Error(ErrorKind::BadInput, Location{archive_}, fmt::format("entry {} {}", quote(relative), what));
}

void MemorySink::make_directory(const std::string& relative, unsigned) {
    if (kept_.count(relative) || others_.count(relative))
        conflict(relative, "is a folder where an earlier entry wrote a file");
    directories_.insert(relative);
}

void MemorySink::open_file(const std::string& relative, unsigned, std::string_view entry) {
    if (directories_.count(relative)) conflict(relative, "is a file where an earlier entry made a folder");
    for (std::size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', slash + 1)) {
        std::string parent = relative.substr(0, slash);
        if (kept_.count(parent) || others_.count(parent))
            conflict(relative, "needs a folder where an earlier entry wrote a file");
        directories_.insert(std::move(parent));
    }
    if (kept_.count(relative) || others_.count(relative)) {
        if (entry.empty()) conflict(relative, "is listed twice");
        throw Error(ErrorKind::BadInput, Location{archive_},
                    fmt::format("entry {} is listed twice (as {})", quote(entry), quote(relative)));
    }
    current_ = relative;
    keeping_ = keep_(relative);
    if (keeping_) {
        kept_[relative];
    } else {
        others_.insert(relative);
    }
    written_ = 0;
}

void MemorySink::write(const void* data, std::size_t size) {
    written_ += size;
    if (!keeping_) return;
    if (written_ > max_file_)
        bad_input(Location{fmt::format("{}({}/{})", archive_, top_, current_)},
                  fmt::format("larger than {} MiB: refused", max_file_ >> 20));
    total_ += size;
    if (total_ > max_total_)
        bad_input(Location{archive_},
                  fmt::format("the files kept from it add up to more than {} MiB: refused", max_total_ >> 20));
    kept_[current_].append(static_cast<const char*>(data), size);
}

std::string MemorySink::close_file(std::int64_t) {
    keeping_ = false;
    return {};
}

}  // namespace cdf::extract
