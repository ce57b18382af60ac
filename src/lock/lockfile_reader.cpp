#include "lock/lockfile_reader.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "lock/names.hpp"
#include "lock/raw_lockfile.hpp"
#include "util/atomic_file.hpp"
#include "util/sha256.hpp"
#include "util/strings.hpp"

namespace cdf::lock {

namespace {

// Lowercase hex of a checksum value, or empty when it is not 64 hex digits:
// the value itself as cargo writes it, else a lowercased copy kept in `strings`.
std::string_view normalized_checksum(std::string_view value, std::deque<std::string>& strings) {
    if (is_sha256_hex(value)) return value;  // what cargo writes
    std::string s = lower(value);
    if (!is_sha256_hex(s)) return {};
    return strings.emplace_back(std::move(s));
}

// cargo writes packages sorted by name, and a name's versions in semver
// order (not as text): then only those few are sorted, in place. Otherwise
// pointers are sorted rather than the large Packages.
void sort_packages(std::vector<Package>& packages) {
    auto by_name = [](const Package& a, const Package& b) { return a.name < b.name; };
    if (std::is_sorted(packages.begin(), packages.end(), by_name)) {
        for (auto run = packages.begin(); run != packages.end();) {
            auto end = std::find_if(run + 1, packages.end(), [&](const Package& p) { return p.name != run->name; });
            if (!std::is_sorted(run, end)) std::sort(run, end);
            run = end;
        }
        return;
    }
    std::vector<Package*> order;
    order.reserve(packages.size());
    for (Package& p : packages) order.push_back(&p);
    std::sort(order.begin(), order.end(), [](const Package* a, const Package* b) { return *a < *b; });
    std::vector<Package> sorted;
    sorted.reserve(packages.size());
    for (Package* p : order) sorted.push_back(std::move(*p));
    packages = std::move(sorted);
}

class Validator {
public:
    Validator(LockfileStorage& storage, const ReadOptions& options)
        : storage_(storage), path_(storage.path), options_(options) {}

    Lockfile run(const RawLockfile& raw) {
        Lockfile lock;
        lock.path = path_;
        lock.version = 1;
        if (raw.version) {
            std::int64_t n = *raw.version;
            if (n != 3 && n != 4)
                bad_input(Location{path_, raw.version_line, raw.version_column},
                          fmt::format("lock file version `{}` was found, but cargo (and cargo-distfiles) only "
                                      "understand versions 3 and 4 in a `version` key",
                                      n));
            lock.version = static_cast<int>(n);
        }
        read_metadata(raw);
        check_dependencies(raw);
        bool any_inline_checksum = false;
        lock.packages.reserve(raw.packages.size());
        for (const RawPackage& p : raw.packages) {
            any_inline_checksum |= p.has_checksum_key;
            package(p, lock);
        }
        // cargo raises a V1 file with inline checksums to V2.
        if (lock.version == 1 && any_inline_checksum) lock.version = 2;

        sort_packages(lock.packages);
        for (std::size_t i = 1; i < lock.packages.size(); ++i) {
            const Package& a = lock.packages[i - 1];
            const Package& b = lock.packages[i];
            if (a.name == b.name && a.version == b.version && a.source->spelled == b.source->spelled) {
                const Package& later = a.line > b.line ? a : b;
                const Package& earlier = a.line > b.line ? b : a;
                bad_input(later.where(), fmt::format("duplicate package {} {} ({}): already listed at line {}", b.name,
                                                     b.version, b.source->spelled, earlier.line));
            }
        }
        return lock;
    }

private:
    Location at(const RawString& s) const { return Location{path_, s.line, s.column}; }

