#include "extract/git_archive.hpp"

#include <cstdlib>
#include <cstring>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "unpack/crate_tarball.hpp"
#include "util/sha256.hpp"

namespace cdf::extract {
namespace {
namespace fs = std::filesystem;

int sh(const std::string& command) { return std::system(command.c_str()); }

// A real repository with one commit; returns its commit id.
std::string make_repo(const fs::path& dir) {
    test::write_text(dir / "Cargo.toml", "[package]\nname = \"x\"\nversion = \"1.0.0\"\n");
    test::write_text(dir / "src/lib.rs", "");
    std::string q = "'" + dir.string() + "'";
    if (sh("cd " + q +
           " && git init -q -b main && git -c user.email=t@t -c user.name=t add -A && "
           "git -c user.email=t@t -c user.name=t commit -qm init") != 0)
        return {};
    sh("cd " + q + " && git rev-parse HEAD > .commit");
    std::string id = test::read_text(dir / ".commit");
    return id.substr(0, 40);
}

bool have(const char* tool) { return sh(std::string("command -v ") + tool + " >/dev/null 2>&1") == 0; }

TEST(GitArchive, ReadsTheCommitOfRealGitArchives) {
    if (!have("git")) GTEST_SKIP() << "git is not installed";
    test::ScratchDir s;
    std::string commit = make_repo(s / "repo");
    ASSERT_EQ(commit.size(), 40u);
    std::string q = "'" + (s / "repo").string() + "'";
    for (std::string format : {"tar.gz", "tar"}) {
        fs::path out = s / ("x." + format);
        ASSERT_EQ(sh("cd " + q + " && git archive --format=" + format + " --prefix=x-" + commit + "/ " + commit +
                     " > '" + out.string() + "'"),
                  0);
        EXPECT_EQ(read_pax_global_comment(out, "x." + format), commit) << format;
        std::vector<std::string> warnings;
        check_archive_commit(out, "x." + format, commit, [&](const std::string& w) { warnings.push_back(w); });
        EXPECT_TRUE(warnings.empty());
    }
    // Compressed by another program than git.
    fs::path out = s / "x.tgz";
    ASSERT_EQ(sh("cd " + q + " && git archive --format=tar HEAD | gzip -9 > '" + out.string() + "'"), 0);
    EXPECT_EQ(read_pax_global_comment(out, "x.tgz"), commit);
}

TEST(GitArchive, AnotherCommitIsAnErrorNamingBoth) {
    if (!have("git")) GTEST_SKIP() << "git is not installed";
    test::ScratchDir s;
    std::string commit = make_repo(s / "repo");
    fs::path out = s / "x.tar.gz";
    ASSERT_EQ(sh("cd '" + (s / "repo").string() + "' && git archive --format=tar.gz HEAD > '" + out.string() + "'"), 0);
    const std::string pinned = "0123456789abcdef0123456789abcdef01234567";
    std::string err = test::error_of([&] { check_archive_commit(out, "x-0123.tar.gz", pinned, {}); },
                                     ErrorKind::CheckFailed);
    EXPECT_EQ(err, "x-0123.tar.gz: the archive was made from commit " + commit + ", but the manifest pins commit " +
                       pinned + ": the server sent another commit's archive, or the distfile is stale");
}

TEST(GitArchive, NoGlobalHeaderIsAWarning) {
    if (!have("python3")) GTEST_SKIP() << "python3 is not installed";
    test::ScratchDir s;
    fs::path out = s / "plain.tar.gz";
    // GNU format: no pax headers at all; then a pax archive whose global
    // header has no comment.
    ASSERT_EQ(sh("cd '" + s.path().string() +
                 "' && mkdir -p top && echo hi > top/a && python3 -c \"import tarfile\n"
                 "with tarfile.open('plain.tar.gz', 'w:gz', format=tarfile.GNU_FORMAT) as t: t.add('top')\n"
                 "with tarfile.open('other.tar', 'w', format=tarfile.PAX_FORMAT, pax_headers={'mtime': '1'}) as t: "
                 "t.add('top')\n"
                 "with tarfile.open('note.tar.gz', 'w:gz', format=tarfile.PAX_FORMAT, pax_headers={'comment': 'made "
                 "by hand'}) as t: t.add('top')\""),
              0);
    EXPECT_EQ(read_pax_global_comment(out, "plain.tar.gz"), std::nullopt);
    EXPECT_EQ(read_pax_global_comment(s / "other.tar", "other.tar"), std::nullopt);
    EXPECT_EQ(read_pax_global_comment(s / "note.tar.gz", "note.tar.gz"), "made by hand");

    std::vector<std::string> warnings;
    auto sink = [&](const std::string& w) { warnings.push_back(w); };
    const std::string pinned = "0123456789abcdef0123456789abcdef01234567";
    check_archive_commit(out, "plain.tar.gz", pinned, sink);
    check_archive_commit(s / "note.tar.gz", "note.tar.gz", pinned, sink);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0],
              "plain.tar.gz: the archive does not say which commit it was made from (no pax global header "
              "with a commit id, as `git archive` writes): cannot check that it is commit " +
                  pinned);
    EXPECT_EQ(warnings[1],
              "note.tar.gz: the archive's pax global header comment \"made by hand\" is not a commit id: "
              "cannot check that it is commit " +
                  pinned);
}

