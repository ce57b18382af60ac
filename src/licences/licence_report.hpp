// From the licence fields of every crate to one LICENCES value and the list
// of crates a packager must look at by hand.
#pragma once

#include <string>
#include <vector>

#include "licences/crate_metadata.hpp"
#include "licences/exherbo_licences.hpp"
#include "licences/licence_table.hpp"

namespace cdf::licences {

struct LicenceReport {
    ExherboLicences licences;  // simplified "all of" every crate's licence
    // One line per crate that needs attention, sorted, without duplicates:
    //   "foo 1.0.0: no `license`, only `license-file = \"LICENSE\"`: ..."
    //   "foo 1.0.0: declares no licence (neither `license` nor `license-file`)"
    //   "foo 1.0.0: licence id(s) missing from the licence table: Foo-1.0 ..."
    //   "foo 1.0.0: cannot parse `license = \"...\"`: ..."
    std::vector<std::string> warnings;
};

LicenceReport build_report(const std::vector<CrateLicence>& crates, const LicenceTable& table);

}  // namespace cdf::licences
