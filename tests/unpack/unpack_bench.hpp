// A scratch setup for running cdf::unpack::unpack() in tests: a distdir, a
// vendor directory and a manifest, all inside one scratch folder, with the
// log captured (header-only).
#pragma once

#include <stdio.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "manifest/manifest.hpp"
#include "support/test_support.hpp"
#include "unpack/crate_tarball.hpp"
#include "unpack/unpack.hpp"
#include "util/atomic_file.hpp"

namespace cdf::test {

inline constexpr const char* kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";

class UnpackBench {
public:
    UnpackBench() {
        std::filesystem::create_directories(dist());
        options.manifest_path = (scratch.path() / "manifest").string();
        options.distdir = dist();
        options.vendor_dir = vendor();
        options.jobs = 2;
    }
    ~UnpackBench() {
        if (log_) std::fclose(log_);
        std::free(log_buffer_);
    }

    std::filesystem::path dist() const { return scratch.path() / "dist"; }
    std::filesystem::path vendor() const { return scratch.path() / "vendor"; }

    // Writes NAME-VERSION.crate into the distdir and lists it in the manifest
    // with its real sha256 (or `sha256` when given, "unverified" for none).
    void add_crate(const std::string& name, const std::string& version, const std::vector<TarItem>& items,
                   std::optional<std::string> sha256 = {}, bool unverified = false) {
        std::string distfile = name + "-" + version + ".crate";
        write_tarball(dist() / distfile, items);
        list_crate(name, version, distfile, unverified ? "" : sha256.value_or(sha256_of_file(dist() / distfile)));
    }

    // Lists a crate in the manifest; an empty sha256 means unverified.
    void list_crate(const std::string& name, const std::string& version, const std::string& distfile,
                    const std::string& sha256) {
        test::add_crate(manifest, name, version, kCratesIo, distfile,
                        sha256.empty() ? manifest::CrateCheck::Unverified : manifest::CrateCheck::Sha256, sha256);
    }

    // A crate with a Cargo.toml and src/lib.rs.
    void add_simple_crate(const std::string& name, const std::string& version) {
        std::string top = name + "-" + version + "/";
        add_crate(name, version,
                  {file(top + "Cargo.toml", "[package]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n"),
                   file(top + "src/lib.rs", "// " + name + "\n")});
    }

    unpack::UnpackSummary run() {
        manifest.sort();
        write_file_atomically(options.manifest_path, manifest::render(manifest));
        if (log_) std::fclose(log_);
        std::free(log_buffer_);
        log_buffer_ = nullptr;
        log_size_ = 0;
        log_ = ::open_memstream(&log_buffer_, &log_size_);
        options.log = log_;
        return unpack::unpack(options);
    }

    std::string log() {
        if (!log_) return {};
        std::fflush(log_);
        return std::string(log_buffer_, log_size_);
    }

    // Names of the entries directly in `dir` (sorted).
    static std::set<std::string> entries(const std::filesystem::path& dir) {
        std::set<std::string> out;
        if (!std::filesystem::exists(dir)) return out;
        for (const auto& e : std::filesystem::directory_iterator(dir)) out.insert(e.path().filename().string());
        return out;
    }
    // The scratch folder holds only what the bench made, and the vendor
    // directory only `expected`.
    void expect_nothing_outside(const std::set<std::string>& expected_in_vendor = {}) {
        std::set<std::string> top = entries(scratch.path());
        top.erase("manifest");
        top.erase("dist");
        top.erase("vendor");
        top.erase("cargo-config.toml");
        EXPECT_TRUE(top.empty()) << "unexpected entries in the scratch folder: " << *top.begin();
        EXPECT_EQ(entries(vendor()), expected_in_vendor);
    }

    ScratchDir scratch;
    manifest::Manifest manifest;
    unpack::UnpackOptions options;

private:
    FILE* log_ = nullptr;
    char* log_buffer_ = nullptr;
    std::size_t log_size_ = 0;
};

}  // namespace cdf::test
