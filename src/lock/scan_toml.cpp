// The general scanner: any valid TOML, through toml++.
#include <fmt/format.h>
#include <toml++/toml.h>

#include "lock/raw_lockfile.hpp"
#include "util/lines.hpp"
#include "util/toml_guard.hpp"
#include "util/toml_lexer.hpp"

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

[[noreturn]] void not_ascii(const std::string& path, std::uint32_t line, std::size_t column, unsigned char byte) {
    bad_input(Location{path, line, static_cast<std::uint32_t>(column)},
              fmt::format("invalid lockfile: byte 0x{:02x} is not ASCII (cargo writes only ASCII outside comments)",
                          byte));
}

// toml++ 3.3 reaches __builtin_unreachable (undefined behaviour) when it
// classifies some non-ASCII characters as whitespace (found by the fuzzer;
// see util/toml_guard.hpp). cargo writes nothing but ASCII outside comments
// (URLs are percent-encoded), so any other byte is refused before toml++
// sees it: stricter than check_toml_characters, which Cargo.toml files need.
void check_ascii(std::string_view text, const std::string& path) {
    Lines lines(text);
    std::string_view l;
    while (lines.next(l)) {
        std::size_t first = l.find_first_not_of(" \t");
        if (first != std::string_view::npos && l[first] == '#') continue;
        for (std::size_t i = 0; i < l.size(); ++i)
            if (static_cast<unsigned char>(l[i]) >= 0x80) not_ascii(path, lines.number(), i + 1, l[i]);
    }
    // A line that starts with '#' is not always a comment: in `x = """`
    // then `#"""é`, it ends a multi-line string and goes on outside it.
    // Whatever non-ASCII the lexer does not place in a comment is refused too.
    TomlLexer lexer(text);
    TomlChar c;
    std::size_t line_start = 0;
    while (lexer.next(c)) {
        if (c.value == '\n')
            line_start = c.offset + 1;
        else if (c.value >= 0x80 && c.place != TomlPlace::Comment)
            not_ascii(path, c.line, c.offset - line_start + 1, text[c.offset]);
    }
}

class TomlScanner {
public:
    explicit TomlScanner(const std::string& path) : path_(path) {}

    RawLockfile run(std::string_view text) {
        check_ascii(text, path_);
        // A million `a.a.a...` components would overflow toml++'s stack
        // (cargo's own lockfiles have two at most: `patch.unused`).
        check_toml_key_depth(text, path_);
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
        if (const toml::node* deps = t.get("dependencies")) {
            std::string_view name = p.name ? p.name->value : table;
            const toml::array* array = deps->as_array();
            if (!array) type_error(*deps, fmt::format("`dependencies` of {}", name), "an array of strings");
            for (const toml::node& d : *array) {
                if (!d.is_string()) type_error(d, fmt::format("a dependency of {}", name), "a string");
                p.dependencies.push_back(raw(*d.as_string()));
            }
        }
        return p;
    }

    const std::string& path_;
    RawLockfile* out_ = nullptr;
};

}  // namespace

RawLockfile scan_toml(std::string_view text, const std::string& path) { return TomlScanner(path).run(text); }

}  // namespace cdf::lock
