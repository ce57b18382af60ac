// An EntrySink that writes nothing to disk: it remembers every path, and
// keeps the content of the files a predicate selects (for `licences`, the
// Cargo.toml files), within a size limit per file and in all.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>

#include "extract/entry_sink.hpp"

namespace cdf::extract {

class MemorySink : public EntrySink {
public:
    // `archive` names the archive in errors; `top` is its top folder, for
    // naming a file too large: "ARCHIVE(TOP/PATH)".
    MemorySink(std::string archive, std::string top, std::function<bool(const std::string&)> keep, std::size_t max_file,
               std::size_t max_total);

    void make_directory(const std::string& relative, unsigned mode) override;
    void open_file(const std::string& relative, unsigned mode, std::string_view entry) override;
    void write(const void* data, std::size_t size) override;
    std::uint64_t written() const override { return written_; }
    std::string close_file(std::int64_t mtime) override;

    void top_folder(const std::string& name) override { top_ = name; }
    const std::string& top() const { return top_; }

    // Kept files by path below the top folder.
    const std::map<std::string, std::string>& kept() const { return kept_; }
    // Every other file.
    const std::set<std::string>& others() const { return others_; }

private:
    [[noreturn]] void conflict(const std::string& relative, const char* what) const;

    std::string archive_, top_;
    std::function<bool(const std::string&)> keep_;
    std::size_t max_file_, max_total_, total_ = 0;
    std::map<std::string, std::string> kept_;
    std::set<std::string> others_, directories_;
    std::string current_;
    bool keeping_ = false;
    std::uint64_t written_ = 0;
};

}  // namespace cdf::extract
