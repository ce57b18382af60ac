// Every refusal of a registry crate, with hand-made tarballs, through the
// whole `unpack`: the exact error, and nothing written outside the vendor
// directory (nor anything left inside it).
#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.hpp"
#include "unpack/unpack_bench.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

struct Refusal : ::testing::Test {
    UnpackBench bench;
    std::string crate_path() const { return (bench.dist() / "evil-1.0.0.crate").string(); }

    // Unpacks a crate "evil 1.0.0" made of `items` plus a Cargo.toml, expects
    // `message` (after the distfile's path) and a clean scratch folder.
    void expect_refused(const std::vector<TarItem>& items, const std::string& message,
                        ErrorKind kind = ErrorKind::BadInput) {
        std::vector<TarItem> all{file("evil-1.0.0/Cargo.toml", "[package]\n")};
        all.insert(all.end(), items.begin(), items.end());
        bench.add_crate("evil", "1.0.0", all);
        std::string error = error_of([&] { bench.run(); }, kind);
        EXPECT_EQ(error, crate_path() + ": " + message);
        bench.expect_nothing_outside();
    }
};

TEST_F(Refusal, AbsolutePath) {
    std::string outside = (bench.scratch.path() / "outside").string();
    expect_refused({file(outside, "x")}, "entry \"" + outside + "\" has an absolute path");
    EXPECT_FALSE(fs::exists(outside));
}

TEST_F(Refusal, DotDotComponent) {
    expect_refused({file("evil-1.0.0/../../outside", "x")},
                   "entry \"evil-1.0.0/../../outside\" has a \"..\" component");
}

TEST_F(Refusal, DotDotThatStaysInside) {
    expect_refused({file("evil-1.0.0/src/../lib.rs", "x")},
                   "entry \"evil-1.0.0/src/../lib.rs\" has a \"..\" component");
}

TEST_F(Refusal, OtherTopFolder) {
    expect_refused({file("other-1.0.0/lib.rs", "x")}, "entry \"other-1.0.0/lib.rs\" is not under \"evil-1.0.0/\"");
}

TEST_F(Refusal, LeadingDotSlash) {
    expect_refused({file("./evil-1.0.0/lib.rs", "x")}, "entry \"./evil-1.0.0/lib.rs\" is not under \"evil-1.0.0/\"");
}

TEST_F(Refusal, FileInPlaceOfTheTopFolder) {
    bench.add_crate("evil", "1.0.0", {file("evil-1.0.0", "x")});
    EXPECT_EQ(error_of([&] { bench.run(); }), crate_path() + ": entry \"evil-1.0.0\" is not under \"evil-1.0.0/\"");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, PaxGlobalHeaderNameIsNotUnderTheTop) {
    // What cargo sees of `git archive` output; as a plain file here.
    expect_refused({file("pax_global_header", "52 comment=0123\n")},
                   "entry \"pax_global_header\" is not under \"evil-1.0.0/\"");
}

TEST_F(Refusal, SymbolicLink) {
    TarItem link;
    link.path = "evil-1.0.0/escape";
    link.type = AE_IFLNK;
    link.link = "/etc";
    expect_refused({link},
                   "entry \"evil-1.0.0/escape\" is a symbolic link (only regular files and directories are "
                   "allowed)");
}

TEST_F(Refusal, HardLink) {
    TarItem link;
    link.path = "evil-1.0.0/again";
    link.link = "evil-1.0.0/Cargo.toml";
    link.hardlink = true;
    expect_refused({link},
                   "entry \"evil-1.0.0/again\" is a hard link (only regular files and directories are allowed)");
}

TEST_F(Refusal, CharacterDevice) {
    TarItem dev;
    dev.path = "evil-1.0.0/null";
    dev.type = AE_IFCHR;
    expect_refused({dev},
                   "entry \"evil-1.0.0/null\" is a character device (only regular files and directories are "
                   "allowed)");
}

TEST_F(Refusal, BlockDevice) {
    TarItem dev;
    dev.path = "evil-1.0.0/sda";
    dev.type = AE_IFBLK;
    expect_refused({dev},
                   "entry \"evil-1.0.0/sda\" is a block device (only regular files and directories are allowed)");
}

TEST_F(Refusal, Fifo) {
    TarItem fifo;
    fifo.path = "evil-1.0.0/pipe";
    fifo.type = AE_IFIFO;
    expect_refused({fifo}, "entry \"evil-1.0.0/pipe\" is a FIFO (only regular files and directories are allowed)");
}

TEST_F(Refusal, NameThatIsNotUtf8) {
    expect_refused({file("evil-1.0.0/bad\xff.rs", "x")},
                   "entry \"evil-1.0.0/bad\\xff.rs\" has a name that is not valid UTF-8");
}

TEST_F(Refusal, FileWhereAFolderWasMade) {
    expect_refused({file("evil-1.0.0/src/lib.rs", "x"), file("evil-1.0.0/src", "y")},
                   "entry \"src\" is a file where an earlier entry made a folder");
}

