// The console's 财务: the ledger as the kiosks will show it (the latest year's statement, month by
// month, the reconciliation against finance/periods.toml), and a new ledger.csv uploaded as Excel
// or WPS saved it (UTF-8 or GBK/GB18030). An upload is checked with the rest of the folder as
// `check` would (in a staging copy of hard links beside it) and replaces finance/ledger.csv only
// when it has no error; its warnings (balances that do not reconcile) are shown before publishing.
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/console/console_overview.hpp"
#include "admin/output_file.hpp"
#include "core/finance.hpp"

#include <stdlib.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace linli::admin {

namespace {

// A ledger of 100,000 rows is about 6 MB; far more is not a community's ledger.
constexpr size_t k_max_ledger_bytes = 32u * 1024 * 1024;
std::mutex g_ledger_mutex;

json diagnostics(const std::vector<content::Diagnostic>& list, bool finance_only)
{
    json out = json::array();
    for (const auto& d : list)
        if (!finance_only || d.file.starts_with("finance/"))
            out.push_back({{"file", d.file}, {"line", d.line}, {"message", d.message}});
    return out;
}

json categories(const std::vector<CategoryTotal>& list)
{
    json out = json::array();
    for (const auto& c : list) out.push_back({{"category", c.category}, {"amount", c.amount.format()}});
    return out;
}

void show_finance(const ConsoleRoutes& r, const Request& req, Response& res)
{
    auto loaded = workspace_content(r.options.workspace, r.language(req));
    if (!loaded) return reply_error(res, 422, "无法读取内容：" + loaded.error().message, loaded.error().message);
    const content::ContentLoad& load = **loaded;
    const auto& ledger = load.content.ledger;
    json out = {{"entries", ledger.size()},
                {"problems", diagnostics(load.problems, true)},
                {"warnings", diagnostics(load.warnings, true)}};
    if (!ledger.empty()) {
        int64_t last = 0;
        for (const auto& e : ledger) last = std::max(last, e.date_s);
        const std::time_t t = std::time_t(last);
        struct tm local {};
        ::localtime_r(&t, &local);
        const int year = local.tm_year + 1900;
        const Statement s = compute_statement(ledger, Period::whole_year(year));
        json months = json::array();
        for (const MonthFlow& m : monthly_series(ledger, year))
            months.push_back({{"month", m.month.format()}, {"income", m.income.format()}, {"expense", m.expense.format()}});
        out["year"] = year;
        out["statement"] = {{"opening", s.opening.format()},   {"income", s.income.format()},
                            {"expense", s.expense.format()},   {"closing", s.closing.format()},
                            {"income_by_category", categories(s.income_by_category)},
                            {"expense_by_category", categories(s.expense_by_category)}};
        out["months"] = months;
    }
    reply_json(res, 200, out);
}

// Checked as content_with_file does (staging hard links beside content/), then written.
void upload_ledger(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    if (req.body.empty()) return reply_error(res, 400, "没有收到文件", "no file received");
    if (req.body.size() > k_max_ledger_bytes) return reply_error(res, 413, "文件太大（最多 32 MB）", "the file is too large");
    const fs::path content = fs::path(r.options.workspace) / "content";
    std::lock_guard lock(g_ledger_mutex);
    auto checked = content_with_file(r.options.workspace, "finance/ledger.csv", req.body, r.language(req));
    if (!checked) return reply_error(res, 422, checked.error().message, checked.error().message);
    std::vector<content::Diagnostic> errors;
    for (const auto& d : checked->problems)
        if (d.file.starts_with("finance/")) errors.push_back(d);
    if (!errors.empty())
        return reply_json(res, 422, {{"saved", false}, {"problems", diagnostics(errors, false)},
                                     {"entries", checked->content.ledger.size()}});
    // Whole or not at all: written beside the ledger under a hidden name, synced, renamed.
    std::error_code ec;
    fs::create_directories(content / "finance", ec);
    if (Status written = replace_file((content / "finance" / "ledger.csv").string(), req.body, 0644, "console"); !written)
        return reply_error(res, 500, "保存失败：" + written.error().message, written.error().message);
    r.actions.record(req, session, "uploaded finance/ledger.csv (" + std::to_string(checked->content.ledger.size()) + " entries)");
    reply_json(res, 200, {{"saved", true}, {"entries", checked->content.ledger.size()},
                          {"warnings", diagnostics(checked->warnings, true)}});
}

}  // namespace

void install_finance_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get("/api/finance", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) show_finance(routes, req, res);
    });
    server.Post("/api/finance/ledger", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) upload_ledger(routes, req, *session, res);
    });
}

}  // namespace linli::admin

#endif
