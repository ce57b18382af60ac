// `cargo-distfiles update` through the real binary: in-place rewriting of the
// fixtures in fixtures/exheres-update/ (NAME.before -> NAME.after, byte for
// byte), --check exit statuses and diffs, and refusals that change nothing.
// CDF_UPDATE_GOLDEN=1 rewrites the .after and expected manifest files.
#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

fs::path fixtures() { return source_dir() / "fixtures/exheres-update"; }

// The scratch folder's entries, relative, sorted.
std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const auto& e : fs::recursive_directory_iterator(dir)) names.push_back(fs::relative(e.path(), dir).string());
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> update_args(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"update", "demo-1.0.exheres-0",
                                     "--lock", (fixtures() / "Cargo.lock").string(),
                                     "--lock", (fixtures() / "fuzz.Cargo.lock").string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

const std::string kManifest = "files/demo-1.0.cargo-distfiles";

struct Case {
    std::string name;
    std::string placement;  // the middle of the "updated" line
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

// The words of DOWNLOADS once bash has sourced `exheres` (with `require`
// stubbed), one per line.
std::string downloads_words(const fs::path& exheres) {
    ScratchDir io;
    std::string cmd =
        "bash -c 'require() { :; }; PNV=demo-1.0; DOWNLOADS=; source \"$1\"; "
        "for w in $DOWNLOADS; do echo \"$w\"; done' _ '" +
        exheres.string() + "' >'" + (io / "out").string() + "' 2>&1";
    if (std::system(cmd.c_str()) != 0) return "bash failed: " + read_text(io / "out");
    return read_text(io / "out");
}

const std::string kBlockWords =
    "https://static.crates.io/crates/byteorder/byteorder-1.5.0.crate\n"
    "https://github.com/ipetkov/crane-test-repo/archive/1526c9c33dee51ff6fd6eb8c0a423de98464cd2a.tar.gz\n"
    "->\n"
    "github.com+ipetkov+crane-test-repo-1526c9c33dee51ff6fd6eb8c0a423de98464cd2a.tar.gz\n"
    "https://static.crates.io/crates/libc/libc-0.2.182.crate\n"
    "https://static.crates.io/crates/memchr/memchr-2.8.3.crate\n";

class UpdateGolden : public ::testing::TestWithParam<Case> {};

TEST_P(UpdateGolden, RewritesInPlaceThenIsCurrent) {
    const Case& c = GetParam();
    ScratchDir dir;
    std::string before = read_text(fixtures() / (c.name + ".before"));
    write_text(dir / "demo-1.0.exheres-0", before);

    // --check first: exit 1, the diff on stdout, nothing written.
    RunResult check = run_cli(update_args({"--check"}), dir.path());
    EXPECT_EQ(check.status, 1) << check.err;
    EXPECT_EQ(check.out.rfind("--- a/demo-1.0.exheres-0\n+++ b/demo-1.0.exheres-0\n@@ ", 0), 0u) << check.out;
    EXPECT_NE(check.out.find("--- /dev/null\n+++ b/files/demo-1.0.cargo-distfiles\n@@ -0,0 +1,8 @@\n"),
              std::string::npos)
        << check.out;
    EXPECT_EQ(check.err, "cargo-distfiles: error: out of date: demo-1.0.exheres-0 and " + kManifest +
                             " (diff on stdout); run the same command without --check to update\n");
    EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"demo-1.0.exheres-0"});

    RunResult r = run_cli(update_args(), dir.path());
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "updated demo-1.0.exheres-0: " + c.placement + ", 4 distfiles\ncreated " + kManifest +
                         ": 4 crates, 1 git archive\n");
    std::string after = read_text(dir / "demo-1.0.exheres-0");
    std::string manifest = read_text(dir / kManifest);
    if (std::getenv("CDF_UPDATE_GOLDEN")) {
        write_text(fixtures() / (c.name + ".after"), after);
        write_text(fixtures() / "expected.cargo-distfiles", manifest);
    }
    EXPECT_EQ(after, read_text(fixtures() / (c.name + ".after")));
    EXPECT_EQ(manifest, read_text(fixtures() / "expected.cargo-distfiles"));
    EXPECT_EQ(listing(dir.path()), (std::vector<std::string>{"demo-1.0.exheres-0", "files", kManifest}));

    // For bash, the block appends to whatever DOWNLOADS held before.
    std::string old_words;
    if (c.name != "with-markers") old_words = downloads_words(fixtures() / (c.name + ".before"));
    EXPECT_EQ(downloads_words(dir / "demo-1.0.exheres-0"), old_words + kBlockWords);

    RunResult again = run_cli(update_args({"--check"}), dir.path());
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(again.out, "");
    EXPECT_EQ(again.err, "demo-1.0.exheres-0 and " + kManifest + " are up to date\n");

    RunResult rerun = run_cli(update_args(), dir.path());
    EXPECT_EQ(rerun.status, 0) << rerun.err;
    EXPECT_EQ(rerun.err, "demo-1.0.exheres-0 and " + kManifest + " are up to date\n");
    EXPECT_EQ(read_text(dir / "demo-1.0.exheres-0"), after);

    // The --check diff is a real patch: applied to the old files it gives the new ones.
    if (std::system("command -v patch >/dev/null 2>&1") == 0) {
        ScratchDir p;
        write_text(p / "demo-1.0.exheres-0", before);
        write_text(p / "check.diff", check.out);
        std::string cmd = "cd '" + p.path().string() + "' && patch -s -p1 -i check.diff >log 2>&1 <&-";
        ASSERT_EQ(std::system(cmd.c_str()), 0) << read_text(p / "log");
        EXPECT_EQ(read_text(p / "demo-1.0.exheres-0"), after);
        EXPECT_EQ(read_text(p / kManifest), manifest);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, UpdateGolden,
    ::testing::Values(
        Case{"with-markers", "block rewritten (now lines 9-16)"},
        Case{"multiline-downloads", "block inserted after the DOWNLOADS assignment ending on line 11"},
        Case{"singleline-downloads", "block inserted after the DOWNLOADS assignment ending on line 7"},
        Case{"no-downloads", "block inserted after the SUMMARY/HOMEPAGE/DESCRIPTION assignment ending on line 11"},
        Case{"require-only-no-final-newline", "block inserted after the `require` line ending on line 4"}),
    [](const auto& info) {
        std::string n = info.param.name;
        for (char& ch : n)
            if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
        return n;
    });

