#include "unpack/unpack.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <exception>
#include <map>
#include <mutex>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "lock/lockfile_reader.hpp"
#include "lock/source_id.hpp"
#include "unpack/cargo_config.hpp"
#include "unpack/git_unpack.hpp"
#include "unpack/lock_check.hpp"
#include "unpack/registry_crate.hpp"
#include "unpack/vendor_dir.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/progress.hpp"
#include "util/thread_pool.hpp"

namespace cdf::unpack {
namespace fs = std::filesystem;

namespace {

// What the manifest expects a distfile's sha256 to be, for messages.
std::string expected_sha256(const ArchiveJob& job, const manifest::CrateEntry& c) {
    if (c.check == manifest::CrateCheck::Sha256) return std::string(c.sha256);
    if (job.git && job.git->sha256) return *job.git->sha256;
    return job.git ? "not recorded (see `cargo-distfiles pin`)" : "none (unverified)";
}

// Sizes of the distfiles; every missing one is listed in one error.
void stat_distfiles(std::vector<ArchiveJob>& jobs, const fs::path& distdir) {
    std::string missing;
    std::size_t count = 0, listed = 0, unlisted = 0;
    constexpr std::size_t kListed = 10;  // a long list is capped: its head and a count
    for (auto& job : jobs) {
        struct stat st {};
        std::string problem;
        if (::stat(job.distfile.c_str(), &st) != 0)
            problem = errno == ENOENT ? "no such file" : std::strerror(errno);
        else if (!S_ISREG(st.st_mode))
            problem = "not a regular file";
        if (problem.empty()) {
            job.size = static_cast<std::uint64_t>(st.st_size);
            continue;
        }
        ++count;
        for (const auto& t : job.crates) {
            if (listed == kListed) {
                ++unlisted;
                continue;
            }
            ++listed;
            missing += fmt::format("\n  {} (crate {} {}): expected sha256 {}, actual: {}",
                                   job.distfile.filename().string(), t.crate->name, t.crate->version,
                                   expected_sha256(job, *t.crate), problem);
        }
    }
    if (count == 0) return;
    if (unlisted > 0)
        missing += fmt::format("\n  ... and {} more (`cargo-distfiles verify` lists every distfile)", unlisted);
    bad_input(Location{distdir.string()}, fmt::format("{} distfile{} missing; nothing was unpacked:{}", count,
                                                      count == 1 ? " is" : "s are", missing));
}

// A mistyped --distdir is one mistake: one line, before anything is created.
void require_distdir(const fs::path& distdir) {
    struct stat st {};
    if (::stat(distdir.c_str(), &st) != 0) {
        int err = errno;
        bad_input(Location{distdir.string()},
                  err == ENOENT ? std::string("no such distfiles folder: pass the folder the distfiles were fetched "
                                              "to (--distdir, ${FETCHEDDIR} in an exheres)")
                                : fmt::format("cannot read the distfiles folder: {}", std::strerror(err)));
    }
    if (!S_ISDIR(st.st_mode))
        bad_input(Location{distdir.string()},
                  "not a folder: pass the folder the distfiles were fetched to (--distdir, "
                  "${FETCHEDDIR} in an exheres)");
}

std::string crate_label(const manifest::CrateEntry& c) { return fmt::format("{} {}", c.name, c.version); }

// Drops the registry jobs whose crate is complete already; returns the -v
// lines about them.
std::vector<std::string> drop_complete(std::vector<ArchiveJob>& jobs, const VendorDir& vendor, cargo::ChecksumMode mode,
                                       UnpackSummary& summary) {
    std::vector<std::string> lines;
    std::erase_if(jobs, [&](const ArchiveJob& job) {
        if (job.git) return false;
        const CrateTarget& t = job.crates.front();
        if (t.crate->check != manifest::CrateCheck::Sha256) return false;
        if (!vendor.is_complete(t.folder, t.crate->sha256, mode)) return false;
        ++summary.already_complete;
        lines.push_back(fmt::format("{} is already complete in {}", crate_label(*t.crate), t.folder));
        return true;
    });
    return lines;
}

// Job indices, largest distfile first: long jobs start early, the pool ends
// evenly. Equal sizes keep manifest order.
std::vector<std::size_t> largest_first(const std::vector<ArchiveJob>& jobs) {
    std::vector<std::size_t> order(jobs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return jobs[a].size > jobs[b].size; });
    return order;
}

// Runs one job at a time per thread: lends it temporary folders, installs
// what it finishes, keeps its failure.
class JobRunner {
public:
    JobRunner(const UnpackOptions& options, const VendorDir& vendor, ProgressMeter& progress,
              const std::vector<ArchiveJob>& jobs)
        : options_(options), vendor_(vendor), progress_(progress), jobs_(jobs), failures_(jobs.size()) {}

