// Helpers shared by the unit tests: scratch folders, running the binary.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "manifest/manifest.hpp"
#include "util/error.hpp"

namespace cdf::test {

// A fresh empty folder, removed when the object dies.
class ScratchDir {
public:
    ScratchDir();
    ~ScratchDir();
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

void write_text(const std::filesystem::path& path, std::string_view content);
std::string read_text(const std::filesystem::path& path);

// Appends a crate to `m` with its text copied into m's strings
// (Manifest::keep): any strings will do, temporaries included.
manifest::CrateEntry& add_crate(manifest::Manifest& m, std::string_view name, std::string_view version,
                                std::string_view source, std::string_view distfile, manifest::CrateCheck check,
                                std::string_view sha256 = {});

// Path of the project's source tree (for fixtures/).
std::filesystem::path source_dir();

struct RunResult {
    int status = -1;  // exit status
    std::string out;  // stdout
    std::string err;  // stderr
};
// Runs the cargo-distfiles binary with `args` (shell-quoted by the caller is
// not needed: each element is one argument), in `cwd` when not empty.
RunResult run_cli(const std::vector<std::string>& args, const std::filesystem::path& cwd = {});

// The message of the cdf::Error that `fn` throws; fails the test when it
// throws nothing or something else. `kind` is checked too.
std::string error_of(const std::function<void()>& fn, ErrorKind kind = ErrorKind::BadInput);

// What `fn` returns, run in a child process; "crashed: killed by signal N"
// when the child dies of a signal (a stack overflow on hostile input), so
// that a crash fails the one test with a message instead of killing the test
// program.
std::string in_child(const std::function<std::string()>& fn);

}  // namespace cdf::test