TEST(UpdateCli, CheckShowsAnExactDiffOfTheStaleBlockOnly) {
    ScratchDir dir;
    write_text(dir / "demo-1.0.exheres-0", read_text(fixtures() / "with-markers.before"));
    write_text(dir / kManifest, read_text(fixtures() / "expected.cargo-distfiles"));
    RunResult r = run_cli(update_args({"--check"}), dir.path());
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(r.out,
              "--- a/demo-1.0.exheres-0\n"
              "+++ b/demo-1.0.exheres-0\n"
              "@@ -8,8 +8,10 @@\n"
              " \n"
              " # cargo-distfiles begin: generated from Cargo.lock, do not edit by hand\n"
              " DOWNLOADS+=\"\n"
              "-    https://static.crates.io/crates/byteorder/byteorder-1.4.3.crate\n"
              "-    https://static.crates.io/crates/libc/libc-0.2.150.crate\n"
              "+    https://static.crates.io/crates/byteorder/byteorder-1.5.0.crate\n"
              "+    https://github.com/ipetkov/crane-test-repo/archive/1526c9c33dee51ff6fd6eb8c0a423de98464cd2a.tar.gz "
              "-> github.com+ipetkov+crane-test-repo-1526c9c33dee51ff6fd6eb8c0a423de98464cd2a.tar.gz\n"
              "+    https://static.crates.io/crates/libc/libc-0.2.182.crate\n"
              "+    https://static.crates.io/crates/memchr/memchr-2.8.3.crate\n"
              " \"\n"
              " # cargo-distfiles end\n"
              " \n");
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: out of date: demo-1.0.exheres-0 (diff on stdout); run the same "
              "command without --check to update\n");
    EXPECT_EQ(read_text(dir / "demo-1.0.exheres-0"), read_text(fixtures() / "with-markers.before"));
}

