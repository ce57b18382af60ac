#include "unpack/git_unpack.hpp"

#include <cstdlib>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "unpack/crate_tarball.hpp"
#include "util/sha256.hpp"

namespace cdf::unpack {
namespace {
namespace fs = std::filesystem;

int sh(const std::string& command) { return std::system(command.c_str()); }
bool have_git() { return sh("command -v git >/dev/null 2>&1") == 0; }

const std::string kRootToml = R"~([workspace]
members = ["alpha", "crates/gamma"]

[workspace.package]
version = "0.3.1"
edition = "2021"
license = "MIT"

[workspace.dependencies]
gamma = { path = "crates/gamma", version = "0.3.1", features = ["g1"] }
)~";

const std::string kAlphaToml = R"~([package]
name = "alpha"
version.workspace = true
edition.workspace = true
license.workspace = true

[dependencies]
gamma = { workspace = true, features = ["g2"] }
)~";

const std::string kGammaToml = "[package]\nname = \"gamma\"\nversion = \"0.3.1\"\n\n[features]\ng1 = []\ng2 = []\n";

// A real repository archived by `git archive`, as a forge serves it.
struct Fixture {
    test::ScratchDir scratch;
    std::string commit;
    fs::path archive;
    std::uint64_t size = 0;
    std::string sha256;

    bool make() {
        fs::path repo = scratch / "repo";
        test::write_text(repo / "Cargo.toml", kRootToml);
        test::write_text(repo / "LICENSE", "MIT licence text\n");
        test::write_text(repo / "alpha/Cargo.toml", kAlphaToml);
        test::write_text(repo / "alpha/src/lib.rs", "pub fn a() {}\n");
        test::write_text(repo / "alpha/.gitignore", "/target\n");
        test::write_text(repo / "alpha/build.sh", "#!/bin/sh\n");
        fs::permissions(repo / "alpha/build.sh", fs::perms::owner_exec, fs::perm_options::add);
        test::write_text(repo / "alpha/nested/Cargo.toml", "[package]\nname = \"nested\"\nversion = \"0.1.0\"\n");
        test::write_text(repo / "alpha/nested/src/lib.rs", "");
        test::write_text(repo / "crates/gamma/Cargo.toml", kGammaToml);
        test::write_text(repo / "crates/gamma/src/lib.rs", "pub fn g() {}\n");
        fs::create_symlink("../LICENSE", repo / "alpha/LICENSE");
        fs::create_symlink("../nothing-here", repo / "alpha/dangling");
        fs::create_symlink("../../../../etc/passwd", repo / "alpha/escape");
        std::string q = "'" + repo.string() + "'";
        if (sh("cd " + q +
               " && git init -q -b main && git add -A && git -c user.email=t@t -c user.name=t "
               "commit -qm init && git rev-parse HEAD > ../commit") != 0)
            return false;
        commit = test::read_text(scratch / "commit").substr(0, 40);
        archive = scratch / ("ws-" + commit + ".tar.gz");
        if (sh("cd " + q + " && git archive --format=tar.gz --prefix=ws-" + commit + "/ " + commit + " > '" +
               archive.string() + "'") != 0)
            return false;
        std::string bytes = test::read_text(archive);
        size = bytes.size();
        sha256 = sha256_hex(bytes);
        return true;
    }

    GitArchiveJob job() const {
        GitArchiveJob j;
        j.git.distfile = archive.filename().string();
        j.git.url = "https://example.org/ws";
        j.git.reference = "branch=main";
        j.git.commit = commit;
        j.distfile = archive;
        j.crates = {{"alpha", "0.3.1", "alpha-0.3.1"}, {"gamma", "0.3.1", "gamma-0.3.1"}};
        return j;
    }
};

std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> out;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator(); ++it)
        out.push_back(fs::relative(it->path(), dir).generic_string() + (it->is_directory() ? "/" : ""));
    std::sort(out.begin(), out.end());
    return out;
}

// Unpacks `job` and renames its crates into `vendor`, as the orchestrator
// does with what unpack_git_archive_job returns.
void unpack_into(const GitArchiveJob& job, const VendorDir& vendor, cargo::ChecksumMode mode,
                 const extract::WarningSink& warn, const extract::HashingReader::ByteCounter& on_bytes = {}) {
    GitUnpackContext context;
    context.make_temp_folder = [&](std::string_view hint) { return vendor.make_temp_folder(hint); };
    context.checksums = mode;
    context.warn = warn;
    context.on_bytes = on_bytes;
    std::vector<fs::path> folders = unpack_git_crates(job, context);
    for (std::size_t i = 0; i < folders.size(); ++i) {
        vendor.install(folders[i], job.crates[i].folder);
        remove_tree(folders[i].parent_path());
    }
}

