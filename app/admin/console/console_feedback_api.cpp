// The console's 意见: residents' messages in the inbox, opened with the workspace's seal key as
// collect opens them (nothing opened is stored by the console), with the replies already written;
// a reply is set in content/feedback/replies.toml (content/replies_edit), checked before it is
// written, and reaches the kiosks with the next publish. 导出 CSV is collect's feedback.csv.
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/command.hpp"
#include "admin/output_file.hpp"
#include "core/codes.hpp"
#include "content/replies.hpp"
#include "content/replies_edit.hpp"
#include "services/feedback_report.hpp"

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace linli::admin {

namespace {

std::mutex g_replies_mutex;  // one reply written at a time

// A receipt code as typed or printed ("abcd-2345"), as the replies file's parser keeps it.
std::string normalized_code(std::string_view code)
{
    return normalize_code(code, k_receipt_code_length).value_or(std::string(code));
}

std::string replies_path(const ConsoleRoutes& r)
{
    return (fs::path(r.options.workspace) / "content" / std::string(content::k_replies_path)).string();
}

// The replies written so far, by normalized code.
std::map<std::string, AuthoredReply> written_replies(const ConsoleRoutes& r)
{
    // (problems of replies.toml are the folder check's to report: only the replies are used here)
    content::Diagnostics d(r.options.language);
    ContentSet content;
    content::parse_replies_text(d, std::string(content::k_replies_path), read_whole_file(replies_path(r)), content);
    std::map<std::string, AuthoredReply> out;
    for (const auto& reply : content.authored_replies) out[reply.code] = reply;
    return out;
}

Result<std::vector<services::FeedbackRow>> inbox_rows(const ConsoleRoutes& r, json* problems)
{
    const fs::path ws(r.options.workspace);
    const services::Collection collection = TRY(open_inbox((ws / "inbox").string(), (ws / "keys").string()));
    if (problems) {
        *problems = json::array();
        for (const auto& k : collection.kiosks)
            for (const auto& p : k.problems) problems->push_back(k.kiosk + ": " + p);
    }
    return services::feedback_rows(collection);
}

void list_feedback(const ConsoleRoutes& r, Response& res)
{
    json problems;
    auto rows = inbox_rows(r, &problems);
    if (!rows) return reply_error(res, 422, "无法打开收件箱：" + rows.error().message, "cannot open the inbox: " + rows.error().message);
    const auto replies = written_replies(r);
    json out = json::array();
    for (const auto& row : *rows) {
        json item = {{"day", row.day},       {"kiosk", row.kiosk}, {"topic", row.topic},     {"rating", row.rating},
                     {"rating_word", services::rating_word(row.rating)}, {"about", row.about}, {"text", row.text},
                     {"receipt", row.receipt}, {"reply", nullptr}};
        if (auto it = replies.find(normalized_code(row.receipt)); it != replies.end())
            item["reply"] = {{"reply", it->second.reply}, {"public", it->second.is_public}, {"message", it->second.message}};
        out.push_back(std::move(item));
    }
    reply_json(res, 200, {{"rows", out}, {"problems", problems}});
}

void export_csv(const ConsoleRoutes& r, Response& res)
{
    auto rows = inbox_rows(r, nullptr);
    if (!rows) return reply_error(res, 422, "无法打开收件箱：" + rows.error().message, "cannot open the inbox: " + rows.error().message);
    res.status = 200;
    res.set_header("Content-Disposition", "attachment; filename=\"feedback.csv\"");
    res.set_content(services::feedback_csv(*rows), "text/csv; charset=utf-8");
}

std::string today()
{
    const std::time_t now = std::time_t(console_now_s());
    struct tm t {};
    ::localtime_r(&now, &t);
    char day[16];
    std::strftime(day, sizeof day, "%Y-%m-%d", &t);
    return day;
}

void save_reply(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("code") || !body["code"].is_string() || !body.contains("reply") ||
        !body["reply"].is_string())
        return reply_error(res, 400, "提交的表单格式不对", "malformed form");
    AuthoredReply reply;
    reply.code = body["code"].get<std::string>();
    reply.reply = body["reply"].get<std::string>();
    reply.is_public = body.value("public", false);
    reply.message = body.value("message", std::string());
    reply.topic = body.value("topic", std::string());
    // Only a message that came in may be answered: a code typed wrong would help nobody.
    auto rows = inbox_rows(r, nullptr);
    if (!rows) return reply_error(res, 422, "无法打开收件箱：" + rows.error().message, "cannot open the inbox: " + rows.error().message);
    bool known = false;
    for (const auto& row : *rows) known = known || normalized_code(row.receipt) == normalized_code(reply.code);
    if (!known) return reply_error(res, 404, "收件箱里没有这个回执码的意见", "no message with this receipt code in the inbox");
    std::lock_guard lock(g_replies_mutex);
    const std::string path = replies_path(r);
    const std::string text = content::set_reply(read_whole_file(path), reply, today());
    content::Diagnostics d(r.language(req));
    ContentSet content;
    content::parse_replies_text(d, std::string(content::k_replies_path), text, content);
    if (d.count() > 0) {
        json problems = json::array();
        for (const auto& p : d.take_sorted()) problems.push_back(content::format_diagnostic(p));
        return reply_json(res, 422, {{"saved", false}, {"problems", problems}});
    }
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (Status written = replace_file(path, text, 0644, "console"); !written)
        return reply_error(res, 500, "保存失败：" + written.error().message, written.error().message);
    r.actions.record(req, session, std::string("replied to a message") + (reply.is_public ? " (public)" : "") + " in " +
                                       std::string(content::k_replies_path));
    reply_json(res, 200, {{"saved", true}, {"file", std::string(content::k_replies_path)}});
}

}  // namespace

void install_feedback_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get("/api/feedback", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) list_feedback(routes, res);
    });
    server.Get("/api/feedback.csv", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) export_csv(routes, res);
    });
    server.Post("/api/feedback/reply", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) save_reply(routes, req, *session, res);
    });
}

}  // namespace linli::admin

#endif
