// Licences in Exherbo's terms: mapping SPDX expressions onto Exherbo names,
// simplifying the result, and writing it as an exheres LICENCES value.
//
// An exheres LICENCES value is a list whose every item must be accepted;
// `|| ( A B )` is a choice and `( A B )` inside a choice is "all of". So the
// licences of several crates combine as "all of" their expressions, and
// simplification keeps the meaning "which sets of accepted licences are
// enough":
//   - nested groups of the same kind are flattened, duplicates removed;
//   - names an all-of requires count as accepted inside its other items:
//     `A AND (A OR B)` is `A`, `A AND (B OR (A AND C))` is `A AND (B OR C)`;
//   - absorption: `(A OR B) AND (A OR B OR C)` is `A OR B`,
//     `A OR (A AND B)` is `A`;
//   - a group of one item is that item;
//   - items are sorted: names first in byte order, then groups by their text.
#pragma once

#include <string>
#include <vector>

#include "licences/licence_table.hpp"
#include "licences/spdx_expression.hpp"

namespace cdf::licences {

struct ExherboLicences {
    enum class Kind { Name, AllOf, AnyOf };
    Kind kind = Kind::AllOf;  // the default value is "nothing required"
    std::string name;         // Kind::Name
    std::vector<ExherboLicences> items;

    bool operator==(const ExherboLicences&) const = default;
};

// Maps every licence of `expression` through `table`. A licence the table
// lacks is written into the result as its SPDX id, spelled as the crate
// spelled it (without '+' and WITH: the key a --licence-map line needs), and
// that id is appended to `unknown`; the output stays truthful and the
// packager sees what to map.
ExherboLicences map_to_exherbo(const SpdxExpression& expression, const LicenceTable& table,
                               std::vector<std::string>& unknown);

// The simplified equivalent (rules above).
ExherboLicences simplify(const ExherboLicences& licences);

// The value in exheres syntax, items separated by one space:
// "Apache-2.0 MIT", "|| ( Apache-2.0 MIT )", "|| ( ( Apache-2.0 MIT ) ISC )".
std::string render_value(const ExherboLicences& licences);

// The items of the top level (what render_block puts one per line).
std::vector<std::string> render_items(const ExherboLicences& licences);

// The exheres assignment, with a final newline:
//   no item:      LICENCES=""
//   one item:     LICENCES="|| ( Apache-2.0 MIT )"
//   several:      LICENCES="
//                     Apache-2.0
//                     || ( MIT Unlicense )
//                 "
// (four-space indents, as Exherbo's style wants).
std::string render_block(const ExherboLicences& licences);

}  // namespace cdf::licences
