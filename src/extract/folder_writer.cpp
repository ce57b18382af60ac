#include "extract/folder_writer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::extract {

FolderWriter::FolderWriter(std::filesystem::path root, std::string archive)
    : root_(std::move(root)), archive_(std::move(archive)) {
    root_fd_.reset(::open(root_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root_fd_) io_failure("", "open the folder", errno);
}

FolderWriter::~FolderWriter() = default;

void FolderWriter::io_failure(const std::string& relative, const char* what, int err) const {
    std::filesystem::path where = relative.empty() ? root_ : root_ / relative;
    throw Error(ErrorKind::Internal, Location{where.string()}, fmt::format("cannot {}: {}", what, std::strerror(err)));
}

void FolderWriter::conflict(const std::string& relative, const char* what) const {
    throw Error(ErrorKind::BadInput, Location{archive_}, fmt::format("entry {} {}", quote(relative), what));
}

void FolderWriter::make_parents(const std::string& relative) {
    for (std::size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', slash + 1)) {
        std::string parent = relative.substr(0, slash);
        if (directories_.count(parent)) continue;
        if (::mkdirat(root_fd_.get(), parent.c_str(), 0755) != 0) {
            if (errno != EEXIST) io_failure(parent, "create the folder", errno);
            struct stat st {};
            if (::fstatat(root_fd_.get(), parent.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
                conflict(relative, "needs a folder where an earlier entry wrote a file");
        }
        directories_.insert(std::move(parent));
    }
}

void FolderWriter::make_directory(const std::string& relative, unsigned mode) {
    if (directories_.count(relative)) return;
    make_parents(relative);
    if (::mkdirat(root_fd_.get(), relative.c_str(), (mode & 0777) | 0700) != 0) {
        if (errno != EEXIST) io_failure(relative, "create the folder", errno);
        struct stat st {};
        if (::fstatat(root_fd_.get(), relative.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(st.st_mode))
            conflict(relative, "is a folder where an earlier entry wrote a file");
    }
    directories_.insert(relative);
}

void FolderWriter::open_file(const std::string& relative, unsigned mode, std::string_view entry) {
    if (file_fd_) internal_error("FolderWriter::open_file while a file is open");
    if (directories_.count(relative)) conflict(relative, "is a file where an earlier entry made a folder");
    make_parents(relative);
    const int flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
    file_fd_.reset(::openat(root_fd_.get(), relative.c_str(), flags, mode & 0777));
    // An earlier entry of the same name: which one would cargo have? Neither.
    if (!file_fd_ && errno == EEXIST) {
        if (entry.empty()) conflict(relative, "is listed twice");
        throw Error(ErrorKind::BadInput, Location{archive_},
                    fmt::format("entry {} is listed twice (as {})", quote(entry), quote(relative)));
    }
    if (!file_fd_) io_failure(relative, "create the file", errno);
    file_name_ = relative;
    written_ = 0;
}

void FolderWriter::write(const void* data, std::size_t size) {
    sha_.update(data, size);
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
        ssize_t n = ::write(file_fd_.get(), p, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            io_failure(file_name_, "write", errno);
        }
        p += n;
        size -= static_cast<std::size_t>(n);
        written_ += static_cast<std::uint64_t>(n);
    }
}

std::string FolderWriter::close_file(std::int64_t mtime) {
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = static_cast<time_t>(mtime);
    times[0].tv_nsec = times[1].tv_nsec = 0;
    Fd fd = std::move(file_fd_);
    if (::futimens(fd.get(), times) != 0) io_failure(file_name_, "set the modification time of", errno);
    if (fd.close() != 0) io_failure(file_name_, "write", errno);
    return sha_.final_hex();
}

}  // namespace cdf::extract
