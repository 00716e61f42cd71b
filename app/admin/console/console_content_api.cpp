// The console's 公告 and 发布: the same files an administrator writes by hand, edited in place
// (content/item_edit), checked exactly as `check` does before a byte is written, and built into
// the workspace's bundle/ exactly as `build` does.
#include "admin/console/console_http.hpp"

#include "admin/output_file.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "bundle/build.hpp"
#include "content/item_edit.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace linli::admin {

namespace {

constexpr int64_t k_max_item_bytes = 1024 * 1024;
constexpr size_t k_max_media_bytes = 20u * 1024 * 1024;  // as the content check allows

// The kinds the console edits: their folder (which is also the API's path), and how a new
// file is named.
struct Kind {
    std::string_view folder;
    content::EditedKind kind;
    std::string_view new_prefix;
};
constexpr Kind k_kinds[] = {{"announcements", content::EditedKind::Announcement, "notice"},
                            {"recruitment", content::EditedKind::Recruitment, "recruitment"},
                            {"documents", content::EditedKind::Document, "document"},
                            {"meetings", content::EditedKind::Meeting, "meeting"}};

const Kind& kind_of(const std::string& folder)
{
    for (const Kind& k : k_kinds)
        if (k.folder == folder) return k;
    return k_kinds[0];
}

json fields_json(const content::ItemFields& f)
{
    json out = {{"title", f.title},   {"category", f.category}, {"publish", f.publish}, {"expire", f.expire},
                {"urgent", f.urgent}, {"pinned", f.pinned},     {"qr_url", f.qr_url},   {"qr_label", f.qr_label},
                {"body", f.body}};
    for (const auto& [key, value] : f.extra) out[key] = value;
    for (const auto& [key, items] : f.lists) out[key] = items;
    if (!f.positions.empty()) {
        out["positions"] = json::array();
        for (const auto& p : f.positions) out["positions"].push_back({{"name", p.name}, {"count", p.count}});
    }
    return out;
}

std::optional<content::ItemFields> fields_from(const json& j, content::EditedKind kind)
{
    if (!j.is_object()) return std::nullopt;
    content::ItemFields f;
    auto text = [&](const char* key, std::string& out) {
        if (!j.contains(key)) return true;
        if (!j[key].is_string()) return false;
        out = j[key].get<std::string>();
        return out.size() <= size_t(k_max_item_bytes);
    };
    auto flag = [&](const char* key, bool& out) {
        if (!j.contains(key)) return true;
        if (!j[key].is_boolean()) return false;
        out = j[key].get<bool>();
        return true;
    };
    if (!text("title", f.title) || !text("category", f.category) || !text("publish", f.publish) ||
        !text("expire", f.expire) || !text("qr_url", f.qr_url) || !text("qr_label", f.qr_label) ||
        !text("body", f.body) || !flag("urgent", f.urgent) || !flag("pinned", f.pinned))
        return std::nullopt;
    for (const content::ExtraField& e : content::extra_fields(kind)) {
        const std::string key(e.key);
        if (!j.contains(key)) continue;
        if (e.type == content::ExtraType::Positions) {
            if (!j[key].is_array()) return std::nullopt;
            for (const auto& row : j[key]) {
                if (!row.is_object() || !row.value("name", json()).is_string() || !row.value("count", json()).is_string())
                    return std::nullopt;
                content::PositionRow p{row["name"].get<std::string>(), row["count"].get<std::string>()};
                if (!p.name.empty() || !p.count.empty()) f.positions.push_back(std::move(p));
            }
        } else if (e.type == content::ExtraType::List) {
            if (!j[key].is_array()) return std::nullopt;
            std::vector<std::string> items;
            for (const auto& item : j[key]) {
                if (!item.is_string()) return std::nullopt;
                if (!item.get<std::string>().empty()) items.push_back(item.get<std::string>());
            }
            f.lists[key] = std::move(items);
        } else if (!text(key.c_str(), f.extra[key])) {
            return std::nullopt;
        }
    }
    return f;
}

void list_items(const ConsoleRoutes& r, const Kind& kind, Response& res)
{
    const fs::path dir = fs::path(r.options.workspace) / "content" / std::string(kind.folder);
    json items = json::array();
    std::error_code ec;
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.ends_with(".md") || !is_item_id(name.substr(0, name.size() - 3))) continue;
        auto bytes = read_content_file(it->path());
        if (!bytes) continue;
        json item = {{"id", name.substr(0, name.size() - 3)}};
        if (auto f = content::read_item_fields(*bytes, kind.kind)) {
            item.update(fields_json(*f));
            item.erase("body");
        } else {
            item["unreadable"] = true;  // no front matter the form can read: check says why
        }
        items.push_back(std::move(item));
    }
    // Newest first, as the kiosk lists them.
    std::sort(items.begin(), items.end(), [](const json& a, const json& b) {
        return a.value("publish", std::string()) > b.value("publish", std::string());
    });
    reply_json(res, 200, {{"items", items}});
}

