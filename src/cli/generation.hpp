// What `generate` and `update` share: the options that say how to read the
// lockfiles and map their sources, and the step from lockfiles to a Plan.
#pragma once

#include <string>
#include <vector>

#include "distfiles/distfile.hpp"
#include "lock/lockfile_reader.hpp"

namespace CLI {
class App;
}

namespace cdf::cli {

struct GenerationOptions {
    std::vector<std::string> registry_templates;  // "SOURCE=TEMPLATE", from --registry
    std::vector<std::string> git_archives;        // "HOST=TEMPLATE", from --git-archive
    std::string config_file;                      // --config FILE (same settings in a file)
    bool allow_missing_checksums = false;         // --allow-missing-checksums
};

// Adds --registry, --git-archive, --config and --allow-missing-checksums.
void add_generation_options(CLI::App& cmd, GenerationOptions& options);

// Reads every lockfile, merges them (duplicates removed, conflicts reported)
// and maps the packages to distfiles and manifest entries, refusing what
// `unpack` would refuse from the manifest and lockfiles alone. With
// `manifest_text`, the manifest's rendering is handed back as well
// (manifest::render(plan.manifest)).
distfiles::Plan plan_from_lockfiles(const std::vector<std::string>& lockfiles, const GenerationOptions& options,
                                    std::string* manifest_text = nullptr);

}  // namespace cdf::cli