    void run(std::size_t index) {
        const ArchiveJob& job = jobs_[index];
        std::vector<fs::path> temporaries;  // removed at the end unless installed
        std::mutex temporaries_mutex;
        JobContext context;
        context.checksums = options_.checksums;
        context.make_temp_folder = [&](std::string_view hint) {
            fs::path p = vendor_.make_temp_folder(hint);
            std::lock_guard lock(temporaries_mutex);
            temporaries.push_back(p);
            return p;
        };
        context.on_bytes = [this](std::size_t n) { progress_.add_bytes(n); };
        context.warn = [this](std::string_view text) {
            progress_.message(fmt::format("cargo-distfiles: warning: {}", text));
        };
        try {
            const ArchiveUnpacker& unpacker = job.git ? git_unpacker_ : registry_unpacker_;
            for (const FinishedCrate& f : unpacker(job, context)) {
                install(job, f);
                std::lock_guard lock(temporaries_mutex);
                std::erase(temporaries, f.folder);
            }
        } catch (const Error&) {
            failures_[index] = std::current_exception();
        } catch (const std::exception& e) {
            failures_[index] = std::make_exception_ptr(
                Error(ErrorKind::Internal, Location{job.distfile.string()}, e.what()));
        }
        for (const auto& t : temporaries) remove_tree(t);
    }

    const std::vector<std::exception_ptr>& failures() const { return failures_; }
    std::size_t unpacked() const { return unpacked_.load(); }

private:
    void install(const ArchiveJob& job, const FinishedCrate& f) {
        auto target = std::find_if(job.crates.begin(), job.crates.end(),
                                   [&](const CrateTarget& t) { return t.crate == f.crate; });
        if (target == job.crates.end()) internal_error("an archive job finished a crate it was not given");
        vendor_.install(f.folder, target->folder);
        ++unpacked_;
        progress_.item_done();
        if (options_.verbose)
            progress_.message(fmt::format("unpacked {} into {}", crate_label(*f.crate), target->folder));
    }

    const UnpackOptions& options_;
    const VendorDir& vendor_;
    ProgressMeter& progress_;
    const std::vector<ArchiveJob>& jobs_;
    const ArchiveUnpacker registry_unpacker_ = unpack_registry_crate;
    const ArchiveUnpacker git_unpacker_ = options_.git_unpacker ? options_.git_unpacker
                                                                : ArchiveUnpacker(unpack_git_archive_job);
    std::vector<std::exception_ptr> failures_;  // by job index
    std::atomic<std::size_t> unpacked_{0};
};

// One failure is thrown as it is; several are printed to `log` in manifest
// order and summed up in the thrown error (of the first one's kind).
void throw_failures(const std::vector<ArchiveJob>& jobs, const std::vector<std::exception_ptr>& failures,
                    std::size_t unpacked, const UnpackOptions& options) {
    std::vector<std::size_t> failed;
    for (std::size_t i = 0; i < failures.size(); ++i)
        if (failures[i]) failed.push_back(i);
    if (failed.empty()) return;
    if (failed.size() == 1) std::rethrow_exception(failures[failed.front()]);
    ErrorKind kind = ErrorKind::Internal;
    std::size_t crates_failed = 0, crates_tried = 0;
    for (const auto& job : jobs) crates_tried += job.crates.size();
    for (std::size_t i : failed) {
        crates_failed += jobs[i].crates.size();
        try {
            std::rethrow_exception(failures[i]);
        } catch (const Error& e) {
            if (i == failed.front()) kind = e.kind();
            fmt::print(options.log, "cargo-distfiles: error: {}\n", e.what());
        }
    }
    std::string message = fmt::format("{} of {} crates could not be unpacked (errors above)", crates_failed,
                                      crates_tried);
    if (unpacked > 0)
        message += fmt::format("; {} other{} in {}", unpacked, unpacked == 1 ? " is" : "s are",
                               options.vendor_dir.string());
    throw Error(kind, message);
}

void write_cargo_config(const fs::path& path, const std::string& content) {
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    write_file_atomically(path, content);
}

}  // namespace

