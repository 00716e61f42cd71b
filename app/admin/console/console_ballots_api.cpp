// The console's 投票: the ballots of the workspace's content with the codes issued per kiosk and
// the newest count 收集 made; new voting codes for one ballot at one kiosk, made exactly as
// `linli-admin codes` makes them (their hashes into content/codes/, the codes only into the slips
// PDF, streamed to the browser once and not kept: whoever has it can vote); and 公布结果, the count
// copied into content/results/ for the next publish.
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/command.hpp"
#include "admin/console/console_overview.hpp"
#include "admin/output_file.hpp"
#include "content/ballot_results.hpp"
#include "bundle/manifest.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace linli::admin {

namespace {

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

// The newest count of a ballot that 收集 (collect) wrote: results/collect-*/results/<id>.toml.
std::optional<fs::path> collected_result(const ConsoleRoutes& r, const std::string& ballot)
{
    std::optional<fs::path> newest;
    std::error_code ec;
    for (auto it = fs::directory_iterator(fs::path(r.options.workspace) / "results", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        const fs::path file = it->path() / "results" / (ballot + ".toml");
        if (it->is_directory() && fs::is_regular_file(file) && (!newest || file > *newest)) newest = file;
    }
    return newest;
}

// A results file read as the kiosk's loader reads it, against the ballot it names; nothing (with
// the problems) when it does not check.
std::optional<BallotResult> read_result(const ContentSet& content, const std::string& ballot, const std::string& bytes,
                                        Language language, std::vector<content::Diagnostic>* problems = nullptr)
{
    content::Diagnostics d(language);
    ContentSet just_ballots;
    just_ballots.ballots = content.ballots;
    content::parse_ballot_results_text(d, "results/" + ballot + ".toml", bytes, just_ballots);
    auto found = d.take_sorted();
    if (problems) *problems = found;
    if (!found.empty() || just_ballots.ballot_results.empty()) return std::nullopt;
    return just_ballots.ballot_results.front();
}

json result_json(const BallotResult& result)
{
    json questions = json::array();
    for (const QuestionCount& q : result.count.questions) {
        json options = json::array();
        for (const OptionCount& o : q.options) options.push_back({{"label", o.label}, {"votes", o.votes}});
        questions.push_back({{"text", q.text}, {"options", options}, {"unanswered", q.unanswered}});
    }
    json turnout = json::array();
    for (const KioskTurnout& t : result.turnout) turnout.push_back({{"kiosk", t.kiosk}, {"ballots", t.ballots}});
    return {{"cast", result.count.cast},         {"outcome", outcome_key(result.count.outcome)},
            {"quorum_met", result.count.quorum_met}, {"elected", result.count.elected},
            {"tied", result.count.tied},         {"rule", result.rule},
            {"questions", questions},            {"turnout", turnout}};
}

void list_ballots(const ConsoleRoutes& r, const Request& req, Response& res)
{
    auto loaded = workspace_content(r.options.workspace, r.language(req));
    if (!loaded) return reply_error(res, 422, "无法读取内容：" + loaded.error().message, loaded.error().message);
    const ContentSet& c = (*loaded)->content;
    json ballots = json::array();
    for (const BallotDefinition& b : c.ballots) {
        json codes = json::object();
        for (const BallotCodes& issued : c.ballot_codes)
            if (issued.ballot == b.id) codes[issued.kiosk] = issued.count();
        json collected = nullptr;
        bool published = false;
        if (auto file = collected_result(r, b.id)) {
            const std::string bytes = read_whole_file(file->string());
            if (auto result = read_result(c, b.id, bytes, r.language(req))) {
                collected = result_json(*result);
                collected["folder"] = fs::relative(file->parent_path().parent_path(), r.options.workspace).string();
                published = read_whole_file((fs::path(r.options.workspace) / "content" / "results" / (b.id + ".toml")).string()) == bytes;
            }
        }
        ballots.push_back({{"id", b.id},
                           {"title", b.title},
                           {"kind", kind_word(b.kind)},
                           {"opens", b.opens_s ? bundle::format_utc(b.opens_s) : ""},
                           {"closes", b.closes_s ? bundle::format_utc(b.closes_s) : ""},
                           {"codes_required", b.codes_required},
                           {"codes", codes},
                           {"result", collected},
                           {"result_published", published}});
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

// 公布结果: the newest collected count into content/results/, checked as the kiosk will check it;
// the next publish takes it to the kiosks, which show it once the ballot has closed.
void publish_result(const ConsoleRoutes& r, const Request& req, const std::string& ballot, int session, Response& res)
{
    auto loaded = workspace_content(r.options.workspace, r.language(req));
    if (!loaded) return reply_error(res, 422, "无法读取内容：" + loaded.error().message, loaded.error().message);
    auto file = collected_result(r, ballot);
    if (!file) return reply_error(res, 404, "还没有这个投票的计票结果：请先收集", "no collected count of this ballot yet");
    const std::string bytes = read_whole_file(file->string());
    std::vector<content::Diagnostic> problems;
    if (!read_result((*loaded)->content, ballot, bytes, r.language(req), &problems)) {
        std::string why;
        for (const auto& d : problems) why += (why.empty() ? "" : "；") + content::format_diagnostic(d);
        return reply_error(res, 422, "计票结果与投票设置不符：" + why, why);
    }
    const fs::path dir = fs::path(r.options.workspace) / "content" / "results";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (Status written = replace_file((dir / (ballot + ".toml")).string(), bytes, 0644, "console"); !written)
        return reply_error(res, 500, "保存失败：" + written.error().message, written.error().message);
    r.actions.record(req, session, "put the result of ballot " + ballot + " into content/results/ from " +
                                       fs::relative(*file, r.options.workspace).string());
    reply_json(res, 200, {{"saved", true}, {"file", "results/" + ballot + ".toml"}});
}

}  // namespace

void install_ballot_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Post(R"(/api/ballots/([A-Za-z0-9][A-Za-z0-9_-]{0,63})/publish-result)", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) publish_result(routes, req, req.matches[1], *session, res);
    });
    server.Get("/api/ballots", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) list_ballots(routes, req, res);
    });
    server.Post(R"(/api/ballots/([A-Za-z0-9][A-Za-z0-9_-]{0,63})/codes)", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) make_codes(routes, req, req.matches[1], *session, res);
    });
}

}  // namespace linli::admin

#endif
