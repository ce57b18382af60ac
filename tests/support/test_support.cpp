#include "support/test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

namespace cdf::test {
namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
    std::string tmpl = (fs::temp_directory_path() / "cdf-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

ScratchDir::~ScratchDir() {
    std::error_code ec;
    // Make everything writable first so that read-only test files go too.
    for (auto it = fs::recursive_directory_iterator(path_, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (!it->is_symlink()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(path_, ec);
}

void write_text(const fs::path& path, std::string_view content) {
    if (path.has_parent_path()) fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

manifest::CrateEntry& add_crate(manifest::Manifest& m, std::string_view name, std::string_view version,
                                std::string_view source, std::string_view distfile, manifest::CrateCheck check,
                                std::string_view sha256) {
    return m.crates.emplace_back(
        manifest::CrateEntry{m.keep(name), m.keep(version), m.keep(source), m.keep(distfile), check, m.keep(sha256)});
}

fs::path source_dir() { return CDF_SOURCE_DIR; }

RunResult run_cli(const std::vector<std::string>& args, const fs::path& cwd) {
    ScratchDir io;
    fs::path out_path = io / "stdout", err_path = io / "stderr";
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) ::_exit(126);
        FILE* o = std::freopen(out_path.c_str(), "w", stdout);
        FILE* e = std::freopen(err_path.c_str(), "w", stderr);
        if (!o || !e) ::_exit(126);
        std::vector<char*> argv;
        std::string binary = CDF_BINARY;
        argv.push_back(binary.data());
        std::vector<std::string> copy = args;
        for (auto& a : copy) argv.push_back(a.data());
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    RunResult r;
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = read_text(out_path);
    r.err = read_text(err_path);
    return r;
}

std::string error_of(const std::function<void()>& fn, ErrorKind kind) {
    try {
        fn();
    } catch (const Error& e) {
        EXPECT_EQ(static_cast<int>(e.kind()), static_cast<int>(kind)) << e.what();
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "threw a non-cdf exception: " << e.what();
        return {};
    }
    ADD_FAILURE() << "threw nothing";
    return {};
}

std::string in_child(const std::function<std::string()>& fn) {
    int fds[2];
    if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
    pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(fds[0]);
        std::string result = fn();
        const char* p = result.data();
        std::size_t left = result.size();
        while (left > 0) {
            ssize_t n = ::write(fds[1], p, left);
            if (n <= 0) break;
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        ::_exit(0);
    }
    ::close(fds[1]);
    std::string result;
    char buf[4096];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) result.append(buf, static_cast<std::size_t>(n));
    ::close(fds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) return "crashed: killed by signal " + std::to_string(WTERMSIG(status));
    return result;
}

}  // namespace cdf::test
