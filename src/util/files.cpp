#include "util/files.hpp"

#include <unistd.h>

namespace cdf {

void Fd::reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
}

int Fd::close() { return fd_ < 0 ? 0 : ::close(release()); }

}  // namespace cdf
