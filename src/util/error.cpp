#include "util/error.hpp"

#include <fmt/format.h>

namespace cdf {

std::string Location::str() const {
    if (file.empty()) return {};
    if (line == 0) return file;
    if (column == 0) return fmt::format("{}:{}", file, line);
    return fmt::format("{}:{}:{}", file, line, column);
}

static std::string compose(const Location& where, const std::string& message) {
    std::string at = where.str();
    return at.empty() ? message : at + ": " + message;
}

Error::Error(ErrorKind kind, Location where, std::string message)
    : std::runtime_error(compose(where, message)),
      kind_(kind),
      where_(std::move(where)),
      message_(std::move(message)) {}

Error::Error(ErrorKind kind, std::string message) : Error(kind, Location{}, std::move(message)) {}

int Error::exit_status() const noexcept {
    switch (kind_) {
        case ErrorKind::BadInput: return 2;
        case ErrorKind::CheckFailed: return 1;
        case ErrorKind::Internal: return 3;
    }
    return 3;
}

void bad_input(Location where, std::string message) {
    throw Error(ErrorKind::BadInput, std::move(where), std::move(message));
}

void internal_error(std::string message) { throw Error(ErrorKind::Internal, std::move(message)); }

std::string quote(std::string_view value) {
    constexpr std::size_t max_shown = 120;
    std::string out = "\"";
    std::size_t shown = 0;
    for (unsigned char c : value) {
        if (shown == max_shown) {
            out += fmt::format("\"... ({} bytes)", value.size());
            return out;
        }
        ++shown;
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c == '\n') {
            out += "\\n";
        } else if (c == '\t') {
            out += "\\t";
        } else if (c < 0x20 || c >= 0x7f) {
            out += fmt::format("\\x{:02x}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
    return out;
}

}  // namespace cdf