TEST(UpdateCli, CheckReportsAStaleManifestAlone) {
    ScratchDir dir;
    write_text(dir / "demo-1.0.exheres-0", read_text(fixtures() / "with-markers.after"));
    std::string manifest = read_text(fixtures() / "expected.cargo-distfiles");
    std::string old = manifest;
    old.replace(old.find("memchr 2.8.3"), 12, "memchr 2.8.2");
    write_text(dir / "m", old);
    RunResult r = run_cli(update_args({"--manifest", "m", "--check"}), dir.path());
    EXPECT_EQ(r.status, 1);
    const std::string registry = "registry+https://github.com/rust-lang/crates.io-index";
    EXPECT_EQ(r.out,
              "--- a/m\n"
              "+++ b/m\n"
              "@@ -4,5 +4,5 @@\n"
              " crate byteorder 1.5.0 " +
                  registry +
                  " byteorder-1.5.0.crate "
                  "1fd0f2584146f6f2ef48085050886acf353beff7305ebd1ae69500e27c67f64b\n"
                  " crate hello 0.2.0 git+https://github.com/ipetkov/crane-test-repo?branch=something%2For%2Fother"
                  "#1526c9c33dee51ff6fd6eb8c0a423de98464cd2a "
                  "github.com+ipetkov+crane-test-repo-1526c9c33dee51ff6fd6eb8c0a423de98464cd2a.tar.gz git\n"
                  " crate libc 0.2.182 " +
                  registry +
                  " libc-0.2.182.crate "
                  "6800badb6cb2082ffd7b6a67e6125bb39f18782f793520caee8cb8846be06112\n"
                  "-crate memchr 2.8.2 " +
                  registry +
                  " memchr-2.8.3.crate "
                  "cf8baf1c55e62ffcace7a9f06f4bd9cd3f0c4beb022d3b367256b91b87513d98\n"
                  "+crate memchr 2.8.3 " +
                  registry +
                  " memchr-2.8.3.crate "
                  "cf8baf1c55e62ffcace7a9f06f4bd9cd3f0c4beb022d3b367256b91b87513d98\n"
                  " git github.com+ipetkov+crane-test-repo-1526c9c33dee51ff6fd6eb8c0a423de98464cd2a.tar.gz "
                  "https://github.com/ipetkov/crane-test-repo branch=something/or/other "
                  "1526c9c33dee51ff6fd6eb8c0a423de98464cd2a - -\n");
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: out of date: m (diff on stdout); run the same command without --check "
              "to update\n");
    RunResult u = run_cli(update_args({"--manifest", "m"}), dir.path());
    EXPECT_EQ(u.status, 0) << u.err;
    EXPECT_EQ(u.err, "demo-1.0.exheres-0 is up to date\nupdated m: 4 crates, 1 git archive\n");
    EXPECT_EQ(read_text(dir / "m"), manifest);
}

TEST(UpdateCli, RequiresALockfile) {
    ScratchDir dir;
    write_text(dir / "demo-1.0.exheres-0", "SLOT=\"0\"\n");
    RunResult r = run_cli({"update", "demo-1.0.exheres-0"}, dir.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: no lockfile given: pass the Cargo.lock to read after the exheres or "
              "with --lock PATH (repeat it for several); update has no default, as the exheres does not say "
              "where the sources are\n");
}

TEST(UpdateCli, LockTakesOneValueSoTheExheresMayFollow) {
    ScratchDir dir;
    write_text(dir / "demo-1.0.exheres-0", read_text(fixtures() / "with-markers.after"));
    write_text(dir / kManifest, read_text(fixtures() / "expected.cargo-distfiles"));
    RunResult r = run_cli({"update", "--lock", (fixtures() / "Cargo.lock").string(), "--lock",
                           (fixtures() / "fuzz.Cargo.lock").string(), "demo-1.0.exheres-0", "--check"},
                          dir.path());
    EXPECT_EQ(r.status, 0) << r.err;
}

