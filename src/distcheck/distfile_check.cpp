#include "distcheck/distfile_check.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "util/error.hpp"
#include "util/thread_pool.hpp"

namespace cdf::distcheck {

namespace fs = std::filesystem;

std::vector<ExpectedDistfile> expected_distfiles(const manifest::Manifest& manifest, const std::string& manifest_path) {
    std::map<std::string, ExpectedDistfile> by_name;
    for (const auto& c : manifest.crates) {
        if (c.is_git()) continue;  // its archive is the `git` line's distfile
        ExpectedDistfile e;
        e.name = c.distfile;
        e.what = fmt::format("{} {}", c.name, c.version);
        if (c.check == manifest::CrateCheck::Sha256) e.sha256 = c.sha256;
        auto [it, inserted] = by_name.emplace(e.name, e);
        if (!inserted && it->second.sha256 != e.sha256)
            bad_input(Location{manifest_path},
                      fmt::format("distfile {} is named by {} and by {} with different checksums", e.name,
                                  it->second.what, e.what));
    }
    for (const auto& g : manifest.git) {
        ExpectedDistfile e;
        e.name = g.distfile;
        e.what = fmt::format("git archive of {} at {}", g.url, g.commit);
        e.sha256 = g.sha256;
        e.size = g.size;
        e.is_git = true;
        auto [it, inserted] = by_name.emplace(e.name, e);
        if (!inserted)
            bad_input(Location{manifest_path},
                      fmt::format("distfile {} is named by {} and as the {}", e.name, it->second.what, e.what));
    }
    std::vector<ExpectedDistfile> out;
    out.reserve(by_name.size());
    for (auto& [name, e] : by_name) out.push_back(std::move(e));
    return out;
}

std::vector<DistfileStatus> check_distfiles(const std::vector<ExpectedDistfile>& expected, const fs::path& distdir,
                                            unsigned threads, bool with_sha512) {
    std::vector<DistfileStatus> out(expected.size());
    run_in_parallel(expected.size(), threads ? threads : hardware_threads(), [&](std::size_t i) {
        DistfileStatus& s = out[i];
        s.expected = expected[i];
        fs::path path = distdir / expected[i].name;
        std::error_code ec;
        if (!fs::exists(fs::status(path, ec))) {
            s.state = DistfileStatus::State::Missing;
            return;
        }
        try {
            s.digest = digest_file(path, with_sha512);
        } catch (const Error& e) {
            if (e.kind() != ErrorKind::BadInput) throw;  // e.g. Botan cannot be loaded
            s.state = DistfileStatus::State::Unreadable;
            s.detail = e.message();
            return;
        }
        const auto& want = expected[i];
        if (want.size && *want.size != s.digest->size) {
            s.state = DistfileStatus::State::Mismatch;
            s.detail = fmt::format("size is {} bytes, the manifest says {}", s.digest->size, *want.size);
        } else if (want.sha256 && *want.sha256 != s.digest->sha256) {
            s.state = DistfileStatus::State::Mismatch;
            s.detail = fmt::format("sha256 is {}, the manifest says {}", s.digest->sha256, *want.sha256);
        } else if (!want.sha256) {
            s.state = DistfileStatus::State::Unchecked;
        } else {
            s.state = DistfileStatus::State::Ok;
        }
    });
    return out;
}

std::vector<std::string> unlisted_crate_files(const std::vector<ExpectedDistfile>& expected, const fs::path& distdir) {
    std::set<std::string> listed;
    for (const auto& e : expected) listed.insert(e.name);
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(distdir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.size() <= 6 || name.compare(name.size() - 6, 6, ".crate") != 0) continue;
        std::error_code type_ec;
        if (!it->is_regular_file(type_ec) || listed.count(name)) continue;
        out.push_back(name);
    }
    if (ec) bad_input(Location{distdir.string()}, fmt::format("cannot list the folder: {}", ec.message()));
    std::sort(out.begin(), out.end());
    return out;
}

std::string describe(const DistfileStatus& s) {
    const auto& e = s.expected;
    switch (s.state) {
        case DistfileStatus::State::Ok: return fmt::format("ok: {} ({})", e.name, e.what);
        case DistfileStatus::State::Missing: return fmt::format("missing: {} ({})", e.name, e.what);
        case DistfileStatus::State::Mismatch: return fmt::format("mismatch: {} ({}): {}", e.name, e.what, s.detail);
        case DistfileStatus::State::Unreadable: return fmt::format("unreadable: {} ({}): {}", e.name, e.what, s.detail);
        case DistfileStatus::State::Unchecked:
            return fmt::format("unchecked: {} ({}): {}", e.name, e.what,
                               e.is_git ? "not pinned, so only its presence was checked (record its sha256 with "
                                          "`cargo-distfiles pin`)"
                                        : "the manifest has no checksum for it, so only its presence was checked");
    }
    return {};
}

}  // namespace cdf::distcheck
