// Download URLs and distfile names of registry crates.
#pragma once

#include <string>
#include <string_view>

#include "lock/package.hpp"

namespace cdf::distfiles {

// crates.io: https://static.crates.io/crates/{name}/{name}-{version}.crate
std::string crates_io_url(std::string_view name, std::string_view version);

// Expands cargo's `dl` template markers {crate}, {version}, {prefix},
// {lowerprefix}, {sha256-checksum}; a template with none of them gets
// "/{crate}/{version}/download" appended, as cargo does.
std::string expand_registry_template(std::string_view tmpl, const lock::Package& package);

// cargo's {prefix}: "1", "2", "3/{c}" or "{c1c2}/{c3c4}" by name length.
std::string crate_prefix(std::string_view name);

// Distfile name: "{name}-{version}.crate" for crates.io; for any other
// registry "{name}-{version}@{slug}.crate", where the slug is made of the
// index URL's host and path. '@' never occurs in crate names or versions, so
// these can never collide with crates.io's files.
std::string registry_distfile_name(const lock::Package& package);

// Host and path of a registry index URL as a file-name-safe slug:
// "sparse+https://reg.example.org/index/" -> "reg.example.org-index".
std::string registry_slug(const lock::SourceId& source);

}  // namespace cdf::distfiles
