// Forwarding header (issue 13): moved to extract/folder_writer.hpp; remove once nothing includes it.
#pragma once
#include "extract/folder_writer.hpp"
namespace cdf::unpack {
using extract::FolderWriter;
}
