// libFuzzer target: the manifest reader and what `unpack` derives from a
// manifest before touching any file.
//
// For any input, manifest::parse throws nothing but cdf::Error, and when it
// accepts the text:
//   - render() of the result parses back to the same manifest, and renders
//     to the same text again;
//   - every field is one word without spaces, quotes or shell characters;
//   - the vendor folder names (both styles) are single path components, never
//     "." or ".." (they become folder names inside the vendor directory), and
//     distfile names are plain file names (they are joined to the distdir);
//   - the cargo config written for it (when the sources parse) is valid TOML
//     holding the vendor directory exactly as given.
// Seeds: fuzz/corpus/manifest/. Dictionary: fuzz/manifest.dict.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "manifest/manifest.hpp"
#include "unpack/cargo_config.hpp"
#include "unpack/vendor_layout.hpp"
#include "util/error.hpp"
#include "util/fields.hpp"

namespace {

[[noreturn]] void fail(const char* what, std::string_view value) {
    std::fprintf(stderr, "manifest fuzzer: %s: %s\n", what, cdf::quote(value).c_str());
    std::abort();
}

bool is_single_component(std::string_view name) {
    return !name.empty() && name != "." && name != ".." && name.find('/') == std::string_view::npos;
}

void check_fields(const cdf::manifest::Manifest& m) {
    for (const auto& c : m.crates) {
        for (std::string_view field :
             {std::string_view(c.name), std::string_view(c.version), std::string_view(c.distfile)})
            if (!cdf::is_safe_word(field)) fail("unsafe crate field accepted", field);
        if (!cdf::is_safe_word(c.source, "?#&")) fail("unsafe source accepted", c.source);
        if (!is_single_component(c.distfile)) fail("distfile that is not a plain file name accepted", c.distfile);
    }
    for (const auto& g : m.git) {
        if (!cdf::is_safe_word(g.distfile) || !is_single_component(g.distfile))
            fail("git distfile that is not a plain file name accepted", g.distfile);
        if (!cdf::is_safe_word(g.url, "?#&")) fail("unsafe git URL accepted", g.url);
        if (!cdf::is_safe_word(g.reference, "?#&")) fail("unsafe git reference accepted", g.reference);
    }
}

void check_folders(const cdf::manifest::Manifest& m) {
    for (auto style : {cdf::unpack::DirNames::Versioned, cdf::unpack::DirNames::Cargo}) {
        std::vector<std::string> folders;
        try {
            folders = cdf::unpack::vendor_folder_names(m.crates, style, "fuzz.manifest");
        } catch (const cdf::Error&) {
            continue;  // e.g. one name and version from two sources
        }
        if (folders.size() != m.crates.size()) fail("folder count differs from crate count", "");
        for (const auto& f : folders)
            if (!is_single_component(f) || f[0] == '.') fail("vendor folder name is not a plain folder name", f);
    }
}

void check_cargo_config(const cdf::manifest::Manifest& m) {
    const std::string vendor = "/vendor dir/with \"quotes\" and 'more'\\";
    std::string config;
    try {
        config = cdf::unpack::render_cargo_config(m, vendor, "fuzz.manifest");
    } catch (const cdf::Error&) {
        return;  // a source the config cannot name: refused with a message
    }
    try {
        toml::table doc = toml::parse(config, std::string_view("config.toml"));
        auto dir = doc["source"]["vendored-sources"]["directory"].value<std::string>();
        if (!dir || *dir != vendor) fail("cargo config does not hold the vendor directory", config);
    } catch (const toml::parse_error&) {
        fail("cargo config is not valid TOML", config);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);  // libFuzzer's entry point
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    cdf::manifest::Manifest m;
    try {
        m = cdf::manifest::parse(text, "fuzz.manifest");
    } catch (const cdf::Error&) {
        return 0;
    }
    std::string rendered = cdf::manifest::render(m);
    cdf::manifest::Manifest again;
    try {
        again = cdf::manifest::parse(rendered, "rendered");
    } catch (const cdf::Error& e) {
        std::fprintf(stderr, "the rendered manifest does not parse: %s\n%s", e.what(), rendered.c_str());
        std::abort();
    }
    if (!(again == m)) fail("render/parse round trip changed the manifest", rendered);
    if (cdf::manifest::render(again) != rendered) fail("render is not stable", rendered);
    check_fields(m);
    check_folders(m);
    check_cargo_config(m);
    return 0;
}
