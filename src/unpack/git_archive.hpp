// Forwarding header (issue 13): moved to extract/git_archive.hpp; remove once nothing includes it.
#pragma once
#include "extract/git_archive.hpp"
namespace cdf::unpack {
using extract::check_archive_commit;
using extract::extract_git_archive;
using extract::WarningSink;
}  // namespace cdf::unpack
