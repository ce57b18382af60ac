// Walking a text line by line, with 1-based line numbers, for the
// line-oriented files we read (manifests, licence tables, exheres).
#pragma once

#include <cstdint>
#include <string_view>

namespace cdf {

class Lines {
public:
    explicit Lines(std::string_view text) : text_(text) {}

    // The next line without its '\n' (a final line without one counts);
    // false at the end of the text.
    bool next(std::string_view& line) {
        if (pos_ >= text_.size()) return false;
        std::size_t eol = text_.find('\n', pos_);
        if (eol == std::string_view::npos) eol = text_.size();
        line = text_.substr(pos_, eol - pos_);
        pos_ = eol + 1;
        ++number_;
        return true;
    }
    // 1-based number of the line last returned by next().
    std::uint32_t number() const { return number_; }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::uint32_t number_ = 0;
};

// The first line that is neither empty nor a '#' comment ("" if none).
inline std::string_view first_significant_line(std::string_view text) {
    Lines lines(text);
    std::string_view line;
    while (lines.next(line))
        if (!line.empty() && line.front() != '#') return line;
    return {};
}

}  // namespace cdf