TEST_F(Refusal, FolderNeededWhereAFileWasWritten) {
    expect_refused({file("evil-1.0.0/src", "y"), file("evil-1.0.0/src/lib.rs", "x")},
                   "entry \"src/lib.rs\" needs a folder where an earlier entry wrote a file");
}

TEST_F(Refusal, OutputPastTheLimit) {
    // A header claiming 600 MiB: refused before a byte of it is written.
    std::string tar = ustar_header("evil-1.0.0/big", std::uint64_t(600) << 20) + std::string(512, 'x');
    write_gzip(bench.dist() / "evil-1.0.0.crate", tar);
    bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    EXPECT_EQ(error_of([&] { bench.run(); }), crate_path() +
                                                  ": unpacks to more than 536870912 bytes, the most an archive of " +
                                                  std::to_string(fs::file_size(crate_path())) +
                                                  " bytes may produce (max(512 MiB, 20 x its size)); output stopped");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, NotGzipped) {
    write_tarball(bench.dist() / "evil-1.0.0.crate", {file("evil-1.0.0/Cargo.toml", "x")}, TarFormat::Gnu, false);
    bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    EXPECT_EQ(error_of([&] { bench.run(); }), crate_path() + ": is not a valid .crate: it is not gzip-compressed");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, NotAnArchive) {
    write_text(bench.dist() / "evil-1.0.0.crate", "this is not an archive at all\n");
    bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    EXPECT_EQ(error_of([&] { bench.run(); }),
              crate_path() + ": is not a valid .crate (gzip'd tar): Unrecognized archive format");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, TruncatedArchive) {
    write_tarball(bench.dist() / "full.crate", {file("evil-1.0.0/Cargo.toml", std::string(100000, 'a') + "b")});
    std::string bytes = read_text(bench.dist() / "full.crate");
    fs::remove(bench.dist() / "full.crate");
    write_text(bench.dist() / "evil-1.0.0.crate", bytes.substr(0, bytes.size() / 2));
    bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    EXPECT_EQ(error_of([&] { bench.run(); }),
              crate_path() + ": is not a valid .crate (gzip'd tar): truncated gzip input");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, RefusedAndDamagedReportsTheChecksum) {
    // A mismatch explains a broken archive better than the archive's error.
    bench.add_crate("evil", "1.0.0", {file("/abs", "x")}, std::string(64, 'a'));
    std::string actual = sha256_of_file(crate_path());
    Error e(ErrorKind::Internal, "");
    try {
        bench.run();
        FAIL() << "no error";
    } catch (const Error& caught) {
        e = caught;
    }
    EXPECT_EQ(e.kind(), ErrorKind::CheckFailed);
    EXPECT_EQ(std::string(e.what()), crate_path() + ": sha256 mismatch for crate evil 1.0.0: expected " +
                                         std::string(64, 'a') + ", actual " + actual +
                                         " (unpacking it failed too: entry \"/abs\" has an absolute path)");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, FileListedTwice) {
    expect_refused({file("evil-1.0.0/src/lib.rs", "first"), file("evil-1.0.0/src/lib.rs", "second")},
                   "entry \"evil-1.0.0/src/lib.rs\" is listed twice (as \"src/lib.rs\")");
}

TEST_F(Refusal, FileListedTwiceSpelledDifferently) {
    expect_refused({file("evil-1.0.0/src/lib.rs", "first"), file("evil-1.0.0//src/./lib.rs", "second")},
                   "entry \"evil-1.0.0//src/./lib.rs\" is listed twice (as \"src/lib.rs\")");
}

TEST_F(Refusal, BackslashInAName) {
    expect_refused({file("evil-1.0.0/src\\lib.rs", "x")},
                   "entry \"evil-1.0.0/src\\\\lib.rs\" has a backslash in its name");
}

TEST_F(Refusal, OwnChecksumFile) {
    expect_refused({file("evil-1.0.0/.cargo-checksum.json", "{\"files\":{},\"package\":null}")},
                   "entry \"evil-1.0.0/.cargo-checksum.json\" is .cargo-checksum.json, which cargo-distfiles writes "
                   "itself");
}

TEST_F(Refusal, PathLongerThanPathMax) {
    std::string path = "evil-1.0.0/" + std::string(4090, 'd');  // 4101 bytes
    expect_refused({file(path, "x")}, "entry \"evil-1.0.0/" + std::string(109, 'd') +
                                          "\"... (4101 bytes) is longer than 4095 bytes (PATH_MAX)");
}

TEST_F(Refusal, ComponentLongerThanNameMax) {
    std::string path = "evil-1.0.0/" + std::string(256, 'n');
    expect_refused({file(path, "x")}, "entry \"evil-1.0.0/" + std::string(109, 'n') +
                                          "\"... (267 bytes) has a component longer than 255 bytes (NAME_MAX)");
}

TEST_F(Refusal, NoCargoToml) {
    bench.add_crate("evil", "1.0.0", {file("evil-1.0.0/src/lib.rs", "x")});
    EXPECT_EQ(error_of([&] { bench.run(); }),
              crate_path() + ": is not a valid .crate: it holds no \"evil-1.0.0/Cargo.toml\"");
    bench.expect_nothing_outside();
}

