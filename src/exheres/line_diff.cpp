#include "exheres/line_diff.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

namespace cdf::exheres {

namespace {

// Myers' algorithm over line ids (equal lines share an id). `deleted` and
// `inserted` mark the lines that are not part of the common subsequence.
class Differ {
public:
    Differ(const std::vector<int>& a, const std::vector<int>& b)
        : a_(a), b_(b), deleted_(a.size(), false), inserted_(b.size(), false) {}

    void run() { compare(0, static_cast<long>(a_.size()), 0, static_cast<long>(b_.size())); }

    const std::vector<bool>& deleted() const { return deleted_; }
    const std::vector<bool>& inserted() const { return inserted_; }

private:
    // Marks the differences between a[a0, a1) and b[b0, b1).
    void compare(long a0, long a1, long b0, long b1) {
        while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) ++a0, ++b0;
        while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) --a1, --b1;
        if (a0 == a1) {
            for (long j = b0; j < b1; ++j) inserted_[j] = true;
            return;
        }
        if (b0 == b1) {
            for (long i = a0; i < a1; ++i) deleted_[i] = true;
            return;
        }
        auto [x, y] = middle_snake(a0, a1, b0, b1);
        if (x < 0) {  // nothing in common
            for (long i = a0; i < a1; ++i) deleted_[i] = true;
            for (long j = b0; j < b1; ++j) inserted_[j] = true;
            return;
        }
        compare(a0, a0 + x, b0, b0 + y);
        compare(a0 + x, a1, b0 + y, b1);
    }

    // Runs the forward search from (0, 0) and the reverse search from (n, m)
    // one edit at a time until they overlap; the point where they meet lies
    // on a shortest path. Returns it relative to (a0, b0), strictly between
    // the corners because both ends differ (the caller stripped equal heads
    // and tails), or (-1, -1) when the ranges have no line in common.
    std::pair<long, long> middle_snake(long a0, long a1, long b0, long b1) {
        const long n = a1 - a0, m = b1 - b0;
        const long max_d = (n + m + 1) / 2;
        const long offset = max_d + 1;
        const long width = 2 * max_d + 3;
        forward_.assign(static_cast<std::size_t>(width), -1);
        reverse_.assign(static_cast<std::size_t>(width), -1);
        forward_[offset + 1] = 0;
        reverse_[offset + 1] = 0;
        const long delta = n - m;
        const bool odd = (delta % 2) != 0;
        auto A = [&](long i) { return a_[a0 + i]; };
        auto B = [&](long j) { return b_[b0 + j]; };
        // Diagonals that ran off the grid are skipped on later rounds.
        long f_start = 0, f_end = 0, r_start = 0, r_end = 0;
        for (long d = 0; d <= max_d; ++d) {
            for (long k = -d + f_start; k <= d - f_end; k += 2) {
                long x = (k == -d || (k != d && forward_[offset + k - 1] < forward_[offset + k + 1]))
                             ? forward_[offset + k + 1]
                             : forward_[offset + k - 1] + 1;
                long y = x - k;
                while (x < n && y < m && A(x) == B(y)) ++x, ++y;
                forward_[offset + k] = x;
                if (x > n) {
                    f_end += 2;
                } else if (y > m) {
                    f_start += 2;
                } else if (odd) {
                    long rk = delta - k;  // the same diagonal, seen from the end
                    if (rk >= -(d - 1) && rk <= d - 1) {
                        long rx = reverse_[offset + rk];
                        if (rx >= 0 && rx <= n && rx - rk <= m && x >= n - rx) return {x, y};
                    }
                }
            }
            for (long k = -d + r_start; k <= d - r_end; k += 2) {
                long x = (k == -d || (k != d && reverse_[offset + k - 1] < reverse_[offset + k + 1]))
                             ? reverse_[offset + k + 1]
                             : reverse_[offset + k - 1] + 1;
                long y = x - k;
                while (x < n && y < m && A(n - x - 1) == B(m - y - 1)) ++x, ++y;
                reverse_[offset + k] = x;
                if (x > n) {
                    r_end += 2;
                } else if (y > m) {
                    r_start += 2;
                } else if (!odd) {
                    long fk = delta - k;
                    if (fk >= -d && fk <= d) {
                        long fx = forward_[offset + fk];
                        long fy = fx - fk;
                        if (fx >= 0 && fx <= n && fy <= m && fx >= n - x) return {fx, fy};
                    }
                }
            }
        }
        return {-1, -1};
    }

