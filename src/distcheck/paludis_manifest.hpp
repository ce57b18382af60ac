// A paludis `Manifest` (Manifest2 format) for distfiles, so that paludis can
// check the downloads itself:
//
//   DIST NAME SIZE SHA256 HEX SHA512 HEX
//
// one line per distfile, sorted by name (byte order), no header. paludis
// refuses any distfile of the package that the Manifest does not list, so
// the Manifest must name every download of the exheres (the program's own
// tarball too).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cdf::distcheck {

struct ManifestDist {
    std::string name;
    std::uint64_t size = 0;
    std::string sha256;
    std::string sha512;
};

// The Manifest text. Throws BadInput when two entries share a name, or a
// name could not be written as one field (empty, whitespace, '/', control
// characters, shell characters).
std::string render_paludis_manifest(std::vector<ManifestDist> dists);

}  // namespace cdf::distcheck
