// feedback/replies.toml: the administrators' answers to residents' messages, keyed by receipt
// code, as an administrator writes them; and feedback/replies.locked.toml, what `linli-admin
// build` puts into bundles instead: public replies without their codes, and every reply locked
// under its code (crypto/reply_lock.hpp). The codes never leave the office.
#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "content/replies.hpp"
#include "content/toml_fields.hpp"
#include "core/codes.hpp"
#include "core/hex.hpp"
#include "core/utf8.hpp"

#include <ctime>
#include <map>
#include <sstream>

namespace linli::content {

namespace {

constexpr int64_t k_max_replies_bytes = 4 * 1024 * 1024;
constexpr size_t k_max_replies = 5000;
constexpr size_t k_max_reply_chars = 2000;
constexpr size_t k_max_message_chars = 1000;
constexpr size_t k_max_topic_chars = 40;

std::string trimmed(std::string_view s)
{
    const char* space = " \t\r\n";
    const size_t a = s.find_first_not_of(space);
    if (a == std::string_view::npos) return "";
    return std::string(s.substr(a, s.find_last_not_of(space) - a + 1));
}

void read_authored(TomlFields& top, ContentSet& content)
{
    constexpr std::string_view k_reply_keys[] = {"code", "reply", "public", "message", "topic", "date"};
    std::map<std::string, int> seen;  // code -> line
    for (const toml::table* t : top.table_list("reply")) {
        TomlFields f(top.diagnostics(), top.file(), *t, top.line_offset(), top.line_of(*t));
        f.check_keys(k_reply_keys);
        AuthoredReply r;
        r.line = f.header_line();
        if (auto typed = f.text("code", true)) {
            if (auto code = normalize_code(*typed, k_receipt_code_length)) {
                auto [at, fresh] = seen.emplace(*code, f.line("code"));
                if (fresh) r.code = *code;
                else
                    f.problem(f.line("code"), "回执码 " + format_code(*code) + " 已在第 " + std::to_string(at->second) + " 行回复过（每个回执码只写一条回复）",
                              "receipt code " + format_code(*code) + " already has a reply at line " + std::to_string(at->second) +
                                  " (one reply per code)");
            } else {
                f.problem(f.line("code"),
                          "回执码 " + shown_value(*typed) + " 不对：应为 8 个字符，如 \"ABCD-2345\"，由数字 2-9 和字母组成（没有 0、1、I、O）",
                          "receipt code " + shown_value(*typed) +
                              " is malformed: 8 characters like \"ABCD-2345\", digits 2-9 and letters (no 0, 1, I or O)");
            }
        }
        if (auto reply = f.bounded_text("reply", k_max_reply_chars, true)) {
            r.reply = trimmed(*reply);
            if (r.reply.empty()) f.problem(f.line("reply"), "reply 是空的：请写下回复内容", "reply is empty: write the answer");
        }
        r.is_public = f.flag("public").value_or(false);
        r.message = trimmed(f.bounded_text("message", k_max_message_chars).value_or(""));
        r.topic = trimmed(f.bounded_text("topic", k_max_topic_chars).value_or(""));
        if (auto day = f.time("date")) r.day_s = *day;
        if (!r.is_public && (f.has("message") || f.has("topic")))
            f.diagnostics().warn(Severity::Warning, f.file(), f.line(f.has("message") ? "message" : "topic"),
                                 "message 和 topic 只在公开的回复（public = true）中显示；这条回复不公开",
                                 "message and topic are shown only for public replies (public = true); this reply is private");
        if (r.code.empty() || r.reply.empty()) continue;
        if (content.authored_replies.size() >= k_max_replies) {
            f.problem(r.line, "回复太多：最多 " + std::to_string(k_max_replies) + " 条", "too many replies: at most " + std::to_string(k_max_replies));
            return;
        }
        if (r.is_public) content.public_replies.push_back({r.topic, r.message, r.reply, r.day_s});
        content.authored_replies.push_back(std::move(r));
    }
}

void read_locked(TomlFields& top, ContentSet& content)
{
    if (auto format = top.integer("format", true); format && *format != 1)
        top.problem(top.line("format"), "format 应为 1", "format must be 1");
    constexpr std::string_view k_public_keys[] = {"topic", "message", "reply", "date"};
    for (const toml::table* t : top.table_list("public")) {
        TomlFields f(top.diagnostics(), top.file(), *t, top.line_offset(), top.line_of(*t));
        f.check_keys(k_public_keys);
        PublicReply r;
        r.topic = f.bounded_text("topic", k_max_topic_chars).value_or("");
        r.message = f.bounded_text("message", k_max_message_chars).value_or("");
        r.reply = f.bounded_text("reply", k_max_reply_chars, true).value_or("");
        if (auto day = f.time("date")) r.day_s = *day;
        if (!r.reply.empty() && content.public_replies.size() < k_max_replies) content.public_replies.push_back(std::move(r));
    }
    constexpr std::string_view k_locked_keys[] = {"salt", "lookup", "box"};
    for (const toml::table* t : top.table_list("locked")) {
        TomlFields f(top.diagnostics(), top.file(), *t, top.line_offset(), top.line_of(*t));
        f.check_keys(k_locked_keys);
        auto field = [&](std::string_view key, size_t min, size_t max) -> std::string {
            auto text = f.text(key, true);
            if (!text) return "";
            auto bytes = unhex(*text, min, max);
            if (!bytes) {
                f.problem(f.line(key), std::string(key) + " 不是有效的十六进制数据", std::string(key) + " is not valid hex of the right size");
                return "";
            }
            return *bytes;
        };
        LockedReply r{field("salt", 16, 16), field("lookup", 16, 16), field("box", 40, 40 + 4 * k_max_reply_chars + 32)};
        if (r.salt.empty() || r.lookup.empty() || r.box.empty()) continue;
        if (content.locked_replies.size() >= k_max_replies) {
            f.problem(f.header_line(), "回复太多", "too many replies");
            return;
        }
        content.locked_replies.push_back(std::move(r));
    }
}

std::string date_text(int64_t day_s)
{
    std::time_t t = day_s;
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

}  // namespace

void parse_replies_text(Diagnostics& d, const std::string& rel, std::string_view bytes, ContentSet& content)
{
    std::optional<toml::table> root = parse_toml_file(d, rel, bytes);
    if (!root) return;
    TomlFields top(d, rel, *root, 0, 1);
    if (rel.ends_with(k_locked_replies_name)) {
        constexpr std::string_view k_keys[] = {"format", "public", "locked"};
        top.check_keys(k_keys);
        read_locked(top, content);
    } else {
        constexpr std::string_view k_keys[] = {"reply"};
        top.check_keys(k_keys);
        read_authored(top, content);
    }
}

void load_replies(ContentFolder& folder, ContentSet& content)
{
    for (std::string rel : {std::string(k_replies_path), std::string(k_locked_replies_path)}) {
        if (!folder.exists(rel)) continue;
        if (auto bytes = folder.read(rel, k_max_replies_bytes)) parse_replies_text(folder.diagnostics(), rel, *bytes, content);
    }
    for (const std::string& rel : folder.list_files("feedback"))
        if (rel != k_replies_path && rel != k_locked_replies_path)
            folder.diagnostics().warn(Severity::Warning, rel, 0, "feedback/ 里只读 replies.toml，此文件不会用到",
                                      "only replies.toml is read in feedback/: this file is not used");
}

std::string locked_replies_text(const std::vector<PublicReply>& public_replies, const std::vector<LockedReply>& locked)
{
    toml::table root;
    root.insert("format", 1);
    toml::array pub;
    for (const PublicReply& r : public_replies) {
        toml::table t;
        if (!r.topic.empty()) t.insert("topic", r.topic);
        if (!r.message.empty()) t.insert("message", r.message);
        t.insert("reply", r.reply);
        if (r.day_s) t.insert("date", date_text(r.day_s));
        pub.push_back(std::move(t));
    }
    if (!pub.empty()) root.insert("public", std::move(pub));
    toml::array boxes;
    for (const LockedReply& r : locked) boxes.push_back(toml::table{{"salt", hex(r.salt)}, {"lookup", hex(r.lookup)}, {"box", hex(r.box)}});
    if (!boxes.empty()) root.insert("locked", std::move(boxes));
    std::ostringstream out;
    out << "# Replies to residents' feedback, made by linli-admin build from feedback/replies.toml.\n"
           "# No receipt code is in this file: each reply opens only with its code.\n"
        << root << "\n";
    return out.str();
}

}  // namespace linli::content
