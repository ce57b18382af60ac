#include "unpack/git_unpack.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "extract/folder_writer.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace cdf::unpack {
namespace fs = std::filesystem;

namespace {

constexpr int kMaxLinkHops = 40;

std::vector<std::string> components(const std::string& path) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t end = path.find('/', start);
        if (end == std::string::npos) end = path.size();
        if (end > start) out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

// Relative path of `path` below `dir` ("" = the top), or nullopt.
std::optional<std::string> below(const std::string& path, const std::string& dir) {
    if (dir.empty()) return path;
    if (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/')
        return path.substr(dir.size() + 1);
    return std::nullopt;
}

struct Stat {
    bool exists = false;
    bool is_dir = false;
    bool is_file = false;
    unsigned mode = 0644;
    std::int64_t mtime = 1;
};

Stat stat_of(const fs::path& p) {
    struct stat st {};
    Stat out;
    if (::lstat(p.c_str(), &st) != 0) return out;
    out.exists = true;
    out.is_dir = S_ISDIR(st.st_mode);
    out.is_file = S_ISREG(st.st_mode);
    out.mode = st.st_mode & 0755;
    out.mtime = st.st_mtim.tv_sec;
    return out;
}

class CrateCopier {
public:
    CrateCopier(const RepoScan& scan, const GitCrate& crate, const fs::path& destination,
                const extract::WarningSink& warn)
        : tree_(scan.tree()), scan_(scan), crate_(crate), out_(destination, scan.tree().archive), warn_(warn) {}

    extract::FileHashes run() {
        collect("");
        // Symbolic links of the crate: the file they point to, under the
        // link's name.
        for (const auto& [link, target] : tree_.symlinks) {
            auto rel = below(link, crate_.dir);
            if (!rel || in_nested_package(*rel)) continue;
            auto resolved = resolve_in_tree(tree_, link);
            Stat st = resolved ? stat_of(tree_.top / *resolved) : Stat{};
            if (!st.is_file) {
                if (warn_)
                    warn_(fmt::format("{}: crate {} {}: symbolic link {} -> {} {}; left out", tree_.archive,
                                      crate_.name, crate_.version, quote(tree_.top_name + "/" + link), quote(target),
                                      !resolved   ? "points outside the repository"
                                      : st.is_dir ? "points to a folder"
                                                  : "points to nothing"));
                continue;
            }
            files_.emplace(*rel, *resolved);
        }

        extract::FileHashes hashes;
        for (const auto& [rel, source] : files_) {
            Stat st = stat_of(tree_.top / source);
            if (rel == "Cargo.toml") {
                StandaloneManifest m = scan_.standalone_manifest(crate_);
                out_.open_file(rel, st.mode);
                out_.write(m.text.data(), m.text.size());
                hashes[rel] = out_.close_file(st.mtime);
                continue;
            }
            out_.open_file(rel, st.mode);
            copy(tree_.top / source);
            hashes[rel] = out_.close_file(st.mtime);
        }
        if (!hashes.count("Cargo.toml"))
            internal_error(fmt::format("crate {} {} lost its Cargo.toml", crate_.name, crate_.version));
        return hashes;
    }

private:
    // True when the crate-relative `rel` lies in a folder below the crate's
    // that holds its own Cargo.toml (another package: cargo leaves it out).
    bool in_nested_package(const std::string& rel) const {
        auto parts = components(rel);
        std::string dir = crate_.dir;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            dir = join_path(dir, parts[i]);
            if (has_manifest(dir)) return true;
        }
        return false;
    }

    bool has_manifest(const std::string& dir) const {
        std::string m = join_path(dir, "Cargo.toml");
        return tree_.symlinks.count(m) > 0 || stat_of(tree_.top / m).is_file;
    }

    // Regular files below crate folder + `rel_dir`, recursively.
    void collect(const std::string& rel_dir) {
        std::string repo_dir = join_path(crate_.dir, rel_dir);
        fs::path here = repo_dir.empty() ? tree_.top : tree_.top / repo_dir;
        std::error_code ec;
        for (const auto& e : fs::directory_iterator(here, ec)) {
            std::string name = e.path().filename().string();
            std::string rel = join_path(rel_dir, name);
            Stat st = stat_of(e.path());
            if (st.is_dir) {
                if (has_manifest(join_path(crate_.dir, rel))) continue;  // a nested package
                collect(rel);
            } else if (st.is_file) {
                files_.emplace(rel, join_path(crate_.dir, rel));
            }
        }
        if (ec) throw Error(ErrorKind::Internal, Location{here.string()}, "cannot list the folder: " + ec.message());
    }

    void copy(const fs::path& from) {
        Fd fd(::open(from.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
        if (!fd)
            throw Error(ErrorKind::Internal, Location{from.string()},
                        fmt::format("cannot open: {}", std::strerror(errno)));
        char buf[65536];
        for (;;) {
            ssize_t n = ::read(fd.get(), buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0)
                throw Error(ErrorKind::Internal, Location{from.string()},
                            fmt::format("cannot read: {}", std::strerror(errno)));
            if (n == 0) break;
            out_.write(buf, static_cast<std::size_t>(n));
        }
    }

    const RepoTree& tree_;
    const RepoScan& scan_;
    const GitCrate& crate_;
    extract::FolderWriter out_;
    const extract::WarningSink& warn_;
    std::map<std::string, std::string> files_;  // crate-relative path -> repository path of the content
};

std::string short_commit(const std::string& commit) {
    return commit.substr(0, std::min<std::size_t>(12, commit.size()));
}

}  // namespace

std::optional<std::string> resolve_in_tree(const RepoTree& tree, const std::string& path) {
    std::string current = path;
    for (int hop = 0; hop <= kMaxLinkHops; ++hop) {
        auto parts = components(current);
        bool followed = false;
        std::string prefix;
        for (std::size_t i = 0; i < parts.size(); ++i) {
            std::string parent = prefix;
            prefix = join_path(prefix, parts[i]);
            auto it = tree.symlinks.find(prefix);
            if (it == tree.symlinks.end()) continue;
            const std::string& target = it->second;
            if (target.empty() || target.front() == '/') return std::nullopt;
            std::string rest;
            for (std::size_t k = i + 1; k < parts.size(); ++k) rest = join_path(rest, parts[k]);
            fs::path joined = fs::path(parent.empty() ? "." : parent) / target;
            if (!rest.empty()) joined /= rest;
            std::string next = joined.lexically_normal().generic_string();
            while (!next.empty() && next.back() == '/') next.pop_back();
            if (next == "." || next.empty()) next.clear();
            if (next == ".." || next.rfind("../", 0) == 0) return std::nullopt;
            current = next;
            followed = true;
            break;
        }
        if (!followed) return current;
    }
    return std::nullopt;
}

extract::FileHashes vendor_git_crate(const RepoScan& scan, const GitCrate& crate, const fs::path& destination,
                                     const extract::WarningSink& warn) {
    return CrateCopier(scan, crate, destination, warn).run();
}

std::vector<fs::path> unpack_git_crates(const GitArchiveJob& job, const GitUnpackContext& context) {
    const std::string name = job.distfile.string();
    const manifest::GitEntry& git = job.git;

    extract::HashingReader reader(job.distfile, context.on_bytes);
    if (git.size && reader.size() != *git.size)
        throw Error(ErrorKind::CheckFailed, Location{name},
                    fmt::format("has {} bytes, but `cargo-distfiles pin` recorded {} for this git archive: the forge "
                                "made a new archive of commit {}, or the download is broken",
                                reader.size(), *git.size, git.commit));

    auto check_hash = [&](const std::string& actual) {
        if (git.sha256 && actual != *git.sha256)
            throw Error(ErrorKind::CheckFailed, Location{name},
                        fmt::format("has SHA-256 {}, but `cargo-distfiles pin` recorded {} for this git archive: the "
                                    "forge made a new archive of commit {}, or the download is broken",
                                    actual, *git.sha256, git.commit));
    };

    fs::path staging = context.make_temp_folder("git-" + short_commit(git.commit));
    std::vector<fs::path> finished, temporaries;
    try {
        RepoTree tree;
        try {
            tree = extract::extract_git_archive(reader, name, staging, git.commit, context.warn);
        } catch (const Error&) {
            // A refused or broken archive is often a bad download: a hash
            // mismatch is the better message then.
            std::optional<std::string> actual;
            try {
                actual = reader.finish();
            } catch (const Error&) {
            }
            if (actual) check_hash(*actual);
            throw;
        }
        check_hash(reader.finish());

        RepoScan scan(tree);
        for (const auto& target : job.crates) {
            const GitCrate& crate = scan.find(target.name, target.version);
            // The crate folder is made inside the temporary one so that it
            // gets the modes cargo vendor's folders get (0777 less the
            // umask), where the temporary folder is 0700.
            // (target.folder may lie in a dot folder: ".git-<commit12>/NAME")
            const std::string leaf = fs::path(target.folder).filename().string();
            fs::path temp = context.make_temp_folder(leaf);
            temporaries.push_back(temp);
            fs::path folder = temp / leaf;
            if (::mkdir(folder.c_str(), 0777) != 0)
                throw Error(ErrorKind::Internal, Location{folder.string()},
                            fmt::format("cannot create the folder: {}", std::strerror(errno)));
            finished.push_back(folder);
            extract::FileHashes files = vendor_git_crate(scan, crate, folder, context.warn);
            write_file_atomically(folder / std::string(cargo::kChecksumFileName),
                                  cargo::render_checksum_file(files, std::nullopt, context.checksums));
        }
    } catch (...) {
        remove_tree(staging);
        for (const auto& t : temporaries) remove_tree(t);
        throw;
    }
    remove_tree(staging);
    return finished;
}

std::vector<FinishedCrate> unpack_git_archive_job(const ArchiveJob& job, const JobContext& context) {
    if (!job.git) internal_error(fmt::format("{} is not a git archive", job.distfile.string()));
    GitArchiveJob git;
    git.git = *job.git;
    git.distfile = job.distfile;
    for (const auto& t : job.crates)
        git.crates.push_back({std::string(t.crate->name), std::string(t.crate->version), t.folder});

    GitUnpackContext ctx;
    ctx.make_temp_folder = context.make_temp_folder;
    ctx.checksums = context.checksums;
    if (context.warn) ctx.warn = [&context](const std::string& text) { context.warn(text); };
    ctx.on_bytes = context.on_bytes;
    std::vector<fs::path> folders = unpack_git_crates(git, ctx);

    std::vector<FinishedCrate> out;
    for (std::size_t i = 0; i < folders.size(); ++i) out.push_back({job.crates[i].crate, folders[i]});
    return out;
}

}  // namespace cdf::unpack
