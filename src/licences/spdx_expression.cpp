#include "licences/spdx_expression.hpp"

#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "util/error.hpp"

namespace cdf::licences {

namespace {

enum class TokenKind { Word, Open, Close, Slash, End };

struct Token {
    TokenKind kind = TokenKind::End;
    std::string_view text;
    std::size_t offset = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

// Letters, digits, '.', '-'; ':' separates a DocumentRef from its LicenseRef.
bool is_id_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':'; }

class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) { advance(); }

    SpdxExpression parse() {
        if (current_.kind == TokenKind::End) fail("the expression is empty");
        SpdxExpression e = expression();
        if (current_.kind != TokenKind::End) unexpected("an operator or the end");
        return e;
    }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
    Token current_;

    void advance() {
        while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
        Token t;
        t.offset = pos_;
        if (pos_ == text_.size()) {
            t.kind = TokenKind::End;
        } else if (text_[pos_] == '(' || text_[pos_] == ')' || text_[pos_] == '/') {
            t.kind = text_[pos_] == '(' ? TokenKind::Open : text_[pos_] == ')' ? TokenKind::Close : TokenKind::Slash;
            t.text = text_.substr(pos_, 1);
            ++pos_;
        } else {
            std::size_t end = pos_;
            while (end < text_.size() && !is_space(text_[end]) && text_[end] != '(' && text_[end] != ')' &&
                   text_[end] != '/')
                ++end;
            t.kind = TokenKind::Word;
            t.text = text_.substr(pos_, end - pos_);
            pos_ = end;
        }
        current_ = t;
    }

    bool at_operator(std::string_view op) const {
        return current_.kind == TokenKind::Word && equals_ignoring_case(current_.text, op);
    }
    bool at_any_operator() const { return at_operator("AND") || at_operator("OR") || at_operator("WITH"); }

    [[noreturn]] void fail(const std::string& what) const {
        throw Error(ErrorKind::BadInput, fmt::format("{} in licence expression {}", what, quote(text_)));
    }
    [[noreturn]] void unexpected(std::string_view expected) const {
        if (current_.kind == TokenKind::End) fail(fmt::format("expected {} at the end", expected));
        fail(fmt::format("expected {}, found {} at offset {}", expected, quote(current_.text), current_.offset));
    }

    static void append_operand(SpdxExpression& group, SpdxExpression operand) {
        if (operand.kind == group.kind) {
            for (auto& o : operand.operands) group.operands.push_back(std::move(o));
        } else {
            group.operands.push_back(std::move(operand));
        }
    }

    SpdxExpression expression() {
        SpdxExpression first = and_expression();
        if (!(at_operator("OR") || current_.kind == TokenKind::Slash)) return first;
        SpdxExpression group;
        group.kind = SpdxExpression::Kind::Or;
        append_operand(group, std::move(first));
        while (at_operator("OR") || current_.kind == TokenKind::Slash) {
            advance();
            append_operand(group, and_expression());
        }
        return group;
    }

    SpdxExpression and_expression() {
        SpdxExpression first = with_expression();
        if (!at_operator("AND")) return first;
        SpdxExpression group;
        group.kind = SpdxExpression::Kind::And;
        append_operand(group, std::move(first));
        while (at_operator("AND")) {
            advance();
            append_operand(group, with_expression());
        }
        return group;
    }

    SpdxExpression with_expression() {
        SpdxExpression e = primary();
        if (!at_operator("WITH")) return e;
        if (e.kind != SpdxExpression::Kind::Licence || !e.exception.empty())
            fail(fmt::format("`WITH` at offset {} must follow a single licence id", current_.offset));
        advance();
        if (current_.kind != TokenKind::Word || at_any_operator()) unexpected("an exception id after `WITH`");
        check_id(current_.text, /*plus_allowed=*/false);
        e.exception = std::string(current_.text);
        advance();
        return e;
    }

    SpdxExpression primary() {
        if (current_.kind == TokenKind::Open) {
            advance();
            SpdxExpression inner = expression();
            if (current_.kind != TokenKind::Close) unexpected("`)`");
            advance();
            return inner;
        }
        if (current_.kind != TokenKind::Word || at_any_operator()) unexpected("a licence id or `(`");
        std::string_view word = current_.text;
        SpdxExpression e;
        if (word.size() > 1 && word.back() == '+') {
            e.or_later = true;
            word.remove_suffix(1);
        }
        check_id(word, /*plus_allowed=*/true);
        e.id = std::string(word);
        advance();
        return e;
    }

    void check_id(std::string_view id, bool plus_allowed) const {
        for (char c : id) {
            if (!is_id_char(c)) {
                std::string allowed = plus_allowed ? "letters, digits, '.', '-', ':' and a final '+'"
                                                   : "letters, digits, '.', '-' and ':'";
                fail(fmt::format("{} at offset {} is not a licence id (which holds only {})", quote(current_.text),
                                 current_.offset, allowed));
            }
        }
    }
};

enum class Context { Top, InAnd, WithOperand };

void write(std::string& out, const SpdxExpression& e, Context context) {
    switch (e.kind) {
        case SpdxExpression::Kind::Licence:
            out += e.id;
            if (e.or_later) out += '+';
            if (!e.exception.empty()) {
                out += " WITH ";
                out += e.exception;
            }
            return;
        case SpdxExpression::Kind::And:
        case SpdxExpression::Kind::Or: {
            bool is_or = e.kind == SpdxExpression::Kind::Or;
            bool parens = is_or ? context != Context::Top : context == Context::WithOperand;
            if (parens) out += '(';
            for (std::size_t i = 0; i < e.operands.size(); ++i) {
                if (i) out += is_or ? " OR " : " AND ";
                write(out, e.operands[i], is_or ? Context::Top : Context::InAnd);
            }
            if (parens) out += ')';
            return;
        }
    }
}

}  // namespace

SpdxExpression parse_spdx(std::string_view text) { return Parser(text).parse(); }

std::string to_string(const SpdxExpression& expression) {
    std::string out;
    write(out, expression, Context::Top);
    return out;
}

}  // namespace cdf::licences