void get_item(const ConsoleRoutes& r, const Kind& kind, const std::string& id, Response& res)
{
    const fs::path path = fs::path(r.options.workspace) / "content" / std::string(kind.folder) / (id + ".md");
    auto bytes = read_content_file(path);
    if (!bytes) return reply_error(res, 404, "没有这个文件", "no such item");
    auto f = content::read_item_fields(*bytes, kind.kind);
    if (!f)
        return reply_error(res, 422, "这个文件的开头（+++ 之间）无法读取，请用 check 查看原因后在文件中修改",
                           "the file's front matter cannot be read: see check, and mend it in the file");
    reply_json(res, 200,
               {{"id", id},
                {"file", std::string(kind.folder) + "/" + id + ".md"},
                {"fields", fields_json(*f)},
                {"loses_comments", content::edit_loses_comments(*bytes, kind.kind)}});
}

void save_item(const ConsoleRoutes& r, const Kind& kind, const Request& req, std::string id, int session, Response& res)
{
    json body = json::parse(req.body, nullptr, false);
    auto fields = fields_from(body.is_object() && body.contains("fields") ? body["fields"] : body, kind.kind);
    if (!fields) return reply_error(res, 400, "提交的表单格式不对", "malformed form");
    const fs::path dir = fs::path(r.options.workspace) / "content" / std::string(kind.folder);
    std::error_code ec;
    fs::create_directories(dir, ec);
    const bool creating = id == "new";
    if (creating) id = new_item_id(dir.string(), kind.new_prefix, ".md", console_now_s());
    const fs::path path = dir / (id + ".md");
    std::string old_text;
    if (!creating) {
        auto bytes = read_content_file(path);
        if (!bytes) return reply_error(res, 404, "没有这个文件", "no such item");
        old_text = std::move(*bytes);
    }
    const content::EditedItem edited = content::write_item_fields(old_text, *fields, kind.kind);
    const std::string rel = std::string(kind.folder) + "/" + id + ".md";
    auto problems = content::check_item_text((fs::path(r.options.workspace) / "content").string(), kind.kind, rel,
                                             edited.text, r.language(req));
    save_checked_edit(r, req, session, res,
                      {path.string(), rel, id, edited.text, creating, edited.rewritten, std::move(problems),
                       [](std::string_view text, int line) { return content::field_at_line(text, line); }});
}

void publish(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    bundle::BuildOptions options;
    const fs::path ws(r.options.workspace);
    options.content_dir = (ws / "content").string();
    options.key_dir = (ws / "keys").string();
    options.out_dir = (ws / "bundle").string();
    options.messages = r.language(req);
    options.now_s = console_now_s();
    json body = json::parse(req.body, nullptr, false);
    options.publish_mismatch = body.is_object() && body.value("publish_mismatch", false);
    auto built = bundle::build_bundle(options);
    if (!built) return reply_error(res, 500, "发布失败：" + built.error().message, "publishing failed: " + built.error().message);
    auto diagnostics = [](const std::vector<content::Diagnostic>& list) {
        json out = json::array();
        for (const auto& d : list) out.push_back({{"file", d.file}, {"line", d.line}, {"message", d.message}});
        return out;
    };
    if (!built->problems.empty() || built->refused_mismatch)
        return reply_json(res, 422,
                          {{"published", false},
                           {"refused_mismatch", built->refused_mismatch},
                           {"problems", diagnostics(built->problems)},
                           {"warnings", diagnostics(built->warnings)}});
    const bundle::Manifest& m = built->manifest;
    r.actions.record(req, session, "published version " + std::to_string(m.version) + " (" +
                                       std::to_string(m.files.size()) + " files)");
    reply_json(res, 200,
               {{"published", true},
                {"version", m.version},
                {"files", m.files.size()},
                {"created", bundle::format_utc(m.created_s)},
                {"expires", bundle::format_utc(m.expires_s)},
                {"warnings", diagnostics(built->warnings)}});
}

