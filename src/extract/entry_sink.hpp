// Where an extractor puts the entries it accepted: a folder on disk
// (folder_writer.hpp) or memory (memory_sink.hpp). The extractors apply
// every rule (entry_rules.hpp) before a sink sees an entry; a sink only
// refuses what it alone can tell: a file listed twice, a file and a folder
// of the same name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cdf::extract {

class EntrySink {
public:
    virtual ~EntrySink() = default;

    // The archive's top folder, told before its first entry.
    virtual void top_folder(const std::string& name) { (void)name; }

    // A folder (and its parents); `mode` as archived.
    virtual void make_directory(const std::string& relative, unsigned mode) = 0;
    // Starts a file with permission bits `mode & 0777`. `entry`, the
    // archive's own name for it, is named too when the file was already
    // written (a file listed twice).
    virtual void open_file(const std::string& relative, unsigned mode, std::string_view entry) = 0;
    virtual void write(const void* data, std::size_t size) = 0;
    // Bytes written to the open file so far.
    virtual std::uint64_t written() const = 0;
    // Ends the file, with modification time `mtime`; returns the SHA-256 of
    // its content, or "" for a sink that does not hash.
    virtual std::string close_file(std::int64_t mtime) = 0;

    void write_zeros(std::uint64_t count);
};

}  // namespace cdf::extract
