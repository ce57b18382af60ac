// `cargo-distfiles pin --manifest FILE --distdir DIR [--force]`: records the
// SHA-256 and size of every fetched git archive in the manifest's `git`
// lines, so that later unpacks verify the archives' bytes too.
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "distcheck/file_digest.hpp"
#include "manifest/manifest.hpp"
#include "extract/git_archive.hpp"
#include "util/atomic_file.hpp"
#include "util/error.hpp"

namespace cdf::cli {

namespace {

struct PinOptions {
    std::string manifest;
    std::string distdir;
    bool force = false;
};

constexpr const char* kFooter = R"(A crate from crates.io is checked against the checksum of Cargo.lock; an
archive of a git commit has none: its commit id is checked (forges write it in
the archive's pax header), its bytes are not. Forges make these archives on
the fly and do not promise the same bytes forever (a new compressor, another
tar writer...), which is why they are not hashed by `generate`. `pin` hashes
the archives you fetched: run it once after the first fetch, and commit the
manifest. From then on `unpack` refuses an archive whose size or SHA-256
differs. When a forge changes its archives, check the new one and pin again
with --force.

Each archive must be in DIR under its distfile name, and must be the pinned
commit (a pax header naming another commit is an error; none, a warning).
The manifest is rewritten in place, atomically, only when something changed.

Examples:
  cargo-distfiles pin --manifest files/foo-1.0.cargo-distfiles --distdir /var/cache/paludis/distfiles
  cargo-distfiles pin --manifest files/foo-1.0.cargo-distfiles --distdir "$FETCHEDDIR" --force

Exit status: 0 pinned (or already pinned), 1 an archive of another commit, or
a recorded pin that differs from the archive (without --force), 2 bad input
(an unreadable manifest, an archive not fetched), 3 I/O failure.)";

void run(const PinOptions& o) {
    namespace fs = std::filesystem;
    manifest::Manifest m = manifest::read_file(o.manifest);
    auto warn = [](const std::string& w) { fmt::print(stderr, "cargo-distfiles: warning: {}\n", w); };
    if (m.git.empty()) {
        fmt::print(stderr, "{} takes nothing from git: nothing to pin\n", o.manifest);
        return;
    }
    bool changed = false;
    std::size_t pinned = 0, unchanged = 0;
    for (auto& g : m.git) {
        fs::path archive = fs::path(o.distdir) / g.distfile;
        if (!fs::exists(archive))
            bad_input(Location{archive.string()},
                      fmt::format("git archive {} (commit {} of {}) has not been fetched: fetch it first, then pin",
                                  g.distfile, g.commit, g.url));
        extract::check_archive_commit(archive, archive.string(), g.commit, warn);
        distcheck::FileDigest facts = distcheck::digest_file(archive, /*with_sha512=*/false);
        if (g.sha256 == facts.sha256 && g.size == facts.size) {
            ++unchanged;
            fmt::print("unchanged {} {} {}\n", g.distfile, facts.sha256, facts.size);
            continue;
        }
        if ((g.sha256 || g.size) && !o.force)
            throw Error(ErrorKind::CheckFailed, Location{o.manifest},
                        fmt::format("git archive {} was pinned at SHA-256 {} and {} bytes, but {} has SHA-256 {} and "
                                    "{} bytes: the forge made a new archive of commit {}, or the download is broken; "
                                    "check it, then pin again with --force",
                                    g.distfile, g.sha256 ? *g.sha256 : "-", g.size ? std::to_string(*g.size) : "-",
                                    archive.string(), facts.sha256, facts.size, g.commit));
        g.sha256 = facts.sha256;
        g.size = facts.size;
        changed = true;
        ++pinned;
        fmt::print("pinned {} {} {}\n", g.distfile, facts.sha256, facts.size);
    }
    if (changed) write_file_atomically(o.manifest, manifest::render(m));
    fmt::print(stderr, "{}: {} git archive{} pinned, {} already pinned\n", o.manifest, pinned, pinned == 1 ? "" : "s",
               unchanged);
}

}  // namespace

void add_pin(CLI::App& app) {
    auto o = std::make_shared<PinOptions>();
    auto* cmd = app.add_subcommand(
        "pin", "Record the SHA-256 and size of each fetched git archive in the manifest, so unpack verifies them");
    cmd->add_option("--manifest", o->manifest, "The manifest to update (written by generate or update)")
        ->required()
        ->type_name("FILE");
    cmd->add_option("--distdir", o->distdir, "The folder holding the fetched distfiles ($FETCHEDDIR)")
        ->required()
        ->type_name("DIR");
    cmd->add_flag("--force", o->force, "Replace pins that differ from the archives (after checking the new archives)");
    cmd->footer(kFooter);
    cmd->callback([o] { run(*o); });
}

}  // namespace cdf::cli