// 图片: a picture for an item's images, stored under content/media/ as the content check takes it
// (JPEG or PNG by its first bytes, at most 20 MB). The name is made safe ([a-z0-9._-], the type's
// extension); a different file of that name is never replaced: the new one gets -2, -3...
void upload_media(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    const std::string& bytes = req.body;
    const bool png = bytes.size() >= 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1A\n") == 0;
    const bool jpeg = bytes.size() >= 3 && bytes.compare(0, 3, "\xFF\xD8\xFF") == 0;
    if (!png && !jpeg) return reply_error(res, 415, "只能上传 JPEG 或 PNG 图片", "only JPEG or PNG pictures");
    if (bytes.size() > k_max_media_bytes) return reply_error(res, 413, "图片太大（最多 20 MB）", "the picture is too large");
    std::string stem;
    const std::string name = req.get_param_value("name");
    for (char c : name.substr(0, name.rfind('.'))) {
        const char lower = char(std::tolower(static_cast<unsigned char>(c)));
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '-' || lower == '_')
            stem += lower;
        else if (!stem.empty() && stem.back() != '-')
            stem += '-';
    }
    while (!stem.empty() && stem.back() == '-') stem.pop_back();
    if (stem.empty() || stem.size() > 60) stem = "picture";
    const std::string ext = png ? ".png" : ".jpg";
    const fs::path dir = fs::path(r.options.workspace) / "content" / "media";
    std::error_code ec;
    fs::create_directories(dir, ec);
    std::string chosen = stem + ext;
    for (int n = 2; fs::exists(dir / chosen, ec); ++n) {
        // The same picture uploaded again is the one there (compared when small enough to read).
        if (auto same = read_content_file(dir / chosen); same && *same == bytes) return reply_json(res, 200, {{"path", "media/" + chosen}});
        chosen = stem + "-" + std::to_string(n) + ext;
    }
    if (Status written = replace_file((dir / chosen).string(), bytes, 0644, "console"); !written)
        return reply_error(res, 500, "保存失败：" + written.error().message, written.error().message);
    r.actions.record(req, session, "uploaded media/" + chosen + " (" + std::to_string(bytes.size()) + " bytes)");
    reply_json(res, 200, {{"path", "media/" + chosen}});
}

}  // namespace

void save_checked_edit(const ConsoleRoutes& r, const Request& req, int session, Response& res, const CheckedEdit& edit)
{
    json problems = json::array();
    bool errors = false;
    for (const auto& d : edit.problems) {
        errors = errors || d.severity == content::Severity::Error;
        problems.push_back({{"field", edit.field_at(edit.text, d.line)},
                            {"line", d.line},
                            {"message", d.message},
                            {"where", content::format_diagnostic(d)},
                            {"warning", d.severity != content::Severity::Error}});
    }
    if (errors) return reply_json(res, 422, {{"saved", false}, {"file", edit.rel}, {"problems", problems}});
    // Whole or not at all: a hidden temporary file beside it (the loader skips dot-files), synced, renamed.
    if (Status written = replace_file(edit.path, edit.text, 0644, "console"); !written)
        return reply_error(res, 500, "保存失败：" + written.error().message, "saving failed: " + written.error().message);
    r.actions.record(req, session, (edit.creating ? "created " : "saved ") + edit.rel);
    reply_json(res, 200,
               {{"saved", true}, {"id", edit.id}, {"file", edit.rel}, {"rewritten", edit.rewritten}, {"problems", problems}});
}

void install_item_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Post("/api/media", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) upload_media(routes, req, *session, res);
    });
    static const std::string kinds = "(announcements|recruitment|documents|meetings)";
    server.Get("/api/" + kinds, [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) list_items(routes, kind_of(req.matches[1]), res);
    });
    server.Get("/api/" + kinds + "/([^/]+)", [routes](const Request& req, Response& res) {
        if (!routes.authorise(req, res)) return;
        const std::string id = req.matches[2];
        if (!is_item_id(id)) return reply_error(res, 400, "文件名不对", "not an item's name");
        get_item(routes, kind_of(req.matches[1]), id, res);
    });
    server.Post("/api/" + kinds + "/([^/]+)", [routes](const Request& req, Response& res) {
        auto session = routes.authorise(req, res);
        if (!session) return;
        const std::string id = req.matches[2];
        if (!is_item_id(id)) return reply_error(res, 400, "文件名不对", "not an item's name");
        save_item(routes, kind_of(req.matches[1]), req, id, *session, res);
    });
}

void install_publish_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Post("/api/publish", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) publish(routes, req, *session, res);
    });
}

}  // namespace linli::admin

#endif
