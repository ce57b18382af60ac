// The file tree cargo's rules are applied to: a repository (or a crate),
// '/'-separated paths relative to its top folder. Like ninja's
// DiskInterface/VirtualFileSystem, the rules (cargo/workspace.hpp) only see
// this interface, so that `unpack` runs them over an extracted archive on
// disk and `licences` over the Cargo.toml files it kept in memory.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace cdf::cargo {

class FileTree {
public:
    virtual ~FileTree() = default;
    // The path of every regular file named Cargo.toml, in any order.
    virtual std::vector<std::string> manifest_paths() const = 0;
    // The content of one of them.
    virtual std::string read(const std::string& path) const = 0;
    // Whether `path` names a file (any name).
    virtual bool exists(const std::string& path) const = 0;
};

// Files held in memory.
class MemoryTree : public FileTree {
public:
    // Adds a Cargo.toml (its content) or any other file (`content` nullopt:
    // only known to exist).
    void add(const std::string& path, std::optional<std::string> content);

    std::vector<std::string> manifest_paths() const override;
    std::string read(const std::string& path) const override;
    bool exists(const std::string& path) const override;

private:
    std::map<std::string, std::string> manifests_;
    std::set<std::string> others_;
};

// A folder on disk. Symbolic links are not followed.
class DiskTree : public FileTree {
public:
    explicit DiskTree(std::filesystem::path top) : top_(std::move(top)) {}

    std::vector<std::string> manifest_paths() const override;
    std::string read(const std::string& path) const override;
    bool exists(const std::string& path) const override;

    const std::filesystem::path& top() const { return top_; }

private:
    std::filesystem::path top_;
};

// "Cargo.toml" in folder `dir` ("" for the top).
std::string manifest_in(std::string_view dir);

}  // namespace cdf::cargo
