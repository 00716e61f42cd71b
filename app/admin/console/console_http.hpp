// What the console's route files share (only with cpp-httplib): JSON replies, the check of a
// request's session and CSRF token, and the workspace's action log.
#pragma once

#include "admin/console/console_files.hpp"
#include "admin/console/console_server.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "content/diagnostics.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

namespace linli::admin {

// The names every route file speaks in.
using httplib::Request;
using httplib::Response;
using nlohmann::json;
namespace fs = std::filesystem;

void reply_json(httplib::Response& res, int status, const nlohmann::json& body);

// The office PC's clock (LINLI_NOW in tests and demonstrations, as the kiosk's).
int64_t console_now_s();


Language request_language(const httplib::Request& req, Language fallback);

// {"error": zh, "error_en": en}
void reply_error(httplib::Response& res, int status, const std::string& zh, const std::string& en);

// Who made the request: the session's number ("会话 3"), or nothing with res holding the
// refusal (no session; for a change, no or a wrong CSRF token).
using Authorise = std::function<std::optional<int>(const httplib::Request&, httplib::Response&)>;

// WORKSPACE/actions.log: one line per change made from the console (when, from which address,
// which session, what), appended and flushed, for the office to look back on.
class ActionLog {
public:
    explicit ActionLog(std::string path) : m_path(std::move(path)) {}
    void record(const httplib::Request& req, int session, const std::string& what);

private:
    std::string m_path;
    std::mutex m_mutex;
};

struct ConsoleRoutes {
    const ConsoleOptions& options;
    Authorise authorise;
    ActionLog& actions;
    // The language of the check's words and the API's for this request: the page's own (its
    // X-Linli-Language header, "zh" or "en"), else the console's (LANG where it started).
    Language language(const httplib::Request& req) const { return request_language(req, options.language); }
};

// A content file written from a form and checked as `check` would: saved whole (a hidden
// temporary file beside it, synced, renamed) only when the check found no error, the action
// logged, and the answer sent: 200 {saved, id, file, rewritten, problems} or 422 {saved: false,
// file, problems}, each problem with the form field field_at names for its line.
struct CheckedEdit {
    std::string path, rel, id, text;
    bool creating = false, rewritten = false;
    std::vector<content::Diagnostic> problems;
    std::function<std::string(std::string_view text, int line)> field_at;
};
void save_checked_edit(const ConsoleRoutes& r, const httplib::Request& req, int session, httplib::Response& res,
                       const CheckedEdit& edit);

// 内容: announcements, recruitment, documents and meetings: a kind's list, one item's fields,
// saving (checked before anything is written).
void install_item_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 发布: check, build and sign into the workspace's bundle/.
void install_publish_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 工作进展: tasks.csv and goals.csv as tables, each saved whole after the check.
void install_progress_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 财务: the ledger's statement and reconciliation; a new ledger.csv uploaded and checked.
void install_finance_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 投票: the ballots with their codes per kiosk; new codes, the slips PDF streamed once.
void install_ballot_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 投票设置: a ballot's own settings as a form; saving checked, refused once it is out and open.
void install_ballot_settings_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 意见: the inbox's messages with their replies, a reply set, the CSV.
void install_feedback_routes(httplib::Server& server, const ConsoleRoutes& routes);
// USB sticks: the sticks mounted, the bundle written to one, its exports taken into the inbox.
void install_usb_routes(httplib::Server& server, const ConsoleRoutes& routes);
// 预览 (linli-kiosk's own screenshot of the content) and 收集 (collect of the inbox).
void install_tool_routes(httplib::Server& server, const ConsoleRoutes& routes);

}  // namespace linli::admin
