#include "cargo/config_paths.hpp"

#include <gtest/gtest.h>

namespace cdf::cargo {
namespace {

// What cargo 1.95 resolves (checked by hand: `cargo metadata --offline` with
// a directory source, in `P/.cargo/config.toml` and with `--config`).
TEST(ConfigPaths, RelativeToTheParentOfTheConfigFolder) {
    const std::filesystem::path cwd = "/w";
    // The common layout: the config beside the vendor folder's parent.
    EXPECT_EQ(path_for_config("vendor", ".cargo/config.toml", cwd), "vendor");
    EXPECT_EQ(path_for_config("vendor", "/w/.cargo/config.toml", cwd), "vendor");
    // The config of another folder.
    EXPECT_EQ(path_for_config("vendor", "proj/.cargo/config.toml", cwd), "../vendor");
    EXPECT_EQ(path_for_config("./out/vendor/", "/w/a/b/.cargo/config.toml", cwd), "../../out/vendor");
    EXPECT_EQ(path_for_config("vendor", "/elsewhere/.cargo/config.toml", cwd), "../w/vendor");
    // A file passed with --config: against the parent of its folder.
    EXPECT_EQ(path_for_config("vendor", "cfg/conf.toml", cwd), "vendor");
    EXPECT_EQ(path_for_config("vendor", "conf.toml", cwd), "w/vendor");
    EXPECT_EQ(path_for_config("../v", "x/.cargo/config.toml", "/w/p"), "../../v");
    // Absolute paths are written as given.
    EXPECT_EQ(path_for_config("/srv/vendor/", "proj/.cargo/config.toml", cwd), "/srv/vendor/");
}

}  // namespace
}  // namespace cdf::cargo