VendorPlan plan_vendor(manifest::Manifest manifest, DirNames dir_names, std::string_view vendor_dir,
                       const std::string& manifest_path) {
    // (name, version, git archive) seen; the manifest lists git crates once
    // per source, and two refs at one commit share the archive.
    std::set<std::tuple<std::string_view, std::string_view, std::string_view>> seen;
    std::set<std::tuple<std::string, std::string, std::string>> git_sources;  // distfile, url, ref
    for (const auto& g : manifest.git) git_sources.emplace(g.distfile, g.url, g.reference);
    std::vector<manifest::GitEntry> more_git;
    lock::SourceIdCache sources;
    // The crates kept are moved to the front of the list: no second list,
    // and they stay in the manifest whose strings they point into.
    auto kept = manifest.crates.begin();
    for (auto& c : manifest.crates) {
        if (c.is_git()) {
            const manifest::GitEntry* git = manifest.find_git(c.distfile);
            const lock::SourceId& id = sources.get(c.source, [&] { return Location{manifest_path}; });
            if (git && id.is_git() && git_sources.emplace(std::string(c.distfile), id.url, id.reference.str()).second) {
                manifest::GitEntry another = *git;
                another.url = id.url;
                another.reference = id.reference.str();
                more_git.push_back(std::move(another));
            }
            if (!seen.emplace(c.name, c.version, c.distfile).second) continue;
        }
        if (&*kept != &c) *kept = c;
        ++kept;
    }
    manifest.crates.erase(kept, manifest.crates.end());
    for (auto& g : more_git) manifest.git.push_back(std::move(g));
    std::stable_sort(manifest.git.begin(), manifest.git.end(),
                     [](const manifest::GitEntry& a, const manifest::GitEntry& b) { return a.distfile < b.distfile; });
    VendorPlan plan;
    plan.manifest = std::move(manifest);
    plan.folders = vendor_folder_paths(plan.manifest, dir_names, manifest_path);
    plan.cargo_config = render_cargo_config(plan.manifest, vendor_dir, manifest_path);
    return plan;
}

std::vector<ArchiveJob> plan_jobs(const manifest::Manifest& manifest, const std::vector<std::string>& folders,
                                  const fs::path& distdir) {
    std::vector<ArchiveJob> jobs;
    std::map<std::string_view, std::size_t> git_jobs;  // distfile -> index in jobs
    for (std::size_t i = 0; i < manifest.crates.size(); ++i) {
        const auto& c = manifest.crates[i];
        CrateTarget target{&c, folders.at(i)};
        if (c.is_git()) {
            auto [it, fresh] = git_jobs.try_emplace(c.distfile, jobs.size());
            if (fresh) {
                ArchiveJob job;
                job.distfile = distdir / c.distfile;
                job.git = manifest.find_git(c.distfile);
                jobs.push_back(std::move(job));
            }
            jobs[it->second].crates.push_back(std::move(target));
        } else {
            ArchiveJob job;
            job.distfile = distdir / c.distfile;
            job.crates.push_back(std::move(target));
            jobs.push_back(std::move(job));
        }
    }
    return jobs;
}

UnpackSummary unpack(const UnpackOptions& options) {
    const std::string& manifest_path = options.manifest_path;
    manifest::Manifest manifest = manifest::read_file(manifest_path);
    if (options.lockfile) {
        lock::ReadOptions read_options;
        read_options.allow_missing_checksums = true;  // unverified crates: the manifest decides
        check_lock_against_manifest(lock::read_lockfile(*options.lockfile, read_options), manifest, manifest_path);
    }
    // From here on, the manifest as vendored (see VendorPlan).
    const VendorPlan vendor_plan = plan_vendor(std::move(manifest), options.dir_names, options.vendor_dir.string(),
                                               manifest_path);
    std::optional<std::string> config;
    // The vendor directory as cargo will resolve it from the config's folder.
    if (options.cargo_config)
        config = render_cargo_config(vendor_plan.manifest, options.vendor_dir, manifest_path, *options.cargo_config);

    std::vector<ArchiveJob> jobs = plan_jobs(vendor_plan.manifest, vendor_plan.folders, options.distdir);
    require_distdir(options.distdir);
    VendorDir vendor(options.vendor_dir);
    UnpackSummary summary;
    std::vector<std::string> skipped = drop_complete(jobs, vendor, options.checksums, summary);
    stat_distfiles(jobs, options.distdir);

    std::size_t crate_count = 0;
    std::uint64_t byte_count = 0;
    for (const auto& job : jobs) {
        crate_count += job.crates.size();
        byte_count += job.size;
    }
    ProgressMeter progress(options.log, options.progress, "unpacking", "crates", crate_count, byte_count);
    if (options.verbose)
        for (const auto& line : skipped) progress.message(line);

    JobRunner runner(options, vendor, progress, jobs);
    std::vector<std::size_t> order = largest_first(jobs);
    run_in_parallel(order.size(), options.jobs == 0 ? hardware_threads() : options.jobs,
                    [&](std::size_t k) { runner.run(order[k]); });
    progress.finish();
    summary.unpacked = runner.unpacked();
    throw_failures(jobs, runner.failures(), summary.unpacked, options);

    if (config) write_cargo_config(*options.cargo_config, *config);
    if (options.verbose)
        progress.message(fmt::format("unpacked {} crate{} into {} ({} already complete)", summary.unpacked,
                                     summary.unpacked == 1 ? "" : "s", options.vendor_dir.string(),
                                     summary.already_complete));
    return summary;
}

}  // namespace cdf::unpack
