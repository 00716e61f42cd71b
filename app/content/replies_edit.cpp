#include "content/replies_edit.hpp"

#include "content/toml_lines.hpp"
#include "core/codes.hpp"

#include <regex>
#include <vector>

namespace linli::content {

namespace {

// A receipt code as typed or printed ("abcd-2345"): the form codes are compared in.
std::string normalized(std::string_view code)
{
    return normalize_code(code, k_receipt_code_length).value_or(std::string(code));
}

bool is_reply_header(const std::string& line)
{
    static const std::regex k_header(R"(^\s*\[\[\s*reply\s*\]\]\s*(#.*)?\r?\n?$)");
    return std::regex_match(line, k_header);
}

// The code a "code = ..." line names, normalized, or "".
std::string code_on(const std::string& line)
{
    static const std::regex k_code(R"(^\s*code\s*=\s*["']([^"']*)["'])");
    std::smatch m;
    return std::regex_search(line, m, k_code) ? normalized(m[1].str()) : std::string();
}

std::string block_text(const AuthoredReply& r, const std::string& date)
{
    const std::string code = normalized(r.code);
    std::string out = "[[reply]]\ncode = " + toml_lines::string_value(code.size() == k_receipt_code_length ? format_code(code) : code) + "\n";
    if (r.is_public) {
        if (!r.topic.empty()) out += "topic = " + toml_lines::string_value(r.topic) + "\n";
        out += "message = " + toml_lines::string_value(r.message) + "\n";
    }
    out += "reply = " + toml_lines::string_value(r.reply) + "\n";
    if (r.is_public) out += "public = true\n";
    if (!date.empty()) out += "date = " + date + "\n";
    return out;
}

}  // namespace

std::string set_reply(std::string_view text, const AuthoredReply& reply, const std::string& date)
{
    const std::string wanted = normalized(reply.code);
    const auto lines = toml_lines::lines_of(text);
    // The table holding that code: from its [[reply]] to the next header (or the end), less the
    // blank and comment lines just before the next one (they belong to it).
    size_t start = lines.size(), end = lines.size();
    for (size_t i = 0, header = lines.size(); i < lines.size(); ++i) {
        if (is_reply_header(lines[i]) || (!lines[i].empty() && lines[i].find_first_not_of(" \t") != std::string::npos &&
                                          lines[i][lines[i].find_first_not_of(" \t")] == '[')) {
            if (start < lines.size() && end == lines.size()) end = i;
            header = is_reply_header(lines[i]) ? i : lines.size();
        } else if (header < lines.size() && start == lines.size() && code_on(lines[i]) == wanted) {
            start = header;
        }
    }
    std::string out;
    if (start == lines.size()) {
        out = std::string(text);
        if (!out.empty() && out.back() != '\n') out += '\n';
        if (!out.empty()) out += '\n';
        return out + block_text(reply, date);
    }
    while (end > start + 1) {
        const std::string& l = lines[end - 1];
        const size_t first = l.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && l[first] != '#') break;
        --end;
    }
    for (size_t i = 0; i < start; ++i) out += lines[i];
    out += block_text(reply, date);
    for (size_t i = end; i < lines.size(); ++i) out += lines[i];
    return out;
}

}  // namespace linli::content
