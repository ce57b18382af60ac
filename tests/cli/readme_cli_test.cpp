// The README's command-line table and exit statuses against the real
// options and `--help` texts: a renamed, added or dropped option, or a help
// text that says something else, fails here.
#include <map>
#include <regex>
#include <set>

#include <CLI/CLI.hpp>
#include <gtest/gtest.h>

#include "cli/commands.hpp"
#include "support/test_support.hpp"

namespace cdf::test {
namespace {

std::string readme() { return read_text(source_dir() / "README.md"); }

// The section of the README from `heading` to the next "## ".
std::string section(const std::string& text, const std::string& heading) {
    auto start = text.find("\n" + heading + "\n");
    EXPECT_NE(start, std::string::npos) << heading;
    if (start == std::string::npos) return {};
    auto end = text.find("\n## ", start + heading.size() + 2);
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

// command -> its arguments and options as the README's table spells them:
// "--manifest", "-o", "LOCK" (positionals without brackets or dots).
std::map<std::string, std::set<std::string>> readme_table() {
    std::map<std::string, std::set<std::string>> out;
    std::string s = section(readme(), "## Command line");
    std::regex row(R"(\n\| `([a-z0-9]+)` \| (.*) \|)");
    std::regex token(R"(`(\[?)([A-Z]+)(\.\.\.)?\]?`|(--[a-z0-9-]+)|(^|[ `])(-[a-zA-Z])[, ])");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), row); it != std::sregex_iterator(); ++it) {
        std::string cell = (*it)[2];
        auto& set = out[(*it)[1]];
        for (auto t = std::sregex_iterator(cell.begin(), cell.end(), token); t != std::sregex_iterator(); ++t) {
            if ((*t)[2].matched) set.insert((*t)[2]);
            if ((*t)[4].matched) set.insert((*t)[4]);
            if ((*t)[6].matched) set.insert((*t)[6]);
        }
    }
    return out;
}

std::map<std::string, std::set<std::string>> real_options() {
    CLI::App app;
    cli::add_generate(app);
    cli::add_update(app);
    cli::add_unpack(app);
    cli::add_pin(app);
    cli::add_verify(app);
    cli::add_licences(app);
    cli::add_diff(app);
    cli::add_manifest2(app);
    std::map<std::string, std::set<std::string>> out;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        auto& set = out[sub->get_name()];
        for (const CLI::Option* o : sub->get_options([](const CLI::Option*) { return true; })) {
            if (o == sub->get_help_ptr()) continue;
            if (o->get_lnames().empty() && o->get_snames().empty()) set.insert(o->get_name());
            for (const auto& l : o->get_lnames()) set.insert("--" + l);
            for (const auto& s : o->get_snames()) set.insert("-" + s);
        }
    }
    return out;
}

TEST(ReadmeCli, CommandTableMatchesTheOptions) {
    auto documented = readme_table();
    auto real = real_options();
    ASSERT_EQ(documented.size(), 8u);
    for (const auto& [command, options] : real) {
        SCOPED_TRACE(command);
        ASSERT_TRUE(documented.count(command)) << "the README's table lacks " << command;
        EXPECT_EQ(documented[command], options);
    }
    for (const auto& [command, options] : documented) EXPECT_TRUE(real.count(command)) << command;
}

TEST(ReadmeCli, HelpTextsSayWhatTheReadmeSays) {
    std::string text = readme();
    // Exit statuses: every status of the README's table is in the main help.
    std::string errors = section(text, "## Errors and exit status");
    std::string help = run_cli({"--help"}).out;
    for (const char* status : {"0 done", "1 a check failed", "2 bad input", "3 internal error"}) {
        std::string row = std::string("| ") + status[0] + " | ";
        EXPECT_NE(errors.find(row), std::string::npos) << row;
        EXPECT_NE(help.find(status), std::string::npos) << status << " not in:\n" << help;
    }
    // Git distfile names.
    EXPECT_NE(text.find("`HOST+OWNER+REPO-COMMIT.tar.gz`"), std::string::npos);
    EXPECT_NE(run_cli({"help", "generate"}).out.find("HOST+OWNER+REPO-COMMIT.tar.gz"), std::string::npos);
    // -j 0.
    EXPECT_NE(text.find("`-j 0`, every CPU"), std::string::npos);
    RunResult unpack = run_cli({"help", "unpack"});
    EXPECT_NE(unpack.out.find("(default, or 0: every CPU available)"), std::string::npos) << unpack.out;
    // Exit statuses of each command's footer: 2 is bad input, 3 internal error.
    for (const char* command : {"generate", "update", "unpack"}) {
        std::string h = run_cli({"help", command}).out;
        EXPECT_NE(h.find("2 bad input"), std::string::npos) << command;
        EXPECT_NE(h.find("3 internal error"), std::string::npos) << command << ":\n" << h;
    }
}

}  // namespace
}  // namespace cdf::test
