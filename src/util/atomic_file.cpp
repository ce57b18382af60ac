#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/files.hpp"

namespace cdf {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void io_failure(const fs::path& path, const char* what, int err) {
    throw Error(ErrorKind::Internal, Location{path.string()}, fmt::format("cannot {}: {}", what, std::strerror(err)));
}

}  // namespace

void throw_write_error(const fs::path& path, const fs::path& folder, std::string_view what, int err) {
    std::string f = folder.empty() ? std::string(".") : folder.string();
    switch (err) {
        case ENOENT: {
            struct stat st {};
            if (::stat(f.c_str(), &st) == 0 && S_ISDIR(st.st_mode))  // /proc and the like
                throw Error(ErrorKind::BadInput, Location{path.string()},
                            fmt::format("cannot {}: {} refuses new files; give a path in an ordinary writable folder",
                                        what, f));
            throw Error(ErrorKind::BadInput, Location{path.string()},
                        fmt::format("cannot {}: the folder {} does not exist; create it (mkdir -p {}) or give a "
                                    "path in an existing folder",
                                    what, f, f));
        }
        case ENOTDIR:
            throw Error(ErrorKind::BadInput, Location{path.string()},
                        fmt::format("cannot {}: a part of {} is a file, not a folder; give a path in a folder", what,
                                    f));
        case EACCES:
        case EPERM:
            throw Error(ErrorKind::BadInput, Location{path.string()},
                        fmt::format("cannot {}: no permission to write in {}; make it writable (chmod u+w {}) or "
                                    "give a path in a writable folder",
                                    what, f, f));
        case EROFS:
            throw Error(ErrorKind::BadInput, Location{path.string()},
                        fmt::format("cannot {}: {} is on a read-only file system; give a path in a writable folder",
                                    what, f));
        case EISDIR:
            throw Error(ErrorKind::BadInput, Location{path.string()},
                        fmt::format("cannot {}: it is a folder; give the path of a file", what));
        default: break;
    }
    throw Error(ErrorKind::Internal, Location{path.string()}, fmt::format("cannot {}: {}", what, std::strerror(err)));
}

namespace {

// Writes content to a fresh temporary beside target; returns its path.
fs::path write_temporary(const fs::path& target, std::string_view content) {
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    Fd fd(::mkstemp(name.data()));
    if (!fd) throw_write_error(target, dir, "write", errno);
    fs::path tmp(name.data());
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
        ssize_t n = ::write(fd.get(), p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            ::unlink(tmp.c_str());
            io_failure(target, "write", err);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // Keep the permission bits of the file we replace; new files get 0644.
    struct stat st {};
    mode_t mode = (::stat(target.c_str(), &st) == 0) ? (st.st_mode & 07777) : 0644;
    if (::fchmod(fd.get(), mode) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        io_failure(target, "write", err);
    }
    if (fd.close() != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        io_failure(target, "write", err);
    }
    return tmp;
}

}  // namespace

void write_file_atomically(const fs::path& target, std::string_view content) {
    write_files_atomically({PendingWrite{target, std::string(content)}});
}

void write_files_atomically(const std::vector<PendingWrite>& writes) {
    std::vector<fs::path> temporaries;
    try {
        for (const auto& w : writes) temporaries.push_back(write_temporary(w.target, w.content));
    } catch (...) {
        for (const auto& t : temporaries) ::unlink(t.c_str());
        throw;
    }
    for (std::size_t i = 0; i < writes.size(); ++i) {
        if (::rename(temporaries[i].c_str(), writes[i].target.c_str()) != 0) {
            int err = errno;
            for (std::size_t j = i; j < temporaries.size(); ++j) ::unlink(temporaries[j].c_str());
            throw_write_error(writes[i].target, writes[i].target.parent_path(), "write", err);
        }
    }
}

std::optional<std::string> read_file_if_exists(const fs::path& path) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) {
        if (errno == ENOENT) return std::nullopt;
        throw Error(ErrorKind::BadInput, Location{path.string()}, fmt::format("cannot read: {}", std::strerror(errno)));
    }
    // Read straight into the string, sized from fstat (one byte more, to see
    // the end without growing); it grows if the file does.
    struct stat st {};
    std::size_t expected = ::fstat(fd.get(), &st) == 0 && S_ISREG(st.st_mode) ? static_cast<std::size_t>(st.st_size)
                                                                              : 0;
    std::string out(std::max<std::size_t>(expected + 1, 4096), '\0');
    std::size_t length = 0;
    for (;;) {
        if (length == out.size()) out.resize(out.size() * 2);
        ssize_t n = ::read(fd.get(), out.data() + length, out.size() - length);
        if (n < 0) {
            if (errno == EINTR) continue;
            int err = errno;
            throw Error(ErrorKind::BadInput, Location{path.string()},
                        fmt::format("cannot read: {}", std::strerror(err)));
        }
        if (n == 0) break;
        length += static_cast<std::size_t>(n);
    }
    out.resize(length);
    return out;
}

std::string read_file(const fs::path& path) {
    auto content = read_file_if_exists(path);
    if (!content) bad_input(Location{path.string()}, "no such file");
    return std::move(*content);
}

}  // namespace cdf
