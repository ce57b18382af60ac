#include "cargo/checksum_file.hpp"

#include "util/json.hpp"

#include <gtest/gtest.h>

namespace cdf::cargo {
namespace {

const std::string kSha(64, 'a');

TEST(JsonString, EscapesAsSerdeJson) {
    EXPECT_EQ(json_string("plain/path.rs"), "\"plain/path.rs\"");
    EXPECT_EQ(json_string("q\"b\\"), "\"q\\\"b\\\\\"");
    EXPECT_EQ(json_string("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"");
    EXPECT_EQ(json_string(std::string("\x00\x01\x1f", 3)), "\"\\u0000\\u0001\\u001f\"");
    EXPECT_EQ(json_string("\x7f caf\xc3\xa9 \xe2\x80\xa8"), "\"\x7f caf\xc3\xa9 \xe2\x80\xa8\"");
}

TEST(ChecksumFile, FullSortedCompactNoNewline) {
    std::map<std::string, std::string> files{{"src/lib.rs", "1"}, {"Cargo.toml", "2"}, {"a b", "3"}};
    EXPECT_EQ(render_checksum_file(files, kSha, ChecksumMode::Full),
              "{\"files\":{\"Cargo.toml\":\"2\",\"a b\":\"3\",\"src/lib.rs\":\"1\"},\"package\":\"" + kSha + "\"}");
}

TEST(ChecksumFile, BackslashesBecomeSlashesAndSortAsSuch) {
    // "a\\z" sorts after "a-" on disk, but as "a/z" before "a0".
    std::map<std::string, std::string> files{{"a\\z", "1"}, {"a0", "2"}};
    EXPECT_EQ(render_checksum_file(files, kSha, ChecksumMode::Full),
              "{\"files\":{\"a/z\":\"1\",\"a0\":\"2\"},\"package\":\"" + kSha + "\"}");
}

TEST(ChecksumFile, NullPackageAndPackageOnly) {
    std::map<std::string, std::string> files{{"Cargo.toml", "2"}};
    EXPECT_EQ(render_checksum_file(files, std::nullopt, ChecksumMode::Full),
              "{\"files\":{\"Cargo.toml\":\"2\"},\"package\":null}");
    EXPECT_EQ(render_checksum_file(files, kSha, ChecksumMode::PackageOnly),
              "{\"files\":{},\"package\":\"" + kSha + "\"}");
}

TEST(ChecksumFile, MatchesOnlyTheSamePackageAndMode) {
    std::string full = render_checksum_file({{"x", "1"}}, kSha, ChecksumMode::Full);
    std::string only = render_checksum_file({{"x", "1"}}, kSha, ChecksumMode::PackageOnly);
    EXPECT_TRUE(checksum_file_matches(full, kSha, ChecksumMode::Full));
    EXPECT_FALSE(checksum_file_matches(full, kSha, ChecksumMode::PackageOnly));
    EXPECT_TRUE(checksum_file_matches(only, kSha, ChecksumMode::PackageOnly));
    EXPECT_FALSE(checksum_file_matches(only, kSha, ChecksumMode::Full));
    EXPECT_FALSE(checksum_file_matches(full, std::string(64, 'b'), ChecksumMode::Full));
    EXPECT_FALSE(checksum_file_matches(render_checksum_file({{"x", "1"}}, std::nullopt, ChecksumMode::Full), kSha,
                                       ChecksumMode::Full));
    EXPECT_FALSE(checksum_file_matches("", kSha, ChecksumMode::Full));
    EXPECT_FALSE(checksum_file_matches(full + "\n", kSha, ChecksumMode::Full));
}

}  // namespace
}  // namespace cdf::cargo
