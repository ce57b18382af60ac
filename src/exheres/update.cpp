#include "exheres/update.hpp"

#include <cerrno>
#include <cstring>
#include <system_error>

#include <fmt/format.h>

#include "exheres/downloads_block.hpp"
#include "exheres/line_diff.hpp"
#include "manifest/manifest.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace cdf::exheres {

namespace fs = std::filesystem;

namespace {

// The file a write must replace: the target of a symlink, not the link.
fs::path write_target(const fs::path& path) {
    std::error_code ec;
    if (fs::is_symlink(path, ec)) {
        fs::path resolved = fs::canonical(path, ec);
        if (!ec) return resolved;
    }
    return path;
}

// The folders above `file` that do not exist yet, outermost first. Refuses a
// path where a non-folder is in the way.
std::vector<fs::path> missing_folders(const fs::path& file) {
    std::vector<fs::path> missing;
    fs::path dir = file.parent_path();
    while (!dir.empty()) {
        std::error_code ec;
        auto st = fs::status(dir, ec);
        if (fs::exists(st)) {
            if (!fs::is_directory(st))
                bad_input(Location{dir.string()},
                          fmt::format("is not a folder, so the manifest {} cannot be written there; move it away or "
                                      "pass --manifest",
                                      quote(file.string())));
            break;
        }
        missing.push_back(dir);
        fs::path up = dir.parent_path();
        if (up == dir) break;
        dir = up;
    }
    return {missing.rbegin(), missing.rend()};
}

}  // namespace

Update prepare_update(const fs::path& exheres, const fs::path& manifest_path, const distfiles::Plan& plan) {
    Update u;
    u.exheres.path = exheres;
    u.exheres.old_text = cdf::read_file(exheres);
    std::string block = render_downloads_block(plan.downloads);
    PlacedBlock placed = place_downloads_block(*u.exheres.old_text, exheres.string(), block);
    u.exheres.new_text = std::move(placed.text);
    u.placement = describe(placed, block);
    u.warnings = std::move(placed.warnings);

    u.manifest.path = manifest_path;
    std::error_code e1, e2;
    if (fs::weakly_canonical(manifest_path, e1) == fs::weakly_canonical(exheres, e2) && !e1 && !e2)
        bad_input(Location{manifest_path.string()}, "the manifest cannot be the exheres itself (see --manifest)");
    missing_folders(manifest_path);  // refuses a file in the way before anything is read or written
    std::error_code ec;
    if (fs::is_directory(manifest_path, ec))
        bad_input(Location{manifest_path.string()}, "is a folder; the manifest must be a file (see --manifest)");
    u.manifest.old_text = read_file_if_exists(manifest_path);
    manifest::Manifest fresh = plan.manifest;
    if (u.manifest.old_text && !fresh.git.empty()) {
        try {
            manifest::carry_pins(manifest::parse(*u.manifest.old_text, manifest_path.string()), fresh);
        } catch (const Error& e) {
            u.warnings.push_back(
                fmt::format("the old manifest cannot be read ({}); archive hashes recorded by "
                            "`cargo-distfiles pin` in it are not carried over",
                            e.what()));
        }
    }
    u.manifest.new_text = manifest::render(fresh);
    return u;
}

std::string diff_label(char side, const fs::path& path) {
    std::string p = path.generic_string();
    while (p.rfind("./", 0) == 0) p.erase(0, 2);
    while (!p.empty() && p.front() == '/') p.erase(0, 1);
    return std::string(1, side) + "/" + p;
}

std::string stale_diff(const Update& update) {
    std::string out;
    for (const FileUpdate* f : {&update.exheres, &update.manifest}) {
        if (!f->stale()) continue;
        out += unified_diff(f->old_text ? *f->old_text : std::string(), f->new_text,
                            f->old_text ? diff_label('a', f->path) : std::string("/dev/null"),
                            diff_label('b', f->path));
    }
    return out;
}

void apply_update(const Update& update) {
    std::vector<PendingWrite> writes;
    if (update.manifest.stale()) writes.push_back({write_target(update.manifest.path), update.manifest.new_text});
    if (update.exheres.stale()) writes.push_back({write_target(update.exheres.path), update.exheres.new_text});
    if (writes.empty()) return;

    std::vector<fs::path> created;
    auto remove_created = [&] {
        for (auto it = created.rbegin(); it != created.rend(); ++it) {
            std::error_code ignored;
            fs::remove(*it, ignored);  // only removes a folder left empty
        }
    };
    if (update.manifest.stale()) {
        for (const fs::path& dir : missing_folders(writes.front().target)) {
            std::error_code ec;
            if (!fs::create_directory(dir, ec) && ec) {
                remove_created();
                throw Error(ErrorKind::Internal, Location{dir.string()},
                            fmt::format("cannot create the manifest's folder: {}", ec.message()));
            }
            created.push_back(dir);
        }
    }
    try {
        write_files_atomically(writes);
    } catch (...) {
        remove_created();
        throw;
    }
}

}  // namespace cdf::exheres