TEST(GitUnpack, ExtractsOnceAndVendorsEachCrate) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    Fixture f;
    ASSERT_TRUE(f.make());
    fs::path vendor_path = f.scratch / "vendor";
    std::vector<std::string> warnings;
    std::uint64_t bytes_read = 0;
    {
        VendorDir vendor(vendor_path);
        GitArchiveJob job = f.job();
        job.git.sha256 = f.sha256;
        job.git.size = f.size;
        unpack_into(
            job, vendor, cargo::ChecksumMode::Full, [&](const std::string& w) { warnings.push_back(w); },
            [&](std::size_t n) { bytes_read += n; });
    }
    // One pass over the archive for the commit, the hash and both crates.
    EXPECT_EQ(bytes_read, f.size);
    EXPECT_EQ(entries(vendor_path),
              (std::vector<std::string>{"alpha-0.3.1/", "alpha-0.3.1/.cargo-checksum.json", "alpha-0.3.1/Cargo.toml",
                                        "alpha-0.3.1/LICENSE", "alpha-0.3.1/build.sh", "alpha-0.3.1/src/",
                                        "alpha-0.3.1/src/lib.rs", "gamma-0.3.1/", "gamma-0.3.1/.cargo-checksum.json",
                                        "gamma-0.3.1/Cargo.toml", "gamma-0.3.1/src/", "gamma-0.3.1/src/lib.rs"}));
    const std::string alpha_toml = test::read_text(vendor_path / "alpha-0.3.1/Cargo.toml");
    EXPECT_EQ(alpha_toml,
              "# Rewritten by cargo-distfiles for a vendor directory: the values this crate\n"
              "# inherits from its git workspace (`workspace = true`) are filled in from the\n"
              "# workspace root's Cargo.toml, so that the manifest stands alone.\n\n"
              "[dependencies]\n"
              "gamma = { features = [ \"g1\", \"g2\" ], path = \"../crates/gamma\", version = \"0.3.1\" }\n\n"
              "[package]\nedition = \"2021\"\nlicense = \"MIT\"\nname = \"alpha\"\nversion = \"0.3.1\"\n");
    EXPECT_EQ(test::read_text(vendor_path / "alpha-0.3.1/LICENSE"), "MIT licence text\n");
    EXPECT_TRUE((fs::status(vendor_path / "alpha-0.3.1/build.sh").permissions() & fs::perms::owner_exec) !=
                fs::perms::none);
    EXPECT_FALSE(fs::is_symlink(vendor_path / "alpha-0.3.1/LICENSE"));
    EXPECT_EQ(test::read_text(vendor_path / "alpha-0.3.1/.cargo-checksum.json"),
              "{\"files\":{\"Cargo.toml\":\"" + sha256_hex(alpha_toml) + "\",\"LICENSE\":\"" +
                  sha256_hex("MIT licence text\n") + "\",\"build.sh\":\"" + sha256_hex("#!/bin/sh\n") +
                  "\",\"src/lib.rs\":\"" + sha256_hex("pub fn a() {}\n") + "\"},\"package\":null}");
    // gamma inherits nothing: its Cargo.toml is the repository's, byte for byte.
    EXPECT_EQ(test::read_text(vendor_path / "gamma-0.3.1/Cargo.toml"), kGammaToml);

    const std::string archive = f.archive.string();
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0], archive + ": crate alpha 0.3.1: symbolic link \"ws-" + f.commit +
                               "/alpha/dangling\" -> \"../nothing-here\" points to nothing; left out");
    EXPECT_EQ(warnings[1], archive + ": crate alpha 0.3.1: symbolic link \"ws-" + f.commit +
                               "/alpha/escape\" -> \"../../../../etc/passwd\" points outside the repository; left out");
}

