#include "unpack/version_order.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace cdf::unpack {

namespace {

struct Parsed {
    std::string_view major, minor, patch;  // digits, no leading zeros
    std::string_view pre, build;           // without '-' / '+'
};

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<Parsed> parse(std::string_view v) {
    Parsed p;
    if (auto plus = v.find('+'); plus != std::string_view::npos) {
        p.build = v.substr(plus + 1);
        v = v.substr(0, plus);
    }
    if (auto dash = v.find('-'); dash != std::string_view::npos) {
        p.pre = v.substr(dash + 1);
        v = v.substr(0, dash);
    }
    auto dot1 = v.find('.');
    auto dot2 = dot1 == std::string_view::npos ? dot1 : v.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos) return std::nullopt;
    p.major = v.substr(0, dot1);
    p.minor = v.substr(dot1 + 1, dot2 - dot1 - 1);
    p.patch = v.substr(dot2 + 1);
    for (auto n : {p.major, p.minor, p.patch})
        if (!all_digits(n)) return std::nullopt;
    return p;
}

// Numbers as digit strings of any length: longer (without leading zeros) is
// larger.
int compare_numbers(std::string_view a, std::string_view b) {
    auto strip = [](std::string_view s) {
        while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
        return s;
    };
    a = strip(a);
    b = strip(b);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

int compare_bytes(std::string_view a, std::string_view b) {
    int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::vector<std::string_view> identifiers(std::string_view s) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (;;) {
        auto dot = s.find('.', start);
        out.push_back(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return out;
}

int compare_identifiers(std::string_view a, std::string_view b) {
    auto x = identifiers(a), y = identifiers(b);
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
        bool xn = all_digits(x[i]), yn = all_digits(y[i]);
        int c;
        if (xn && yn)
            c = compare_numbers(x[i], y[i]);
        else if (xn != yn)
            c = xn ? -1 : 1;
        else
            c = compare_bytes(x[i], y[i]);
        if (c != 0) return c;
    }
    if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
    return 0;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
    auto pa = parse(a), pb = parse(b);
    if (!pa || !pb) {
        if (pa.has_value() != pb.has_value()) return pa ? -1 : 1;
        return compare_bytes(a, b);
    }
    for (auto [x, y] : {std::pair{pa->major, pb->major}, {pa->minor, pb->minor}, {pa->patch, pb->patch}})
        if (int c = compare_numbers(x, y)) return c;
    // No pre-release sorts after any pre-release.
    if (pa->pre.empty() != pb->pre.empty()) return pa->pre.empty() ? 1 : -1;
    if (!pa->pre.empty())
        if (int c = compare_identifiers(pa->pre, pb->pre)) return c;
    if (pa->build.empty() != pb->build.empty()) return pa->build.empty() ? -1 : 1;
    if (!pa->build.empty()) return compare_identifiers(pa->build, pb->build);
    return 0;
}

}  // namespace cdf::unpack