    // Every `dependencies` entry must name a package of the file: cargo
    // cannot build from a lockfile cut short (it would have to resolve again,
    // which --frozen forbids and which `unpack` would only report later as a
    // stale manifest). An entry is "NAME", "NAME VERSION" or
    // "NAME VERSION (SOURCE)". Only the dependencies of registry and git
    // packages are checked, and only by name: those are fixed by the
    // published package, so a missing one makes cargo resolve again, which
    // --frozen forbids. cargo ignores a dangling edge when it reads a file,
    // and a workspace member's may be stale but harmless (sharkdp/fd
    // 06eb231fbd names `dirs` from fd-find and dirs-sys-next 0.3.4 beside the
    // 0.1.0 it holds).
    void check_dependencies(const RawLockfile& raw) {
        std::unordered_set<std::string_view> names;
        names.reserve(raw.packages.size());
        for (const RawPackage& p : raw.packages)
            if (p.name) names.insert(p.name->value);
        for (const RawPackage& p : raw.packages) {
            if (!p.source) continue;
            for (const RawString& dep : p.dependencies) {
                std::string_view entry = dep.value;
                std::string_view name = entry.substr(0, entry.find(' '));
                std::string_view owner = p.name ? p.name->value : p.table;
                if (!names.count(name))
                    bad_input(at(dep), fmt::format("{} depends on {}, which is not in the lockfile (a lockfile cut "
                                                   "short or merged by hand?): cargo cannot build from it; write it "
                                                   "again with `cargo generate-lockfile` or `cargo update`",
                                                   owner, quote(entry)));
            }
        }
    }

    // V1 keeps checksums in [metadata] as "checksum NAME VERSION (SOURCE)" = "HEX" | "<none>".
    void read_metadata(const RawLockfile& raw) {
        for (const RawMetadataChecksum& m : raw.metadata) {
            std::string_view id = m.key;
            auto open = id.find(" (");
            if (open == std::string_view::npos || id.back() != ')')
                bad_input(at(m.value), fmt::format("malformed [metadata] key {}: expected \"checksum NAME VERSION "
                                                   "(SOURCE)\"",
                                                   quote("checksum " + std::string(m.key))));
            std::string_view hex;
            if (m.value.value != "<none>") {
                hex = normalized_checksum(m.value.value, storage_.strings);
                if (hex.empty())
                    bad_input(at(m.value), fmt::format("checksum {} of {} is not 64 hex digits", quote(m.value.value),
                                                       id.substr(0, open)));
            }
            metadata_[m.key] = hex;
        }
    }

    const SourceId& source_id(const RawString& s) {
        return storage_.sources.get(s.value, [&] { return at(s); });
    }

    void package(const RawPackage& raw, Lockfile& lock) {
        auto where = [&] { return Location{path_, raw.line, raw.column}; };
        if (!raw.name) bad_input(where(), fmt::format("{} has no `name`", raw.table));
        if (!raw.version) bad_input(where(), fmt::format("{} {} has no `version`", raw.table, raw.name->value));

        if (!raw.source) {
            ++lock.path_packages;
            return;
        }
        std::string_view name = raw.name->value;
        std::string_view version = raw.version->value;
        if (!is_valid_package_name(name))
            bad_input(at(*raw.name), fmt::format("package name {} is not one cargo accepts (ASCII letters, digits, "
                                                 "'-' and '_', starting with a letter or '_', at most 64 characters)",
                                                 quote(name)));
        if (!is_valid_version(version))
            bad_input(at(*raw.version),
                      fmt::format("version {} of package {} is not a valid semantic version", quote(version), name));
        const SourceId& source = source_id(*raw.source);

        // A package with `replace` is replaced by another [[package]] entry,
        // which is the one that gets fetched.
        if (raw.replace) return;

        Package p;
        p.name = name;
        p.version = version;
        p.source = &source;
        p.file = &path_;
        p.line = raw.line;
        p.column = raw.column;
        if (source.is_registry()) {
            bool known = false;
            if (raw.checksum) {
                p.checksum = normalized_checksum(raw.checksum->value, storage_.strings);
                if (p.checksum.empty())
                    bad_input(at(*raw.checksum), fmt::format("checksum {} of {} {} is not 64 hex digits",
                                                             quote(raw.checksum->value), name, version));
                known = true;
            } else if (!metadata_.empty()) {
                std::string key;
                key.append(name).append(" ").append(version).append(" (").append(source.spelled).append(")");
                auto it = metadata_.find(key);
                if (it != metadata_.end()) {
                    p.checksum = it->second;
                    known = !p.checksum.empty();
                }
            }
            if (!known && !options_.allow_missing_checksums)
                bad_input(where(), fmt::format("registry crate {} {} has no checksum (lockfiles written before 2016 "
                                               "lack them), so its download cannot be verified; pass "
                                               "--allow-missing-checksums to fetch it unverified",
                                               name, version));
        }
        lock.packages.push_back(std::move(p));
    }

