#include "util/progress.hpp"

#include <unistd.h>

#include <fmt/format.h>

namespace cdf {

namespace {

std::string mib(std::uint64_t bytes) { return fmt::format("{:.1f}", static_cast<double>(bytes) / (1024.0 * 1024.0)); }

}  // namespace

ProgressMeter::ProgressMeter(std::FILE* out, bool draw, std::string label, std::string unit, std::size_t total_items,
                             std::uint64_t total_bytes)
    : out_(out),
      draw_(draw),
      label_(std::move(label)),
      unit_(std::move(unit)),
      total_items_(total_items),
      total_bytes_(total_bytes) {}

ProgressMeter::~ProgressMeter() { finish(); }

std::string ProgressMeter::status() const {
    return fmt::format("{}/{} {}, {}/{} MiB", items_.load(), total_items_, unit_, mib(bytes_.load()),
                       mib(total_bytes_));
}

void ProgressMeter::add_bytes(std::uint64_t n) {
    bytes_.fetch_add(n, std::memory_order_relaxed);
    maybe_draw();
}

void ProgressMeter::item_done() {
    items_.fetch_add(1);
    maybe_draw();
}

void ProgressMeter::message(std::string_view line) {
    std::lock_guard lock(mutex_);
    erase_locked();
    fmt::print(out_, "{}\n", line);
    if (draw_ && !finished_) draw_locked();
    std::fflush(out_);
}

void ProgressMeter::finish() {
    std::lock_guard lock(mutex_);
    erase_locked();
    finished_ = true;
    std::fflush(out_);
}

void ProgressMeter::maybe_draw() {
    if (!draw_) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || finished_) return;
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
    last_draw_ = now;
    draw_locked();
    std::fflush(out_);
}

void ProgressMeter::draw_locked() {
    fmt::print(out_, "\r\033[K{}: {}", label_, status());
    drawn_ = true;
}

void ProgressMeter::erase_locked() {
    if (!drawn_) return;
    fmt::print(out_, "\r\033[K");
    drawn_ = false;
}

bool is_terminal(std::FILE* file) { return ::isatty(::fileno(file)) == 1; }

}  // namespace cdf
