// SPDX licence expressions as crates write them in Cargo.toml's `license`.
//
// Grammar (SPDX 2.3 annex D, plus what old crates.io uploads carry):
//
//   expression := and-expr ( ("OR" | "/") and-expr )*
//   and-expr   := with-expr ( "AND" with-expr )*
//   with-expr  := primary [ "WITH" EXCEPTION-ID ]
//   primary    := LICENCE-ID ["+"] | "(" expression ")"
//
// Operators are accepted in upper or lower case ("and", "or", "with");
// the deprecated `/` separator ("MIT/Apache-2.0") is an OR with the same
// precedence. Identifiers keep the spelling of the input: matching them
// against the licence table is case-insensitive (see licence_table.hpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cdf::licences {

struct SpdxExpression {
    enum class Kind { Licence, And, Or };
    Kind kind = Kind::Licence;
    // Kind::Licence only.
    std::string id;         // "MIT", "GPL-2.0", "LicenseRef-foo", "DocumentRef-a:LicenseRef-b"
    bool or_later = false;  // a trailing '+'
    std::string exception;  // the WITH exception id, or empty
    // Kind::And / Kind::Or: two or more operands (flattened: an And holds no And).
    std::vector<SpdxExpression> operands;

    bool operator==(const SpdxExpression&) const = default;
};

// Parses `text`. Throws cdf::Error(BadInput) without a location; its message
// says what is wrong and where ("unexpected `)` at offset 5 in \"MIT)\"").
SpdxExpression parse_spdx(std::string_view text);

// Canonical SPDX text: operators in upper case, `/` written as OR,
// parentheses only where precedence needs them ("MIT OR Apache-2.0",
// "(MIT OR Apache-2.0) AND ISC", "GPL-2.0+ WITH Classpath-exception-2.0").
std::string to_string(const SpdxExpression& expression);

}  // namespace cdf::licences
