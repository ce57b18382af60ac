#include "cargo/semver.hpp"

#include <algorithm>
#include <optional>

namespace cdf::cargo {

namespace {

constexpr std::string_view kU64Max = "18446744073709551615";

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

int sign(int v) { return (v > 0) - (v < 0); }

// The next `sep`-separated part of `rest` (all of it when there is no
// `sep`), removed from `rest`. Allocation-free: versions are checked and
// compared several times per package on every `generate`.
std::string_view next_part(std::string_view& rest, char sep) {
    auto p = rest.find(sep);
    std::string_view part = rest.substr(0, p);
    rest = p == std::string_view::npos ? std::string_view() : rest.substr(p + 1);
    return part;
}

// MAJOR, MINOR or PATCH: digits, no leading zero, at most u64::MAX.
bool valid_number(std::string_view s) {
    if (!all_digits(s) || (s.size() > 1 && s.front() == '0')) return false;
    return s.size() < kU64Max.size() || (s.size() == kU64Max.size() && s <= kU64Max);
}

// Dot-separated identifiers; numeric ones without leading zeros when
// `pre_release`.
bool valid_identifiers(std::string_view s, bool pre_release) {
    for (bool more = true; more;) {
        more = s.find('.') != std::string_view::npos;
        std::string_view id = next_part(s, '.');
        if (id.empty()) return false;
        for (char c : id)
            if (!is_alnum(c) && c != '-') return false;
        if (pre_release && all_digits(id) && id.size() > 1 && id.front() == '0') return false;
    }
    return true;
}

struct Version {
    std::string_view major, minor, patch, pre, build;
};

std::optional<Version> parse(std::string_view text) {
    Version v;
    if (auto plus = text.find('+'); plus != std::string_view::npos) {
        v.build = text.substr(plus + 1);
        if (!valid_identifiers(v.build, false)) return std::nullopt;
        text = text.substr(0, plus);
    }
    if (auto dash = text.find('-'); dash != std::string_view::npos) {
        v.pre = text.substr(dash + 1);
        if (!valid_identifiers(v.pre, true)) return std::nullopt;
        text = text.substr(0, dash);
    }
    // Exactly three numbers: two dots.
    if (std::count(text.begin(), text.end(), '.') != 2) return std::nullopt;
    v.major = next_part(text, '.');
    v.minor = next_part(text, '.');
    v.patch = text;
    for (auto part : {v.major, v.minor, v.patch})
        if (!valid_number(part)) return std::nullopt;
    return v;
}

// Decimal strings of any length: by value, then (equal values) fewer leading
// zeros first, as semver's BuildMetadata does; distinct texts never tie.
int compare_numbers(std::string_view a, std::string_view b) {
    std::string_view as = a, bs = b;
    while (as.size() > 1 && as.front() == '0') as.remove_prefix(1);
    while (bs.size() > 1 && bs.front() == '0') bs.remove_prefix(1);
    if (as.size() != bs.size()) return as.size() < bs.size() ? -1 : 1;
    if (int c = as.compare(bs)) return sign(c);
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return 0;
}

// Identifier by identifier; when one list is a prefix of the other, the
// shorter one is smaller. (An empty text is an empty list.)
int compare_identifiers(std::string_view a, std::string_view b) {
    bool a_more = !a.empty(), b_more = !b.empty();
    while (a_more && b_more) {
        a_more = a.find('.') != std::string_view::npos;
        b_more = b.find('.') != std::string_view::npos;
        std::string_view x = next_part(a, '.'), y = next_part(b, '.');
        bool xn = all_digits(x), yn = all_digits(y);
        int c = 0;
        if (xn && yn) {
            c = compare_numbers(x, y);
        } else if (xn != yn) {
            c = xn ? -1 : 1;
        } else {
            c = sign(x.compare(y));
        }
        if (c) return c;
    }
    if (a_more != b_more) return a_more ? 1 : -1;
    return 0;
}

}  // namespace

namespace {

// "MAJOR.MINOR.PATCH" of plain numbers (nearly every version a lockfile
// holds), checked in one pass; anything else goes through parse().
bool is_plain_release(std::string_view text) {
    int dots = 0;
    std::size_t digits = 0;  // in the current number
    char first = 0;
    for (char c : text) {
        if (c == '.') {
            if (digits == 0 || (digits > 1 && first == '0')) return false;
            ++dots;
            digits = 0;
        } else if (!is_digit(c) || ++digits > kU64Max.size() - 1) {
            return false;
        } else if (digits == 1) {
            first = c;
        }
    }
    return dots == 2 && digits != 0 && !(digits > 1 && first == '0');
}

}  // namespace

bool is_semver(std::string_view text) { return is_plain_release(text) || parse(text).has_value(); }

int compare_versions(std::string_view a, std::string_view b) {
    auto va = parse(a), vb = parse(b);
    if (!va || !vb) {
        if (va || vb) return va ? -1 : 1;
        return sign(a.compare(b));
    }
    for (auto [x, y] :
         {std::pair{va->major, vb->major}, std::pair{va->minor, vb->minor}, std::pair{va->patch, vb->patch}})
        if (int c = compare_numbers(x, y)) return c;
    if (va->pre.empty() != vb->pre.empty()) return va->pre.empty() ? 1 : -1;
    if (int c = compare_identifiers(va->pre, vb->pre)) return c;
    if (va->build.empty() != vb->build.empty()) return va->build.empty() ? -1 : 1;
    return compare_identifiers(va->build, vb->build);
}

}  // namespace cdf::cargo