    LockfileStorage& storage_;
    const std::string& path_;
    const ReadOptions& options_;
    // "NAME VERSION (SOURCE)" -> hex or "", views into the storage
    std::unordered_map<std::string_view, std::string_view> metadata_;
};

}  // namespace

bool Package::operator<(const Package& o) const {
    if (int c = name.compare(o.name)) return c < 0;
    if (int c = version.compare(o.version)) return c < 0;
    return source->spelled < o.source->spelled;
}

namespace {

// The line (1-based) at which `header` stands alone, or 0.
std::uint32_t header_line(std::string_view text, std::string_view header) {
    std::uint32_t number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t eol = text.find('\n', pos);
        if (eol == std::string_view::npos) eol = text.size();
        std::string_view l = text.substr(pos, eol - pos);
        ++number;
        while (!l.empty() && (l.back() == '\r' || l.back() == ' ' || l.back() == '\t')) l.remove_suffix(1);
        while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
        if (l == header) return number;
        pos = eol + 1;
    }
    return 0;
}

// Inputs that are not a Cargo.lock at all, recognised by what they are
// rather than by the first TOML rule they break.
void refuse_wrong_input(std::string_view text, const std::string& path) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        bad_input(Location{path},
                  fmt::format("the file is empty{}; cargo never writes an empty lockfile: pass the Cargo.lock of the "
                              "project, or write one there with `cargo generate-lockfile`",
                              text.empty() ? " (0 bytes)" : " (blank lines only)"));
    for (std::string_view header : {"[package]", "[workspace]", "[dependencies]"})
        if (std::uint32_t line = header_line(text, header))
            bad_input(Location{path, line, 1},
                      fmt::format("this is a Cargo.toml (it has a {} table), not a Cargo.lock: pass the Cargo.lock "
                                  "beside it, or write one with `cargo generate-lockfile`",
                                  header));
}

}  // namespace

Lockfile parse_lockfile(std::string text_in, const std::string& path, const ReadOptions& options) {
    auto storage = std::make_shared<LockfileStorage>();
    storage->path = path;
    storage->text = std::move(text_in);
    std::string_view text = storage->text;
    std::optional<RawLockfile> raw = scan_cargo_format(text);
    if (!raw) {
        refuse_wrong_input(text, path);
        raw = scan_toml(text, path);
        storage->strings = std::move(raw->storage);  // what the packages' views may point into
    }
    // (a version cargo does not read is reported as such, by the Validator)
    bool known_version = !raw->version || *raw->version == 3 || *raw->version == 4;
    if (raw->packages.empty() && known_version) {
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) refuse_wrong_input(text, path);
        bad_input(Location{path, raw->version_line, raw->version_line ? 1u : 0u},
                  "the lockfile lists no [[package]], but cargo always writes at least the project's own package: "
                  "it is cut short or not a Cargo.lock; pass the Cargo.lock of the project, or write it again with "
                  "`cargo generate-lockfile`");
    }
    Lockfile lock = Validator(*storage, options).run(*raw);
    lock.storage = std::move(storage);
    return lock;
}

Lockfile read_lockfile(const std::string& path, const ReadOptions& options) {
    return parse_lockfile(read_file(path), path, options);
}

}  // namespace cdf::lock
