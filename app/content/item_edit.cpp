// The console's item editor. Front matter is edited line by line, not parsed and written back:
// a TOML library would drop the comments and reorder the keys an administrator wrote by hand.
#include "content/item_edit.hpp"

#include "content/front_matter.hpp"
#include "content/loaders.hpp"
#include "content/paths.hpp"
#include "content/toml_lines.hpp"

#include <algorithm>
#include <array>

namespace linli::content {

namespace {

using namespace toml_lines;

// The keys the form edits for every kind, in the order a new file lists them; a kind's own come
// after publish and expire.
constexpr std::array<std::string_view, 8> k_form_common_keys = {"title",  "category", "publish", "expire",
                                                           "urgent", "pinned",   "qr_url",  "qr_label"};
// Every kind may show pictures (images, paths under media/); a kind's own fields come first.
constexpr ExtraField k_announcement_extras[] = {{"images", ExtraType::List}};
constexpr ExtraField k_recruitment_extras[] = {{"positions", ExtraType::Positions},
                                        {"deadline", ExtraType::Time},
                                        {"apply", ExtraType::Text},
                                        {"apply_url", ExtraType::Text},
                                        {"requirements", ExtraType::List},
                                        {"images", ExtraType::List}};
constexpr ExtraField k_document_extras[] = {{"kind", ExtraType::Text}, {"comment_until", ExtraType::Time}, {"images", ExtraType::List}};
constexpr ExtraField k_meeting_extras[] = {{"date", ExtraType::Time},
                                    {"location", ExtraType::Text},
                                    {"kind", ExtraType::Text},
                                    {"decisions", ExtraType::List},
                                    {"images", ExtraType::List}};

std::vector<std::string_view> form_keys(EditedKind kind)
{
    std::vector<std::string_view> keys(k_form_common_keys.begin(), k_form_common_keys.begin() + 4);
    for (const ExtraField& e : extra_fields(kind)) keys.push_back(e.key);
    keys.insert(keys.end(), k_form_common_keys.begin() + 4, k_form_common_keys.end());
    return keys;
}

std::optional<ExtraType> extra_type(EditedKind kind, std::string_view key)
{
    for (const ExtraField& e : extra_fields(kind))
        if (e.key == key) return e.type;
    return std::nullopt;
}

// positions = [ { name = "...", count = N }, ... ] over several lines, as the demo writes it.
std::optional<std::string> positions_line(std::string_view key, const std::vector<PositionRow>& rows)
{
    if (rows.empty()) return std::nullopt;
    std::string line = std::string(key) + " = [\n";
    for (const PositionRow& row : rows)
        line += "  { name = " + string_value(row.name) + ", count = " + number_value(row.count) + " },\n";
    return line + "]";
}

// The line for a key, or nothing when the field is empty (the key is then left out).
std::optional<std::string> field_line(std::string_view key, const ItemFields& f, bool was_there, EditedKind kind)
{
    if (auto type = extra_type(kind, key)) {
        if (*type == ExtraType::Positions) return positions_line(key, f.positions);
        if (*type == ExtraType::List) {
            auto it = f.lists.find(std::string(key));
            if (it == f.lists.end() || it->second.empty()) return std::nullopt;
            return std::string(key) + " = " + list_value(it->second);
        }
        auto it = f.extra.find(std::string(key));
        if (it == f.extra.end() || it->second.empty()) return std::nullopt;
        return std::string(key) + " = " + (*type == ExtraType::Time ? time_value(it->second) : string_value(it->second));
    }
    auto text = [&](const std::string& value) -> std::optional<std::string> {
        if (value.empty()) return std::nullopt;
        return std::string(key) + " = " + (key == "publish" || key == "expire" ? time_value(value) : string_value(value));
    };
    auto flag = [&](bool value) -> std::optional<std::string> {
        if (!value && !was_there) return std::nullopt;
        return std::string(key) + " = " + (value ? "true" : "false");
    };
    if (key == "title") return text(f.title);
    if (key == "category") return text(f.category);
    if (key == "publish") return text(f.publish);
    if (key == "expire") return text(f.expire);
    if (key == "qr_url") return text(f.qr_url);
    if (key == "qr_label") return text(f.qr_label);
    if (key == "urgent") return flag(f.urgent);
    return flag(f.pinned);
}

std::string fresh_text(const ItemFields& f, EditedKind kind)
{
    std::string out = "+++\n";
    for (std::string_view key : form_keys(kind))
        if (auto line = field_line(key, f, false, kind)) out += *line + "\n";
    return out + "+++\n" + f.body;
}

// Where the front matter's lines are in lines_of(text): the opening fence's index and the
// closing one's, or nothing.
struct Fences {
    size_t open = 0, close = 0;
};
std::optional<Fences> find_fences(std::string_view text)
{
    FrontMatter fm = split_front_matter(text);
    if (!fm.ok) return std::nullopt;
    size_t toml_lines = 0;
    for (char c : fm.toml) toml_lines += c == '\n';
    Fences f;
    f.open = size_t(fm.toml_first_line - 2);
    f.close = f.open + 1 + toml_lines;
    return f;
}

}  // namespace

std::span<const ExtraField> extra_fields(EditedKind kind)
{
    switch (kind) {
    case EditedKind::Announcement: return k_announcement_extras;
    case EditedKind::Recruitment: return k_recruitment_extras;
    case EditedKind::Document: return k_document_extras;
    case EditedKind::Meeting: return k_meeting_extras;
    }
    return {};
}

std::optional<ItemFields> read_item_fields(std::string_view raw, EditedKind kind)
{
    Newlines n;
    const std::string text = plain(raw, n);
    FrontMatter fm = split_front_matter(text);
    if (!fm.ok) return std::nullopt;
    const auto front = parsed(fm.toml);
    if (!front) return std::nullopt;
    const toml::table& table = *front;
    ItemFields f;
    f.title = text_at(table, "title");
    f.category = text_at(table, "category");
    f.qr_url = text_at(table, "qr_url");
    f.qr_label = text_at(table, "qr_label");
    if (auto* node = table.get("publish")) f.publish = time_text(*node);
    if (auto* node = table.get("expire")) f.expire = time_text(*node);
    f.urgent = table["urgent"].value<bool>().value_or(false);
    f.pinned = table["pinned"].value<bool>().value_or(false);
    for (const ExtraField& e : extra_fields(kind)) {
        const toml::node* node = table.get(e.key);
        if (!node) continue;
        if (e.type == ExtraType::Positions) {
            if (const toml::array* array = node->as_array())
                for (const auto& item : *array)
                    if (const toml::table* t = item.as_table()) {
                        PositionRow row;
                        row.name = (*t)["name"].value<std::string>().value_or("");
                        if (auto count = (*t)["count"].value<int64_t>()) row.count = std::to_string(*count);
                        else row.count = (*t)["count"].value<std::string>().value_or("");
                        f.positions.push_back(std::move(row));
                    }
        } else if (e.type == ExtraType::List) {
            std::vector<std::string> items;
            if (const toml::array* array = node->as_array())
                for (const auto& item : *array)
                    if (auto text = item.value<std::string>()) items.push_back(*text);
            f.lists[std::string(e.key)] = std::move(items);
        } else {
            f.extra[std::string(e.key)] = e.type == ExtraType::Time ? time_text(*node) : node->value<std::string>().value_or("");
        }
    }
    f.body = fm.body;
    return f;
}

bool edit_loses_comments(std::string_view raw, EditedKind kind)
{
    // Every form key's value, on one line or several, is replaced in place; only front matter
    // whose values do not close (broken TOML, which check names) is written anew.
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences) return false;
    const auto lines = lines_of(text);
    const std::vector<std::string_view> keys = form_keys(kind);
    bool blocked = false, kept = false;
    for (size_t i = fences->open + 1; i < fences->close; ++i) {
        const std::string key = key_of(lines[i]);
        const bool form_key = !key.empty() && std::find(keys.begin(), keys.end(), key) != keys.end();
        if (form_key) {
            if (auto end = value_end(lines, i, fences->close)) i = *end;
            else blocked = true;
        } else if (lines[i].find_first_not_of(" \t\n") != std::string::npos) {
            kept = true;
        }
    }
    return blocked && kept;
}