TEST(UpdateCli, RefusalsChangeNothing) {
    ScratchDir dir;
    std::string before = read_text(fixtures() / "no-downloads.before");
    write_text(dir / "demo-1.0.exheres-0", before);

    // A regular file where files/ must be created.
    write_text(dir / "files", "not a folder\n");
    RunResult r = run_cli(update_args(), dir.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: files: is not a folder, so the manifest "
              "\"files/demo-1.0.cargo-distfiles\" cannot be written there; move it away or pass --manifest\n");
    EXPECT_EQ(read_text(dir / "demo-1.0.exheres-0"), before);
    fs::remove(dir / "files");

    // A manifest folder that refuses new files (even to root): the write
    // fails, the exheres stays as it was and no temporary is left.
    RunResult w = run_cli(update_args({"--manifest", "/proc/demo.cargo-distfiles"}), dir.path());
    EXPECT_EQ(w.status, 2);
    EXPECT_EQ(w.err,
              "cargo-distfiles: error: /proc/demo.cargo-distfiles: cannot write: /proc refuses new files; give "
              "a path in an ordinary writable folder\n");
    EXPECT_EQ(read_text(dir / "demo-1.0.exheres-0"), before);
    EXPECT_EQ(listing(dir.path()), std::vector<std::string>{"demo-1.0.exheres-0"});

    // CRLF line endings.
    write_text(dir / "demo-1.0.exheres-0", "SLOT=\"0\"\r\n");
    RunResult c = run_cli(update_args(), dir.path());
    EXPECT_EQ(c.status, 2);
    EXPECT_EQ(c.err,
              "cargo-distfiles: error: demo-1.0.exheres-0:1: this line ends with CRLF (\\r\\n): bash would "
              "read the \\r as part of the values; convert the exheres to LF line endings (for example `sed "
              "-i 's/\\r$//' FILE`) and run again\n");
    EXPECT_EQ(read_text(dir / "demo-1.0.exheres-0"), "SLOT=\"0\"\r\n");

    // Broken markers.
    write_text(dir / "demo-1.0.exheres-0", "SLOT=\"0\"\n# cargo-distfiles end\n");
    RunResult m = run_cli(update_args(), dir.path());
    EXPECT_EQ(m.status, 2);
    EXPECT_EQ(m.err,
              "cargo-distfiles: error: demo-1.0.exheres-0:2: `# cargo-distfiles end` comes before any "
              "`# cargo-distfiles begin` marker\n");

    // No .exheres-0 name to derive the manifest from.
    write_text(dir / "demo.sh", "SLOT=\"0\"\n");
    RunResult n = run_cli({"update", "demo.sh", "--lock", (fixtures() / "Cargo.lock").string()}, dir.path());
    EXPECT_EQ(n.status, 2);
    EXPECT_EQ(n.err,
              "cargo-distfiles: error: demo.sh: cannot name the manifest after \"demo.sh\": the file name "
              "does not end in `.exheres-0`; pass --manifest FILE\n");
    EXPECT_EQ(listing(dir.path()), (std::vector<std::string>{"demo-1.0.exheres-0", "demo.sh"}));
}

TEST(UpdateCli, WarnsWhenAPlainDownloadsFollowsTheBlock) {
    ScratchDir dir;
    std::string text = read_text(fixtures() / "with-markers.after");
    text.replace(text.find("LICENCES="), 0, "DOWNLOADS=\"https://example.org/${PNV}.tar.gz\"\n");
    write_text(dir / "demo-1.0.exheres-0", text);
    write_text(dir / kManifest, read_text(fixtures() / "expected.cargo-distfiles"));
    RunResult r = run_cli(update_args({"--check"}), dir.path());
    EXPECT_EQ(r.status, 0);
    EXPECT_EQ(r.err,
              "cargo-distfiles: warning: demo-1.0.exheres-0:18: this `DOWNLOADS=` comes after the generated "
              "block and replaces the entries it added; make it `DOWNLOADS+=` or move it above the block\n"
              "demo-1.0.exheres-0 and " +
                  kManifest + " are up to date\n");
}

TEST(UpdateCli, MissingExheresIsBadInput) {
    ScratchDir dir;
    RunResult r = run_cli(update_args(), dir.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: demo-1.0.exheres-0: no such file\n");
    EXPECT_TRUE(listing(dir.path()).empty());
}

TEST(UpdateCli, HelpTeachesTheRules) {
    RunResult r = run_cli({"update", "--help"});
    EXPECT_EQ(r.status, 0);
    for (const char* needle : {"Usage: cargo-distfiles update [OPTIONS] EXHERES [LOCK...]\n", "  --lock LOCK ...",
                               "  --manifest FILE", "  --check", "  --registry SOURCE=TEMPLATE",
                               "block is inserted after the last DOWNLOADS= or DOWNLOADS+= assignment",
                               "${FILES}/${PNVR}.cargo-distfiles", "Exheres with CRLF\nline endings are refused.",
                               "Nothing is\nreplaced until both new files are completely written beside the old ones.",
                               "  cargo-distfiles update foo-1.0.exheres-0 --lock Cargo.lock --check\n",
                               "Exit status: 0 updated (with --check: both files up to date), 1 --check found\n"})
        EXPECT_NE(r.out.find(needle), std::string::npos) << needle << "\n" << r.out;
}

}  // namespace
}  // namespace cdf::test