TEST(GitUnpack, PinnedSizeAndHashAreChecked) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    Fixture f;
    ASSERT_TRUE(f.make());
    fs::path vendor_path = f.scratch / "vendor";
    VendorDir vendor(vendor_path);
    const std::string archive = f.archive.string();

    GitArchiveJob job = f.job();
    job.git.size = f.size + 1;
    std::string err = test::error_of([&] { unpack_into(job, vendor, cargo::ChecksumMode::Full, {}); },
                                     ErrorKind::CheckFailed);
    EXPECT_EQ(err, archive + ": has " + std::to_string(f.size) + " bytes, but `cargo-distfiles pin` recorded " +
                       std::to_string(f.size + 1) + " for this git archive: the forge made a new archive of commit " +
                       f.commit + ", or the download is broken");

    job = f.job();
    job.git.size = f.size;
    job.git.sha256 = std::string(64, 'a');
    err = test::error_of([&] { unpack_into(job, vendor, cargo::ChecksumMode::Full, {}); }, ErrorKind::CheckFailed);
    EXPECT_EQ(err, archive + ": has SHA-256 " + f.sha256 + ", but `cargo-distfiles pin` recorded " +
                       std::string(64, 'a') + " for this git archive: the forge made a new archive of commit " +
                       f.commit + ", or the download is broken");
    EXPECT_TRUE(entries(vendor_path).empty()) << "nothing installed, no temporary left";
}

TEST(GitUnpack, WrongCommitAndMissingCrateInstallNothing) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    Fixture f;
    ASSERT_TRUE(f.make());
    fs::path vendor_path = f.scratch / "vendor";
    VendorDir vendor(vendor_path);
    const std::string archive = f.archive.string();

    GitArchiveJob job = f.job();
    job.git.commit = std::string(40, 'b');
    std::string err = test::error_of([&] { unpack_into(job, vendor, cargo::ChecksumMode::Full, {}); },
                                     ErrorKind::CheckFailed);
    EXPECT_EQ(err, archive + ": the archive was made from commit " + f.commit + ", but the manifest pins commit " +
                       std::string(40, 'b') + ": the server sent another commit's archive, or the distfile is stale");

    job = f.job();
    job.crates.push_back({"beta", "0.3.1", "beta-0.3.1"});
    err = test::error_of([&] { unpack_into(job, vendor, cargo::ChecksumMode::Full, {}); });
    EXPECT_EQ(err, archive + ": crate \"beta\" 0.3.1 is not in this archive; it holds alpha 0.3.1 (ws-" + f.commit +
                       "/alpha/), gamma 0.3.1 (ws-" + f.commit + "/crates/gamma/), nested 0.1.0 (ws-" + f.commit +
                       "/alpha/nested/)");
    EXPECT_TRUE(entries(vendor_path).empty()) << "nothing installed, no temporary left";
}

TEST(GitUnpack, PackageOnlyChecksums) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    Fixture f;
    ASSERT_TRUE(f.make());
    fs::path vendor_path = f.scratch / "vendor";
    {
        VendorDir vendor(vendor_path);
        unpack_into(f.job(), vendor, cargo::ChecksumMode::PackageOnly, {});
    }
    EXPECT_EQ(test::read_text(vendor_path / "gamma-0.3.1/.cargo-checksum.json"), "{\"files\":{},\"package\":null}");
}

// Through the orchestrator (unpack.hpp) with this unpacker plugged in, as
// `cargo-distfiles unpack` runs it: several crates from one archive, each in
// its folder, and the git source's table in the cargo config.
TEST(GitUnpack, ThroughTheOrchestrator) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    Fixture f;
    ASSERT_TRUE(f.make());
    const std::string dist = f.archive.filename().string();
    const std::string source = "git+https://example.org/ws?branch=main#" + f.commit;
    test::write_text(f.scratch / "manifest",
                     "cargo-distfiles-manifest 1\n"
                     "crate alpha 0.3.1 " +
                         source + " " + dist +
                         " git\n"
                         "crate gamma 0.3.1 " +
                         source + " " + dist +
                         " git\n"
                         "git " +
                         dist + " https://example.org/ws branch=main " + f.commit + " " + f.sha256 + " " +
                         std::to_string(f.size) + "\n");
    UnpackOptions options;
    options.manifest_path = (f.scratch / "manifest").string();
    options.distdir = f.scratch.path();
    options.vendor_dir = f.scratch / "vendor";
    options.cargo_config = f.scratch / "config.toml";
    options.jobs = 2;
    options.git_unpacker = unpack_git_archive_job;
    test::ScratchDir logs;
    std::FILE* log = std::fopen((logs / "log").c_str(), "w");
    ASSERT_NE(log, nullptr);
    options.log = log;
    UnpackSummary summary = unpack(options);
    std::fclose(log);
    EXPECT_EQ(summary.unpacked, 2u);
    EXPECT_EQ(entries(f.scratch / "vendor").size(), 12u);
    EXPECT_TRUE(fs::is_regular_file(f.scratch / "vendor/alpha-0.3.1/.cargo-checksum.json"));
    EXPECT_TRUE(fs::is_regular_file(f.scratch / "vendor/gamma-0.3.1/src/lib.rs"));
    const std::string config = test::read_text(f.scratch / "config.toml");
    EXPECT_NE(config.find("[source.\"git+https://example.org/ws?branch=main\"]\ngit = \"https://example.org/ws\"\n"
                          "branch = \"main\"\nreplace-with = \"vendored-sources\"\n"),
              std::string::npos)
        << config;
    // The warnings about the two links that lead nowhere went to the log.
    const std::string logged = test::read_text(logs / "log");
    EXPECT_NE(logged.find("cargo-distfiles: warning: " + f.archive.string() + ": crate alpha 0.3.1: symbolic link"),
              std::string::npos)
        << logged;
}

