#include "exheres/bash_lines.hpp"

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::exheres {

namespace {

enum class Context { DoubleQuote, SingleQuote, AnsiQuote, Backquote, Paren, Brace };

struct Open {
    Context context;
    std::uint32_t line;
};

struct Heredoc {
    std::string delimiter;
    bool strip_tabs;
};

const char* describe(Context c) {
    switch (c) {
        case Context::DoubleQuote: return "double quote (\")";
        case Context::SingleQuote: return "single quote (')";
        case Context::AnsiQuote: return "quote $'";
        case Context::Backquote: return "backquote (`)";
        case Context::Paren: return "parenthesis";
        case Context::Brace: return "${";
    }
    return "quote";
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Characters after which a '#' starts a comment.
bool starts_word_after(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')';
}

bool ends_heredoc_word(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<' || c == '>' || c == '(' ||
           c == ')';
}

class Scanner {
public:
    Scanner(std::string_view text, const std::string& path) : text_(text), path_(path) {}

    std::vector<LogicalLine> run() {
        std::size_t start = 0;
        std::uint32_t start_line = 1;
        while (i_ < text_.size()) {
            char c = text_[i_];
            if (c == '\n') {
                ++i_;
                ++line_;
                if (!heredocs_.empty() && !in_quote()) skip_heredoc_bodies();
                if (stack_.empty()) {
                    out_.push_back(LogicalLine{start, i_, start_line, line_ - 1, true});
                    start = i_;
                    start_line = line_;
                }
                continue;
            }
            step(c);
        }
        if (!stack_.empty()) {
            const Open& o = stack_.back();
            bad_input(Location{path_, o.line},
                      fmt::format("this {} is never closed, so bash could not read the exheres either",
                                  describe(o.context)));
        }
        if (start < text_.size()) out_.push_back(LogicalLine{start, text_.size(), start_line, line_, false});
        return std::move(out_);
    }

private:
    bool in_quote() const {
        if (stack_.empty()) return false;
        Context c = stack_.back().context;
        return c == Context::DoubleQuote || c == Context::SingleQuote || c == Context::AnsiQuote;
    }

    char at(std::size_t k) const { return k < text_.size() ? text_[k] : '\0'; }

    void push(Context c) { stack_.push_back(Open{c, line_}); }
    void pop_if(Context c) {
        if (!stack_.empty() && stack_.back().context == c) stack_.pop_back();
    }

    // A backslash: the next character is taken literally; a backslash-newline
    // joins two physical lines into one logical line.
    void skip_escaped() {
        ++i_;
        if (i_ < text_.size()) {
            if (text_[i_] == '\n') ++line_;
            ++i_;
        }
    }

    void step(char c) {
        if (!stack_.empty()) {
            switch (stack_.back().context) {
                case Context::SingleQuote:
                    if (c == '\'') stack_.pop_back();
                    ++i_;
                    return;
                case Context::AnsiQuote:
                    if (c == '\\') return skip_escaped();
                    if (c == '\'') stack_.pop_back();
                    ++i_;
                    return;
                case Context::DoubleQuote:
                    if (c == '\\') return skip_escaped();
                    if (c == '"') {
                        stack_.pop_back();
                        ++i_;
                        return;
                    }
                    if (c == '$' || c == '`') return step_expansion(c);
                    ++i_;
                    return;
                default: break;  // code: ( ), $( ), ${ }, backquotes
            }
        }
        switch (c) {
            case '\\': return skip_escaped();
            case '$':
            case '`': return step_expansion(c);
            case '"': ++i_; return push(Context::DoubleQuote);
            case '\'': ++i_; return push(Context::SingleQuote);
            case '(': ++i_; return push(Context::Paren);
            case ')': ++i_; return pop_if(Context::Paren);
            case '}': ++i_; return pop_if(Context::Brace);
            case '#':
                if (i_ == 0 || starts_word_after(text_[i_ - 1])) {
                    while (i_ < text_.size() && text_[i_] != '\n') ++i_;
                } else {
                    ++i_;
                }
                return;
            case '<':
                ++i_;
                if (at(i_) == '<' && at(i_ + 1) != '<') read_heredoc_operator();
                return;
            default: ++i_; return;
        }
    }

    // '$' or '`', in code or inside double quotes.
    void step_expansion(char c) {
        if (c == '`') {
            ++i_;
            if (!stack_.empty() && stack_.back().context == Context::Backquote) return stack_.pop_back();
            return push(Context::Backquote);
        }
        char next = at(i_ + 1);
        bool in_double = !stack_.empty() && stack_.back().context == Context::DoubleQuote;
        if (next == '(') {
            i_ += 2;
            return push(Context::Paren);
        }
        if (next == '{') {
            i_ += 2;
            return push(Context::Brace);
        }
        if (next == '\'' && !in_double) {
            i_ += 2;
            return push(Context::AnsiQuote);
        }
        ++i_;
    }

    // After "<" with i_ on the second '<': reads `<<[-] WORD`.
    void read_heredoc_operator() {
        ++i_;
        Heredoc h{{}, false};
        if (at(i_) == '-') {
            h.strip_tabs = true;
            ++i_;
        }
        while (i_ < text_.size() && is_blank(text_[i_])) ++i_;
        // The delimiter word, with its quotes removed (quoting it only turns
        // off expansion in the body).
        char quote = '\0';
        while (i_ < text_.size()) {
            char c = text_[i_];
            if (quote) {
                if (c == quote) {
                    quote = '\0';
                } else {
                    if (c == '\n') ++line_;
                    h.delimiter += c;
                }
                ++i_;
                continue;
            }
            if (ends_heredoc_word(c)) break;
            if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i_ + 1 < text_.size()) {
                ++i_;
                h.delimiter += text_[i_];
            } else {
                h.delimiter += c;
            }
            ++i_;
        }
        if (!h.delimiter.empty()) heredocs_.push_back(std::move(h));
    }

    // At the start of the line after one with `<<WORD`: skips each pending
    // body up to its delimiter line. A body that runs to the end of the text
    // is accepted, as bash does (with a warning).
    void skip_heredoc_bodies() {
        for (const Heredoc& h : heredocs_) {
            while (i_ < text_.size()) {
                std::size_t eol = text_.find('\n', i_);
                bool has_newline = eol != std::string_view::npos;
                if (!has_newline) eol = text_.size();
                std::string_view body_line = text_.substr(i_, eol - i_);
                if (h.strip_tabs)
                    while (!body_line.empty() && body_line.front() == '\t') body_line.remove_prefix(1);
                i_ = has_newline ? eol + 1 : eol;
                if (has_newline) ++line_;
                if (body_line == h.delimiter) break;
            }
        }
        heredocs_.clear();
    }

    std::string_view text_;
    const std::string& path_;
    std::size_t i_ = 0;
    std::uint32_t line_ = 1;
    std::vector<Open> stack_;
    std::vector<Heredoc> heredocs_;
    std::vector<LogicalLine> out_;
};

}  // namespace

std::vector<LogicalLine> logical_lines(std::string_view text, const std::string& path) {
    return Scanner(text, path).run();
}

}  // namespace cdf::exheres
