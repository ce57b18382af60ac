// libFuzzer target: the Cargo.lock reader.
//
// For any input:
//   - whenever the fast scanner (scan_cargo_format) accepts the text, toml++
//     (scan_toml) must accept it too and produce the same RawLockfile;
//   - parse_lockfile throws nothing but cdf::Error (anything else escapes
//     and libFuzzer reports it);
//   - what parse_lockfile accepts is safe to write into an exheres: names
//     and versions as cargo accepts them, sources without shell characters,
//     checksums of 64 lowercase hex digits, packages sorted and unique.
// Seeds: fuzz/corpus/lockfile/. Dictionary: fuzz/lockfile.dict.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "lock/lockfile_reader.hpp"
#include "lock/names.hpp"
#include "lock/raw_lockfile.hpp"
#include "util/error.hpp"
#include "util/fields.hpp"
#include "util/sha256.hpp"

namespace {

using namespace cdf::lock;

std::string show(const std::optional<RawString>& s) {
    if (!s) return "(none)";
    return cdf::quote(s->value) + "@" + std::to_string(s->line) + ":" + std::to_string(s->column);
}

[[noreturn]] void disagree(const RawLockfile& fast, const RawLockfile& general) {
    std::fprintf(stderr, "scan_cargo_format and scan_toml disagree:\n");
    std::fprintf(stderr, "  version: fast %lld@%u:%u, toml %lld@%u:%u\n",
                 fast.version ? static_cast<long long>(*fast.version) : -1LL, fast.version_line, fast.version_column,
                 general.version ? static_cast<long long>(*general.version) : -1LL, general.version_line,
                 general.version_column);
    std::fprintf(stderr, "  packages: fast %zu, toml %zu; metadata: fast %zu, toml %zu\n", fast.packages.size(),
                 general.packages.size(), fast.metadata.size(), general.metadata.size());
    for (std::size_t i = 0; i < fast.packages.size() && i < general.packages.size(); ++i) {
        const RawPackage& a = fast.packages[i];
        const RawPackage& b = general.packages[i];
        if (a == b) continue;
        std::fprintf(stderr, "  package %zu: fast %s@%u:%u name %s version %s source %s checksum %s replace %s\n", i,
                     std::string(a.table).c_str(), a.line, a.column, show(a.name).c_str(), show(a.version).c_str(),
                     show(a.source).c_str(), show(a.checksum).c_str(), show(a.replace).c_str());
        std::fprintf(stderr, "  package %zu: toml %s@%u:%u name %s version %s source %s checksum %s replace %s\n", i,
                     std::string(b.table).c_str(), b.line, b.column, show(b.name).c_str(), show(b.version).c_str(),
                     show(b.source).c_str(), show(b.checksum).c_str(), show(b.replace).c_str());
        break;
    }
    std::abort();
}

[[noreturn]] void unsafe(const char* what, std::string_view value) {
    std::fprintf(stderr, "parse_lockfile accepted an unsafe %s: %s\n", what, cdf::quote(value).c_str());
    std::abort();
}

void check_accepted(const Lockfile& lock) {
    for (std::size_t i = 0; i < lock.packages.size(); ++i) {
        const Package& p = lock.packages[i];
        if (!is_valid_package_name(p.name)) unsafe("name", p.name);
        if (!is_valid_version(p.version)) unsafe("version", p.version);
        if (!cdf::is_safe_word(p.source->spelled, "?#&")) unsafe("source", p.source->spelled);
        if (!p.checksum.empty() && !cdf::is_sha256_hex(p.checksum)) unsafe("checksum", p.checksum);
        if (p.source->is_git()) {
            if (p.source->commit.size() != 40) unsafe("commit", p.source->commit);
            if (!p.source->reference.value.empty() && !cdf::is_safe_word(p.source->reference.value, "?#&"))
                unsafe("git reference", p.source->reference.value);
        }
        if (i > 0 && !(lock.packages[i - 1] < p)) unsafe("package order (unsorted or duplicate)", p.name);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);  // libFuzzer's entry point
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    if (std::optional<RawLockfile> fast = scan_cargo_format(text)) {
        RawLockfile general;
        try {
            general = scan_toml(text, "fuzz.lock");
        } catch (const cdf::Error& e) {
            std::fprintf(stderr, "scan_cargo_format accepted a text that scan_toml refuses: %s\n", e.what());
            std::abort();
        }
        if (!(*fast == general)) disagree(*fast, general);
    }

    for (bool allow : {false, true}) {
        ReadOptions options;
        options.allow_missing_checksums = allow;
        try {
            check_accepted(parse_lockfile(std::string(text), "fuzz.lock", options));
        } catch (const cdf::Error&) {
            // refused with a message: fine
        }
    }
    return 0;
}
