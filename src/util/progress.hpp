// A progress line on a terminal: "LABEL: 12/200 crates, 3.4/56.7 MiB".
//
// Counters are updated from any thread; the line is redrawn at most ten
// times a second, in place ("\r" and erase-line), and only when drawing is
// enabled (the caller checks that stderr is a terminal). message() prints a
// line of its own (warnings, -v output) above the bar, whether or not the bar
// is drawn, without garbling it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace cdf {

class ProgressMeter {
public:
    ProgressMeter(std::FILE* out, bool draw, std::string label, std::string unit, std::size_t total_items,
                  std::uint64_t total_bytes);
    ~ProgressMeter();
    ProgressMeter(const ProgressMeter&) = delete;
    ProgressMeter& operator=(const ProgressMeter&) = delete;

    void add_bytes(std::uint64_t n);
    void item_done();
    void message(std::string_view line);
    // Erases the bar (the final state is in the caller's summary, if any).
    void finish();

    // "12/200 crates, 3.4/56.7 MiB": what the bar shows.
    std::string status() const;

private:
    void maybe_draw();
    void draw_locked();
    void erase_locked();

    std::FILE* out_;
    bool draw_;
    std::string label_, unit_;
    std::size_t total_items_;
    std::uint64_t total_bytes_;
    std::atomic<std::size_t> items_{0};
    std::atomic<std::uint64_t> bytes_{0};
    std::mutex mutex_;
    std::chrono::steady_clock::time_point last_draw_{};
    bool drawn_ = false;
    bool finished_ = false;
};

// True when `file` is a terminal.
bool is_terminal(std::FILE* file);

}  // namespace cdf