TEST(GitArchive, ExtractionChecksTheCommitBeforeWriting) {
    if (!have("git")) GTEST_SKIP() << "git is not installed";
    test::ScratchDir s;
    std::string commit = make_repo(s / "repo");
    fs::path out = s / "x.tar.gz";
    ASSERT_EQ(sh("cd '" + (s / "repo").string() + "' && git archive --format=tar.gz --prefix=x-" + commit +
                 "/ HEAD > '" + out.string() + "'"),
              0);
    fs::create_directories(s / "dest");
    {
        HashingReader reader(out);
        std::string err =
            test::error_of([&] { extract_git_archive(reader, "x.tar.gz", s / "dest", std::string(40, 'c'), {}); },
                           ErrorKind::CheckFailed);
        EXPECT_EQ(err.rfind("x.tar.gz: the archive was made from commit " + commit, 0), 0u) << err;
        EXPECT_TRUE(fs::is_empty(s / "dest"));
    }
    HashingReader reader(out);
    RepoTree tree = extract_git_archive(reader, "x.tar.gz", s / "dest", commit, {});
    EXPECT_EQ(tree.top_name, "x-" + commit);
    EXPECT_EQ(test::read_text(s / "dest/Cargo.toml"), "[package]\nname = \"x\"\nversion = \"1.0.0\"\n");
    EXPECT_TRUE(fs::is_regular_file(s / "dest/src/lib.rs"));
    EXPECT_EQ(reader.finish(), sha256_hex(test::read_text(out)));
}

TEST(GitArchive, ParsesOnlyCompleteGlobalHeaders) {
    std::string block(512, '\0');
    std::memcpy(block.data(), "pax_global_header", 17);
    std::memcpy(block.data() + 124, "00000000064", 11);
    block[156] = 'g';
    std::memcpy(block.data() + 257, "ustar", 5);
    const std::string record = "52 comment=0123456789abcdef0123456789abcdef01234567\n";
    std::string body = record + std::string(64 - record.size(), '\0');
    EXPECT_EQ(parse_pax_global_comment(block + body), "0123456789abcdef0123456789abcdef01234567");
    EXPECT_EQ(parse_pax_global_comment(block + body.substr(0, 20)), std::nullopt);  // cut short
    EXPECT_EQ(parse_pax_global_comment(block.substr(0, 300)), std::nullopt);
    std::string bad_length = block + "99 comment=x\n" + std::string(51, '\0');
    EXPECT_EQ(parse_pax_global_comment(bad_length), std::nullopt);
    block[156] = 'x';
    EXPECT_EQ(parse_pax_global_comment(block + body), std::nullopt);  // not a global header
}

TEST(GitArchive, AFileListedTwiceIsRefused) {
    // No forge writes this; a hostile server or mirror could.
    test::ScratchDir s;
    fs::path out = s / "x.tar.gz";
    test::write_tarball(out, {test::file("x-1/Cargo.toml", "[package]\n"), test::file("x-1/src/lib.rs", "one"),
                              test::file("x-1/src/lib.rs", "two")});
    fs::create_directories(s / "dest");
    HashingReader reader(out);
    EXPECT_EQ(test::error_of([&] { extract_git_archive(reader, "x.tar.gz", s / "dest", std::string(40, 'c'), {}); }),
              "x.tar.gz: entry \"x-1/src/lib.rs\" is listed twice (as \"src/lib.rs\")");
}

TEST(GitArchive, UnreadableFilesAreBadInput) {
    test::ScratchDir s;
    std::string err = test::error_of([&] { read_pax_global_comment(s / "missing.tar.gz", "missing.tar.gz"); });
    EXPECT_EQ(err.rfind("missing.tar.gz: cannot read: ", 0), 0u) << err;
    // A gzip stream cut short.
    ASSERT_EQ(sh("cd '" + s.path().string() + "' && head -c 4096 /dev/urandom | gzip | head -c 40 > short.tar.gz"), 0);
    err = test::error_of([&] { read_pax_global_comment(s / "short.tar.gz", "short.tar.gz"); });
    EXPECT_EQ(err.rfind("short.tar.gz: cannot ", 0), 0u) << err;
    // Not compressed and not a tar: no header, no error.
    test::write_text(s / "text", std::string(2000, 'x'));
    EXPECT_EQ(read_pax_global_comment(s / "text", "text"), std::nullopt);
}

}  // namespace
}  // namespace cdf::extract
