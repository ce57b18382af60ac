// The command line's own mistakes, through the real binary: help, version,
// near-miss commands and options, CLI11's errors with our prefix and exit 2.
#include <gtest/gtest.h>

#include "cli/suggest.hpp"
#include "support/test_support.hpp"

namespace cdf::test {
namespace {

const std::string kCommands = "generate, update, unpack, pin, verify, licences, diff, manifest2";

TEST(CliErrors, MisspeltCommandGetsASuggestion) {
    RunResult r = run_cli({"gnerate", "Cargo.lock"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "cargo-distfiles: error: unknown command \"gnerate\": did you mean `generate`? the commands are " +
                         kCommands + " (`cargo-distfiles help` describes them)\n");
    RunResult far = run_cli({"frobnicate"});
    EXPECT_EQ(far.status, 2);
    EXPECT_EQ(far.err, "cargo-distfiles: error: unknown command \"frobnicate\": the commands are " + kCommands +
                           " (`cargo-distfiles help` describes them)\n");
}

TEST(CliErrors, NoCommand) {
    RunResult r = run_cli({});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: no command given: the commands are " + kCommands +
                         " (`cargo-distfiles help` describes them)\n");
}

TEST(CliErrors, HelpAndVersion) {
    RunResult help = run_cli({"help"});
    EXPECT_EQ(help.status, 0) << help.err;
    EXPECT_NE(help.out.find("Packager's side:  generate, update"), std::string::npos) << help.out;
    EXPECT_EQ(help.out, run_cli({"--help"}).out);

    RunResult gen = run_cli({"help", "generate"});
    EXPECT_EQ(gen.status, 0) << gen.err;
    EXPECT_NE(gen.out.find("--manifest FILE"), std::string::npos) << gen.out;
    EXPECT_EQ(gen.out, run_cli({"generate", "--help"}).out);

    RunResult typo = run_cli({"help", "unpak"});
    EXPECT_EQ(typo.status, 2);
    EXPECT_EQ(typo.err, "cargo-distfiles: error: unknown command \"unpak\": did you mean `unpack`? the commands are " +
                            kCommands + " (`cargo-distfiles help` describes them)\n");

    RunResult v = run_cli({"-V"});
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.out, std::string("cargo-distfiles ") + CDF_VERSION + "\n");
    EXPECT_EQ(run_cli({"--version"}).out, v.out);
}

TEST(CliErrors, MisspeltOptionGetsASuggestion) {
    RunResult r = run_cli({"generate", "Cargo.lock", "--manfest", "m"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: unknown option \"--manfest\" for `generate`: did you mean --manifest? "
              "(`cargo-distfiles help generate` lists its options)\n");
    RunResult eq = run_cli({"unpack", "--distdir=d", "--vendr=v", "--manifest", "m"});
    EXPECT_EQ(eq.status, 2);
    EXPECT_EQ(eq.err,
              "cargo-distfiles: error: unknown option \"--vendr\" for `unpack`: did you mean --vendor? "
              "(`cargo-distfiles help unpack` lists its options)\n");
}

TEST(CliErrors, Cli11ErrorsCarryThePrefixAndExitTwo) {
    RunResult r = run_cli({"unpack", "--distdir", "d"});
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: --manifest is required (see `cargo-distfiles help unpack`)\n");
    RunResult j = run_cli({"unpack", "--manifest", "m", "--distdir", "d", "--vendor", "v", "-j", "x"});
    EXPECT_EQ(j.status, 2);
    EXPECT_EQ(j.err.rfind("cargo-distfiles: error: ", 0), 0u) << j.err;
    EXPECT_EQ(std::count(j.err.begin(), j.err.end(), '\n'), 1) << j.err;
}

TEST(CliErrors, LockSpelledTheSameWayInGenerateAndUpdate) {
    ScratchDir d;
    write_text(d / "Cargo.lock", "version = 4\n\n[[package]]\nname = \"app\"\nversion = \"0.1.0\"\n");
    RunResult positional = run_cli({"generate", "Cargo.lock"}, d.path());
    RunResult option = run_cli({"generate", "--lock", "Cargo.lock"}, d.path());
    ASSERT_EQ(option.status, 0) << option.err;
    EXPECT_EQ(option.out, positional.out);

    write_text(d / "foo-1.0.exheres-0", "SUMMARY=\"x\"\n");
    RunResult upd = run_cli({"update", "foo-1.0.exheres-0", "Cargo.lock", "--check"}, d.path());
    EXPECT_EQ(upd.status, 1) << upd.err;  // stale: no block yet; the lockfile was read
    RunResult none = run_cli({"update", "foo-1.0.exheres-0"}, d.path());
    EXPECT_EQ(none.status, 2);
    EXPECT_EQ(none.err,
              "cargo-distfiles: error: no lockfile given: pass the Cargo.lock to read after the exheres or "
              "with --lock PATH (repeat it for several); update has no default, as the exheres does not "
              "say where the sources are\n");
}

TEST(Suggest, Closest) {
    std::vector<std::string> c{"generate", "update", "unpack"};
    EXPECT_EQ(cli::closest("gen", c), "generate");
    EXPECT_EQ(cli::closest("upadte", c), "update");
    EXPECT_EQ(cli::closest("xyz", c), std::nullopt);
    EXPECT_EQ(cli::closest("u", c), std::nullopt);
}

}  // namespace
}  // namespace cdf::test