    const std::vector<int>& a_;
    const std::vector<int>& b_;
    std::vector<bool> deleted_;
    std::vector<bool> inserted_;
    std::vector<long> forward_;
    std::vector<long> reverse_;
};

void append_line(std::string& out, char prefix, std::string_view line) {
    out += prefix;
    out.append(line);
    if (line.empty() || line.back() != '\n') out += "\n\\ No newline at end of file\n";
}

std::string range(std::size_t start, std::size_t count) {
    // 1-based first line; for an empty range, the line before it.
    if (count == 1) return std::to_string(start + 1);
    return fmt::format("{},{}", count == 0 ? start : start + 1, count);
}

}  // namespace

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        std::size_t end = eol == std::string_view::npos ? text.size() : eol + 1;
        lines.push_back(text.substr(pos, end - pos));
        pos = end;
    }
    return lines;
}

std::vector<Edit> diff_lines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
    std::unordered_map<std::string_view, int> ids;
    auto intern = [&](const std::vector<std::string_view>& lines) {
        std::vector<int> out;
        out.reserve(lines.size());
        for (auto l : lines) out.push_back(ids.emplace(l, static_cast<int>(ids.size())).first->second);
        return out;
    };
    std::vector<int> ia = intern(a), ib = intern(b);
    Differ differ(ia, ib);
    differ.run();

    std::vector<Edit> script;
    script.reserve(a.size() + b.size());
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (i < a.size() && differ.deleted()[i]) {
            script.push_back({EditKind::Delete, i++, j});
        } else if (j < b.size() && differ.inserted()[j]) {
            script.push_back({EditKind::Insert, i, j++});
        } else {
            script.push_back({EditKind::Equal, i++, j++});
        }
    }
    return script;
}

std::string unified_diff(std::string_view old_text, std::string_view new_text, std::string_view old_label,
                         std::string_view new_label, std::size_t context) {
    if (old_text == new_text) return {};
    std::vector<std::string_view> a = split_lines(old_text), b = split_lines(new_text);
    std::vector<Edit> script = diff_lines(a, b);

    std::string out = fmt::format("--- {}\n+++ {}\n", old_label, new_label);
    const std::size_t size = script.size();
    std::size_t i = 0;
    while (i < size) {
        while (i < size && script[i].kind == EditKind::Equal) ++i;
        if (i == size) break;
        // A hunk: `context` equal lines, changes (merged while the equal run
        // between two changes is at most 2 * context), `context` equal lines.
        std::size_t first = i >= context ? i - context : 0;
        std::size_t last_change = i;
        std::size_t k = i;
        for (;;) {
            while (k < size && script[k].kind != EditKind::Equal) ++k;
            last_change = k;  // one past the last change so far
            std::size_t next = k;
            while (next < size && script[next].kind == EditKind::Equal) ++next;
            if (next < size && next - k <= 2 * context) {
                k = next;
                continue;
            }
            break;
        }
        std::size_t end = std::min(size, last_change + context);

        std::size_t a_count = 0, b_count = 0;
        for (std::size_t e = first; e < end; ++e) {
            if (script[e].kind != EditKind::Insert) ++a_count;
            if (script[e].kind != EditKind::Delete) ++b_count;
        }
        out += fmt::format("@@ -{} +{} @@\n", range(script[first].a, a_count), range(script[first].b, b_count));
        for (std::size_t e = first; e < end; ++e) {
            const Edit& ed = script[e];
            switch (ed.kind) {
                case EditKind::Equal: append_line(out, ' ', a[ed.a]); break;
                case EditKind::Delete: append_line(out, '-', a[ed.a]); break;
                case EditKind::Insert: append_line(out, '+', b[ed.b]); break;
            }
        }
        i = end;
    }
    return out;
}

}  // namespace cdf::exheres