// gamma 0.3.1 from crates.io and another gamma 0.3.1 (with alpha) from the
// git repository: the git source's crates go to ".git-<commit12>", with a
// directory source of their own; re-runs and --dir-names cargo work, and
// the dot folder is not taken for a leftover.
TEST(GitUnpack, RegistryAndGitCrateOfOneNameAndVersion) {
    if (!have_git()) GTEST_SKIP() << "git is not installed";
    Fixture f;
    ASSERT_TRUE(f.make());
    const std::string dist = f.archive.filename().string();
    const std::string source = "git+https://example.org/ws?branch=main#" + f.commit;
    const std::string io = "registry+https://github.com/rust-lang/crates.io-index";
    test::write_tarball(f.scratch / "gamma-0.3.1.crate",
                        {test::file("gamma-0.3.1/Cargo.toml", "[package]\nname = \"gamma\"\nversion = \"0.3.1\"\n"),
                         test::file("gamma-0.3.1/src/lib.rs", "pub fn from_registry() {}\n")});
    const std::string crate_sha = test::sha256_of_file(f.scratch / "gamma-0.3.1.crate");
    test::write_text(f.scratch / "manifest",
                     "cargo-distfiles-manifest 1\n"
                     "crate alpha 0.3.1 " +
                         source + " " + dist +
                         " git\n"
                         "crate gamma 0.3.1 " +
                         source + " " + dist +
                         " git\n"
                         "crate gamma 0.3.1 " +
                         io + " gamma-0.3.1.crate " + crate_sha +
                         "\n"
                         "git " +
                         dist + " https://example.org/ws branch=main " + f.commit + " " + f.sha256 + " " +
                         std::to_string(f.size) + "\n");
    test::write_text(f.scratch / "Cargo.lock",
                     "version = 4\n\n"
                     "[[package]]\nname = \"alpha\"\nversion = \"0.3.1\"\nsource = \"" +
                         source +
                         "\"\n"
                         "\n"
                         "[[package]]\nname = \"gamma\"\nversion = \"0.3.1\"\nsource = \"" +
                         source +
                         "\"\n\n"
                         "[[package]]\nname = \"gamma\"\nversion = \"0.3.1\"\nsource = \"" +
                         io +
                         "\"\n"
                         "checksum = \"" +
                         crate_sha + "\"\n");
    const std::string dot = ".git-" + f.commit.substr(0, 12);
    const fs::path vendor = f.scratch / "vendor";
    UnpackOptions options;
    options.manifest_path = (f.scratch / "manifest").string();
    options.distdir = f.scratch.path();
    options.vendor_dir = vendor;
    options.cargo_config = f.scratch / "config.toml";
    options.lockfile = (f.scratch / "Cargo.lock").string();
    options.jobs = 2;
    options.git_unpacker = unpack_git_archive_job;
    test::ScratchDir logs;
    auto run = [&] {
        std::FILE* log = std::fopen((logs / "log").c_str(), "w");
        EXPECT_NE(log, nullptr);
        options.log = log;
        UnpackSummary summary = unpack(options);
        std::fclose(log);
        return summary;
    };
    auto top_level = [&] {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(vendor)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    };

    UnpackSummary summary = run();
    EXPECT_EQ(summary.unpacked, 3u);
    EXPECT_EQ(top_level(), (std::vector<std::string>{dot, "gamma-0.3.1"}));
    EXPECT_EQ(entries(vendor / dot),
              (std::vector<std::string>{"alpha-0.3.1/", "alpha-0.3.1/.cargo-checksum.json", "alpha-0.3.1/Cargo.toml",
                                        "alpha-0.3.1/LICENSE", "alpha-0.3.1/build.sh", "alpha-0.3.1/src/",
                                        "alpha-0.3.1/src/lib.rs", "gamma-0.3.1/", "gamma-0.3.1/.cargo-checksum.json",
                                        "gamma-0.3.1/Cargo.toml", "gamma-0.3.1/src/", "gamma-0.3.1/src/lib.rs"}));
    EXPECT_EQ(test::read_text(vendor / "gamma-0.3.1/src/lib.rs"), "pub fn from_registry() {}\n");
    EXPECT_EQ(test::read_text(vendor / dot / "gamma-0.3.1/src/lib.rs"), "pub fn g() {}\n");
    EXPECT_EQ(test::read_text(f.scratch / "config.toml"),
              "[source.crates-io]\n"
              "replace-with = \"vendored-sources\"\n\n"
              "[source.\"git+https://example.org/ws?branch=main\"]\n"
              "git = \"https://example.org/ws\"\n"
              "branch = \"main\"\n"
              "replace-with = \"vendored-git-" +
                  f.commit.substr(0, 12) +
                  "\"\n\n"
                  "[source.vendored-git-" +
                  f.commit.substr(0, 12) +
                  "]\n"
                  "directory = \"" +
                  (vendor / dot).string() +
                  "\"\n\n"
                  "[source.vendored-sources]\n"
                  "directory = \"" +
                  vendor.string() + "\"\n");

    // A re-run: the registry crate is complete, the git crates are redone in
    // place; a leftover temporary folder goes, the dot folder stays.
    fs::create_directory(vendor / ".cdf-tmp-stale-abc123");
    test::write_text(vendor / dot / "gamma-0.3.1/src/lib.rs", "patched\n");
    summary = run();
    EXPECT_EQ(summary.unpacked, 2u);
    EXPECT_EQ(summary.already_complete, 1u);
    EXPECT_EQ(top_level(), (std::vector<std::string>{dot, "gamma-0.3.1"}));
    EXPECT_EQ(test::read_text(vendor / dot / "gamma-0.3.1/src/lib.rs"), "pub fn g() {}\n");
    EXPECT_EQ(entries(vendor / dot).size(), 12u);

    // cargo's names, counted within each folder.
    fs::remove_all(vendor);
    options.dir_names = DirNames::Cargo;
    summary = run();
    EXPECT_EQ(summary.unpacked, 3u);
    EXPECT_EQ(top_level(), (std::vector<std::string>{dot, "gamma"}));
    EXPECT_EQ(entries(vendor / dot),
              (std::vector<std::string>{"alpha/", "alpha/.cargo-checksum.json", "alpha/Cargo.toml", "alpha/LICENSE",
                                        "alpha/build.sh", "alpha/src/", "alpha/src/lib.rs", "gamma/",
                                        "gamma/.cargo-checksum.json", "gamma/Cargo.toml", "gamma/src/",
                                        "gamma/src/lib.rs"}));
}

TEST(GitUnpack, ResolvesLinksInsideTheTree) {
    RepoTree tree;
    tree.symlinks = {{"a/LICENSE", "../LICENSE"}, {"docs", "share/doc"}, {"a/readme", "../docs/README"},
                     {"loop1", "loop2"},          {"loop2", "loop1"},    {"up", "../x"},
                     {"abs", "/etc/passwd"},      {"a/self", "."}};
    EXPECT_EQ(resolve_in_tree(tree, "a/LICENSE"), "LICENSE");
    EXPECT_EQ(resolve_in_tree(tree, "a/readme"), "share/doc/README");
    EXPECT_EQ(resolve_in_tree(tree, "docs/x/y"), "share/doc/x/y");
    EXPECT_EQ(resolve_in_tree(tree, "plain/file"), "plain/file");
    EXPECT_EQ(resolve_in_tree(tree, "a/self"), "a");
    EXPECT_EQ(resolve_in_tree(tree, "loop1"), std::nullopt);
    EXPECT_EQ(resolve_in_tree(tree, "up"), std::nullopt);
    EXPECT_EQ(resolve_in_tree(tree, "abs"), std::nullopt);
}

}  // namespace
}  // namespace cdf::unpack
