// Whatever generate accepts, unpack handles: every real lockfile of the
// corpus (../shared/corpus/lockfiles, skipped when absent) goes through
// generate's planning, its manifest is read back as unpack reads it (and
// must be the very manifest generate made and checked), the lockfile is
// checked against it as `unpack --lock` does, and the vendor layout and
// cargo config are planned as unpack plans them (both folder name styles):
// every refusal unpack can make without a distfile. The cargo config must
// also replace every source the lockfile uses.
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <toml++/toml.h>

#include "cli/generation.hpp"
#include "lock/lockfile_reader.hpp"
#include "manifest/manifest.hpp"
#include "support/test_support.hpp"
#include "unpack/lock_check.hpp"
#include "unpack/unpack.hpp"

namespace cdf::test {
namespace {

namespace fs = std::filesystem;

fs::path corpus_dir() { return source_dir().parent_path() / "shared" / "corpus" / "lockfiles"; }

// What the packager must say for these, as tests/e2e/corpus.sh does.
cli::GenerationOptions options_for(const std::string& name) {
    cli::GenerationOptions o;
    if (name.find("alt-registry") != std::string::npos)
        o.registry_templates.push_back(
            "sparse+https://integer32llc.github.io/registry-conformance/=https://dl.example.org/{crate}/{version}");
    if (name == "alacritty__alacritty__2a7dc1deb8") o.allow_missing_checksums = true;
    return o;
}

// The source ids the cargo config must replace: every registry, and every git
// source as cargo names it (URL and ref, without the commit).
std::set<std::string> sources_to_replace(const lock::Lockfile& lock) {
    std::set<std::string> out;
    for (const auto& p : lock.packages) {
        if (p.source->is_crates_io())
            out.insert("crates-io");
        else if (p.source->is_git())
            out.insert("git+" + p.source->url +
                       (p.source->reference.str() == "-" ? std::string() : "?" + p.source->reference.str()));
        else
            out.insert((p.source->kind == lock::SourceKind::Registry ? "registry+" : "") + p.source->url);
    }
    return out;
}

TEST(CorpusWalk, NothingGenerateAcceptsIsRefusedByUnpack) {
    if (!fs::is_directory(corpus_dir())) GTEST_SKIP() << "no corpus at " << corpus_dir();
    std::vector<fs::path> locks;
    for (const auto& e : fs::directory_iterator(corpus_dir()))
        if (e.path().extension() == ".lock") locks.push_back(e.path());
    std::sort(locks.begin(), locks.end());
    ASSERT_GE(locks.size(), 40u);
    std::size_t accepted = 0, crates = 0, git_sources = 0;
    for (const auto& path : locks) {
        const std::string name = path.stem().string();
        SCOPED_TRACE(name);
        distfiles::Plan plan;
        try {
            plan = cli::plan_from_lockfiles({path.string()}, options_for(name));
        } catch (const Error& e) {
            ADD_FAILURE() << "generate refused a real lockfile: " << e.what();
            continue;
        }
        ++accepted;
        try {
            const std::string manifest_name = name + ".cargo-distfiles";
            manifest::Manifest m = manifest::parse(manifest::render(plan.manifest), manifest_name);
            // generate checks the manifest it made, not its text read back: they must be the same.
            EXPECT_TRUE(m == plan.manifest) << "the manifest's text does not read back to the manifest";
            lock::ReadOptions read_options;
            read_options.allow_missing_checksums = true;  // as unpack --lock reads it
            lock::Lockfile lock = lock::read_lockfile(path.string(), read_options);
            unpack::check_lock_against_manifest(lock, m, manifest_name);
            unpack::plan_vendor(m, unpack::DirNames::Cargo, "/vendor", manifest_name);
            unpack::VendorPlan v = unpack::plan_vendor(m, unpack::DirNames::Versioned, "/vendor", manifest_name);
            crates += v.manifest.crates.size();
            std::set<std::string> replaced;
            toml::table config = toml::parse(v.cargo_config);
            for (const auto& [key, table] : *config["source"].as_table())
                if (table.as_table()->contains("replace-with")) replaced.insert(std::string(key.str()));
            for (const auto& source : sources_to_replace(lock)) {
                EXPECT_TRUE(replaced.count(source)) << "the cargo config does not replace " << source;
                git_sources += source.rfind("git+", 0) == 0;
            }
        } catch (const Error& e) {
            ADD_FAILURE() << "accepted by generate, refused by unpack: " << e.what();
        }
    }
    std::printf("corpus walk: %zu of %zu lockfiles accepted and planned by unpack (%zu crates, %zu git sources)\n",
                accepted, locks.size(), crates, git_sources);
}

}  // namespace
}  // namespace cdf::test
