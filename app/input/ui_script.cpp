// UI script parsing: split into lines, check each line's bytes (length, UTF-8, control
// characters), tokenise (bare words, "quoted strings", # comments), then match the tokens
// against the command table below. The table is the single source of the commands, their
// argument names (used in messages) and argument kinds.
#include "input/ui_script.hpp"

#include "core/utf8.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace linli::input {

namespace {

// [SECTION] Command table

enum class ArgKind {
    Quoted,      // text that must be in double quotes (labels, typed keys, expected text)
    Path,        // a file name, quoted or bare
    Coordinate,  // non-negative decimal, pixels
    Points,      // "X,Y X,Y ...": a stroke in the writing box's 0-1000 coordinates, quoted
    Millis,      // non-negative integer, milliseconds
    Seconds,     // non-negative integer, seconds (stored as ms)
};

struct ArgSpec {
    std::string_view name;
    ArgKind kind;
};

struct CommandSpec {
    std::string_view name;
    ScriptOp op;
    std::vector<ArgSpec> args;
    std::string_view example;  // shown when a quoted argument came without quotes
};

const std::vector<CommandSpec>& commands()
{
    static const std::vector<CommandSpec> table = {
        {"tap", ScriptOp::Tap, {{"LABEL", ArgKind::Quoted}}, "tap \"财务公示\""},
        {"tap-xy", ScriptOp::TapXY, {{"X", ArgKind::Coordinate}, {"Y", ArgKind::Coordinate}}, ""},
        {"long-press", ScriptOp::LongPress,
         {{"X", ArgKind::Coordinate}, {"Y", ArgKind::Coordinate}, {"MS", ArgKind::Millis}}, ""},
        {"drag", ScriptOp::Drag,
         {{"X1", ArgKind::Coordinate}, {"Y1", ArgKind::Coordinate}, {"X2", ArgKind::Coordinate},
          {"Y2", ArgKind::Coordinate}, {"MS", ArgKind::Millis}}, ""},
        {"wait", ScriptOp::Wait, {{"MS", ArgKind::Millis}}, ""},
        {"type", ScriptOp::Type, {{"TEXT", ArgKind::Quoted}}, "type \"nihao\""},
        {"expect", ScriptOp::Expect, {{"TEXT", ArgKind::Quoted}}, "expect \"文字\""},
        {"expect-not", ScriptOp::ExpectNot, {{"TEXT", ArgKind::Quoted}}, "expect-not \"文字\""},
        {"screenshot", ScriptOp::Screenshot, {{"PATH", ArgKind::Path}}, ""},
        {"advance-clock", ScriptOp::AdvanceClock, {{"SECONDS", ArgKind::Seconds}}, ""},
        {"stroke", ScriptOp::Stroke, {{"POINTS", ArgKind::Points}, {"MS", ArgKind::Millis}},
         "stroke \"100,200 500,200 900,220\" 400"},
    };
    return table;
}

// [SECTION] Helpers for messages

// A token as it appears in a message: quoted, and cut at 40 code points so one bad line does
// not produce a 4 KB message. The line is valid UTF-8 by now, so cutting at a code point is safe.
std::string shown(std::string_view token)
{
    constexpr size_t k_max_code_points = 40;
    size_t pos = 0, count = 0;
    while (pos < token.size() && count < k_max_code_points) {
        decode_utf8(token, pos);
        ++count;
    }
    std::string out = "\"";
    out += token.substr(0, pos);
    if (pos < token.size()) out += "…";
    out += '"';
    return out;
}

// Optimal string alignment distance (Levenshtein plus adjacent transpositions: "wiat").
size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[b.size()];
}

std::string unknown_command_message(std::string_view word)
{
    std::string message = "unknown command " + shown(word);
    // Commands are short; a long word is no misspelling of one (and would cost time to compare).
    if (word.size() <= 20) {
        std::string lower(word);
        for (char& c : lower)
            if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        const size_t allowed = lower.size() <= 3 ? 1 : 2;
        std::string_view best;
        size_t best_distance = allowed + 1;
        for (const auto& command : commands()) {
            const size_t distance = edit_distance(lower, command.name);
            if (distance < best_distance) {
                best_distance = distance;
                best = command.name;
            }
        }
        if (!best.empty()) return message + " (did you mean \"" + std::string(best) + "\"?)";
    }
    message += " (commands:";
    for (const auto& command : commands()) {
        message += ' ';
        message += command.name;
        if (&command != &commands().back()) message += ',';
    }
    return message + ")";
}

