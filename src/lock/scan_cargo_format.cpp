// The fast scanner: the exact subset of TOML that cargo's serializer writes.
// Anything it does not recognise makes it give up (nullopt), never guess.
#include <algorithm>

#include "lock/raw_lockfile.hpp"

namespace cdf::lock {

namespace {

enum class State { Top, Package, Root, PatchUnused, Metadata };

// Every byte printable ASCII or '\n', and no '\\' (cargo writes no escape
// into a lockfile): then every basic string means what it says, and a string
// ends at the next '"'. One pass over the text, which the compiler
// vectorises, instead of a test per character of each string.
bool plain_text(std::string_view text) {
    unsigned char bad = 0;
    for (char ch : text) {
        auto c = static_cast<unsigned char>(ch);
        bad |= static_cast<unsigned char>((c < 0x20 && c != '\n') | (c > 0x7e) | (c == '\\'));
    }
    return !bad;
}

// `"TEXT"` at s[pos] (in plain text); on success, TEXT and pos just past the
// closing quote.
bool take_string(std::string_view s, std::size_t& pos, std::string_view& out) {
    if (pos >= s.size() || s[pos] != '"') return false;
    std::size_t start = ++pos;
    pos = s.find('"', start);
    if (pos == std::string_view::npos) return false;
    out = s.substr(start, pos - start);
    ++pos;
    return true;
}

class Scanner {
public:
    explicit Scanner(std::string_view text) : text_(text) {}

    std::optional<RawLockfile> run() {
        if (!plain_text(text_)) return std::nullopt;
        // Each [[package]] header holds two '[' (a dependencies array one
        // more): room for every package, so that the list is never moved.
        out_.packages.reserve(static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '[')) / 2 + 1);
        std::size_t pos = 0;
        while (pos < text_.size()) {
            std::size_t eol = text_.find('\n', pos);
            if (eol == std::string_view::npos) eol = text_.size();
            line_ = text_.substr(pos, eol - pos);
            pos = eol + 1;
            ++lineno_;
            if (in_dependencies_) {
                if (!dependency_line()) return std::nullopt;
                continue;
            }
            if (line_.empty()) continue;
            if (line_[0] == '#') continue;  // plain text: no control character to refuse
            if (!statement()) return std::nullopt;
        }
        if (in_dependencies_) return std::nullopt;
        // As scan_toml: [root] first, wherever the file has it.
        if (seen_root_)
            std::rotate(out_.packages.begin(), out_.packages.begin() + static_cast<std::ptrdiff_t>(root_index_),
                        out_.packages.begin() + static_cast<std::ptrdiff_t>(root_index_) + 1);
        return std::move(out_);
    }

private:
    bool statement() {
        if (line_[0] == '[') return header();
        if (line_[0] == '"') return state_ == State::Metadata && metadata_entry();
        // bare key = value
        std::size_t eq = line_.find(" = ");
        if (eq == std::string_view::npos) return false;
        std::string_view key = line_.substr(0, eq);
        std::size_t vpos = eq + 3;
        switch (state_) {
            case State::Top: return top_key(key, vpos);
            case State::Package:
            case State::Root:
            case State::PatchUnused: return package_key(key, vpos);
            case State::Metadata: return false;
        }
        return false;
    }

    bool header() {
        if (line_ == "[[package]]") {
            state_ = State::Package;
            begin_package("[[package]]");
        } else if (line_ == "[root]") {
            if (seen_root_) return false;
            seen_root_ = true;
            root_index_ = out_.packages.size();
            state_ = State::Root;
            begin_package("[root]");
        } else if (line_ == "[[patch.unused]]") {
            state_ = State::PatchUnused;
            scratch_ = RawPackage{};
            current_ = &scratch_;
            seen_dependencies_ = false;
        } else if (line_ == "[metadata]") {
            if (seen_metadata_) return false;
            seen_metadata_ = true;
            state_ = State::Metadata;
            current_ = nullptr;
        } else {
            return false;
        }
        return true;
    }

