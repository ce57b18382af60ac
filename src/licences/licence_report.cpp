#include "licences/licence_report.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::licences {

LicenceReport build_report(const std::vector<CrateLicence>& crates, const LicenceTable& table) {
    ExherboLicences all;  // AllOf
    std::set<std::string> warnings;
    for (const auto& crate : crates) {
        const std::string who = fmt::format("{} {}", crate.name, crate.version);
        if (!crate.license) {
            if (crate.license_file) {
                warnings.insert(
                    fmt::format("{}: no `license`, only `license-file = {}`: read that file and add its "
                                "licence to LICENCES by hand",
                                who, quote(*crate.license_file)));
            } else {
                warnings.insert(fmt::format("{}: declares no licence (neither `license` nor `license-file`)", who));
            }
            continue;
        }
        SpdxExpression expression;
        try {
            expression = parse_spdx(*crate.license);
        } catch (const Error& e) {
            warnings.insert(
                fmt::format("{}: cannot parse `license = {}`: {}", who, quote(*crate.license), e.message()));
            continue;
        }
        std::vector<std::string> unknown;
        all.items.push_back(map_to_exherbo(expression, table, unknown));
        if (!unknown.empty()) {
            std::sort(unknown.begin(), unknown.end());
            unknown.erase(std::unique(unknown.begin(), unknown.end()), unknown.end());
            warnings.insert(
                fmt::format("{}: licence id(s) missing from the licence table, written as they are: {} "
                            "(map them with --licence-map FILE)",
                            who, fmt::join(unknown, ", ")));
        }
    }
    LicenceReport report;
    report.licences = simplify(all);
    report.warnings.assign(warnings.begin(), warnings.end());
    return report;
}

}  // namespace cdf::licences
