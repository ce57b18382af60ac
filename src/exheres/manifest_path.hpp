// Where an exheres' manifest lives by default: in the package's files/
// folder, named after the exheres so that several versions coexist.
//
//   packages/sys-apps/ripgrep/ripgrep-14.1.1.exheres-0
//   packages/sys-apps/ripgrep/files/ripgrep-14.1.1.cargo-distfiles
//
// The name is the exheres' ${PNVR} (its file name without ".exheres-0",
// revision included), which is how the exlib finds it:
// "${FILES}/${PNVR}.cargo-distfiles".
#pragma once

#include <filesystem>
#include <string_view>

namespace cdf::exheres {

inline constexpr std::string_view kExheresSuffix = ".exheres-0";
inline constexpr std::string_view kManifestSuffix = ".cargo-distfiles";

// <dir of exheres>/files/<name without .exheres-0>.cargo-distfiles. Throws
// BadInput when the file name does not end in ".exheres-0" (there is then no
// ${PNVR} to name the manifest after: pass --manifest).
std::filesystem::path default_manifest_path(const std::filesystem::path& exheres);

}  // namespace cdf::exheres
