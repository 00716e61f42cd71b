#include "core/i18n.hpp"
#include "ui/screen.hpp"

#include <vector>

namespace linli::ui {

namespace {

// A header button with a drawn chevron, so its label stays exactly "返回首页" for scripts.
bool back_button(Ui& ui, const char* label, const Rect& rect)
{
    const Palette& p = palette();
    ui.draw()->AddRectFilled(rect.min(), rect.max(), ui.is_pressed(rect) ? p.header_button_pressed : p.header_button,
                             12 * ui.scale());
    float h = rect.height() * 0.22f, cx = rect.x0 + ui.unit() * 1.6f, cy = rect.center().y;
    ui.draw()->AddPolyline(std::vector<ImVec2>{{cx + h * 0.6f, cy - h}, {cx - h * 0.4f, cy}, {cx + h * 0.6f, cy + h}}.data(),
                           3, p.header_text, 0, 4 * ui.scale());
    ui.text_centered(Heading, {rect.x0 + ui.unit() * 2.2f, rect.y0, rect.x1, rect.y1}, p.header_text, label);
    return ui.tap_area(label, rect);
}

}  // namespace

float draw_urgent_banner(ScreenContext& ctx, float y)
{
    const auto& urgent = ctx.model.urgent;
    if (urgent.empty()) return 0;
    Ui& ui = ctx.ui;
    const Palette& p = palette();
    float u = ui.unit();
    float height = std::max(ui.touch_px(), ui.line_height(Heading) + u);
    Rect bar{0, y, ui.screen().x1, y + height};
    const Notice& first = urgent.front().notice;
    std::string label = std::string(ui.tr("紧急通知")) + (ui.language() == Language::Chinese ? "：" : ": ") + first.title;
    if (urgent.size() > 1)
        label += "（" + std::string(ui.tr("共")) + std::to_string(urgent.size()) + ui.tr("条") + "）";
    ui.draw()->AddRectFilled(bar.min(), bar.max(), ui.is_pressed(bar) ? p.urgent_pressed : p.urgent);
    // A white warning sign drawn as shapes, so it needs no icon font.
    float s = height * 0.5f, cx = u * 2 + s / 2, cy = bar.center().y;
    ui.draw()->AddTriangleFilled({cx, cy - s / 2}, {cx - s / 2, cy + s / 2}, {cx + s / 2, cy + s / 2}, p.urgent_text);
    ui.text_centered(Heading, {cx - s / 2, cy - s / 2 + s * 0.12f, cx + s / 2, cy + s / 2}, p.urgent, "!");
    ui.push_clip(bar);
    ui.text(Heading, {u * 3 + s, bar.center().y - ui.font_px(Heading) / 2}, p.urgent_text, label);
    ui.pop_clip();
    if (ui.tap_area(label, bar))
        if (auto route = parse_route(urgent.front().route)) ctx.go_to = *route;
    return height;
}

namespace {

// A footer button: what scripts tap, what it says now, and what a tap asks for.
struct FooterButton {
    std::string label, shown;
    float width = 0;
    services::Intent intent;
};

std::vector<FooterButton> footer_buttons(ScreenContext& ctx, bool with_language)
{
    Ui& ui = ctx.ui;
    const float pad = 2 * ui.unit();
    auto stated = [&](const char* name_zh, const char* state_zh) {
        return std::string(ui.tr(name_zh)) + " " + ui.tr(state_zh);
    };
    // Each button as wide as its widest state, so it does not jump as it is tapped.
    float size_w = 0;
    for (TextSize s : {TextSize::Standard, TextSize::Large, TextSize::ExtraLarge})
        size_w = std::max(size_w, ui.measure(Body, stated("字号", text_size_label(s))).x);
    const float theme_w = std::max(ui.measure(Body, stated("高对比度", "开")).x, ui.measure(Body, stated("高对比度", "关")).x);
    std::vector<FooterButton> buttons;
    buttons.push_back({ui.tr("字号"), stated("字号", text_size_label(ctx.model.text_size)), size_w + 2 * pad,
                       services::intent::NextTextSize{}});
    buttons.push_back({ui.tr("高对比度"), stated("高对比度", ctx.model.theme == Theme::HighContrast ? "开" : "关"),
                       theme_w + 2 * pad, services::intent::ToggleTheme{}});
    if (with_language) {
        const char* other = ui.language() == Language::Chinese ? "English" : "中文";
        buttons.push_back({other, other, std::max(ui.measure(Body, other).x + 2 * pad, 200 * ui.scale()),
                           services::intent::ToggleLanguage{}});
    }
    return buttons;
}

// Left to right, in as many rows as the width needs (特大 in English on an upright screen: two).
std::vector<Rect> flow(const std::vector<FooterButton>& buttons, const Rect& area, float row_h, float gap)
{
    std::vector<Rect> rects;
    float x = area.x0, y = area.y0;
    for (const auto& b : buttons) {
        if (x > area.x0 && x + b.width > area.x1) {
            x = area.x0;
            y += row_h + gap;
        }
        rects.push_back({x, y, x + b.width, y + row_h});
        x += b.width + gap;
    }
    return rects;
}

}  // namespace

FooterBar layout_footer(ScreenContext& ctx, bool with_language)
{
    Ui& ui = ctx.ui;
    const float u = ui.unit();
    const Rect screen = ui.screen();
    const auto buttons = footer_buttons(ctx, with_language);
    const Rect area{2 * u, 0, screen.x1 - 2 * u, 0};
    const auto rects = flow(buttons, area, ui.touch_px(), u);
    FooterBar bar;
    bar.height = rects.back().y1 + u;
    bar.rows = int(rects.back().y0 / (ui.touch_px() + u)) + 1;
    bar.free_x = rects.back().x1 + u;
    return bar;
}

void draw_footer_buttons(ScreenContext& ctx, float top, bool with_language)
{
    Ui& ui = ctx.ui;
    const float u = ui.unit();
    const auto buttons = footer_buttons(ctx, with_language);
    const auto rects = flow(buttons, {2 * u, top + u / 2, ui.screen().x1 - 2 * u, 0}, ui.touch_px(), u);
    for (size_t i = 0; i < buttons.size(); ++i)
        if (ui.button(buttons[i].label, rects[i], ButtonStyle::Surface, Body, buttons[i].shown))
            ctx.intents.push_back(buttons[i].intent);
}

Rect draw_screen_frame(ScreenContext& ctx, const char* title_zh)
{
    Ui& ui = ctx.ui;
    const Palette& p = palette();
    float u = ui.unit();
    Rect screen = ui.screen();
    float header_h = std::max(ui.touch_px() + 2 * u, ui.line_height(Title) + u);
    ui.draw()->AddRectFilled({0, 0}, {screen.x1, header_h}, p.header);

    // Left: home, and back when the parent is not home. Wide enough for an elderly finger.
    float bw = std::max(ui.measure(Heading, ui.tr("返回首页")).x + 4 * u, 220 * ui.scale());
    float bh = header_h - 2 * u;
    Rect home{u, u, u + bw, u + bh};
    if (back_button(ui, ui.tr("返回首页"), home)) ctx.go_to = Route{"home", ""};
    float x = home.x1 + u;
    Route parent = parent_route(ctx.route);
    if (parent.name != "home") {
        Rect back{x, u, x + bw * 0.8f, u + bh};
        if (back_button(ui, ui.tr("返回"), back)) ctx.go_to = parent;
        x = back.x1 + u;
    }

    // Right: time above date.
    std::string time = format_time(ctx.model.now_s);
    std::string date = format_date(ui.language(), ctx.model.now_s);
    float date_w = ui.measure(Small, date).x;
    ImVec2 time_size = ui.measure(Heading, time);
    float right = screen.x1 - 2 * u;
    ui.text(Heading, {right - time_size.x, header_h / 2 - time_size.y + u * 0.2f}, p.header_text, time);
    ui.text(Small, {right - date_w, header_h / 2 + u * 0.2f}, p.header_text, date);

    // Centre: the title, clipped between the buttons and the clock.
    float left_limit = x + u, right_limit = right - std::max(date_w, time_size.x) - 2 * u;
    std::string title = ui.tr(title_zh);
    ImVec2 ts = ui.measure(Title, title);
    float tx = std::max(left_limit, (screen.x1 - ts.x) / 2);
    ui.push_clip({left_limit, 0, right_limit, header_h});
    ui.text(Title, {tx, (header_h - ts.y) / 2}, p.header_text, title);
    ui.pop_clip();

    float y = header_h + draw_urgent_banner(ctx, header_h);

    // Footer: the comfort buttons, on a band of their own so no content runs under them.
    const FooterBar bar = layout_footer(ctx, false);
    const Rect footer{0, screen.y1 - bar.height, screen.x1, screen.y1};
    ui.draw()->AddRectFilled(footer.min(), footer.max(), p.surface);
    ui.draw()->AddLine({0, footer.y0}, {screen.x1, footer.y0}, p.border, std::max(1.0f, 2 * ui.scale()));
    draw_footer_buttons(ctx, footer.y0, false);
    return {0, y, screen.x1, footer.y0};
}

}  // namespace linli::ui
