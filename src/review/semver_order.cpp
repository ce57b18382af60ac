#include "review/semver_order.hpp"

#include <optional>
#include <vector>

namespace cdf::review {

namespace {

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int sign(int v) { return (v > 0) - (v < 0); }

// Decimal strings of any length: by value, then (equal values) fewer leading
// zeros first, so that distinct texts never compare equal.
int compare_numbers(std::string_view a, std::string_view b) {
    std::string_view as = a, bs = b;
    while (as.size() > 1 && as.front() == '0') as.remove_prefix(1);
    while (bs.size() > 1 && bs.front() == '0') bs.remove_prefix(1);
    if (as.size() != bs.size()) return as.size() < bs.size() ? -1 : 1;
    if (int c = as.compare(bs)) return sign(c);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return 0;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        auto p = s.find(sep, start);
        out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
        if (p == std::string_view::npos) break;
        start = p + 1;
    }
    return out;
}

// Dot-separated identifiers (pre-release or build metadata).
int compare_identifiers(std::string_view a, std::string_view b) {
    auto as = split(a, '.'), bs = split(b, '.');
    for (std::size_t i = 0; i < as.size() && i < bs.size(); ++i) {
        bool an = all_digits(as[i]), bn = all_digits(bs[i]);
        int c = 0;
        if (an && bn) {
            c = compare_numbers(as[i], bs[i]);
        } else if (an != bn) {
            c = an ? -1 : 1;
        } else {
            c = sign(as[i].compare(bs[i]));
        }
        if (c) return c;
    }
    if (as.size() != bs.size()) return as.size() < bs.size() ? -1 : 1;
    return 0;
}

struct Version {
    std::string_view major, minor, patch, pre, build;
};

std::optional<Version> parse(std::string_view text) {
    Version v;
    auto plus = text.find('+');
    if (plus != std::string_view::npos) {
        v.build = text.substr(plus + 1);
        if (v.build.empty()) return std::nullopt;
        text = text.substr(0, plus);
    }
    auto dash = text.find('-');
    if (dash != std::string_view::npos) {
        v.pre = text.substr(dash + 1);
        if (v.pre.empty()) return std::nullopt;
        text = text.substr(0, dash);
    }
    auto core = split(text, '.');
    if (core.size() != 3) return std::nullopt;
    for (auto part : core)
        if (!all_digits(part)) return std::nullopt;
    v.major = core[0];
    v.minor = core[1];
    v.patch = core[2];
    return v;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
    auto va = parse(a), vb = parse(b);
    if (!va || !vb) {
        if (va || vb) return va ? -1 : 1;
        return sign(a.compare(b));
    }
    for (auto [x, y] : {std::pair{va->major, vb->major}, std::pair{va->minor, vb->minor},
                        std::pair{va->patch, vb->patch}})
        if (int c = compare_numbers(x, y)) return c;
    // A pre-release sorts before the release itself.
    if (va->pre.empty() != vb->pre.empty()) return va->pre.empty() ? 1 : -1;
    if (int c = compare_identifiers(va->pre, vb->pre)) return c;
    if (va->build.empty() != vb->build.empty()) return va->build.empty() ? -1 : 1;
    return compare_identifiers(va->build, vb->build);
}

}  // namespace cdf::review
