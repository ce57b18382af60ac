// cdf::Error: the one error type of cargo-distfiles.
//
// An Error says what went wrong, where (a file with line and column, or an
// archive and one of its entries) and which value was at fault. main() turns
// it into a message on stderr and an exit status:
//   ErrorKind::BadInput    -> 2  (a lockfile, manifest, option or distfile is wrong)
//   ErrorKind::CheckFailed -> 1  (`--check` found stale output, verification failed)
//   ErrorKind::Internal    -> 3  (I/O failure or a bug)
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace cdf {

enum class ErrorKind { BadInput, CheckFailed, Internal };

struct Location {
    std::string file;        // empty when the error is not about a file
    std::uint32_t line = 0;  // 1-based; 0 = unknown
    std::uint32_t column = 0;

    // "file:line:column", "file:line", "file" or "".
    std::string str() const;
};

class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, Location where, std::string message);
    Error(ErrorKind kind, std::string message);

    ErrorKind kind() const noexcept { return kind_; }
    const Location& where() const noexcept { return where_; }
    // The message without the location.
    const std::string& message() const noexcept { return message_; }
    int exit_status() const noexcept;

private:
    ErrorKind kind_;
    Location where_;
    std::string message_;
};

// Shorthands for the common kinds.
[[noreturn]] void bad_input(Location where, std::string message);
[[noreturn]] void internal_error(std::string message);

// Quote a value for an error message: printable ASCII kept, anything else
// escaped, long values shortened, so hostile input cannot garble a terminal.
std::string quote(std::string_view value);

}  // namespace cdf
