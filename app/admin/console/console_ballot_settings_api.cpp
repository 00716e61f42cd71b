// The console's 投票设置: a ballot's own settings (ballots/<id>.toml: title, kind, choices with
// photo and biography, questions, period, codes, quorum, threshold) as a form, edited in place
// (content/ballot_edit) and checked exactly as `check` does before a byte is written. A ballot
// the kiosks already have and that has opened is not changed: residents may have voted on it.
#include "admin/console/console_http.hpp"

#include "admin/output_file.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "bundle/manifest.hpp"
#include "content/ballot_edit.hpp"
#include "content/loaders.hpp"

#include <filesystem>

namespace linli::admin {

namespace {

constexpr size_t k_max_setting_bytes = 64 * 1024;

// When the ballot the kiosks were last sent (this workspace's bundle/) opens; nothing when the
// published bundle has no such ballot.
std::optional<int64_t> published_opening(const std::string& workspace, const std::string& id)
{
    const fs::path bundle = fs::path(workspace) / "bundle";
    auto manifest = bundle::parse_manifest(read_whole_file((bundle / std::string(bundle::k_manifest_name)).string()));
    if (!manifest) return std::nullopt;
    const std::string rel = "ballots/" + id + ".toml";
    for (const bundle::ManifestFile& f : manifest->files) {
        if (f.path != rel) continue;
        const std::string text = read_whole_file((bundle / bundle::stored_name(f.sha256)).string());
        content::Diagnostics ignored(Language::English);
        ContentSet content;
        content::parse_ballot_text(ignored, {}, rel, text, content);
        if (content.ballots.empty() || content.ballots[0].opens_s == 0) return std::nullopt;
        return content.ballots[0].opens_s;
    }
    return std::nullopt;
}

// Why this ballot may no longer be changed (Chinese, English), or nothing.
std::optional<std::pair<std::string, std::string>> lock_reason(const ConsoleRoutes& r, const std::string& id)
{
    auto opens = published_opening(r.options.workspace, id);
    if (!opens || *opens > console_now_s()) return std::nullopt;
    return std::pair{std::string("这个投票已经发布到信息屏并已开始，不能再修改设置：居民可能已经投票，改动会让选票对不上。"
                                 "如需更正，请新建一个投票。"),
                     std::string("This ballot has been published to the kiosks and has opened: its settings can no longer "
                                 "change, since residents may have voted and the ballots would no longer match. To correct "
                                 "it, make a new ballot.")};
}

json ballot_fields_json(const content::BallotFields& f)
{
    json choices = json::array(), questions = json::array();
    for (const auto& c : f.choices) choices.push_back({{"name", c.name}, {"photo", c.photo}, {"bio", c.bio}});
    for (const auto& q : f.questions)
        questions.push_back({{"text", q.text}, {"kind", q.kind}, {"max_choices", q.max_choices}, {"options", q.options}});
    return {{"title", f.title},     {"kind", f.kind},           {"description", f.description}, {"opens", f.opens},
            {"closes", f.closes},   {"codes", f.codes},         {"quorum", f.quorum},           {"threshold", f.threshold},
            {"seats", f.seats},     {"max_choices", f.max_choices}, {"choices", choices},       {"questions", questions}};
}

// A string member (absent: ""); false when it is something else or too long.
bool member_text(const json& j, const char* key, std::string& out)
{
    if (!j.contains(key)) return true;
    if (!j[key].is_string()) return false;
    out = j[key].get<std::string>();
    return out.size() <= k_max_setting_bytes;
}

bool member_list(const json& j, const char* key, std::vector<std::string>& out)
{
    if (!j.contains(key)) return true;
    if (!j[key].is_array()) return false;
    for (const auto& item : j[key]) {
        if (!item.is_string()) return false;
        if (!item.get<std::string>().empty()) out.push_back(item.get<std::string>());
    }
    return true;
}

std::optional<content::BallotFields> ballot_fields_from(const json& j)
{
    if (!j.is_object()) return std::nullopt;
    content::BallotFields f;
    const std::pair<const char*, std::string*> members[] = {
        {"title", &f.title},   {"kind", &f.kind},     {"description", &f.description}, {"opens", &f.opens},
        {"closes", &f.closes}, {"codes", &f.codes},   {"quorum", &f.quorum},           {"threshold", &f.threshold},
        {"seats", &f.seats},   {"max_choices", &f.max_choices}};
    for (const auto& [key, out] : members)
        if (!member_text(j, key, *out)) return std::nullopt;
    if (j.contains("choices")) {
        if (!j["choices"].is_array()) return std::nullopt;
        for (const auto& c : j["choices"]) {
            content::ChoiceRow row;
            if (!c.is_object() || !member_text(c, "name", row.name) || !member_text(c, "photo", row.photo) ||
                !member_text(c, "bio", row.bio))
                return std::nullopt;
            if (!row.name.empty() || !row.photo.empty() || !row.bio.empty()) f.choices.push_back(std::move(row));
        }
    }
    if (j.contains("questions")) {
        if (!j["questions"].is_array()) return std::nullopt;
        for (const auto& q : j["questions"]) {
            content::QuestionRow row;
            if (!q.is_object() || !member_text(q, "text", row.text) || !member_text(q, "kind", row.kind) ||
                !member_text(q, "max_choices", row.max_choices) || !member_list(q, "options", row.options))
                return std::nullopt;
            if (!row.text.empty() || !row.options.empty()) f.questions.push_back(std::move(row));
        }
    }
    return f;
}

fs::path ballot_path(const ConsoleRoutes& r, const std::string& id)
{
    return fs::path(r.options.workspace) / "content" / "ballots" / (id + ".toml");
}

void get_settings(const ConsoleRoutes& r, const Request& req, const std::string& id, Response& res)
{
    auto bytes = read_content_file(ballot_path(r, id));
    if (!bytes) return reply_error(res, 404, "没有这个投票", "no such ballot");
    auto f = content::read_ballot_fields(*bytes);
    if (!f)
        return reply_error(res, 422, "这个投票文件无法读取，请用 check 查看原因后在文件中修改",
                           "the ballot's file cannot be read: see check, and mend it in the file");
    const auto locked = lock_reason(r, id);
    reply_json(res, 200,
               {{"id", id},
                {"file", "ballots/" + id + ".toml"},
                {"fields", ballot_fields_json(*f)},
                {"loses_comments", content::ballot_edit_loses_comments(*bytes)},
                {"locked", locked.has_value()},
                {"locked_reason", !locked ? "" : r.language(req) == Language::English ? locked->second : locked->first}});
}

void save_settings(const ConsoleRoutes& r, const Request& req, std::string id, int session, Response& res)
{
    json body = json::parse(req.body, nullptr, false);
    auto fields = ballot_fields_from(body.is_object() && body.contains("fields") ? body["fields"] : body);
    if (!fields) return reply_error(res, 400, "提交的表单格式不对", "malformed form");
    const fs::path dir = fs::path(r.options.workspace) / "content" / "ballots";
    std::error_code ec;
    fs::create_directories(dir, ec);
    const bool creating = id == "new";
    if (creating) id = new_item_id(dir.string(), "ballot", ".toml", console_now_s());
    std::string old_text;
    if (!creating) {
        if (const auto locked = lock_reason(r, id)) return reply_error(res, 409, locked->first, locked->second);
        auto bytes = read_content_file(ballot_path(r, id));
        if (!bytes) return reply_error(res, 404, "没有这个投票", "no such ballot");
        old_text = std::move(*bytes);
    }
    const content::EditedItem edited = content::write_ballot_fields(old_text, *fields);
    const std::string rel = "ballots/" + id + ".toml";
    auto problems = content::check_ballot_text((fs::path(r.options.workspace) / "content").string(), rel, edited.text,
                                               r.language(req));
    save_checked_edit(r, req, session, res,
                      {ballot_path(r, id).string(), rel, id, edited.text, creating, edited.rewritten, std::move(problems),
                       [](std::string_view text, int line) { return content::ballot_field_at_line(text, line); }});
}

}  // namespace

void install_ballot_settings_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get(R"(/api/ballots/([^/]+)/settings)", [routes](const Request& req, Response& res) {
        if (!routes.authorise(req, res)) return;
        const std::string id = req.matches[1];
        if (!is_item_id(id)) return reply_error(res, 400, "投票编号不对", "not a ballot's name");
        get_settings(routes, req, id, res);
    });
    server.Post(R"(/api/ballots/([^/]+)/settings)", [routes](const Request& req, Response& res) {
        auto session = routes.authorise(req, res);
        if (!session) return;
        const std::string id = req.matches[1];
        if (!is_item_id(id)) return reply_error(res, 400, "投票编号不对", "not a ballot's name");
        save_settings(routes, req, id, *session, res);
    });
}

}  // namespace linli::admin

#endif
