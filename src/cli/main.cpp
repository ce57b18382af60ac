// cargo-distfiles: command line entry point. Parses, dispatches to the
// subcommands of cli/commands.hpp, and turns errors into exit statuses.
// Every error, CLI11's own included, goes out as one
// `cargo-distfiles: error: ...` line with exit status 2 (bad input).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "cli/commands.hpp"
#include "cli/suggest.hpp"
#include "util/error.hpp"

namespace {

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        names.push_back(sub->get_name());
    return names;
}

const CLI::App* find_command(const CLI::App& app, std::string_view name) {
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        if (sub->get_name() == name) return sub;
    return nullptr;
}

[[noreturn]] void unknown_command(const CLI::App& app, const std::string& word) {
    std::vector<std::string> names = command_names(app);
    std::string hint;
    if (auto near = cdf::cli::closest(word, names)) hint = fmt::format("did you mean `{}`? ", *near);
    throw cdf::Error(cdf::ErrorKind::BadInput,
                     fmt::format("unknown command {}: {}the commands are {} (`cargo-distfiles help` describes them)",
                                 cdf::quote(word), hint, fmt::join(names, ", ")));
}

// Long options that `cmd` does not know, caught before CLI11 (which would
// only say the argument was not expected), with the nearest known one.
void check_long_options(const CLI::App& cmd, const std::vector<std::string>& args, std::size_t from) {
    std::vector<std::string> known{"--help"};
    for (const CLI::Option* o : cmd.get_options([](const CLI::Option*) { return true; }))
        for (const std::string& l : o->get_lnames()) known.push_back("--" + l);
    for (std::size_t i = from; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") return;
        if (a.size() <= 2 || a.compare(0, 2, "--") != 0) continue;
        std::string name = a.substr(0, a.find('='));
        if (std::find(known.begin(), known.end(), name) != known.end()) continue;
        std::string hint;
        if (auto near = cdf::cli::closest(name, known)) hint = fmt::format("did you mean {}? ", *near);
        throw cdf::Error(cdf::ErrorKind::BadInput,
                         fmt::format("unknown option {} for `{}`: {}(`cargo-distfiles help {}` lists its options)",
                                     cdf::quote(name), cmd.get_name(), hint, cmd.get_name()));
    }
}

// `help`, `help CMD` -> `--help`, `CMD --help`; unknown commands and options
// are refused here with a suggestion.
std::vector<std::string> preflight(const CLI::App& app, std::vector<std::string> args) {
    if (args.size() < 2) return args;
    if (args[1] == "help") {
        if (args.size() == 2) return {args[0], "--help"};
        if (args.size() > 3) throw cdf::Error(cdf::ErrorKind::BadInput, "`help` takes at most one command name");
        if (!find_command(app, args[2])) unknown_command(app, args[2]);
        return {args[0], args[2], "--help"};
    }
    if (args[1].empty() || args[1][0] == '-') return args;
    const CLI::App* cmd = find_command(app, args[1]);
    if (!cmd) unknown_command(app, args[1]);
    check_long_options(*cmd, args, 2);
    return args;
}

// The commands, in the order `help` lists them.
struct Command {
    std::string_view name;
    void (*add)(CLI::App&);
};
constexpr Command kCommands[] = {
    {"generate", cdf::cli::add_generate}, {"update", cdf::cli::add_update},       {"unpack", cdf::cli::add_unpack},
    {"pin", cdf::cli::add_pin},           {"verify", cdf::cli::add_verify},       {"licences", cdf::cli::add_licences},
    {"diff", cdf::cli::add_diff},         {"manifest2", cdf::cli::add_manifest2},
};

const Command* command_named(std::string_view word) {
    for (const Command& c : kCommands)
        if (c.name == word) return &c;
    return nullptr;
}

// Building the commands' options was most of start-up (0.7 M instructions
// of 1.1 M for --version). When the command line names a command first and
// no other word of it is a command's name, only that command is built:
// CLI11 then parses it as before. Anything else (help, --version, a mistyped
// or missing command) sees them all.
void add_commands(CLI::App& app, const std::vector<std::string>& args) {
    const Command* only = args.size() > 1 ? command_named(args[1]) : nullptr;
    for (std::size_t i = 2; only && i < args.size(); ++i)
        if (command_named(args[i])) only = nullptr;
    if (only) {
        only->add(app);
        return;
    }
    for (const Command& c : kCommands) c.add(app);
}

std::string selected_command(const CLI::App& app) {
    for (const CLI::App* sub : app.get_subcommands()) return sub->get_name();
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    // As a cargo subcommand, cargo runs `cargo-distfiles distfiles ARGS...`.
    std::vector<std::string> args(argv, argv + argc);
    if (args.size() > 1 && args[1] == "distfiles") args.erase(args.begin() + 1);

    CLI::App app{
        "cargo-distfiles: turn Cargo.lock files into distfiles a package manager fetches, and\n"
        "fetched distfiles back into a cargo vendor directory, verified and offline.\n\n"
        "Packager's side:  generate, update, pin, diff, licences, manifest2\n"
        "Build side:       unpack, verify\n"
        "`cargo-distfiles help COMMAND` (or COMMAND --help) describes one.\n",
        "cargo-distfiles"};
    app.set_version_flag("-V,--version", std::string("cargo-distfiles ") + CDF_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    app.footer(
        "Exit status: 0 done, 1 a check failed (update --check found stale files, a distfile did not\n"
        "verify), 2 bad input (lockfile, manifest, option, distfile, a folder to fix), 3 internal error.");
    add_commands(app, args);

    try {
        args = preflight(app, std::move(args));
        std::vector<char*> cargs;
        for (auto& a : args) cargs.push_back(a.data());
        try {
            app.parse(static_cast<int>(cargs.size()), cargs.data());
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
            std::string command = selected_command(app);
            std::string message = e.what();
            if (message == "A subcommand is required")
                message = fmt::format("no command given: the commands are {} (`cargo-distfiles help` describes them)",
                                      fmt::join(command_names(app), ", "));
            else
                message += command.empty() ? " (see `cargo-distfiles help`)"
                                           : fmt::format(" (see `cargo-distfiles help {}`)", command);
            throw cdf::Error(cdf::ErrorKind::BadInput, message);
        }
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
