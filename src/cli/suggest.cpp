#include "cli/suggest.hpp"

#include <algorithm>

namespace cdf::cli {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment distance: Levenshtein plus transpositions.
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i)
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = 0;
    for (const auto& c : candidates) {
        std::size_t dist = edit_distance(word, c);
        if (!best || dist < best_distance) {
            best = c;
            best_distance = dist;
        }
    }
    if (!best) return std::nullopt;
    std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
    if (best_distance <= limit && best_distance < std::max(word.size(), best->size())) return best;
    // A unique prefix: `gen` for generate, `--man` for --manifest.
    std::optional<std::string> prefixed;
    for (const auto& c : candidates)
        if (word.size() >= 2 && c.size() > word.size() && c.compare(0, word.size(), word) == 0) {
            if (prefixed) return std::nullopt;
            prefixed = c;
        }
    return prefixed;
}

}  // namespace cdf::cli
