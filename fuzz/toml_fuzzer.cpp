// libFuzzer target: parse_toml (src/util/toml_guard), the guarded TOML parse
// every Cargo.toml a crate or a git archive carries goes through, and
// --config files.
//
// For any input:
//   - parse_toml throws nothing but cdf::Error (anything else escapes and
//     libFuzzer reports it; a toml++ crash or undefined behaviour on text the
//     guard let through is reported by the sanitizers);
//   - its one-pass guard agrees with the two checks run on their own
//     (check_toml_characters, check_toml_key_depth): when neither refuses the
//     text, parse_toml gives toml++'s own answer (the same table, or the same
//     error at the same line and column); when one refuses, parse_toml
//     refuses with that error; when both do, with one of the two;
//   - a table it accepts, written back by toml++'s formatter, either is
//     refused (text toml++ writes but the guard refuses, e.g. keys nested
//     deeper than kMaxTomlKeyDepth) or parses back to a table that is written
//     the same way again.
// Seeds: fuzz/corpus/toml/. Dictionary: fuzz/toml.dict.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "util/error.hpp"
#include "util/toml_guard.hpp"

namespace {

struct Outcome {
    bool accepted = false;
    std::string error;  // "line:column: message" when refused
};

std::string describe(const cdf::Error& e) {
    return std::to_string(e.where().line) + ":" + std::to_string(e.where().column) + ": " + e.message();
}

[[noreturn]] void fail(const char* what, std::string_view detail) {
    std::fprintf(stderr, "toml fuzzer: %s: %s\n", what, cdf::quote(detail).c_str());
    std::abort();
}

template <typename F>
std::optional<std::string> refusal(F&& check) {
    try {
        check();
    } catch (const cdf::Error& e) {
        if (e.kind() != cdf::ErrorKind::BadInput) fail("a refusal that is not BadInput", describe(e));
        return describe(e);
    }
    return std::nullopt;
}

std::string written(const toml::table& t) {
    std::ostringstream out;
    out << toml::toml_formatter(t);
    return out.str();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);  // libFuzzer's entry point
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string display = "fuzz.toml";

    std::optional<toml::table> table;
    std::optional<std::string> refused = refusal([&] { table = cdf::parse_toml(text, display); });
    std::optional<std::string> characters = refusal([&] { cdf::check_toml_characters(text, display); });
    std::optional<std::string> depth = refusal([&] { cdf::check_toml_key_depth(text, display); });

    if (!characters && !depth) {
        // The guard lets the text through: toml++ on its own must answer the
        // same (this is where the sanitizers watch toml++).
        std::optional<std::string> direct;
        std::optional<toml::table> direct_table;
        try {
            direct_table = toml::parse(text, display);
        } catch (const toml::parse_error& e) {
            const auto& b = e.source().begin;
            direct = std::to_string(b.line) + ":" + std::to_string(b.column) +
                     ": invalid TOML: " + std::string(e.description());
        }
        if (refused != direct)
            fail("parse_toml and toml::parse disagree",
                 refused.value_or("(accepted)") + " vs " + direct.value_or("(accepted)"));
        if (table && written(*table) != written(*direct_table)) fail("parse_toml gave another table", text);
    } else if (!refused) {
        fail("parse_toml accepted a text a check refuses", characters ? *characters : *depth);
    } else if (refused != characters && refused != depth) {
        fail("parse_toml refused with neither check's error",
             *refused + " vs " + characters.value_or("(none)") + " / " + depth.value_or("(none)"));
    }

    if (table) {
        const std::string once = written(*table);
        std::optional<toml::table> again;
        if (!refusal([&] { again = cdf::parse_toml(once, "written.toml"); }) && written(*again) != once)
            fail("a table written by toml++ does not read back the same", once);
    }
    return 0;
}