EditedItem write_item_fields(std::string_view raw, const ItemFields& fields, EditedKind kind)
{
    ItemFields f = fields;
    if (!f.body.empty() && f.body.back() != '\n') f.body += '\n';
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences) return {restored(fresh_text(f, kind), n), !text.empty()};
    const auto lines = lines_of(text);
    std::vector<std::string> front(lines.begin() + long(fences->open) + 1, lines.begin() + long(fences->close));
    // Keys below a [table] header belong to it: the form's keys are top-level, before any.
    size_t top_end = top_level_end(front, 0, front.size());
    const auto current = read_item_fields(text, kind);
    const std::vector<std::string_view> keys = form_keys(kind);
    const bool edited = set_keys(
        front, top_end, keys, [&](std::string_view key, bool was_there) { return field_line(key, f, was_there, kind); },
        [&](std::string_view key, bool was_there) {
            return current ? field_line(key, *current, was_there, kind) : std::nullopt;
        });
    if (!edited) return {restored(fresh_text(f, kind), n), true};
    std::string out;
    for (size_t i = 0; i <= fences->open; ++i) out += lines[i];
    for (const auto& l : front) out += l;
    out += lines[fences->close];
    if (!out.ends_with('\n')) out += '\n';
    out += f.body;
    return {restored(out, n), false};
}

std::vector<Diagnostic> check_item_text(const std::string& dir, EditedKind kind, const std::string& rel, std::string_view text,
                                        Language messages)
{
    Diagnostics d(messages);
    const ItemKind item = kind == EditedKind::Recruitment ? ItemKind::Recruitment
                          : kind == EditedKind::Document  ? ItemKind::Document
                          : kind == EditedKind::Meeting   ? ItemKind::Meeting
                                                          : ItemKind::Announcement;
    ContentSet content;
    parse_item_text(d, media_of_folder(dir, messages), item, rel, text, content);
    return d.take_sorted();
}

std::string field_at_line(std::string_view raw, int line)
{
    Newlines n;
    const std::string text = plain(raw, n);
    auto fences = find_fences(text);
    if (!fences || line < 1) return {};
    const size_t i = size_t(line - 1);
    if (i > fences->close) return "body";
    if (i <= fences->open || i == fences->close) return {};
    // A line inside a value over several lines (a position of the positions table) is its key's.
    const auto lines = lines_of(text);
    for (size_t k = fences->open + 1; k < fences->close && k <= i; ++k) {
        if (key_of(lines[k]).empty()) continue;
        const size_t end = value_end(lines, k, fences->close).value_or(k);
        if (i <= end) return key_of(lines[k]);
        k = end;
    }
    return {};
}

}  // namespace linli::content
