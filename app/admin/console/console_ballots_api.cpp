// The console's 投票: the ballots of the workspace's content with the codes issued per kiosk, and
// new voting codes for one ballot at one kiosk, made exactly as `linli-admin codes` makes them:
// their hashes go into content/codes/, the codes themselves only into the slips PDF, which is
// streamed to the browser once and not kept (whoever has it can vote).
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/command.hpp"
#include "admin/console/console_overview.hpp"
#include "bundle/manifest.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace linli::admin {

namespace {

using httplib::Request;
using httplib::Response;
using nlohmann::json;
namespace fs = std::filesystem;

std::mutex g_codes_mutex;  // one batch at a time: each reads and extends codes/<ballot>/<kiosk>.toml

const char* kind_word(BallotKind kind)
{
    switch (kind) {
    case BallotKind::Motion: return "表决";
    case BallotKind::Single: return "单选";
    case BallotKind::Multi: return "多选";
    case BallotKind::Survey: return "问卷";
    }
    return "";
}

void list_ballots(const ConsoleRoutes& r, Response& res)
{
    auto loaded = workspace_content(r.options.workspace, r.options.language);
    if (!loaded) return reply_error(res, 422, "无法读取内容：" + loaded.error().message, loaded.error().message);
    const ContentSet& c = (*loaded)->content;
    json ballots = json::array();
    for (const BallotDefinition& b : c.ballots) {
        json codes = json::object();
        for (const BallotCodes& issued : c.ballot_codes)
            if (issued.ballot == b.id) codes[issued.kiosk] = issued.count();
        ballots.push_back({{"id", b.id},
                           {"title", b.title},
                           {"kind", kind_word(b.kind)},
                           {"opens", b.opens_s ? bundle::format_utc(b.opens_s) : ""},
                           {"closes", b.closes_s ? bundle::format_utc(b.closes_s) : ""},
                           {"codes_required", b.codes_required},
                           {"codes", codes}});
    }
    // The kiosks the console has heard of, for the form's list.
    json kiosks = json::array();
    std::error_code ec;
    for (auto it = fs::directory_iterator(fs::path(r.options.workspace) / "kiosks", ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
        if (it->path().extension() == ".json" && !it->path().filename().string().starts_with("."))
            kiosks.push_back(it->path().stem().string());
    reply_json(res, 200, {{"ballots", ballots}, {"kiosks", kiosks}, {"problems", (*loaded)->problems.size()}});
}

void make_codes(const ConsoleRoutes& r, const Request& req, const std::string& ballot, int session, Response& res)
{
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("kiosk") || !body["kiosk"].is_string() || !body.contains("count") ||
        !body["count"].is_number_integer())
        return reply_error(res, 400, "提交的表单格式不对", "malformed form");
    const std::string kiosk = body["kiosk"].get<std::string>();
    const int64_t count = body["count"].get<int64_t>();
    if (!bundle::is_kiosk_id(kiosk))
        return reply_error(res, 400, "信息屏编号只能用字母、数字和 . _ -（如 lobby-1）", "not a kiosk id");
    std::lock_guard lock(g_codes_mutex);
    // A private folder for the PDF, gone before the answer leaves: no copy stays on this PC.
    std::string temp = (fs::temp_directory_path() / "linli-slips-XXXXXX").string();
    if (!::mkdtemp(temp.data())) return reply_error(res, 500, "无法生成", "cannot make a temporary folder");
    const RemovedAtEnd remove{temp};
    const std::string count_text = std::to_string(count), content = (fs::path(r.options.workspace) / "content").string();
    const std::vector<std::string_view> args{"--ballot", ballot, "--count", count_text, "--kiosk", kiosk,
                                             "--content", content, "--out", temp};
    if (Status made = run_codes(args); !made)
        return reply_error(res, 422, "无法生成投票码：" + made.error().message, made.error().message);
    std::ifstream in(fs::path(temp) / "slips.pdf", std::ios::binary);
    std::stringstream pdf;
    pdf << in.rdbuf();
    r.actions.record(req, session, "issued " + count_text + " voting codes for ballot " + ballot + " at kiosk " + kiosk +
                                       " (slips downloaded once, not kept)");
    res.status = 200;
    res.set_header("Content-Disposition", "attachment; filename=\"slips-" + ballot + "-" + kiosk + ".pdf\"");
    res.set_content(pdf.str(), "application/pdf");
}

}  // namespace

void install_ballot_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get("/api/ballots", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) list_ballots(routes, res);
    });
    server.Post(R"(/api/ballots/([A-Za-z0-9][A-Za-z0-9_-]{0,63})/codes)", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) make_codes(routes, req, req.matches[1], *session, res);
    });
}

}  // namespace linli::admin

#endif
