#include "cargo/file_tree.hpp"

#include <sys/stat.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace cdf::cargo {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kManifest = "Cargo.toml";

bool is_manifest_path(std::string_view path) {
    auto slash = path.rfind('/');
    return path.substr(slash == std::string_view::npos ? 0 : slash + 1) == kManifest;
}

}  // namespace

std::string manifest_in(std::string_view dir) {
    return dir.empty() ? std::string(kManifest) : std::string(dir) + "/" + std::string(kManifest);
}

void MemoryTree::add(const std::string& path, std::optional<std::string> content) {
    if (content && is_manifest_path(path)) {
        manifests_[path] = std::move(*content);
    } else {
        others_.insert(path);
    }
}

std::vector<std::string> MemoryTree::manifest_paths() const {
    std::vector<std::string> out;
    for (const auto& [path, _] : manifests_) out.push_back(path);
    return out;
}

std::string MemoryTree::read(const std::string& path) const {
    auto it = manifests_.find(path);
    if (it == manifests_.end()) internal_error("no such manifest in memory: " + path);
    return it->second;
}

bool MemoryTree::exists(const std::string& path) const { return manifests_.count(path) > 0 || others_.count(path) > 0; }

std::vector<std::string> DiskTree::manifest_paths() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(top_, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().filename() != kManifest) continue;
        std::error_code ec2;
        if (it->is_regular_file(ec2) && !it->is_symlink(ec2))
            out.push_back(it->path().lexically_relative(top_).generic_string());
    }
    if (ec) throw Error(ErrorKind::Internal, Location{top_.string()}, "cannot list the folder: " + ec.message());
    return out;
}

std::string DiskTree::read(const std::string& path) const { return read_file(top_ / path); }

bool DiskTree::exists(const std::string& path) const {
    struct stat st {};
    return ::lstat((top_ / path).c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace cdf::cargo
