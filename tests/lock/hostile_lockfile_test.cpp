// Hostile lockfiles: a Cargo.lock comes from upstream and is treated as an
// attacker's file. Malformed TOML, wrong types, deep nesting and huge strings
// must end in a cdf::Error naming file, line, column and the value (never a
// crash); names, versions, sources and git references carrying quotes,
// `$(...)`, backticks, newlines, spaces or `->` must be refused with the
// offending value quoted, so that none reaches an exheres or a shell. Each
// text goes through both scanners (the fast path for cargo's own format, and
// toml++) and must get the same answer from each. The last tests go through
// the binary: a refused lockfile writes no DOWNLOADS block, no manifest, and
// leaves an exheres untouched.

#include <gtest/gtest.h>

#include "lock/lockfile_reader.hpp"
#include "support/test_support.hpp"

namespace cdf::lock {
namespace {

const std::string kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";
const std::string kSha = "228047a76f468627ca71776ecdebd732a3423081fcf5125585bcd7c49886ce12";
const std::string kCommit = "5a82625fae462e8ba64cec8146b24a372b4d75c6";
const std::string kNotAName =
    " is not one cargo accepts (ASCII letters, digits, '-' and '_', starting with a letter or "
    "'_', at most 64 characters)";
const std::string kNotInSource =
    " holds a character that cargo never writes there (space, quote, '$', '`', '\\\\', or a control character)";

// The message of the error parse_lockfile throws for `text`, or "accepted".
std::string outcome(const std::string& text) {
    try {
        Lockfile lock = parse_lockfile(text, "Cargo.lock");
        return "accepted: " + std::to_string(lock.packages.size()) + " package(s), " +
               std::to_string(lock.path_packages) + " path package(s)";
    } catch (const Error& e) {
        return e.what();
    }
}

// The same, for both scanners: as written (cargo's format when it is) and
// with an unknown table appended, which the fast path refuses, so that
// toml++ reads it. Both answers must be the same.
std::string refusal(const std::string& text) {
    std::string fast = outcome(text);
    std::string general = outcome(text + "\n[unknown-table-for-toml-plus-plus]\n");
    EXPECT_EQ(fast, general) << "the two scanners disagree";
    return fast;
}

// outcome() in a child process: a crash (stack overflow on deep nesting)
// fails the test with a message instead of killing the test program.
std::string outcome_in_child(const std::string& text) {
    return test::in_child([&] { return outcome(text); });
}

std::string package(const std::string& name, const std::string& version, const std::string& source = kCratesIo,
                    const std::string& checksum = kSha) {
    std::string out = "[[package]]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n";
    if (!source.empty()) out += "source = \"" + source + "\"\n";
    if (!checksum.empty()) out += "checksum = \"" + checksum + "\"\n";
    return out;
}

std::string git_source(const std::string& query) { return "git+https://github.com/a/b" + query + "#" + kCommit; }

// ---------------------------------------------------------------- malformed TOML
// (outcome(), not refusal(): appending a table to a broken file moves the error)

TEST(HostileLockfile, MalformedTomlIsRefusedWithItsPosition) {
    EXPECT_EQ(outcome("version = 3\n[[package]]\nname = \"abc\nversion = \"1.0.0\"\n"),
              "Cargo.lock:3:12: invalid TOML: Error while parsing string: unescaped control characters other than "
              "TAB (U+0009) are explicitly prohibited");
    EXPECT_EQ(outcome("version = 3\n[[package]]\nname = \"a\"\nversion = \"1.0.0\"\ndependencies = [\n \"b\",\n"),
              "Cargo.lock:6:7: invalid TOML: Error while parsing array: encountered end-of-file");
    EXPECT_EQ(outcome("version = 3\n[[package]]\nname = \"a\"\nname = \"b\"\n"),
              "Cargo.lock:4:8: invalid TOML: Error while parsing key-value pair: cannot redefine existing string "
              "'name'");
    EXPECT_EQ(outcome("version = 3\nversion = 4\n"),
              "Cargo.lock:2:11: invalid TOML: Error while parsing key-value pair: cannot redefine existing integer "
              "'version'");
    EXPECT_EQ(outcome("\x1f\x8b\x08 this is a gzip file, not a lockfile"),
              "Cargo.lock:1:2: invalid lockfile: byte 0x8b is not ASCII (cargo writes only ASCII outside comments)");
    EXPECT_EQ(outcome("\x1f\x08 this is a gzip file, not a lockfile"),
              "Cargo.lock:1:1: invalid TOML: Error while parsing root table: expected keys, tables, whitespace or "
              "comments, saw '\\u001F'");
}

TEST(HostileLockfile, ControlBytesAndBrokenUtf8AreRefused) {
    EXPECT_EQ(outcome(std::string("version = 3\n[[package]]\nname = \"a\0b\"\n", 34)),
              "Cargo.lock:3:10: invalid TOML: Error while parsing string: unescaped control characters other than "
              "TAB (U+0009) are explicitly prohibited");
    EXPECT_EQ(outcome("version = 3\n[[package]]\nname = \"a\xff\"\n"),
              "Cargo.lock:3:10: invalid lockfile: byte 0xff is not ASCII (cargo writes only ASCII outside comments)");
}

// Found by fuzz/lockfile_fuzzer.cpp: the fast path skips comment lines
// whatever they hold, toml++ (and cargo) refuse control characters and
// broken UTF-8 in comments. Both scanners must give the same answer.
TEST(HostileLockfile, CommentsAreCheckedLikeTheRestOfTheFile) {
    EXPECT_EQ(refusal("version = 3\n# a\x01"
                      "b\n"),
              "Cargo.lock:2:4: invalid TOML: Error while parsing comment: control characters other than TAB (U+0009) "
              "are explicitly prohibited in comments");
    EXPECT_EQ(refusal("version = 3\n# x\x7f\n"),
              "Cargo.lock:2:4: invalid TOML: Error while parsing comment: control characters other than TAB (U+0009) "
              "are explicitly prohibited in comments");
    EXPECT_EQ(refusal("version = 3\n# a\vb\n"),
              "Cargo.lock:2:4: invalid TOML: Error while parsing comment: vertical tabs '\\v' and form-feeds '\\f' are "
              "not legal line breaks in TOML");
    EXPECT_EQ(refusal("version = 3\n# caf\xe9\n"), "Cargo.lock:2:5: invalid TOML: Encountered invalid utf-8 sequence");
    EXPECT_EQ(refusal(std::string("version = 3\n# nul \0 byte\n", 25)),
              "Cargo.lock:2:7: invalid TOML: Error while parsing comment: control characters other than TAB (U+0009) "
              "are explicitly prohibited in comments");
    // What cargo itself writes at the top stays on the fast path.
    EXPECT_EQ(refusal("# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\n"
                      "version = 4\n\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\n"),
              "accepted: 0 package(s), 1 path package(s)");
}

// A line that starts with '#' is not always a comment: here it ends a
// multi-line string and goes on outside it, where toml++ tested the
// non-ASCII character for whitespace (undefined behaviour).
TEST(HostileLockfile, NonAsciiAfterAStringEndingOnACommentLikeLineIsRefused) {
    EXPECT_EQ(outcome("version = 3\nx = \"\"\"\n#\"\"\"\xc2\xa7\n"),
              "Cargo.lock:3:5: invalid lockfile: byte 0xc2 is not ASCII (cargo writes only ASCII outside comments)");
    EXPECT_EQ(outcome("version = 3\nx = '''\n# \xc2\xa7 '''\n"),
              "Cargo.lock:3:3: invalid lockfile: byte 0xc2 is not ASCII (cargo writes only ASCII outside comments)");
    EXPECT_EQ(outcome("version = 3\n# \xc2\xa7 \"\"\"\n[[package]]\nname = \"a\"\nversion = \"0.1.0\"\n"),
              "accepted: 0 package(s), 1 path package(s)");
}

TEST(HostileLockfile, VersionsOutOfRangeAreNamed) {
    EXPECT_EQ(refusal("version = 99999999999999999999\n"),
              "Cargo.lock:1:31: invalid TOML: Error while parsing decimal integer: '99999999999999999999' is not "
              "representable in 64 bits");
    EXPECT_EQ(refusal("version = 4294967299\n"),
              "Cargo.lock:1:11: lock file version `4294967299` was found, but cargo (and cargo-distfiles) only "
              "understand versions 3 and 4 in a `version` key");
    EXPECT_EQ(refusal("version = -3\n"),
              "Cargo.lock:1:11: lock file version `-3` was found, but cargo (and cargo-distfiles) only understand "
              "versions 3 and 4 in a `version` key");
}

// ---------------------------------------------------------------- wrong types

TEST(HostileLockfile, WrongTypesAreNamed) {
    EXPECT_EQ(refusal("version = 3.0\n"), "Cargo.lock:1:11: `version` must be an integer (3 or 4), found a float");
    EXPECT_EQ(refusal("package = \"x\"\n"),
              "Cargo.lock:1:11: package must be an array of tables ([[package]]), found a string");
    EXPECT_EQ(refusal("package = {name = \"a\"}\n"),
              "Cargo.lock:1:11: package must be an array of tables ([[package]]), found a table");
    EXPECT_EQ(refusal("[package]\nname = \"a\"\n"),
              "Cargo.lock:1:1: this is a Cargo.toml (it has a [package] table), not a Cargo.lock: pass the Cargo.lock "
              "beside it, or write one with `cargo generate-lockfile`");
    EXPECT_EQ(refusal("package = [1, 2]\n"), "Cargo.lock:1:12: [[package]] entry must be a table, found an integer");
    EXPECT_EQ(refusal("[[package]]\nname = [\"a\"]\nversion = \"1.0.0\"\n"),
              "Cargo.lock:2:8: `name` of [[package]] must be a string, found an array");
    EXPECT_EQ(refusal("[[package]]\nname = \"a\"\nversion = 1.0\n"),
              "Cargo.lock:3:11: `version` of a must be a string, found a float");
    EXPECT_EQ(refusal("[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = 1\n"),
              "Cargo.lock:4:10: `source` of a must be a string, found an integer");
    EXPECT_EQ(refusal("[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"" + kCratesIo +
                      "\"\nchecksum = true\n"),
              "Cargo.lock:5:12: `checksum` of a must be a string, found a boolean");
    EXPECT_EQ(refusal("[[package]]\nname = \"a\"\nversion = \"1.0.0\"\nsource = \"" + kCratesIo + "\"\nreplace = {}\n"),
              "Cargo.lock:5:11: `replace` of a must be a string, found a table");
    EXPECT_EQ(refusal("root = [1]\n"), "Cargo.lock:1:8: [root] must be a table, found an array");
    EXPECT_EQ(refusal("metadata = 3\n"), "Cargo.lock:1:12: [metadata] must be a table, found an integer");
    EXPECT_EQ(refusal("[metadata]\n\"checksum a 1.0.0 (" + kCratesIo + ")\" = 1\n"),
              "Cargo.lock:2:78: [metadata] \"checksum a 1.0.0 (" + kCratesIo +
                  ")\" must be a string, found an integer");
}

// ---------------------------------------------------------------- deep nesting

TEST(HostileLockfile, DeeplyNestedValuesAreRefused) {
    std::string arrays = "x = " + std::string(100000, '[') + std::string(100000, ']') + "\n";
    EXPECT_EQ(outcome_in_child(arrays),
              "Cargo.lock:1:261: invalid TOML: Error while parsing value: exceeded maximum nested value depth of 256 "
              "(TOML_MAX_NESTED_VALUES)");
    std::string tables = "x = ";
    for (int i = 0; i < 100000; ++i) tables += "{a = ";
    tables += "1" + std::string(100000, '}') + "\n";
    EXPECT_EQ(outcome_in_child(tables),
              "Cargo.lock:1:1285: invalid TOML: Error while parsing value: exceeded maximum nested value depth of 256 "
              "(TOML_MAX_NESTED_VALUES)");
}

// toml++ recurses once per level of a dotted key or table name (in
// update_region_ends) without any limit: half a megabyte of "a.a.a..." is a
// stack overflow. The reader must refuse such a file before toml++ sees it
// (no Cargo.lock nests deeper than [[patch.unused]]). PROPOSED message.
TEST(HostileLockfile, DeeplyDottedKeysAreRefusedNotAStackOverflow) {
    std::string key = "a";
    for (int i = 0; i < 1000000; ++i) key += ".a";
    EXPECT_EQ(outcome_in_child(key + " = 1\n"),
              "Cargo.lock:1: invalid TOML: a key or table name nested deeper than 128 levels");
    EXPECT_EQ(outcome_in_child("version = 3\n[" + key + "]\n"),
              "Cargo.lock:2: invalid TOML: a key or table name nested deeper than 128 levels");
    EXPECT_EQ(outcome_in_child("[[" + key + "]]\n"),
              "Cargo.lock:1: invalid TOML: a key or table name nested deeper than 128 levels");
}

// A multi-line string closed by four quotes (one of them its own) hid the
// key after it from the depth check: toml++ overflowed its stack.
TEST(HostileLockfile, DeeplyDottedKeyAfterFourClosingQuotesIsRefused) {
    std::string key = "a";
    for (int i = 0; i < 1000000; ++i) key += ".a";
    EXPECT_EQ(outcome_in_child("version = 3\nt = { s = \"\"\"x\"\"\"\", " + key + " = 1 }\n"),
              "Cargo.lock:2: invalid TOML: a key or table name nested deeper than 128 levels");
}

TEST(HostileLockfile, ModeratelyDottedKeysOfUnknownTablesAreIgnored) {
    std::string key = "a";
    for (int i = 0; i < 100; ++i) key += ".a";
    EXPECT_EQ(outcome_in_child("version = 3\n[" + key + "]\nx = 1\n" + package("a", "1.0.0")),
              "accepted: 1 package(s), 0 path package(s)");
}

// ---------------------------------------------------------------- huge strings

TEST(HostileLockfile, HugeValuesAreNamedShortened) {
    std::string huge(1 << 20, 'a');
    EXPECT_EQ(refusal(package(huge, "1.0.0")),
              "Cargo.lock:2:8: package name \"" + std::string(120, 'a') + "\"... (1048576 bytes)" + kNotAName);
    EXPECT_EQ(refusal(package("a", "1.0.0-" + huge)),
              "Cargo.lock:3:11: version \"1.0.0-" + std::string(114, 'a') +
                  "\"... (1048582 bytes) of package a is not a valid semantic version");
    EXPECT_EQ(refusal(package("a", "1.0.0", kCratesIo, std::string(1 << 20, 'f'))),
              "Cargo.lock:5:12: checksum \"" + std::string(120, 'f') +
                  "\"... (1048576 bytes) of a 1.0.0 is not 64 hex "
                  "digits");
    EXPECT_EQ(refusal(package("a", "1.0.0", "registry+https://x.org/" + huge + "$")),
              "Cargo.lock:4:10: source \"registry+https://x.org/" + std::string(97, 'a') + "\"... (1048600 bytes)" +
                  kNotInSource);
}

// ---------------------------------------------------------------- shell and exheres injection

struct Injection {
    std::string toml;   // as written between the quotes of the lockfile
    std::string shown;  // as the error message quotes it
};

// The values an attacker would try, in TOML spelling and as quote() shows them.
const std::vector<Injection> kInjections = {
    {"a\\\"b", "\"a\\\"b\""},     {"$(touch pwned)", "\"$(touch pwned)\""},
    {"`id`", "\"`id`\""},         {"a\\nb", "\"a\\nb\""},
    {"a b", "\"a b\""},           {"a->b", "\"a->b\""},
    {"a;b", "\"a;b\""},           {"a'b", "\"a'b\""},
    {"a\\u0000b", "\"a\\x00b\""}, {"a\\rb", "\"a\\x0db\""},
    {"${IFS}", "\"${IFS}\""},     {"a|b", "\"a|b\""},
};

TEST(HostileLockfile, NamesCarryingShellSyntaxAreRefused) {
    for (const auto& v : kInjections)
        EXPECT_EQ(refusal(package(v.toml, "1.0.0")), "Cargo.lock:2:8: package name " + v.shown + kNotAName) << v.toml;
}

TEST(HostileLockfile, VersionsCarryingShellSyntaxAreRefused) {
    for (const auto& v : kInjections) {
        std::string shown = "\"1.0.0-" + v.shown.substr(1);
        EXPECT_EQ(refusal(package("a", "1.0.0-" + v.toml)),
                  "Cargo.lock:3:11: version " + shown + " of package a is not a valid semantic version")
            << v.toml;
    }
    EXPECT_EQ(refusal(package("a", "1.0.0 -> evil.crate")),
              "Cargo.lock:3:11: version \"1.0.0 -> evil.crate\" of package a is not a valid semantic version");
    EXPECT_EQ(refusal(package("a", "1.0.0+`id`")),
              "Cargo.lock:3:11: version \"1.0.0+`id`\" of package a is not a valid semantic version");
}

TEST(HostileLockfile, SourcesCarryingShellSyntaxAreRefused) {
    for (const auto& v : kInjections) {
        std::string shown = "\"registry+https://x.org/" + v.shown.substr(1);
        EXPECT_EQ(refusal(package("a", "1.0.0", "registry+https://x.org/" + v.toml)),
                  "Cargo.lock:4:10: source " + shown + kNotInSource)
            << v.toml;
    }
    EXPECT_EQ(refusal(package("a", "1.0.0", "git+https://github.com/a/b->c#" + kCommit, "")),
              "Cargo.lock:4:10: source \"git+https://github.com/a/b->c#" + kCommit + "\"" + kNotInSource);
    EXPECT_EQ(refusal(package("a", "1.0.0", "sparse+https://x.org/ -> evil", "")),
              "Cargo.lock:4:10: source \"sparse+https://x.org/ -> evil\"" + kNotInSource);
}

// Git references are form-decoded (V4 writes `%2F`, `+`): what they decode to
// must be as harmless as what is written.
TEST(HostileLockfile, GitReferencesDecodingToShellSyntaxAreRefused) {
    struct Ref {
        std::string query, decoded;
    };
    const std::vector<Ref> refs = {
        {"?branch=%24%28id%29", "\"$(id)\""},
        {"?branch=%60id%60", "\"`id`\""},
        {"?tag=v1%0Aevil", "\"v1\\nevil\""},
        {"?rev=a-%3Eb", "\"a->b\""},
        {"?tag=a+b", "\"a b\""},
        {"?branch=%22", "\"\\\"\""},
        {"?branch=a%3Bb", "\"a;b\""},
        {"?tag=%27", "\"'\""},
        {"?rev=%5C", "\"\\\\\""},
    };
    for (const auto& r : refs) {
        std::string source = git_source(r.query);
        EXPECT_EQ(refusal(package("a", "1.0.0", source, "")), "Cargo.lock:4:10: git source \"" + source +
                                                                  "\" names the reference " + r.decoded +
                                                                  ", which holds a character that is not allowed")
            << r.query;
    }
}

TEST(HostileLockfile, ChecksumsCarryingShellSyntaxAreRefused) {
    EXPECT_EQ(refusal(package("a", "1.0.0", kCratesIo, "$(id)")),
              "Cargo.lock:5:12: checksum \"$(id)\" of a 1.0.0 is not 64 hex digits");
    EXPECT_EQ(refusal(package("a", "1.0.0", kCratesIo, "") + "[metadata]\n\"checksum a 1.0.0 (" + kCratesIo +
                      ")\" = \"`id`\"\n"),
              "Cargo.lock:6:78: checksum \"`id`\" of a 1.0.0 is not 64 hex digits");
}

// Found by fuzz/lockfile_fuzzer.cpp: raw_lockfile.hpp promises "[root] first
// when present, then [[package]] in file order"; toml++ keeps that promise,
// the fast path keeps file order, so with a [root] after a [[package]] the
// two report different errors (whichever table is validated first).
TEST(HostileLockfile, RootAfterAPackageGetsTheSameAnswerFromBothScanners) {
    EXPECT_EQ(refusal(package("a", "x") + "\n[root]\nversion = \"0.1.0\"\n"), "Cargo.lock:7:1: [root] has no `name`");
}

// Path and workspace packages are counted, never written anywhere: their
// names do not matter.
TEST(HostileLockfile, PathPackagesWithOddNamesAreDroppedNotWritten) {
    EXPECT_EQ(refusal(package("$(id)", "`x`", "", "")), "accepted: 0 package(s), 1 path package(s)");
}

// ---------------------------------------------------------------- through the binary

TEST(HostileLockfile, GenerateWritesNothingForARefusedLockfile) {
    test::ScratchDir d;
    test::write_text(d / "Cargo.lock", "version = 4\n\n" + package("a", "1.0.0\\n$(touch pwned)"));
    test::RunResult r = test::run_cli({"generate", "Cargo.lock", "--manifest", "m", "-o", "block"}, d.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err,
              "cargo-distfiles: error: Cargo.lock:5:11: version \"1.0.0\\n$(touch pwned)\" of package a is not "
              "a valid semantic version\n");
    EXPECT_FALSE(std::filesystem::exists(d / "m"));
    EXPECT_FALSE(std::filesystem::exists(d / "block"));
    EXPECT_FALSE(std::filesystem::exists(d / "pwned"));
}

TEST(HostileLockfile, UpdateLeavesTheExheresAlone) {
    test::ScratchDir d;
    const std::string exheres = "# Copyright\n\nSUMMARY=\"demo\"\nDOWNLOADS=\"\"\n";
    test::write_text(d / "demo-1.0.exheres-0", exheres);
    test::write_text(d / "Cargo.lock", "version = 4\n\n" + package("a", "1.0.0", git_source("?branch=%60id%60"), ""));
    test::RunResult r = test::run_cli({"update", "demo-1.0.exheres-0", "--lock", "Cargo.lock"}, d.path());
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, "cargo-distfiles: error: Cargo.lock:6:10: git source \"" + git_source("?branch=%60id%60") +
                         "\" names the reference \"`id`\", which holds a character that is not allowed\n");
    EXPECT_EQ(test::read_text(d / "demo-1.0.exheres-0"), exheres);
    EXPECT_FALSE(std::filesystem::exists(d / "files"));
}

}  // namespace
}  // namespace cdf::lock
