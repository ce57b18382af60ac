#include "licences/spdx_expression.hpp"

#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace cdf::licences {
namespace {

std::string canon(std::string_view text) { return to_string(parse_spdx(text)); }

TEST(SpdxExpression, SingleLicence) {
    SpdxExpression e = parse_spdx("MIT");
    EXPECT_EQ(e.kind, SpdxExpression::Kind::Licence);
    EXPECT_EQ(e.id, "MIT");
    EXPECT_FALSE(e.or_later);
    EXPECT_EQ(e.exception, "");
}

TEST(SpdxExpression, OrLaterAndException) {
    SpdxExpression e = parse_spdx("GPL-2.0+ WITH Classpath-exception-2.0");
    EXPECT_EQ(e.id, "GPL-2.0");
    EXPECT_TRUE(e.or_later);
    EXPECT_EQ(e.exception, "Classpath-exception-2.0");
    EXPECT_EQ(to_string(e), "GPL-2.0+ WITH Classpath-exception-2.0");
}

TEST(SpdxExpression, DeprecatedSlashIsOr) {
    EXPECT_EQ(canon("MIT/Apache-2.0"), "MIT OR Apache-2.0");
    EXPECT_EQ(canon("MIT / Apache-2.0 / Zlib"), "MIT OR Apache-2.0 OR Zlib");
    SpdxExpression e = parse_spdx("MIT/Apache-2.0");
    ASSERT_EQ(e.kind, SpdxExpression::Kind::Or);
    ASSERT_EQ(e.operands.size(), 2u);
    EXPECT_EQ(e.operands[0].id, "MIT");
    EXPECT_EQ(e.operands[1].id, "Apache-2.0");
}

TEST(SpdxExpression, AndBindsTighterThanOr) {
    SpdxExpression e = parse_spdx("MIT OR Apache-2.0 AND ISC");
    ASSERT_EQ(e.kind, SpdxExpression::Kind::Or);
    EXPECT_EQ(e.operands[1].kind, SpdxExpression::Kind::And);
    EXPECT_EQ(to_string(e), "MIT OR Apache-2.0 AND ISC");
    EXPECT_EQ(canon("(MIT OR Apache-2.0) AND ISC"), "(MIT OR Apache-2.0) AND ISC");
}

TEST(SpdxExpression, NestedSameOperatorsFlatten) {
    SpdxExpression e = parse_spdx("(MIT OR (Apache-2.0 OR Zlib)) OR ISC");
    ASSERT_EQ(e.kind, SpdxExpression::Kind::Or);
    EXPECT_EQ(e.operands.size(), 4u);
    EXPECT_EQ(canon("MIT AND (ISC AND Zlib)"), "MIT AND ISC AND Zlib");
}

TEST(SpdxExpression, LowerCaseOperators) {
    EXPECT_EQ(canon("mit or apache-2.0 and isc"), "mit OR apache-2.0 AND isc");
    EXPECT_EQ(canon("Apache-2.0 with LLVM-exception"), "Apache-2.0 WITH LLVM-exception");
}

TEST(SpdxExpression, RealCratesIoExpressions) {
    EXPECT_EQ(canon("Unlicense OR MIT"), "Unlicense OR MIT");
    EXPECT_EQ(canon("(MIT OR Apache-2.0) AND Unicode-DFS-2016"), "(MIT OR Apache-2.0) AND Unicode-DFS-2016");
    EXPECT_EQ(canon("Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"),
              "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT");
    EXPECT_EQ(canon("LicenseRef-ring"), "LicenseRef-ring");
    EXPECT_EQ(canon("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"),
              "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2");
}

TEST(SpdxExpression, RefusesEmpty) {
    EXPECT_EQ(test::error_of([] { parse_spdx("  "); }), "the expression is empty in licence expression \"  \"");
}

TEST(SpdxExpression, RefusesCommaList) {
    EXPECT_EQ(test::error_of([] { parse_spdx("MIT, Apache-2.0"); }),
              "\"MIT,\" at offset 0 is not a licence id (which holds only letters, digits, '.', '-', ':' and a final "
              "'+') in licence expression \"MIT, Apache-2.0\"");
}

TEST(SpdxExpression, RefusesMissingOperator) {
    EXPECT_EQ(test::error_of([] { parse_spdx("Apache 2.0"); }),
              "expected an operator or the end, found \"2.0\" at offset 7 in licence expression \"Apache 2.0\"");
}

TEST(SpdxExpression, RefusesUnbalancedParentheses) {
    EXPECT_EQ(test::error_of([] { parse_spdx("(MIT OR ISC"); }),
              "expected `)` at the end in licence expression \"(MIT OR ISC\"");
    EXPECT_EQ(test::error_of([] { parse_spdx("MIT)"); }),
              "expected an operator or the end, found \")\" at offset 3 in licence expression \"MIT)\"");
}

TEST(SpdxExpression, RefusesDanglingOperator) {
    EXPECT_EQ(test::error_of([] { parse_spdx("MIT OR"); }),
              "expected a licence id or `(` at the end in licence expression \"MIT OR\"");
    EXPECT_EQ(test::error_of([] { parse_spdx("AND MIT"); }),
              "expected a licence id or `(`, found \"AND\" at offset 0 in licence expression \"AND MIT\"");
}

TEST(SpdxExpression, RefusesWithAfterGroup) {
    EXPECT_EQ(test::error_of([] { parse_spdx("(MIT OR ISC) WITH foo"); }),
              "`WITH` at offset 13 must follow a single licence id in licence expression \"(MIT OR ISC) WITH foo\"");
}

TEST(SpdxExpression, RefusesPlusInsideId) {
    EXPECT_EQ(test::error_of([] { parse_spdx("GPL-2.0++"); }),
              "\"GPL-2.0++\" at offset 0 is not a licence id (which holds only letters, digits, '.', '-', ':' and a "
              "final '+') in licence expression \"GPL-2.0++\"");
}

TEST(SpdxExpression, QuotesHostileText) {
    EXPECT_EQ(test::error_of([] { parse_spdx("MIT\x1b[31m"); }),
              "\"MIT\\x1b[31m\" at offset 0 is not a licence id (which holds only letters, digits, '.', '-', ':' and "
              "a final '+') in licence expression \"MIT\\x1b[31m\"");
}

}  // namespace
}  // namespace cdf::licences
