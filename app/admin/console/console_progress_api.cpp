// The console's 工作进展: progress/tasks.csv and progress/goals.csv as tables to edit in the
// browser. The header row stays as the file has it (English or Chinese); the rows are written
// back as UTF-8 CSV (quoted where a cell needs it), checked with the whole folder as `check`
// would before the file is replaced.
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/console/console_overview.hpp"
#include "admin/output_file.hpp"
#include "content/csv_reader.hpp"
#include "content/encoding.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace linli::admin {

namespace {

std::mutex g_progress_mutex;

struct Sheet {
    std::string_view name;  // "tasks"
    std::string_view header;  // for a file that does not exist yet
};
constexpr Sheet k_tasks{"tasks", "id,title,group,owner,status,progress,due,updated"};
constexpr Sheet k_goals{"goals", "year,goal,target,result,status"};

std::string rel_of(const Sheet& s) { return "progress/" + std::string(s.name) + ".csv"; }

json sheet_json(const ConsoleRoutes& r, const Sheet& sheet)
{
    std::ifstream in(fs::path(r.options.workspace) / "content" / rel_of(sheet), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    json header = json::array(), rows = json::array();
    const auto decoded = content::decode_spreadsheet_text(bytes.str());
    const content::CsvTable table = content::read_csv(decoded ? decoded->text : std::string(sheet.header));
    for (size_t i = 0; i < table.rows.size(); ++i) {
        json cells = json::array();
        for (const std::string& cell : table.rows[i].fields) cells.push_back(std::string(content::trim_cell(cell)));
        if (i == 0) header = std::move(cells);
        else rows.push_back(std::move(cells));
    }
    if (header.empty())
        for (const std::string& cell : content::read_csv(std::string(sheet.header)).rows[0].fields) header.push_back(cell);
    return {{"file", rel_of(sheet)}, {"header", header}, {"rows", rows}};
}

std::string csv_cell(const std::string& cell)
{
    if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
    std::string out = "\"";
    for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c == '\r' ? ' ' : c);
    return out + "\"";
}

void show_progress(const ConsoleRoutes& r, const Request& req, Response& res)
{
    json problems = json::array();
    if (auto loaded = workspace_content(r.options.workspace, r.language(req)))
        for (const auto& d : (*loaded)->problems)
            if (d.file.starts_with("progress/")) problems.push_back({{"file", d.file}, {"line", d.line}, {"message", d.message}});
    reply_json(res, 200, {{"tasks", sheet_json(r, k_tasks)}, {"goals", sheet_json(r, k_goals)}, {"problems", problems}});
}

void save_sheet(const ConsoleRoutes& r, const Sheet& sheet, const Request& req, int session, Response& res)
{
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("rows") || !body["rows"].is_array())
        return reply_error(res, 400, "提交的表格格式不对", "malformed table");
    const json current = sheet_json(r, sheet);
    std::string text;
    for (size_t i = 0; i < current["header"].size(); ++i) text += (i ? "," : "") + csv_cell(current["header"][i].get<std::string>());
    text += "\n";
    for (const json& row : body["rows"]) {
        if (!row.is_array()) return reply_error(res, 400, "提交的表格格式不对", "malformed table");
        std::string line;
        bool any = false;
        for (size_t i = 0; i < row.size(); ++i) {
            if (!row[i].is_string()) return reply_error(res, 400, "提交的表格格式不对", "malformed table");
            any = any || !row[i].get<std::string>().empty();
            line += (i ? "," : "") + csv_cell(row[i].get<std::string>());
        }
        if (any) text += line + "\n";  // an empty row is no row
    }
    std::lock_guard lock(g_progress_mutex);
    auto checked = content_with_file(r.options.workspace, rel_of(sheet), text, r.language(req));
    if (!checked) return reply_error(res, 422, checked.error().message, checked.error().message);
    json problems = json::array();
    for (const auto& d : checked->problems)
        if (d.file == rel_of(sheet)) problems.push_back({{"file", d.file}, {"line", d.line}, {"message", d.message}});
    if (!problems.empty()) return reply_json(res, 422, {{"saved", false}, {"problems", problems}});
    const fs::path path = fs::path(r.options.workspace) / "content" / rel_of(sheet);
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (Status written = replace_file(path.string(), text, 0644, "console"); !written)
        return reply_error(res, 500, "保存失败：" + written.error().message, written.error().message);
    r.actions.record(req, session, "saved " + rel_of(sheet) + " (" + std::to_string(body["rows"].size()) + " rows)");
    reply_json(res, 200, {{"saved", true}, {"file", rel_of(sheet)}});
}

}  // namespace

void install_progress_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get("/api/progress", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) show_progress(routes, req, res);
    });
    server.Post("/api/progress/(tasks|goals)", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res))
            save_sheet(routes, req.matches[1] == "tasks" ? k_tasks : k_goals, req, *session, res);
    });
}

}  // namespace linli::admin

#endif
