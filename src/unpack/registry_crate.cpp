#include "unpack/registry_crate.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "extract/crate_extractor.hpp"
#include "util/error.hpp"
#include "util/files.hpp"

namespace cdf::unpack {

namespace {

[[noreturn]] void mismatch(const ArchiveJob& job, const manifest::CrateEntry& crate, const std::string& actual,
                           const Error* also) {
    std::string message = fmt::format("sha256 mismatch for crate {} {}: expected {}, actual {}", crate.name,
                                      crate.version, crate.sha256, actual);
    if (also) message += fmt::format(" (unpacking it failed too: {})", also->message());
    throw Error(ErrorKind::CheckFailed, Location{job.distfile.string()}, message);
}

}  // namespace

void write_plain_file(const std::filesystem::path& path, std::string_view content) {
    // A file of that name from the archive may be read-only: replace it.
    ::unlink(path.c_str());
    Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644));
    auto fail = [&](int err) {
        throw Error(ErrorKind::Internal, Location{path.string()}, fmt::format("cannot write: {}", std::strerror(err)));
    };
    if (!fd) fail(errno);
    while (!content.empty()) {
        ssize_t n = ::write(fd.get(), content.data(), content.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(errno);
        }
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    if (fd.close() != 0) fail(errno);
}

std::vector<FinishedCrate> unpack_registry_crate(const ArchiveJob& job, const JobContext& context) {
    if (job.crates.size() != 1 || job.git) internal_error("a registry job must hold exactly one crate");
    const manifest::CrateEntry& crate = *job.crates.front().crate;
    const bool verified = crate.check == manifest::CrateCheck::Sha256;
    if (!verified && context.warn)
        context.warn(fmt::format("crate {} {} ({}) was not verified: the manifest has no checksum for it", crate.name,
                                 crate.version, crate.distfile));

    const std::string top = fmt::format("{}-{}", crate.name, crate.version);
    std::filesystem::path folder = context.make_temp_folder(top);
    extract::HashingReader reader(job.distfile, context.on_bytes);
    extract::FileHashes files;
    try {
        files = extract::extract_crate(reader, top, folder);
    } catch (const Error& e) {
        if (verified) {
            std::string actual;
            try {
                actual = reader.finish();
            } catch (const Error&) {
                throw e;
            }
            if (actual != crate.sha256) mismatch(job, crate, actual, &e);
        }
        throw;
    }
    std::string actual = reader.finish();
    if (verified && actual != crate.sha256) mismatch(job, crate, actual, nullptr);

    std::optional<std::string> package;
    if (verified) package = crate.sha256;
    write_plain_file(folder / cargo::kChecksumFileName, cargo::render_checksum_file(files, package, context.checksums));
    return {FinishedCrate{&crate, folder}};
}

}  // namespace cdf::unpack