// [SECTION] Tokens

struct Token {
    std::string text;  // unescaped
    bool quoted = false;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Splits a line into tokens; returns the problem in plain English on failure.
std::optional<std::string> tokenize(std::string_view line, std::vector<Token>& tokens)
{
    size_t i = 0;
    while (true) {
        while (i < line.size() && is_blank(line[i])) ++i;
        if (i == line.size() || line[i] == '#') return std::nullopt;
        Token token;
        if (line[i] == '"') {
            token.quoted = true;
            ++i;
            bool closed = false;
            while (i < line.size()) {
                const char c = line[i];
                if (c == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 == line.size()) break;  // "...\ at the end: the quote is missing
                    const char next = line[i + 1];
                    if (next != '"' && next != '\\') {
                        size_t end = i + 1;
                        decode_utf8(line, end);
                        return "unknown escape \\" + std::string(line.substr(i + 1, end - i - 1)) +
                               " in quoted text (only \\\" and \\\\ are allowed)";
                    }
                    token.text += next;
                    i += 2;
                    continue;
                }
                token.text += c;
                ++i;
            }
            if (!closed) return "missing closing quote";
            if (i < line.size() && !is_blank(line[i]) && line[i] != '#')
                return "expected a space after the closing quote";
        } else {
            while (i < line.size() && !is_blank(line[i]) && line[i] != '#') {
                if (line[i] == '"') return "unexpected quote inside an argument";
                token.text += line[i++];
            }
        }
        tokens.push_back(std::move(token));
    }
}

// Byte-level checks that come before tokenising, so every later message can quote the line.
std::optional<std::string> check_line_bytes(std::string_view line)
{
    if (line.size() > k_script_max_line_bytes)
        return "line is longer than " + std::to_string(k_script_max_line_bytes) + " bytes";
    if (!is_valid_utf8(line)) return std::string("line is not valid UTF-8");
    for (char c : line) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && byte != '\t') || byte == 0x7F) {
            const char* hex = "0123456789ABCDEF";
            return std::string("line contains a control character (0x") + hex[byte >> 4] + hex[byte & 15] + ")";
        }
    }
    return std::nullopt;
}

// [SECTION] Arguments

// "X,Y X,Y ...": at least one point, each coordinate a non-negative number up to 1000.
std::optional<std::string> parse_points(const CommandSpec& command, const ArgSpec& arg, const Token& token,
                                        std::vector<ScriptPoint>& out)
{
    const std::string problem = std::string(command.name) + ": " + std::string(arg.name) +
                                " must be X,Y points from 0 to 1000 separated by spaces, like \"100,200 900,220\"";
    if (!token.quoted) return problem + " (in double quotes)";
    std::string_view text = token.text;
    auto number = [](std::string_view s, float& value) {
        if (s.empty() || !std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; }))
            return false;
        double d = 0;
        auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), d);
        if (error != std::errc() || end != s.data() + s.size() || d > k_stroke_max_coordinate) return false;
        value = float(d);
        return true;
    };
    while (!text.empty()) {
        const size_t start = text.find_first_not_of(' ');
        if (start == std::string_view::npos) break;
        text.remove_prefix(start);
        const size_t end = std::min(text.find(' '), text.size());
        const std::string_view pair = text.substr(0, end);
        text.remove_prefix(end);
        const size_t comma = pair.find(',');
        ScriptPoint point;
        if (comma == std::string_view::npos || !number(pair.substr(0, comma), point.x) ||
            !number(pair.substr(comma + 1), point.y))
            return problem + ", got " + shown(pair);
        out.push_back(point);
    }
    if (out.empty()) return problem + ", got none";
    return std::nullopt;
}

std::optional<std::string> parse_coordinate(const CommandSpec& command, const ArgSpec& arg,
                                             const Token& token, float& out)
{
    const std::string prefix = std::string(command.name) + ": " + std::string(arg.name);
    if (token.quoted) return prefix + " must be a number without quotes";
    // Digits with an optional fraction: no sign, exponent, hex, "inf" or "nan".
    const std::string_view text = token.text;
    const size_t dot = text.find('.');
    const std::string_view whole = text.substr(0, dot);
    const std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
    auto all_digits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (!all_digits(whole) || (dot != std::string_view::npos && !all_digits(fraction)))
        return prefix + " must be a non-negative number, got " + shown(text);
    double value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error == std::errc::result_out_of_range || value > k_script_max_coordinate)
        return prefix + " must be at most " + std::to_string(int64_t(k_script_max_coordinate)) +
               ", got " + shown(text);
    if (error != std::errc() || end != text.data() + text.size())
        return prefix + " must be a non-negative number, got " + shown(text);
    out = float(value);
    return std::nullopt;
}

