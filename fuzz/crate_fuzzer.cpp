// libFuzzer target: extracting a registry crate (extract::extract_crate) from
// hostile bytes.
//
// The input is the .crate itself when it starts with the gzip magic bytes;
// anything else is taken as a tar stream and gzipped first (so that the
// fuzzer mutates tar headers, not deflate blocks). It is written to a file in
// a private work folder and extracted into a fresh folder below it, with the
// top folder "fuzz-1.0.0". Then:
//   - extract_crate throws nothing but cdf::Error;
//   - the reader's sha256 is the sha256 of the whole file, also after a failure;
//   - nothing appears in the work folder but the input and the destination;
//   - after a success, the destination holds only folders and regular files,
//     each file listed in the returned hashes with the sha256 of its content,
//     each listed path a clean relative path ('/'-separated, no "." or ".."
//     or empty component, valid UTF-8) that exists as a regular file.
// Each file is capped at 1 MiB (RLIMIT_FSIZE, SIGXFSZ ignored: a write past
// it fails with EFBIG, which the extractor reports as an I/O error) so that
// a declared 500 MiB entry cannot fill the disk at every execution.
// Seeds: fuzz/corpus/crate/. Dictionary: fuzz/crate.dict.
#include <dirent.h>
#include <fcntl.h>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include "extract/crate_extractor.hpp"
#include "util/utf8.hpp"
#include "extract/hashing_reader.hpp"
#include "util/error.hpp"
#include "util/sha256.hpp"

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& what) {
    std::fprintf(stderr, "crate fuzzer: %s\n", what.c_str());
    std::abort();
}

std::string gzip(std::string_view raw) {
    z_stream z{};
    if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) fail("deflateInit2");
    std::string out(deflateBound(&z, raw.size()) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    z.avail_in = static_cast<uInt>(raw.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) fail("deflate");
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

void write_whole(const fs::path& path, std::string_view bytes) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) fail("cannot write the input file " + path.string());
    while (!bytes.empty()) {
        ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n <= 0) fail("cannot write the input file");
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    ::close(fd);
}

std::string file_sha256(const fs::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) fail("cannot read back " + path.string());
    cdf::Sha256 sha;
    char buf[65536];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) sha.update(buf, static_cast<std::size_t>(n));
    ::close(fd);
    return sha.final_hex();
}

// Every entry below `root`, relative, without following links; fails on
// anything but folders and regular files.
void walk(const fs::path& root, const std::string& prefix, std::set<std::string>& files) {
    DIR* d = ::opendir((root / prefix).c_str());
    if (!d) fail("cannot list " + (root / prefix).string());
    while (struct dirent* e = ::readdir(d)) {
        std::string name = e->d_name;
        if (name == "." || name == "..") continue;
        std::string rel = prefix.empty() ? name : prefix + "/" + name;
        struct stat st {};
        if (::lstat((root / rel).c_str(), &st) != 0) fail("cannot stat " + rel);
        if (S_ISDIR(st.st_mode)) {
            ::chmod((root / rel).c_str(), 0700);
            walk(root, rel, files);
        } else if (S_ISREG(st.st_mode)) {
            files.insert(rel);
        } else {
            fail("extracted something that is neither a folder nor a regular file: " + cdf::quote(rel));
        }
    }
    ::closedir(d);
}

bool clean_relative(std::string_view path) {
    if (path.empty() || path.front() == '/' || path.back() == '/' || !cdf::is_valid_utf8(path)) return false;
    std::size_t start = 0;
    for (;;) {
        std::size_t end = path.find('/', start);
        std::string_view part = path.substr(start,
                                            end == std::string_view::npos ? std::string_view::npos : end - start);
        if (part.empty() || part == "." || part == "..") return false;
        if (end == std::string_view::npos) return true;
        start = end + 1;
    }
}

struct Workspace {
    fs::path dir;
    Workspace() {
        std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit limit {
            1 << 20, 1 << 20
        };
        ::setrlimit(RLIMIT_FSIZE, &limit);
        const char* base = std::getenv("CDF_FUZZ_TMPDIR");
        fs::path parent = base ? fs::path(base)
                               : (fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path());
        std::string tmpl = (parent / "cdf-fuzz-crate-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) fail("mkdtemp failed in " + parent.string());
        dir = tmpl;
    }
    ~Workspace() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);  // libFuzzer's entry point
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Workspace work;
    std::string_view input(reinterpret_cast<const char*>(data), size);
    std::string bytes = size >= 2 && data[0] == 0x1f && data[1] == 0x8b ? std::string(input) : gzip(input);
    const fs::path crate = work.dir / "fuzz-1.0.0.crate";
    const fs::path dest = work.dir / "dest";
    write_whole(crate, bytes);
    fs::create_directory(dest);

    cdf::extract::FileHashes hashes;
    bool ok = false;
    {
        cdf::extract::HashingReader reader(crate);
        try {
            hashes = cdf::extract::extract_crate(reader, "fuzz-1.0.0", dest);
            ok = true;
        } catch (const cdf::Error&) {
        }
        if (reader.finish() != cdf::sha256_hex(bytes)) fail("the reader's sha256 is not the file's");
    }

    std::set<std::string> top;
    for (const auto& e : fs::directory_iterator(work.dir)) top.insert(e.path().filename().string());
    if (top != std::set<std::string>{"dest", "fuzz-1.0.0.crate"})
        fail("something was written beside the destination folder");

    std::set<std::string> files;
    walk(dest, "", files);
    if (ok) {
        for (const auto& [path, sha] : hashes) {
            if (!clean_relative(path)) fail("a listed path is not clean: " + cdf::quote(path));
            if (!files.count(path)) fail("a listed file is not on disk: " + cdf::quote(path));
            if (file_sha256(dest / path) != sha) fail("a listed sha256 is not the file's: " + cdf::quote(path));
        }
        for (const auto& f : files)
            if (!hashes.count(f)) fail("a file on disk is not listed: " + cdf::quote(f));
    }
    std::error_code ec;
    fs::remove_all(dest, ec);
    if (ec) fail("cannot remove the destination: " + ec.message());
    return 0;
}
