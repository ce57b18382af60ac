// cargo-distfiles: command line entry point. Parses, dispatches to the
// subcommands of cli/commands.hpp, and turns errors into exit statuses.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/commands.hpp"
#include "util/error.hpp"

int main(int argc, char** argv) {
    // As a cargo subcommand, cargo runs `cargo-distfiles distfiles ARGS...`.
    std::vector<char*> args(argv, argv + argc);
    if (args.size() > 1 && std::strcmp(args[1], "distfiles") == 0) args.erase(args.begin() + 1);

    CLI::App app{
        "cargo-distfiles: turn Cargo.lock files into distfiles a package manager fetches, and\n"
        "fetched distfiles back into a cargo vendor directory, verified and offline.\n\n"
        "Packager's side:  generate, update, pin, diff, licences, manifest2\n"
        "Build side:       unpack, verify\n",
        "cargo-distfiles"};
    app.set_version_flag("--version", std::string("cargo-distfiles ") + CDF_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    cdf::cli::add_generate(app);
    cdf::cli::add_update(app);
    cdf::cli::add_unpack(app);
    cdf::cli::add_pin(app);
    cdf::cli::add_verify(app);
    cdf::cli::add_licences(app);
    cdf::cli::add_diff(app);
    cdf::cli::add_manifest2(app);

    try {
        app.parse(static_cast<int>(args.size()), args.data());
    } catch (const CLI::ParseError& e) {
        int status = app.exit(e);
        return status == 0 ? 0 : 2;
    } catch (const cdf::Error& e) {
        std::fflush(stdout);
        fmt::print(stderr, "cargo-distfiles: error: {}\n", e.what());
        return e.exit_status();
    } catch (const std::exception& e) {
        std::fflush(stdout);
        fmt::print(stderr, "cargo-distfiles: internal error: {}\n", e.what());
        return 3;
    }
    return 0;
}
