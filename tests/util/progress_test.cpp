#include "util/progress.hpp"

#include <gtest/gtest.h>

#include <stdio.h>

#include <cstdlib>
#include <string>

namespace cdf {
namespace {

struct Capture {
    char* buffer = nullptr;
    std::size_t size = 0;
    FILE* file = ::open_memstream(&buffer, &size);
    ~Capture() {
        std::fclose(file);
        std::free(buffer);
    }
    std::string text() {
        std::fflush(file);
        return std::string(buffer, size);
    }
};

TEST(Progress, StatusCountsItemsAndMiB) {
    Capture out;
    ProgressMeter p(out.file, false, "unpacking", "crates", 200, 3 << 20);
    p.add_bytes(1 << 20);
    p.add_bytes(512 << 10);
    p.item_done();
    EXPECT_EQ(p.status(), "1/200 crates, 1.5/3.0 MiB");
}

TEST(Progress, QuietWhenNotDrawingButMessagesStillPrinted) {
    Capture out;
    {
        ProgressMeter p(out.file, false, "unpacking", "crates", 2, 10);
        p.add_bytes(10);
        p.item_done();
        p.message("a line");
    }
    EXPECT_EQ(out.text(), "a line\n");
}

TEST(Progress, DrawsInPlaceAndErasesBeforeMessagesAndAtTheEnd) {
    Capture out;
    ProgressMeter p(out.file, true, "unpacking", "crates", 2, 0);
    p.item_done();  // first draw is immediate
    p.message("hello");
    p.finish();
    EXPECT_EQ(out.text(),
              "\r\033[Kunpacking: 1/2 crates, 0.0/0.0 MiB"
              "\r\033[Khello\n"
              "\r\033[Kunpacking: 1/2 crates, 0.0/0.0 MiB"
              "\r\033[K");
}

}  // namespace
}  // namespace cdf
