// Replays inputs through a fuzz target without libFuzzer: a main() that
// feeds each file to LLVMFuzzerTestOneInput, so that the seed corpora
// (fuzz/corpus/<target>/) and the inputs of past findings
// (fuzz/findings/<target>/) run as ordinary tests in every build, GCC and
// the sanitized build included (tests/CMakeLists.txt: fuzz.<target>).
//
//   cdf_replay_<target> PATH...   each file, or every file below each folder
//                                 (sorted), once
//
// A target reports a bug by aborting (or through a sanitizer); an uncaught
// exception ends in std::terminate. The name of each input is printed before
// it runs, so the last name printed is the culprit. Exit status 0 when every
// input ran, 1 when a path holds no input at all (an emptied corpus must not
// pass unnoticed), 2 on a usage or read error.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
// Optional, as with libFuzzer.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    std::size_t total = 0;
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        std::vector<fs::path> inputs;
        std::error_code ec;
        if (fs::is_directory(argv[i], ec)) {
            for (const auto& e : fs::recursive_directory_iterator(argv[i]))
                if (e.is_regular_file() && e.path().filename().string()[0] != '.') inputs.push_back(e.path());
            std::sort(inputs.begin(), inputs.end());
        } else if (fs::is_regular_file(argv[i], ec)) {
            inputs.emplace_back(argv[i]);
        }
        if (inputs.empty()) {
            std::fprintf(stderr, "replay: no input in %s\n", argv[i]);
            status = 1;
            continue;
        }
        for (const fs::path& p : inputs) {
            std::ifstream in(p, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "replay: cannot open %s\n", p.c_str());
                return 2;
            }
            std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            std::fprintf(stderr, "replay: %s (%zu bytes)\n", p.c_str(), data.size());
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(data.data()), data.size());
            ++total;
        }
    }
    std::fprintf(stderr, "replay: %zu inputs ran\n", total);
    return status;
}
