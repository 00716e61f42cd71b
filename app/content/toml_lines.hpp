// TOML edited line by line, as the console's forms need it: a field's line replaced in place, a
// new one added, an emptied one removed, and every other line (comments, keys the form does not
// know, their order) left byte for byte. A TOML library cannot do this: it drops the comments
// and reorders the keys an administrator wrote by hand. Used by item_edit (front matter) and
// ballot_edit (ballots/<id>.toml).
#pragma once

#include <toml++/toml.h>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace linli::content::toml_lines {

// The key a line sets ("title = ..." -> "title"), or "".
std::string key_of(std::string_view line);

// Whether a line opens a [table] or [[array of tables]].
bool is_header(std::string_view line);

// The index of the last line of the value whose key is on lines[at]: at itself for a one-line
// value; for an array or a multi-line string written over several lines, the line that closes
// it. Nothing when it does not close before `limit` (the TOML is then broken, and check says so).
std::optional<size_t> value_end(const std::vector<std::string>& lines, size_t at, size_t limit);

// Where the top-level keys end in lines[begin, limit): the first [header] line (lines inside a
// multi-line value are not headers), or limit.
size_t top_level_end(const std::vector<std::string>& lines, size_t begin, size_t limit);

// text as a TOML basic string ("...", with \" \\ \n \t and \uXXXX escapes).
std::string string_value(std::string_view text);
// ["a", "b"] on one line.
std::string list_value(const std::vector<std::string>& items);
// A date or date-time as TOML writes one bare ("2026-11-25", "2026-11-25T08:00:00+08:00"; the
// seconds a browser's time field leaves out are added); anything else as a string, which the
// check then names as not a valid date, at its line.
std::string time_value(std::string_view text);
// A whole number as TOML writes one (digits, optionally signed); anything else as a string,
// which the check then names as not a number, at its line.
std::string number_value(std::string_view text);

// text parsed as TOML; nothing when it is not (the check names why).
std::optional<toml::table> parsed(std::string_view text);
// A key's string value, "" when absent or not a string.
std::string text_at(const toml::table& table, std::string_view key);

// A TOML date, date-time or string as the form shows it ("2026-11-25T08:00:00+08:00").
std::string time_text(const toml::node& node);

// Byte order mark and CRLF line ends (Windows editors) are taken off for editing and put back.
struct Newlines {
    bool bom = false, crlf = false;
};
std::string plain(std::string_view text, Newlines& n);
std::string restored(std::string text, const Newlines& n);

// The lines of text, each with its '\n' (the last may have none): joined again they are text.
std::vector<std::string> lines_of(std::string_view text);

// A key's new line (without '\n'; several lines for a multi-line array), or nothing to leave the
// key out. was_there: the file has the key now.
using LineFor = std::function<std::optional<std::string>(std::string_view key, bool was_there)>;

// Sets keys among the top-level lines[0, top_end): each key's line(s) replaced in place (a line
// already holding that value kept, with its comment), a new key added at top_end, an emptied one
// removed; top_end follows the lines added and removed. A value over several lines is replaced
// whole unless current(key) (what the file holds now, written as the form writes it) equals the
// new one. False, with lines unchanged, when a value does not close (broken TOML).
bool set_keys(std::vector<std::string>& lines, size_t& top_end, std::span<const std::string_view> keys,
              const LineFor& line_for, const LineFor& current);

}  // namespace linli::content::toml_lines
