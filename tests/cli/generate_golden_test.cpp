// Golden-output tests: `generate` on real lockfiles copied into
// fixtures/lockfiles/ (provenance in PROVENANCE.tsv) must print exactly
// NAME.downloads and write exactly NAME.manifest. Extra arguments, one per
// line, come from NAME.args. CDF_UPDATE_GOLDEN=1 rewrites the expected files
// (review the diff before committing them).
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::test {
namespace {
namespace fs = std::filesystem;

std::vector<std::string> fixture_names() {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(source_dir() / "fixtures/lockfiles"))
        if (e.path().extension() == ".lock") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    return names;
}

class GenerateGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(GenerateGolden, MatchesExpectedFiles) {
    fs::path dir = source_dir() / "fixtures/lockfiles";
    std::string name = GetParam();
    ScratchDir scratch;
    std::vector<std::string> args = {"generate", (dir / (name + ".lock")).string(), "--manifest",
                                     (scratch / "manifest").string()};
    if (fs::exists(dir / (name + ".args"))) {
        std::ifstream in(dir / (name + ".args"));
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) args.push_back(line);
    }
    RunResult r = run_cli(args);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err, "");
    std::string manifest = read_text(scratch / "manifest");
    if (std::getenv("CDF_UPDATE_GOLDEN")) {
        write_text(dir / (name + ".downloads"), r.out);
        write_text(dir / (name + ".manifest"), manifest);
    }
    EXPECT_EQ(r.out, read_text(dir / (name + ".downloads")));
    EXPECT_EQ(manifest, read_text(dir / (name + ".manifest")));
}

INSTANTIATE_TEST_SUITE_P(RealLockfiles, GenerateGolden, ::testing::ValuesIn(fixture_names()), [](const auto& info) {
    std::string n = info.param;
    for (char& c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return n;
});

}  // namespace
}  // namespace cdf::test