    void begin_package(std::string_view table) {
        out_.packages.emplace_back();
        current_ = &out_.packages.back();
        current_->table = table;
        current_->line = lineno_;
        current_->column = 1;
        seen_dependencies_ = false;
    }

    bool top_key(std::string_view key, std::size_t vpos) {
        if (key != "version" || out_.version) return false;
        std::string_view digits = line_.substr(vpos);
        if (digits.empty() || digits.size() > 9) return false;
        std::int64_t v = 0;
        for (char c : digits) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        if (digits.size() > 1 && digits[0] == '0') return false;  // TOML forbids leading zeros
        out_.version = v;
        out_.version_line = lineno_;
        out_.version_column = static_cast<std::uint32_t>(vpos + 1);
        return true;
    }

    bool package_key(std::string_view key, std::size_t vpos) {
        if (key == "dependencies") {
            if (seen_dependencies_) return false;
            seen_dependencies_ = true;
            if (line_.substr(vpos) != "[") return false;
            in_dependencies_ = true;
            return true;
        }
        std::optional<RawString>* slot = key == "name"       ? &current_->name
                                         : key == "version"  ? &current_->version
                                         : key == "source"   ? &current_->source
                                         : key == "checksum" ? &current_->checksum
                                         : key == "replace"  ? &current_->replace
                                                             : nullptr;
        if (!slot || slot->has_value()) return false;
        std::size_t p = vpos;
        std::string_view value;
        if (!take_string(line_, p, value) || p != line_.size()) return false;
        *slot = RawString{value, lineno_, static_cast<std::uint32_t>(vpos + 1)};
        if (slot == &current_->checksum) current_->has_checksum_key = true;
        return true;
    }

    bool dependency_line() {
        if (line_ == "]") {
            in_dependencies_ = false;
            current_->dependencies.assign(dependencies_.begin(), dependencies_.end());  // one allocation
            dependencies_.clear();
            return true;
        }
        std::size_t p = 1;
        std::string_view value;
        if (!(line_.size() > 1 && line_[0] == ' ' && take_string(line_, p, value) && line_.substr(p) == ","))
            return false;
        dependencies_.push_back(RawString{value, lineno_, 2});
        return true;
    }

    bool metadata_entry() {
        std::size_t p = 0;
        std::string_view key, value;
        if (!take_string(line_, p, key) || line_.substr(p, 3) != " = ") return false;
        std::size_t vpos = p + 3;
        p = vpos;
        if (!take_string(line_, p, value) || p != line_.size()) return false;
        // cargo writes the keys sorted (a BTreeMap), as toml++ lists them;
        // anything else, a duplicate included, is left to toml++.
        if (last_metadata_key_ && key <= *last_metadata_key_) return false;
        last_metadata_key_ = key;
        if (key.substr(0, 9) == "checksum ")
            out_.metadata.push_back(
                RawMetadataChecksum{key.substr(9), RawString{value, lineno_, static_cast<std::uint32_t>(vpos + 1)}});
        return true;
    }

    std::string_view text_;
    std::string_view line_;
    std::uint32_t lineno_ = 0;
    State state_ = State::Top;
    RawLockfile out_;
    RawPackage* current_ = nullptr;
    RawPackage scratch_;              // [[patch.unused]] entries: checked for shape, then dropped
    bool seen_dependencies_ = false;  // in the current table
    bool in_dependencies_ = false;
    std::vector<RawString> dependencies_;  // the current array's, reused from table to table
    bool seen_root_ = false;
    std::size_t root_index_ = 0;
    bool seen_metadata_ = false;
    std::optional<std::string_view> last_metadata_key_;
};

}  // namespace

std::optional<RawLockfile> scan_cargo_format(std::string_view text) { return Scanner(text).run(); }

}  // namespace cdf::lock
