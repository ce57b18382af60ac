// The general scanner: any valid TOML, through toml++.
#include <fmt/format.h>
#include <toml++/toml.h>

#include "lock/raw_lockfile.hpp"
#include "util/lines.hpp"

namespace cdf::lock {

namespace {

std::string_view type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

// toml++ descends recursively into dotted keys and table names: a hostile
// lockfile with a million `a.a.a...` components overflows the stack. Before
// parsing, refuse any line whose key or table name has more than this many
// components (cargo's own lockfiles have two at most: `patch.unused`).
constexpr int kMaxKeyDepth = 128;

void check_key_depth(std::string_view text, const std::string& path) {
    enum { None, Basic, Literal, MultiBasic, MultiLiteral } str = None;
    int dots = 0;
    std::uint32_t line = 1;
    bool comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\n') {
            ++line;
            dots = 0;
            comment = false;
            if (str == Basic || str == Literal) str = None;  // unterminated: toml++ reports it
            continue;
        }
        if (comment) continue;
        switch (str) {
            case None:
                if (c == '#') {
                    comment = true;
                } else if (c == '.') {
                    if (++dots > kMaxKeyDepth)
                        bad_input(Location{path, line, 0},
                                  fmt::format("invalid TOML: a key or table name nested deeper than {} levels",
                                              kMaxKeyDepth));
                } else if (c == '=') {
                    dots = 0;  // a value follows; an inline table's keys count anew
                } else if (c == '"') {
                    str = text.substr(i, 3) == "\"\"\"" ? (i += 2, MultiBasic) : Basic;
                } else if (c == '\'') {
                    str = text.substr(i, 3) == "'''" ? (i += 2, MultiLiteral) : Literal;
                }
                break;
            case Basic:
                if (c == '\\') ++i;
                else if (c == '"') str = None;
                break;
            case Literal:
                if (c == '\'') str = None;
                break;
            case MultiBasic:
                if (c == '\\') ++i;
                else if (text.substr(i, 3) == "\"\"\"") { i += 2; str = None; }
                break;
            case MultiLiteral:
                if (text.substr(i, 3) == "'''") { i += 2; str = None; }
                break;
        }
    }
}

// toml++ 3.3 reaches __builtin_unreachable (undefined behaviour) when it
// classifies some non-ASCII characters as whitespace (found by the fuzzer).
// cargo writes nothing but ASCII outside comments (URLs are percent-encoded),
// so any other byte is refused before toml++ sees it.
void check_ascii(std::string_view text, const std::string& path) {
    Lines lines(text);
    std::string_view l;
    while (lines.next(l)) {
        std::size_t first = l.find_first_not_of(" \t");
        if (first != std::string_view::npos && l[first] == '#') continue;
        for (std::size_t i = 0; i < l.size(); ++i)
            if (static_cast<unsigned char>(l[i]) >= 0x80)
                bad_input(Location{path, lines.number(), static_cast<std::uint32_t>(i + 1)},
                          fmt::format("invalid lockfile: byte 0x{:02x} is not ASCII (cargo writes only ASCII outside "
                                      "comments)",
                                      static_cast<unsigned char>(l[i])));
    }
}

class TomlScanner {
public:
    explicit TomlScanner(const std::string& path) : path_(path) {}

    RawLockfile run(std::string_view text) {
        check_ascii(text, path_);
        check_key_depth(text, path_);
        toml::table doc;
        try {
            doc = toml::parse(text, path_);
        } catch (const toml::parse_error& e) {
            const auto& b = e.source().begin;
            bad_input(Location{path_, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)},
                      fmt::format("invalid TOML: {}", e.description()));
        }
        RawLockfile out;
        out_ = &out;
        if (const toml::node* v = doc.get("version")) {
            if (!v->is_integer()) type_error(*v, "`version`", "an integer (3 or 4)");
            out.version = v->as_integer()->get();
            out.version_line = v->source().begin.line;
            out.version_column = v->source().begin.column;
        }
        if (const toml::node* root = doc.get("root")) {
            if (!root->is_table()) type_error(*root, "[root]", "a table");
            out.packages.push_back(package(*root->as_table(), "[root]"));
        }
        if (const toml::node* packages = doc.get("package")) {
            const toml::array* array = packages->as_array();
            if (!array) type_error(*packages, "package", "an array of tables ([[package]])");
            for (const toml::node& p : *array) {
                if (!p.is_table()) type_error(p, "[[package]] entry", "a table");
                out.packages.push_back(package(*p.as_table(), "[[package]]"));
            }
        }
        if (const toml::node* meta = doc.get("metadata")) {
            if (!meta->is_table()) type_error(*meta, "[metadata]", "a table");
            for (const auto& [key, value] : *meta->as_table()) {
                std::string_view k = key.str();
                if (k.substr(0, 9) != "checksum ") continue;
                if (!value.is_string()) type_error(value, fmt::format("[metadata] {}", quote(k)), "a string");
                std::string_view key_text = out.storage.emplace_back(k.substr(9));
                out.metadata.push_back(RawMetadataChecksum{key_text, raw(*value.as_string())});
            }
        }
        // [[patch.unused]] lists patches that did not apply: nothing to fetch.
        return out;
    }

private:
    [[noreturn]] void type_error(const toml::node& node, std::string_view what, std::string_view expected) {
        const auto& b = node.source().begin;
        bad_input(Location{path_, static_cast<std::uint32_t>(b.line), static_cast<std::uint32_t>(b.column)},
                  fmt::format("{} must be {}, found {}", what, expected, type_name(node)));
    }

    RawString raw(const toml::value<std::string>& v) {
        return RawString{out_->storage.emplace_back(v.get()), v.source().begin.line, v.source().begin.column};
    }

    RawPackage package(const toml::table& t, std::string_view table) {
        RawPackage p;
        p.table = table;
        p.line = t.source().begin.line;
        p.column = t.source().begin.column;
        auto field = [&](std::string_view key, std::optional<RawString>& slot) {
            const toml::node* n = t.get(key);
            if (!n) return;
            if (!n->is_string()) {
                std::string_view name = p.name ? p.name->value : table;
                type_error(*n, fmt::format("`{}` of {}", key, name), "a string");
            }
            slot = raw(*n->as_string());
        };
        field("name", p.name);
        field("version", p.version);
        field("source", p.source);
        field("checksum", p.checksum);
        field("replace", p.replace);
        p.has_checksum_key = p.checksum.has_value();
        return p;
    }

    const std::string& path_;
    RawLockfile* out_ = nullptr;
};

}  // namespace

RawLockfile scan_toml(std::string_view text, const std::string& path) { return TomlScanner(path).run(text); }

}  // namespace cdf::lock
