#include "extract/gzip_member.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "unpack/crate_tarball.hpp"
#include "util/sha256.hpp"

namespace cdf::extract {
namespace {
namespace fs = std::filesystem;

std::string gzip_of(const test::ScratchDir& s, const std::string& data) {
    fs::path p = s.path() / "member.gz";
    test::write_gzip(p, data);
    std::string bytes = test::read_text(p);
    fs::remove(p);
    return bytes;
}

struct Read {
    bool gzip = false;
    std::string data;                                           // what libarchive was given
    std::string error;                                          // libarchive's error, when reading failed
    std::string sha256;                                         // of the whole distfile, from HashingReader::finish()
    std::vector<std::pair<std::uint64_t, std::size_t>> chunks;  // what the observer saw
    std::string observed;
};

// Reads `file` through FirstGzipMember into libarchive's raw format.
Read read_through(const fs::path& file) {
    Read out;
    HashingReader reader(file);
    FirstGzipMember member(reader, [&](std::uint64_t offset, std::span<const unsigned char> bytes) {
        out.chunks.emplace_back(offset, bytes.size());
        out.observed.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    });
    out.gzip = member.is_gzip();
    std::unique_ptr<struct archive, int (*)(struct archive*)> a(archive_read_new(), archive_read_free);
    archive_read_support_format_raw(a.get());
    archive_read_support_format_empty(a.get());
    struct archive_entry* entry = nullptr;
    if (member.open(a.get()) != ARCHIVE_OK || archive_read_next_header(a.get(), &entry) < ARCHIVE_WARN) {
        out.error = archive_error_string(a.get()) ? archive_error_string(a.get()) : "?";
    } else {
        char buffer[4096];
        for (;;) {
            la_ssize_t n = archive_read_data(a.get(), buffer, sizeof buffer);
            if (n < 0) {
                out.error = archive_error_string(a.get());
                break;
            }
            if (n == 0) break;
            out.data.append(buffer, static_cast<std::size_t>(n));
        }
    }
    out.sha256 = reader.finish();
    return out;
}

std::string sha256(const std::string& bytes) {
    Sha256 sha;
    sha.update(bytes.data(), bytes.size());
    return sha.final_hex();
}

TEST(FirstGzipMember, StopsAtTheEndOfTheFirstMemberAndHashesEverything) {
    test::ScratchDir s;
    std::string file = gzip_of(s, "first member\n") + gzip_of(s, "second member\n") + "trailing garbage";
    test::write_text(s.path() / "x.crate", file);
    Read r = read_through(s.path() / "x.crate");
    EXPECT_TRUE(r.gzip);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.data, "first member\n");
    EXPECT_EQ(r.sha256, sha256(file));
}

TEST(FirstGzipMember, TrailerChecksumAndLengthAreNotChecked) {
    test::ScratchDir s;
    std::string file = gzip_of(s, "payload");
    for (std::size_t i = file.size() - 8; i < file.size(); ++i) file[i] = static_cast<char>(~file[i]);
    test::write_text(s.path() / "x.crate", file);
    Read r = read_through(s.path() / "x.crate");
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.data, "payload");
}

TEST(FirstGzipMember, TruncatedMember) {
    test::ScratchDir s;
    std::string data(300000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 7919) % 251);
    std::string file = gzip_of(s, data);
    test::write_text(s.path() / "x.crate", file.substr(0, file.size() / 2));
    Read r = read_through(s.path() / "x.crate");
    EXPECT_EQ(r.error, "truncated gzip input");
    EXPECT_EQ(r.sha256, sha256(file.substr(0, file.size() / 2)));
}

TEST(FirstGzipMember, CorruptDeflateData) {
    test::ScratchDir s;
    // A gzip header, then a final block of the reserved type 3.
    std::string file("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x07\x00\x00\x00", 14);
    test::write_text(s.path() / "x.crate", file);
    Read r = read_through(s.path() / "x.crate");
    EXPECT_TRUE(r.gzip);
    EXPECT_EQ(r.error, "gzip data is corrupt: invalid block type");
}

TEST(FirstGzipMember, OtherBytesPassUnchanged) {
    test::ScratchDir s;
    std::string file(600000, 'z');
    file[0] = 0x1f;  // half the magic is not the magic
    test::write_text(s.path() / "x.crate", file);
    Read r = read_through(s.path() / "x.crate");
    EXPECT_FALSE(r.gzip);
    EXPECT_EQ(r.error, "");
    EXPECT_EQ(r.data, file);
    EXPECT_EQ(r.sha256, sha256(file));
}

TEST(FirstGzipMember, EmptyFile) {
    test::ScratchDir s;
    test::write_text(s.path() / "x.crate", "");
    Read r = read_through(s.path() / "x.crate");
    EXPECT_FALSE(r.gzip);
    EXPECT_EQ(r.data, "");
    EXPECT_EQ(r.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(FirstGzipMember, ObserverSeesWholeBlocksInOrder) {
    test::ScratchDir s;
    std::string data(700001, '\0');
    for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>((i * 31) % 253);
    test::write_text(s.path() / "x.crate", gzip_of(s, data));
    Read r = read_through(s.path() / "x.crate");
    EXPECT_EQ(r.data, data);
    EXPECT_EQ(r.observed, data);
    ASSERT_GE(r.chunks.size(), 3u);
    std::uint64_t next = 0;
    for (std::size_t i = 0; i < r.chunks.size(); ++i) {
        EXPECT_EQ(r.chunks[i].first, next);
        if (i + 1 < r.chunks.size()) {
            EXPECT_EQ(r.chunks[i].second % 512, 0u) << "chunk " << i;
        }
        next += r.chunks[i].second;
    }
}

}  // namespace
}  // namespace cdf::extract
