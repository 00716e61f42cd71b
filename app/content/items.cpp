// The Markdown kinds: announcements, recruitment, documents, meetings. Each file is TOML front
// matter (common fields of INTERFACES.md §3 plus the kind's own) and a Markdown body kept as text.
#include "content/encoding.hpp"
#include "content/front_matter.hpp"
#include "content/loaders.hpp"
#include "content/toml_fields.hpp"

#include <array>

namespace linli::content {

namespace {

constexpr int64_t k_max_item_bytes = 4 * 1024 * 1024;

constexpr std::string_view k_common_keys[] = {"title",  "publish", "expire", "pinned", "urgent",
                                              "category", "qr_url", "qr_label", "images"};
constexpr std::string_view k_recruitment_keys[] = {"positions", "requirements", "deadline", "apply", "apply_url"};
constexpr std::string_view k_document_keys[] = {"kind", "comment_until"};
constexpr std::string_view k_meeting_keys[] = {"date", "location", "kind", "decisions"};

std::vector<std::string_view> keys_with(std::span<const std::string_view> extra)
{
    std::vector<std::string_view> keys(std::begin(k_common_keys), std::end(k_common_keys));
    keys.insert(keys.end(), extra.begin(), extra.end());
    return keys;
}

// Reads the fields every kind shares; reports title, dates and urgency problems.
void read_common(TomlFields& f, const MediaIndex& media, Notice& notice, ItemExtras& extras)
{
    if (auto title = f.text("title", true))
        notice.title = *title;
    notice.category = f.text("category").value_or("");
    notice.pinned = f.flag("pinned").value_or(false);
    notice.urgent = f.flag("urgent").value_or(false);
    auto publish = f.time("publish");
    auto expire = f.time("expire");
    notice.publish_s = publish.value_or(0);
    notice.expire_s = expire.value_or(0);
    if (publish && expire && *expire <= *publish)
        f.problem(f.line("expire"), "expire 必须晚于 publish（否则这条内容永远不会显示）",
                  "expire must be after publish (otherwise this is never shown)");
    if (notice.urgent && !f.has("expire"))
        f.problem(f.line("urgent"), "紧急内容（urgent = true）必须设置 expire，否则红色横幅永不消失",
                  "urgent = true requires expire, or the red banner never goes away");
    extras.qr_url = f.text("qr_url").value_or("");
    extras.qr_label = f.text("qr_label").value_or("");
    if (f.has("qr_label") && !f.has("qr_url"))
        f.problem(f.line("qr_label"), "有 qr_label 却没有 qr_url", "qr_label without qr_url");
    if (auto images = f.text_list("images")) {
        for (const std::string& path : *images)
            check_media_reference(f.diagnostics(), f.file(), f.line("images"), media, path);
        extras.images = *images;
    }
}

// One value among a fixed set, reported with the allowed values when it is not.
std::optional<size_t> choice(TomlFields& f, std::string_view key, std::span<const std::string_view> allowed,
                             bool required)
{
    auto value = f.text(key, required);
    if (!value)
        return std::nullopt;
    for (size_t i = 0; i < allowed.size(); ++i)
        if (*value == allowed[i])
            return i;
    std::string list;
    for (std::string_view a : allowed)
        list += (list.empty() ? "" : " | ") + std::string(a);
    std::string k(key);
    f.problem(f.line(key), k + " 应为 " + list + " 之一，而不是 " + shown_value(*value),
              k + " must be one of " + list + ", not " + shown_value(*value));
    return std::nullopt;
}

void read_recruitment(TomlFields& f, Recruitment& r)
{
    for (const toml::table* t : f.table_list("positions")) {
        TomlFields p(f.diagnostics(), f.file(), *t, f.line_offset(), f.line_of(*t));
        constexpr std::string_view k_position_keys[] = {"name", "count"};
        p.check_keys(k_position_keys);
        Position position;
        position.name = p.text("name", true).value_or("");
        if (auto count = p.integer("count", true)) {
            if (*count < 1 || *count > 10000)
                p.problem(p.line("count"), "count 应为正整数", "count must be a positive whole number");
            else
                position.count = static_cast<int>(*count);
        }
        r.positions.push_back(std::move(position));
    }
    r.requirements = f.text_list("requirements").value_or(std::vector<std::string>{});
    r.deadline_s = f.time("deadline").value_or(0);
    r.apply = f.text("apply").value_or("");
    r.apply_url = f.text("apply_url").value_or("");
}

void read_document(TomlFields& f, Document& doc)
{
    constexpr std::string_view k_kinds[] = {"charter-draft", "charter", "rule", "report"};
    constexpr DocumentKind k_values[] = {DocumentKind::CharterDraft, DocumentKind::Charter, DocumentKind::Rule,
                                         DocumentKind::Report};
    if (auto kind = choice(f, "kind", k_kinds, false))
        doc.kind = k_values[*kind];
    doc.comment_until_s = f.time("comment_until").value_or(0);
    if (f.has("comment_until") && doc.kind != DocumentKind::CharterDraft && f.has("kind"))
        f.problem(f.line("comment_until"), "comment_until 只用于 kind = \"charter-draft\"（征求意见稿）",
                  "comment_until is only for kind = \"charter-draft\"");
}

void read_meeting(TomlFields& f, Meeting& m)
{
    m.date_s = f.time("date", true).value_or(0);
    m.location = f.text("location").value_or("");
    constexpr std::string_view k_kinds[] = {"regular", "urgent"};
    if (auto kind = choice(f, "kind", k_kinds, false))
        m.kind = *kind == 0 ? MeetingKind::Regular : MeetingKind::Urgent;
    m.decisions = f.text_list("decisions").value_or(std::vector<std::string>{});
}

}  // namespace

void parse_item_text(Diagnostics& d, const MediaIndex& media, ItemKind kind, const std::string& rel,
                     std::string_view bytes, ContentSet& content)
{
    int bad_line = 0;
    std::optional<std::string> text = decode_utf8_text(bytes, bad_line);
    if (!text) {
        d.add(rel, bad_line, "不是有效的 UTF-8 文本（请用 UTF-8 编码保存）", "invalid UTF-8 (save the file as UTF-8)");
        return;
    }
    FrontMatter fm = split_front_matter(*text);
    if (!fm.ok) {
        if (fm.unclosed)
            d.add(rel, fm.error_line, "开头的 +++ 没有对应的结尾 +++", "front matter opened with +++ is never closed with +++");
        else
            d.add(rel, fm.error_line, "文件应以 +++ 开始，后面是 TOML 格式的标题等信息",
                  "the file must start with a +++ line and TOML front matter (title = \"...\")");
        return;
    }
    int offset = fm.toml_first_line - 1;
    std::optional<toml::table> table = parse_toml(d, rel, fm.toml, offset);
    if (!table)
        return;
    TomlFields f(d, rel, *table, offset, fm.toml_first_line - 1);
    std::string id = file_stem(rel);
    switch (kind) {
    case ItemKind::Announcement: {
        f.check_keys(keys_with({}));
        Announcement a;
        read_common(f, media, a.notice, a.extras);
        a.notice.id = id;
        a.notice.body = fm.body;
        content.announcements.push_back(std::move(a));
        break;
    }
    case ItemKind::Recruitment: {
        f.check_keys(keys_with(k_recruitment_keys));
        Recruitment r;
        read_common(f, media, r.notice, r.extras);
        read_recruitment(f, r);
        r.notice.id = id;
        r.notice.body = fm.body;
        content.recruitment.push_back(std::move(r));
        break;
    }
    case ItemKind::Document: {
        f.check_keys(keys_with(k_document_keys));
        Document doc;
        read_common(f, media, doc.notice, doc.extras);
        read_document(f, doc);
        doc.notice.id = id;
        doc.notice.body = fm.body;
        content.documents.push_back(std::move(doc));
        break;
    }
    case ItemKind::Meeting: {
        f.check_keys(keys_with(k_meeting_keys));
        Meeting m;
        read_common(f, media, m.notice, m.extras);
        read_meeting(f, m);
        m.notice.id = id;
        m.notice.body = fm.body;
        content.meetings.push_back(std::move(m));
        break;
    }
    }
}

namespace {

void load_kind(ContentFolder& folder, const MediaIndex& media, ContentSet& content, ItemKind kind,
               const std::string& dir)
{
    for (const std::string& rel : kind_files(folder, dir, ".md"))
        if (std::optional<std::string> bytes = folder.read(rel, k_max_item_bytes))
            parse_item_text(folder.diagnostics(), media, kind, rel, *bytes, content);
}

}  // namespace

void load_items(ContentFolder& folder, const MediaIndex& media, ContentSet& content)
{
    load_kind(folder, media, content, ItemKind::Announcement, "announcements");
    load_kind(folder, media, content, ItemKind::Recruitment, "recruitment");
    load_kind(folder, media, content, ItemKind::Document, "documents");
    load_kind(folder, media, content, ItemKind::Meeting, "meetings");
}

}  // namespace linli::content
