#include "ui/item_page.hpp"

#include "core/i18n.hpp"
#include "ui/markdown_view.hpp"

#include <unordered_map>


namespace linli::ui {

float draw_tag(Ui& ui, ImVec2 pos, ImU32 color, const std::string& text)
{
    ImVec2 size = ui.measure(Small, text);
    float pad = ui.unit() * 0.5f;
    Rect r{pos.x, pos.y, pos.x + size.x + 2 * pad, pos.y + size.y + pad};
    ui.draw()->AddRectFilled(r.min(), r.max(), color, 6 * ui.scale());
    ui.text(Small, {r.x0 + pad, r.y0 + pad / 2}, palette().text_on_color, text);
    return r.width() + ui.unit() * 0.6f;
}

// The width draw_notice_tags takes, without drawing.
float measure_notice_tags(Ui& ui, const Notice& n)
{
    const float pad = ui.unit() * 0.5f, gap = ui.unit() * 0.6f;
    auto tag = [&](const std::string& text) { return ui.measure(Small, text).x + 2 * pad + gap; };
    float w = 0;
    if (n.urgent) w += tag(ui.tr("紧急通知"));
    if (n.pinned) w += tag(ui.tr("置顶"));
    if (!n.category.empty() && !n.urgent) w += tag(n.category);
    return w;
}

float draw_notice_tags(Ui& ui, ImVec2 pos, const Notice& n)
{
    const Palette& p = palette();
    float x = pos.x;
    if (n.urgent) x += draw_tag(ui, {x, pos.y}, p.urgent, ui.tr("紧急通知"));
    if (n.pinned) x += draw_tag(ui, {x, pos.y}, p.pinned, ui.tr("置顶"));
    if (!n.category.empty() && !n.urgent) x += draw_tag(ui, {x, pos.y}, p.accent, n.category);
    return x;
}

float draw_item_card(Ui& ui, const Notice& n, const std::string& meta, const std::vector<std::string>& extra,
                     float x, float y, float width, bool& tapped)
{
    const Palette& p = palette();
    float u = ui.unit();
    float inner = width - 4 * u;
    float title_h = ui.paragraph_height(Heading, inner, n.title);
    float extra_h = 0;
    for (const auto& line : extra) extra_h += ui.paragraph_height(Body, inner, line);
    // The meta line (dates, deadlines) goes after the tags when it fits there, else under them.
    const float tags_w = measure_notice_tags(ui, n);
    const bool meta_beside = tags_w + u * 0.4f + ui.measure(Small, meta).x <= inner;
    const float meta_h = meta_beside ? 0.0f : ui.paragraph_height(Small, inner, meta);
    float h = 1.5f * u + ui.line_height(Small) + meta_h + u * 0.5f + title_h + extra_h + 1.5f * u;
    Rect card{x, y, x + width, y + h};
    tapped = false;
    if (!card.overlaps({0, 0, ui.screen().x1, ui.screen().y1})) return h;
    bool pressed = ui.is_pressed(card);
    ui.draw()->AddRectFilled(card.min(), card.max(), pressed ? p.surface_pressed : p.surface, 16 * ui.scale());
    // In high contrast each card is outlined too (its grey is only a shade off the page).
    if (current_theme() == Theme::HighContrast)
        ui.draw()->AddRect(card.min(), card.max(), p.border, 16 * ui.scale(), 0, std::max(2.0f, 2 * ui.scale()));
    if (n.urgent)
        ui.draw()->AddRectFilled(card.min(), {card.x0 + 10 * ui.scale(), card.y1}, p.urgent, 16 * ui.scale(),
                                 ImDrawFlags_RoundCornersLeft);
    float ty = card.y0 + 1.5f * u;
    float tx = draw_notice_tags(ui, {card.x0 + 2 * u, ty}, n);
    if (meta_beside) ui.text(Small, {tx + u * 0.4f, ty + u * 0.25f}, p.text_muted, meta);
    else ui.paragraph(Small, {card.x0 + 2 * u, ty + ui.line_height(Small)}, inner, p.text_muted, meta);
    float cy = ty + ui.line_height(Small) + meta_h + u * 0.5f;
    cy += ui.paragraph(Heading, {card.x0 + 2 * u, cy}, inner, p.text, n.title);
    for (const auto& line : extra) cy += ui.paragraph(Body, {card.x0 + 2 * u, cy}, inner, p.text_muted, line);
    tapped = ui.tap_area(n.title, card);
    return h;
}

float draw_item_header(Ui& ui, const Notice& n, float x, float y, float width, bool reading_title)
{
    const Palette& p = palette();
    float u = ui.unit();
    float top = y;
    draw_notice_tags(ui, {x, y}, n);
    y += ui.line_height(Small) + u;
    if (reading_title) draw_reading_mark(ui, {x, y, x + width, y + ui.paragraph_height(Title, width, n.title)});
    y += ui.paragraph(Title, {x, y}, width, p.text, n.title) + u;
    std::string meta;
    if (n.publish_s) meta = std::string(ui.tr("发布于")) + " " + format_short_date(ui.language(), n.publish_s);
    if (n.expire_s)
        meta += "    " + std::string(ui.tr("有效期至")) + " " + format_short_date(ui.language(), n.expire_s) + " " +
                format_time(n.expire_s);
    if (!meta.empty()) y += ui.paragraph(Small, {x, y}, width, p.text_muted, meta) + u;  // wraps on narrow screens
    ui.draw()->AddLine({x, y}, {x + width, y}, p.border, 2 * ui.scale());
    return y + 2 * u - top;
}

float centred_column(const Ui& ui, const Rect& body, float max_w, float& x)
{
    const float w = std::min(body.width() - 8 * ui.unit(), max_w);
    x = body.center().x - w / 2;
    return w;
}

float draw_comment_prompt(Ui& ui, float x, float y, float width, bool& tapped)
{
    const Palette& p = palette();
    const float u = ui.unit();
    const float bh = ui.touch_px();
    const float bw = std::max(ui.measure(Heading, ui.tr("提意见")).x + 4 * u, 220 * ui.scale());
    y += 2 * u;
    ui.draw()->AddLine({x, y}, {x + width, y}, p.border, 2 * ui.scale());
    y += 1.5f * u;
    ui.paragraph(Body, {x, y + (bh - ui.line_height(Body)) / 2}, width - bw - 2 * u, p.text_muted,
                 ui.tr("对这条内容有意见或建议？可以匿名告诉我们。"));
    tapped = ui.button(ui.tr("提意见"), {x + width - bw, y, x + width, y + bh}, ButtonStyle::Surface, Heading);
    return 3.5f * u + bh;
}

float draw_section_heading(Ui& ui, const char* zh, float x, float y, float width)
{
    const Palette& p = palette();
    float u = ui.unit();
    ui.draw()->AddRectFilled({x, y + u * 0.3f}, {x + 6 * ui.scale(), y + ui.line_height(Heading) - u * 0.3f}, p.header);
    ui.push_clip({x, y, x + width, y + ui.line_height(Heading)});
    ui.text(Heading, {x + u, y + (ui.line_height(Heading) - ui.font_px(Heading)) / 2}, p.text, ui.tr(zh));
    ui.pop_clip();
    return ui.line_height(Heading) + u * 0.5f;
}

float draw_bullets(Ui& ui, const std::vector<std::string>& items, float x, float y, float width, bool numbered)
{
    const Palette& p = palette();
    float indent = ui.measure(Body, "00. ").x;
    float top = y;
    for (size_t i = 0; i < items.size(); ++i) {
        std::string mark = numbered ? std::to_string(i + 1) + "." : "•";
        ui.text(Body, {x, y + (ui.line_height(Body) - ui.font_px(Body)) / 2}, p.text_muted, mark);
        y += ui.paragraph(Body, {x + indent, y}, width - indent, p.text, items[i]);
    }
    return y - top;
}

const content::DisplayList& display_list(std::string_view markdown)
{
    // Parsed once per text, never per frame. The kiosk shows a bounded set of bodies; the cache
    // is dropped whole if content changes enough to grow it past that.
    static std::unordered_map<std::string, content::DisplayList> cache;
    auto it = cache.find(std::string(markdown));
    if (it != cache.end()) return it->second;
    if (cache.size() > 512) cache.clear();
    auto parsed = content::parse_markdown(markdown);
    content::DisplayList list;
    if (parsed) list = std::move(parsed).value();
    else list.blocks.push_back(content::Paragraph{{content::Span{std::string(markdown), {}, {}}}});
    return cache.emplace(std::string(markdown), std::move(list)).first->second;
}

float draw_body(Ui& ui, std::string_view body, float x, float y, float width, int highlight)
{
    if (body.empty()) return 0;
    return draw_markdown(ui, display_list(body), {x, y}, width, highlight) + ui.unit();
}

std::vector<std::string> readable_paragraphs(const Notice& n)
{
    std::vector<std::string> paragraphs{n.title};
    if (!n.body.empty())
        for (auto& block : spoken_blocks(display_list(n.body))) paragraphs.push_back(std::move(block));
    return paragraphs;
}

bool title_being_read(const services::AppModel& model, const std::string& route)
{
    return model.speech.speaking && model.speech.item == route && model.speech.paragraph == 0;
}

int block_being_read(const services::AppModel& model, const std::string& route)
{
    const auto& speech = model.speech;
    if (!speech.speaking || speech.item != route || speech.paragraph < 1) return -1;
    return speech.paragraph - 1;
}

float page_width(const Ui& ui, const Rect& body, float max_width, bool sheet)
{
    return std::min(body.width() - (sheet ? 10 : 6) * ui.unit(), max_width * ui.scale());
}

Page begin_page(Ui& ui, const Rect& body, const std::string& scroll_id, float max_width, bool sheet)
{
    float u = ui.unit();
    Page page;
    page.width = page_width(ui, body, max_width, sheet);
    page.x = body.center().x - page.width / 2;
    page.view = {0, body.y0, body.x1, body.y1};
    float offset = ui.begin_scroll(scroll_id, page.view);
    page.top = body.y0 + (sheet ? 4 : 2) * u - offset;
    if (sheet)
        ui.draw()->AddRectFilled({page.x - 3 * u, page.top - 2 * u}, {page.x + page.width + 3 * u, body.y1 + 1e6f},
                                 palette().surface, 16 * ui.scale());
    return page;
}

void end_page(Ui& ui, const Page& page, float end_y)
{
    ui.end_scroll(end_y - page.top + 6 * ui.unit());
}

void draw_empty(Ui& ui, const Rect& body, const char* zh)
{
    ui.text_centered(Title, body, palette().text_muted, ui.tr(zh));
}

int days_until(int64_t now_s, int64_t t_s)
{
    if (t_s <= now_s) return 0;
    return int((t_s - now_s + 86399) / 86400);
}

}  // namespace linli::ui
