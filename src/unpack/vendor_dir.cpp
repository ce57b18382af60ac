#include "unpack/vendor_dir.hpp"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace cdf::unpack {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kTempPrefix = ".cdf-tmp-";

[[noreturn]] void io_failure(const fs::path& path, std::string_view what, int err) {
    throw Error(ErrorKind::Internal, Location{path.string()}, fmt::format("cannot {}: {}", what, std::strerror(err)));
}

}  // namespace

void remove_tree(const fs::path& path) noexcept {
    std::error_code ec;
    if (fs::remove_all(path, ec) != static_cast<std::uintmax_t>(-1) && !ec) return;
    // Read-only folders (from an older tree): give the owner rwx, then retry.
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add | fs::perm_options::nofollow, ec);
    fs::remove_all(path, ec);
}

VendorDir::VendorDir(fs::path path) : path_(std::move(path)) {
    std::error_code ec;
    fs::create_directories(path_, ec);
    if (ec) throw_write_error(path_, path_.parent_path(), "create the vendor directory", ec.value());
    fd_.reset(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd_) throw_write_error(path_, path_, "open the vendor directory", errno);
    // A read-only vendor directory would fail each crate on its own: say it once.
    if (::faccessat(fd_.get(), ".", W_OK, AT_EACCESS) != 0)
        throw_write_error(path_, path_, "write in the vendor directory", errno);
    if (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        if (err == EWOULDBLOCK)
            throw Error(ErrorKind::BadInput, Location{path_.string()},
                        "another cargo-distfiles unpack is working in this vendor directory");
        io_failure(path_, "lock the vendor directory", err);
    }
    remove_leftovers();
}

void VendorDir::remove_leftovers() const {
    std::error_code ec;
    std::vector<fs::path> stale;
    for (const auto& entry : fs::directory_iterator(path_, ec)) {
        if (entry.path().filename().string().starts_with(kTempPrefix)) stale.push_back(entry.path());
    }
    if (ec) io_failure(path_, "list the vendor directory", ec.value());
    for (const auto& p : stale) remove_tree(p);
}

fs::path VendorDir::make_temp_folder(std::string_view hint) const {
    // Not mkdtemp: its 0700 would survive the rename; mkdir's 0777 less the
    // umask is what cargo vendor's folders get.
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int attempt = 0; attempt < 100; ++attempt) {
        unsigned char random[6];
        if (::getentropy(random, sizeof random) != 0) io_failure(path_, "get random bytes for a folder in", errno);
        std::string suffix;
        for (unsigned char r : random) suffix += kAlphabet[r % (sizeof kAlphabet - 1)];
        std::string safe_hint(hint);
        std::replace(safe_hint.begin(), safe_hint.end(), '/', '_');  // "dot-folder/name" hints
        fs::path folder = path_ / fmt::format("{}{}-{}", kTempPrefix, safe_hint, suffix);
        if (::mkdir(folder.c_str(), 0777) == 0) return folder;
        if (errno != EEXIST) io_failure(folder, "create the temporary folder", errno);
    }
    io_failure(path_, "find a free temporary folder name in", EEXIST);
}

void VendorDir::install(const fs::path& temp, const std::string& name) const {
    fs::path target = path_ / name;
    // A crate of a git source moved aside lands in a dot folder of the
    // vendor directory (vendor_layout.hpp), made here on first use.
    fs::path parent = fs::path(name).parent_path();
    if (!parent.empty() && ::mkdir((path_ / parent).c_str(), 0777) != 0 && errno != EEXIST)
        io_failure(path_ / parent, "create the folder", errno);
    if (::rename(temp.c_str(), target.c_str()) == 0) return;
    if (errno != EEXIST && errno != ENOTEMPTY && errno != EISDIR && errno != ENOTDIR)
        io_failure(target, "rename a finished crate to", errno);
    // Something is in the way: swap it out, then delete it.
    if (::renameat2(AT_FDCWD, temp.c_str(), AT_FDCWD, target.c_str(), RENAME_EXCHANGE) == 0) {
        remove_tree(temp);
        return;
    }
    if (errno != EINVAL && errno != ENOSYS) io_failure(target, "replace", errno);
    fs::path old = make_temp_folder(name + "-old");
    fs::path parked = old / "old";
    if (::rename(target.c_str(), parked.c_str()) != 0) io_failure(target, "move away", errno);
    if (::rename(temp.c_str(), target.c_str()) != 0) io_failure(target, "rename a finished crate to", errno);
    remove_tree(old);
}

bool VendorDir::is_complete(const std::string& name, std::string_view package, cargo::ChecksumMode mode) const {
    std::optional<std::string> content;
    try {
        content = read_file_if_exists(path_ / name / cargo::kChecksumFileName);
    } catch (const Error&) {
        return false;  // unreadable: unpack it again
    }
    return content && cargo::checksum_file_matches(*content, package, mode);
}

}  // namespace cdf::unpack
