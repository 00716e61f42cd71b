#include "core/i18n.hpp"
#include "ui/screen.hpp"

#include <vector>

namespace linli::ui {

namespace {

// A header button with a drawn chevron, so its label stays exactly "返回首页" for scripts.
bool back_button(Ui& ui, const char* label, const Rect& rect)
{
    const Palette& p = palette();
    ui.draw()->AddRectFilled(rect.min(), rect.max(), ui.is_pressed(rect) ? IM_COL32(255, 255, 255, 70)
                                                                         : IM_COL32(255, 255, 255, 30),
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
    ui.draw()->AddRectFilled(bar.min(), bar.max(), ui.is_pressed(bar) ? IM_COL32(150, 0, 8, 255) : p.urgent);
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
    return {0, y, screen.x1, screen.y1};
}

}  // namespace linli::ui
