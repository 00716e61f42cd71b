// 公告: the list of visible notices (pinned first, then newest) and one notice's page.
// The content issue replaces the plain paragraphs with rendered Markdown.
#include "core/i18n.hpp"
#include "ui/screen.hpp"

#include <string_view>

namespace linli::ui {

namespace {

// Paragraphs are separated by blank lines.
std::vector<std::string_view> split_paragraphs(std::string_view body)
{
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start < body.size()) {
        size_t end = body.find("\n\n", start);
        if (end == std::string_view::npos) end = body.size();
        std::string_view para = body.substr(start, end - start);
        while (!para.empty() && (para.front() == '\n' || para.front() == ' ')) para.remove_prefix(1);
        if (!para.empty()) out.push_back(para);
        start = end + 2;
    }
    return out;
}

// The small coloured tags before a title: 紧急通知, 置顶, and the category.
float draw_tag(Ui& ui, ImVec2 pos, ImU32 color, const std::string& text)
{
    ImVec2 size = ui.measure(Small, text);
    float pad = ui.unit() * 0.5f;
    Rect r{pos.x, pos.y, pos.x + size.x + 2 * pad, pos.y + size.y + pad};
    ui.draw()->AddRectFilled(r.min(), r.max(), color, 6 * ui.scale());
    ui.text(Small, {r.x0 + pad, r.y0 + pad / 2}, IM_COL32(255, 255, 255, 255), text);
    return r.width() + ui.unit() * 0.6f;
}

// All of a notice's tags in a row; returns where the row ends.
float draw_notice_tags(Ui& ui, ImVec2 pos, const Notice& n)
{
    const Palette& p = palette();
    float x = pos.x;
    if (n.urgent) x += draw_tag(ui, {x, pos.y}, p.urgent, ui.tr("紧急通知"));
    if (n.pinned) x += draw_tag(ui, {x, pos.y}, p.pinned, ui.tr("置顶"));
    if (!n.category.empty() && !n.urgent) x += draw_tag(ui, {x, pos.y}, p.accent, n.category);
    return x;
}

class AnnouncementsScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "公告"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        const auto& announcements = ctx.model.announcements;
        if (announcements.empty()) {
            ui.text_centered(Title, body, p.text_muted, ui.tr("暂无公告"));
            return;
        }
        float width = std::min(body.width() - 6 * u, 1500 * ui.scale());
        float x = body.center().x - width / 2;
        Rect view{0, body.y0, body.x1, body.y1};
        float offset = ui.begin_scroll("announcements", view);
        float y = body.y0 + 2 * u - offset;
        for (const auto& announcement : announcements) {
            const Notice& n = announcement.notice;
            float title_h = ui.paragraph_height(Heading, width - 4 * u, n.title);
            float card_h = 2 * u + ui.line_height(Small) + u * 0.5f + title_h + 2 * u;
            Rect card{x, y, x + width, y + card_h};
            if (card.overlaps(view)) {
                bool pressed = ui.is_pressed(card);
                ui.draw()->AddRectFilled(card.min(), card.max(), pressed ? p.surface_pressed : p.surface, 16 * ui.scale());
                if (n.urgent)
                    ui.draw()->AddRectFilled(card.min(), {card.x0 + 10 * ui.scale(), card.y1}, p.urgent, 16 * ui.scale(),
                                             ImDrawFlags_RoundCornersLeft);
                float ty = card.y0 + 1.5f * u;
                float tx = draw_notice_tags(ui, {card.x0 + 2 * u, ty}, n);
                ui.text(Small, {tx + u * 0.4f, ty + u * 0.25f}, p.text_muted,
                        std::string(ui.tr("发布于")) + " " + format_short_date(ui.language(), n.publish_s));
                ui.paragraph(Heading, {card.x0 + 2 * u, ty + ui.line_height(Small) + u * 0.5f}, width - 4 * u, p.text,
                             n.title);
                if (ui.tap_area(n.title, card)) ctx.go_to = Route{"announcement", n.id};
            }
            y += card_h + 1.5f * u;
        }
        ui.end_scroll(y + offset - body.y0 + 2 * u);
    }
};

class AnnouncementScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "公告"; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        const Announcement* announcement = ctx.model.find_announcement(ctx.route.arg);
        const Notice* n = announcement ? &announcement->notice : nullptr;
        if (!n) {
            // Expired or withdrawn while open: say so instead of showing a blank page.
            ui.text_centered(Title, body, p.text_muted, ui.tr("暂无公告"));
            return;
        }
        float width = std::min(body.width() - 8 * u, 1400 * ui.scale());
        float x = body.center().x - width / 2;
        Rect view{0, body.y0, body.x1, body.y1};
        float offset = ui.begin_scroll("announcement:" + n->id, view);
        float top = body.y0 + 3 * u - offset;
        float y = top;
        ui.draw()->AddRectFilled({x - 3 * u, y - u}, {x + width + 3 * u, body.y1 + 1e6f}, p.surface, 16 * ui.scale());
        y += u;
        draw_notice_tags(ui, {x, y}, *n);
        y += ui.line_height(Small) + u;
        y += ui.paragraph(Title, {x, y}, width, p.text, n->title) + u;
        std::string meta = std::string(ui.tr("发布于")) + " " + format_short_date(ui.language(), n->publish_s);
        if (n->expire_s)
            meta += "    " + std::string(ui.tr("有效期至")) + " " + format_short_date(ui.language(), n->expire_s) + " " +
                    format_time(n->expire_s);
        ui.text(Small, {x, y}, p.text_muted, meta);
        y += ui.line_height(Small) + u;
        ui.draw()->AddLine({x, y}, {x + width, y}, p.border, 2 * ui.scale());
        y += 2 * u;
        for (std::string_view para : split_paragraphs(n->body)) y += ui.paragraph(Body, {x, y}, width, p.text, para) + u;
        ui.end_scroll(y - top + 6 * u);
    }
};

}  // namespace

std::unique_ptr<Screen> make_announcements_screen() { return std::make_unique<AnnouncementsScreen>(); }
std::unique_ptr<Screen> make_announcement_screen() { return std::make_unique<AnnouncementScreen>(); }

}  // namespace linli::ui
