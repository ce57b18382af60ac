#include "licences/exherbo_licences.hpp"

#include <algorithm>
#include <set>

namespace cdf::licences {

namespace {

using Kind = ExherboLicences::Kind;

ExherboLicences name_of(std::string name) {
    ExherboLicences e;
    e.kind = Kind::Name;
    e.name = std::move(name);
    return e;
}

// The item's text inside a larger value: groups always carry their parentheses.
std::string key(const ExherboLicences& e) {
    switch (e.kind) {
        case Kind::Name: return e.name;
        case Kind::AllOf:
        case Kind::AnyOf: {
            std::string out = e.kind == Kind::AnyOf ? "|| (" : "(";
            for (const auto& item : e.items) out += " " + key(item);
            out += " )";
            return out;
        }
    }
    return {};
}

bool is_nothing(const ExherboLicences& e) { return e.kind == Kind::AllOf && e.items.empty(); }

// Names before groups; names in byte order; groups by their text.
bool item_less(const ExherboLicences& a, const ExherboLicences& b) {
    bool a_name = a.kind == Kind::Name, b_name = b.kind == Kind::Name;
    if (a_name != b_name) return a_name;
    return key(a) < key(b);
}

// The keys of an item seen as a group of `kind` (a lone item is a group of one).
std::set<std::string> members(const ExherboLicences& e, Kind kind) {
    std::set<std::string> out;
    if (e.kind == kind) {
        for (const auto& item : e.items) out.insert(key(item));
    } else {
        out.insert(key(e));
    }
    return out;
}

bool proper_subset(const std::set<std::string>& a, const std::set<std::string>& b) {
    return a.size() < b.size() && std::includes(b.begin(), b.end(), a.begin(), a.end());
}

// `e` knowing that every licence of `accepted` is accepted: those names are
// satisfied, so they go; a choice with a satisfied option goes entirely.
ExherboLicences assume_accepted(const ExherboLicences& e, const std::set<std::string>& accepted) {
    if (e.kind == Kind::Name) return accepted.count(e.name) ? ExherboLicences{} : e;
    ExherboLicences out;
    out.kind = e.kind;
    for (const auto& item : e.items) {
        ExherboLicences reduced = assume_accepted(item, accepted);
        if (is_nothing(reduced)) {
            if (e.kind == Kind::AnyOf) return ExherboLicences{};
            continue;
        }
        out.items.push_back(std::move(reduced));
    }
    return out;
}

}  // namespace

ExherboLicences map_to_exherbo(const SpdxExpression& expression, const LicenceTable& table,
                               std::vector<std::string>& unknown) {
    if (expression.kind == SpdxExpression::Kind::Licence) {
        if (auto name = table.map(expression)) return name_of(*name);
        unknown.push_back(expression.id);
        return name_of(expression.id);
    }
    ExherboLicences group;
    group.kind = expression.kind == SpdxExpression::Kind::And ? Kind::AllOf : Kind::AnyOf;
    for (const auto& operand : expression.operands) group.items.push_back(map_to_exherbo(operand, table, unknown));
    return group;
}

ExherboLicences simplify(const ExherboLicences& in) {
    if (in.kind == Kind::Name) return in;

    std::vector<ExherboLicences> items;
    for (const auto& original : in.items) {
        ExherboLicences item = simplify(original);
        if (is_nothing(item)) {
            // "Nothing required" is neutral in an all-of and satisfies a choice.
            if (in.kind == Kind::AnyOf) return ExherboLicences{};
            continue;
        }
        if (item.kind == in.kind) {
            for (auto& inner : item.items) items.push_back(std::move(inner));
        } else {
            items.push_back(std::move(item));
        }
    }

    // In an all-of, the names it requires are accepted anyway: the other
    // items are simplified knowing that (`MIT AND (ISC OR (MIT AND Zlib))` is
    // `MIT AND (ISC OR Zlib)`; `MIT AND (MIT OR Apache-2.0)` is `MIT`).
    if (in.kind == Kind::AllOf) {
        std::set<std::string> required;
        for (const auto& item : items)
            if (item.kind == Kind::Name) required.insert(item.name);
        std::vector<ExherboLicences> reduced;
        for (auto& item : items) {
            if (item.kind == Kind::Name) {
                reduced.push_back(std::move(item));
                continue;
            }
            ExherboLicences r = simplify(assume_accepted(item, required));
            if (is_nothing(r)) continue;
            if (r.kind == Kind::AllOf) {
                for (auto& inner : r.items) reduced.push_back(std::move(inner));
            } else {
                reduced.push_back(std::move(r));
            }
        }
        items = std::move(reduced);
    }

    std::sort(items.begin(), items.end(), item_less);
    items.erase(std::unique(items.begin(), items.end(),
                            [](const ExherboLicences& a, const ExherboLicences& b) { return key(a) == key(b); }),
                items.end());

    // Absorption. In an all-of, drop item X when another item Y offers a
    // proper subset of X's choices: whatever satisfies Y satisfies X. In a
    // choice, drop option X when another option Y needs a proper subset of
    // what X needs: Y is always the cheaper way.
    Kind inner = in.kind == Kind::AllOf ? Kind::AnyOf : Kind::AllOf;
    std::vector<std::set<std::string>> sets;
    sets.reserve(items.size());
    for (const auto& item : items) sets.push_back(members(item, inner));
    std::vector<ExherboLicences> kept;
    for (std::size_t i = 0; i < items.size(); ++i) {
        bool absorbed = false;
        for (std::size_t j = 0; j < items.size() && !absorbed; ++j)
            absorbed = j != i && proper_subset(sets[j], sets[i]);
        if (!absorbed) kept.push_back(std::move(items[i]));
    }

    if (kept.size() == 1) return std::move(kept.front());
    ExherboLicences out;
    out.kind = in.kind;
    out.items = std::move(kept);
    return out;
}

std::vector<std::string> render_items(const ExherboLicences& licences) {
    std::vector<std::string> out;
    if (licences.kind == Kind::AllOf) {
        for (const auto& item : licences.items) out.push_back(key(item));
    } else {
        out.push_back(key(licences));
    }
    return out;
}

std::string render_value(const ExherboLicences& licences) {
    std::string out;
    for (const auto& item : render_items(licences)) {
        if (!out.empty()) out += ' ';
        out += item;
    }
    return out;
}

std::string render_block(const ExherboLicences& licences) {
    auto items = render_items(licences);
    if (items.size() <= 1) return "LICENCES=\"" + (items.empty() ? std::string() : items.front()) + "\"\n";
    std::string out = "LICENCES=\"\n";
    for (const auto& item : items) out += "    " + item + "\n";
    out += "\"\n";
    return out;
}

}  // namespace cdf::licences
