// Typed reads of TOML tables with every problem reported against the content file's own line
// numbers (front matter starts below the opening +++). Shared by items, ballots, board and
// periods, so "must be text, not a number" reads the same everywhere.
#pragma once

#include "content/diagnostics.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace linli::content {

// Parses TOML text; a syntax error is reported (toml++'s parse_error caught here) and gives
// nothing. line_offset is added to toml++'s lines (1 for front matter after "+++").
std::optional<toml::table> parse_toml(Diagnostics& diagnostics, const std::string& file,
                                      std::string_view text, int line_offset);
// A whole TOML file's bytes: invalid UTF-8 is reported at its first bad line, then the text is
// parsed as parse_toml does.
std::optional<toml::table> parse_toml_file(Diagnostics& diagnostics, const std::string& file, std::string_view bytes);

class TomlFields {
public:
    // header_line: where a missing required key is reported (the table's start).
    TomlFields(Diagnostics& diagnostics, std::string file, const toml::table& table, int line_offset,
               int header_line);

    const std::string& file() const { return m_file; }
    int line_of(const toml::node& node) const;
    int header_line() const { return m_header_line; }
    int line_offset() const { return m_line_offset; }
    // The key's line, or the header line when the key is absent.
    int line(std::string_view key) const;
    void problem(int line, std::string_view zh, std::string_view en);
    Diagnostics& diagnostics() { return m_diagnostics; }

    // Reports keys not in allowed, with a did-you-mean when one is close.
    void check_keys(std::span<const std::string_view> allowed);
    bool has(std::string_view key) const { return m_table.get(key) != nullptr; }
    const toml::node* node(std::string_view key) const { return m_table.get(key); }

    // Typed reads: nothing when absent (reported when required) or of the wrong type (reported).
    std::optional<std::string> text(std::string_view key, bool required = false);
    // A text of at most max_chars characters; a longer one is reported and read as nothing.
    std::optional<std::string> bounded_text(std::string_view key, size_t max_chars, bool required = false);
    std::optional<bool> flag(std::string_view key);
    std::optional<int64_t> integer(std::string_view key, bool required = false);
    // A TOML date / date-time, or a string in RFC 3339 form; Unix seconds.
    std::optional<int64_t> time(std::string_view key, bool required = false);
    std::optional<std::vector<std::string>> text_list(std::string_view key);
    // An array of tables (positions, questions); each element is checked to be a table.
    std::vector<const toml::table*> table_list(std::string_view key, bool required = false);

    // Shared reporting of a missing required key.
    void missing(std::string_view key);
    // "must be <zh/en expected>, not <actual>".
    void wrong_type(const toml::node& node, std::string_view key, std::string_view zh_expected,
                    std::string_view en_expected);

private:
    Diagnostics& m_diagnostics;
    std::string m_file;
    const toml::table& m_table;
    int m_line_offset;
    int m_header_line;
};

// A TOML date or date-time node (or RFC 3339 string) as Unix seconds; nothing otherwise.
std::optional<int64_t> toml_time(const toml::node& node);

}  // namespace linli::content