TEST_F(Refusal, EmptyTar) {
    write_gzip(bench.dist() / "evil-1.0.0.crate", std::string(1024, '\0'));
    bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    EXPECT_EQ(error_of([&] { bench.run(); }),
              crate_path() + ": is not a valid .crate: it holds no \"evil-1.0.0/Cargo.toml\"");
    bench.expect_nothing_outside();
}

// Tars built block by block, for what libarchive's writer cannot make.
struct RawTar : Refusal {
    std::string tar;
    void add(const std::string& path, const std::string& data, char type = '0') {
        tar += ustar_header(path, data.size(), type) + tar_padded(data);
    }
    void add_global_header(const std::string& path) { add(path, "19 comment=abcdefg\n", 'g'); }
    // Ends the tar, gzips it (as one member, then `after` as it is) and
    // lists it in the manifest.
    void write(const std::string& after = "") {
        write_gzip(bench.dist() / "evil-1.0.0.crate", tar + std::string(1024, '\0'));
        if (!after.empty()) {
            std::ofstream out(bench.dist() / "evil-1.0.0.crate", std::ios::binary | std::ios::app);
            out << after;
        }
        bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    }
    std::string unpacked(const std::string& relative) { return read_text(bench.vendor() / "evil-1.0.0" / relative); }
};

TEST_F(RawTar, GlobalHeaderFirstIsNotUnderTheTop) {
    add_global_header("pax_global_header");
    add("evil-1.0.0/Cargo.toml", "[package]\n");
    write();
    EXPECT_EQ(error_of([&] { bench.run(); }),
              crate_path() + ": entry \"pax_global_header\" is not under \"evil-1.0.0/\"");
    bench.expect_nothing_outside();
}

TEST_F(RawTar, GlobalHeaderBetweenEntries) {
    add("evil-1.0.0/Cargo.toml", "[package]\n");
    add_global_header("elsewhere/pax");
    add("evil-1.0.0/src/lib.rs", "x");
    write();
    EXPECT_EQ(error_of([&] { bench.run(); }), crate_path() + ": entry \"elsewhere/pax\" is not under \"evil-1.0.0/\"");
    bench.expect_nothing_outside();
}

TEST_F(RawTar, GlobalHeaderAfterTheLastEntry) {
    add("evil-1.0.0/Cargo.toml", "[package]\n");
    add("evil-1.0.0/src/lib.rs", std::string(700, 'x'));
    add_global_header("pax_global_header");
    write();
    EXPECT_EQ(error_of([&] { bench.run(); }),
              crate_path() + ": entry \"pax_global_header\" is not under \"evil-1.0.0/\"");
    bench.expect_nothing_outside();
}

TEST_F(RawTar, GlobalHeaderUnderTheTopIsSkippedAsByCargo) {
    add("evil-1.0.0/Cargo.toml", "[package]\n");
    add_global_header("evil-1.0.0/pax");
    add("evil-1.0.0/src/lib.rs", "x");
    write();
    bench.run();
    EXPECT_EQ(unpacked("src/lib.rs"), "x");
    EXPECT_FALSE(fs::exists(bench.vendor() / "evil-1.0.0/pax"));
}

TEST_F(RawTar, GlobalHeaderInsideAFileIsData) {
    // A tar kept as test data in a crate: its blocks are a file's content.
    std::string inner = ustar_header("pax_global_header", 19, 'g') + tar_padded("19 comment=abcdefg\n");
    add("evil-1.0.0/Cargo.toml", "[package]\n");
    add("evil-1.0.0/tests/data.tar", inner);
    write();
    bench.run();
    EXPECT_EQ(unpacked("tests/data.tar"), inner);
}

TEST_F(RawTar, SecondGzipMemberIsNotRead) {
    // cargo stops at the end of the first member, so does the unpacker; the
    // bytes after it still count in the distfile's hash.
    add("evil-1.0.0/Cargo.toml", "[package]\n");
    write_gzip(bench.scratch.path() / "second.gz", ustar_header("evil-1.0.0/extra.rs", 1) + tar_padded("y"));
    std::string second = read_text(bench.scratch.path() / "second.gz");
    fs::remove(bench.scratch.path() / "second.gz");
    // No end marker in the first member: the tar would go on in the second.
    write_gzip(bench.dist() / "evil-1.0.0.crate", tar);
    {
        std::ofstream out(bench.dist() / "evil-1.0.0.crate", std::ios::binary | std::ios::app);
        out << second;
    }
    bench.list_crate("evil", "1.0.0", "evil-1.0.0.crate", sha256_of_file(bench.dist() / "evil-1.0.0.crate"));
    bench.run();
    EXPECT_EQ(unpacked("Cargo.toml"), "[package]\n");
    EXPECT_FALSE(fs::exists(bench.vendor() / "evil-1.0.0/extra.rs"));
}

}  // namespace
}  // namespace cdf::test
