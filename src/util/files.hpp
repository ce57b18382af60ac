// Files: an owned file descriptor, closed on every path out.
// (Reading and writing whole files: util/atomic_file.hpp.)
#pragma once

#include <utility>

namespace cdf {

class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() { reset(); }
    Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
    Fd& operator=(Fd&& other) noexcept {
        if (this != &other) {
            reset();
            fd_ = std::exchange(other.fd_, -1);
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    int get() const { return fd_; }
    explicit operator bool() const { return fd_ >= 0; }
    // Gives the descriptor up without closing it.
    int release() { return std::exchange(fd_, -1); }
    // Closes it (errors ignored: use close() where they matter).
    void reset(int fd = -1);
    // Closes it; returns close(2)'s result, errno set on failure.
    int close();

private:
    int fd_ = -1;
};

}  // namespace cdf
