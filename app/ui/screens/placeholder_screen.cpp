// The screens whose content arrives with later work: they say kindly what will be here, so a
// resident is never left at an empty page, and offer the way home.
#include "ui/screen.hpp"

#include <cstring>

namespace linli::ui {

namespace {

struct Placeholder {
    const char* route;
    const char* title;
    const char* message;
};

constexpr Placeholder k_placeholders[] = {
    {"finance", "财务公示", "财务公示将在这里公布收支明细和报表。"},
    {"recruitment", "招募", "招募公告将在这里发布。"},
    {"reply", "意见箱", "意见箱即将开放，您可以在这里匿名留言。"},
    {"documents", "章程制度", "章程草案和规章制度将在这里公示。"},
    {"meetings", "会议", "会议安排和会议纪要将在这里公布。"},
    {"progress", "工作进展", "工作进展和年度目标将在这里公布。"},
};

class PlaceholderScreen final : public Screen {
public:
    explicit PlaceholderScreen(const Placeholder& p) : m_placeholder(p) {}
    const char* title(const Route&, const services::AppModel&) const override { return m_placeholder.title; }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        float card_w = std::min(body.width() - 8 * u, 1100 * ui.scale());
        std::string heading = ui.tr("这里还没有内容");
        std::string message = ui.tr(m_placeholder.message);
        float text_h = ui.paragraph_height(Body, card_w - 6 * u, message);
        float card_h = ui.line_height(Title) + 2 * u + text_h + 6 * u;
        Rect card{body.center().x - card_w / 2, body.center().y - card_h / 2, body.center().x + card_w / 2,
                  body.center().y + card_h / 2};
        ui.draw()->AddRectFilled(card.min(), card.max(), p.surface, 24 * ui.scale());
        ui.draw()->AddRect(card.min(), card.max(), p.border, 24 * ui.scale(), 0, 2 * ui.scale());
        ui.text_centered(Title, {card.x0, card.y0 + 3 * u, card.x1, card.y0 + 3 * u + ui.line_height(Title)}, p.text,
                         heading);
        float text_w = std::min(card_w - 6 * u, ui.measure(Body, message).x + 2);
        ui.paragraph(Body, {card.center().x - text_w / 2, card.y0 + 5 * u + ui.line_height(Title)}, text_w,
                     p.text_muted, message);
    }

private:
    const Placeholder& m_placeholder;
};

}  // namespace

std::unique_ptr<Screen> make_placeholder_screen(const std::string& route_name)
{
    for (const auto& p : k_placeholders)
        if (route_name == p.route) return std::make_unique<PlaceholderScreen>(p);
    return nullptr;
}

}  // namespace linli::ui