std::optional<std::string> parse_time(const CommandSpec& command, const ArgSpec& arg,
                                      const Token& token, int64_t& out)
{
    const std::string prefix = std::string(command.name) + ": " + std::string(arg.name);
    if (token.quoted) return prefix + " must be a number without quotes";
    const std::string_view text = token.text;
    int64_t value = 0;
    bool too_large = false;
    for (char c : text) {
        if (c < '0' || c > '9') return prefix + " must be a non-negative whole number, got " + shown(text);
        if (!too_large) value = value * 10 + (c - '0');
        too_large = too_large || value > k_script_max_time;  // stop before the int64 could overflow
    }
    if (too_large)
        return prefix + " must be at most " + std::to_string(k_script_max_time) + ", got " + shown(text);
    out = arg.kind == ArgKind::Seconds ? value * 1000 : value;
    return std::nullopt;
}

std::optional<std::string> parse_text(const CommandSpec& command, const ArgSpec& arg,
                                      Token& token, std::string& out)
{
    const std::string prefix = std::string(command.name) + ": " + std::string(arg.name);
    if (arg.kind == ArgKind::Quoted && !token.quoted)
        return prefix + " must be in double quotes, e.g. " + std::string(command.example);
    if (token.text.empty()) return prefix + " is empty";
    out = std::move(token.text);
    return std::nullopt;
}

// [SECTION] Lines

std::optional<std::string> parse_line(std::string_view line, int line_number,
                                      std::vector<ScriptCommand>& out)
{
    if (auto problem = check_line_bytes(line)) return problem;
    std::vector<Token> tokens;
    if (auto problem = tokenize(line, tokens)) return problem;
    if (tokens.empty()) return std::nullopt;
    if (tokens[0].quoted) return std::string("expected a command, got a quoted string");

    const auto& table = commands();
    const auto spec = std::find_if(table.begin(), table.end(),
                                   [&](const CommandSpec& c) { return c.name == tokens[0].text; });
    if (spec == table.end()) return unknown_command_message(tokens[0].text);

    const size_t given = tokens.size() - 1;
    if (given != spec->args.size()) {
        std::string names;
        for (const auto& arg : spec->args) names += (names.empty() ? "" : " ") + std::string(arg.name);
        return std::string(spec->name) + " takes " + std::to_string(spec->args.size()) +
               (spec->args.size() == 1 ? " argument (" : " arguments (") + names + "), got " +
               std::to_string(given);
    }

    ScriptCommand command{spec->op, line_number, {}};
    float* const coordinates[] = {&command.x1, &command.y1, &command.x2, &command.y2};
    size_t next_coordinate = 0;
    for (size_t i = 0; i < given; ++i) {
        const ArgSpec& arg = spec->args[i];
        Token& token = tokens[i + 1];
        std::optional<std::string> problem;
        switch (arg.kind) {
        case ArgKind::Quoted:
        case ArgKind::Path: problem = parse_text(*spec, arg, token, command.text); break;
        case ArgKind::Coordinate:
            problem = parse_coordinate(*spec, arg, token, *coordinates[next_coordinate++]);
            break;
        case ArgKind::Points: problem = parse_points(*spec, arg, token, command.points); break;
        case ArgKind::Millis:
        case ArgKind::Seconds: problem = parse_time(*spec, arg, token, command.ms); break;
        }
        if (problem) return problem;
    }
    out.push_back(std::move(command));
    return std::nullopt;
}

}  // namespace

Result<std::vector<ScriptCommand>> parse_ui_script(std::string_view text, std::string_view file_name)
{
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // editors on Windows add a BOM
    std::vector<ScriptCommand> commands;
    int line_number = 0;
    size_t begin = 0;
    while (begin < text.size()) {
        ++line_number;
        const size_t newline = text.find('\n', begin);
        const size_t end = newline == std::string_view::npos ? text.size() : newline;
        std::string_view line = text.substr(begin, end - begin);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (auto problem = parse_line(line, line_number, commands))
            return Error::rejected("script: " + std::string(file_name) + ":" +
                                   std::to_string(line_number) + ": " + *problem);
        begin = end + 1;
    }
    return commands;
}

}  // namespace linli::input
