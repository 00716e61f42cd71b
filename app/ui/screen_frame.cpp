#include "core/i18n.hpp"
#include "ui/screen.hpp"

#include <vector>

namespace linli::ui {

namespace {

float chevron_width(const Ui& ui)
{
    return ui.font_px(Heading) * 0.6f;
}

// A header button with a drawn chevron, so its label stays exactly "返回首页" for scripts.
bool back_button(Ui& ui, const char* label, const Rect& rect)
{
    const Palette& p = palette();
    ui.draw()->AddRectFilled(rect.min(), rect.max(), ui.is_pressed(rect) ? p.header_button_pressed : p.header_button,
                             12 * ui.scale());
    ui.draw()->AddRect(rect.min(), rect.max(), p.header_text, 12 * ui.scale(), 0, std::max(1.0f, 2 * ui.scale()));
    // The chevron takes a share of the heading's size at the left; the label is centred after it.
    const float chevron = chevron_width(ui);
    float h = std::min(rect.height() * 0.22f, chevron * 0.5f), cx = rect.x0 + ui.unit() + chevron * 0.45f, cy = rect.center().y;
    ui.draw()->AddPolyline(std::vector<ImVec2>{{cx + h * 0.6f, cy - h}, {cx - h * 0.4f, cy}, {cx + h * 0.6f, cy + h}}.data(),
                           3, p.header_text, 0, 4 * ui.scale());
    ui.text_centered(Heading, {rect.x0 + ui.unit() + chevron, rect.y0, rect.x1 - ui.unit(), rect.y1}, p.header_text, label);
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
    const Notice& first = urgent.front().notice;
    std::string label = std::string(ui.tr("紧急通知")) + (ui.language() == Language::Chinese ? "：" : ": ") + first.title;
    if (urgent.size() > 1)
        label += "（" + std::string(ui.tr("共")) + std::to_string(urgent.size()) + ui.tr("条") + "）";
    // The sign's size follows one line; the label wraps beside it rather than being cut.
    const float sign_h = std::max(ui.touch_px(), ui.line_height(Heading) + u);
    const float label_x = u * 3 + sign_h * 0.5f;
    const float label_w = ui.screen().x1 - label_x - 2 * u;
    const float label_h = ui.paragraph_height(Heading, label_w, label);
    float height = std::max(sign_h, label_h + u);
    Rect bar{0, y, ui.screen().x1, y + height};
    ui.draw()->AddRectFilled(bar.min(), bar.max(), ui.is_pressed(bar) ? p.urgent_pressed : p.urgent);
    // A white warning sign drawn as shapes, so it needs no icon font.
    float s = sign_h * 0.5f, cx = u * 2 + s / 2, cy = bar.center().y;
    ui.draw()->AddTriangleFilled({cx, cy - s / 2}, {cx - s / 2, cy + s / 2}, {cx + s / 2, cy + s / 2}, p.urgent_text);
    ui.text_centered(Heading, {cx - s / 2, cy - s / 2 + s * 0.12f, cx + s / 2, cy + s / 2}, p.urgent, "!");
    ui.paragraph(Heading, {label_x, bar.center().y - label_h / 2}, label_w, p.urgent_text, label);
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
    bool chosen = false;  // drawn as the selected one of a choice
};

// 朗读 (停止 while this page is read) and the speeds 慢 / 中 / 快, the chosen one marked ✓.
void add_reading_buttons(ScreenContext& ctx, const Reading& reading, std::vector<FooterButton>& buttons)
{
    Ui& ui = ctx.ui;
    const float pad = 2 * ui.unit();
    const auto& speech = ctx.model.speech;
    const std::string& route = reading.item;
    const std::vector<std::string>& readable = *reading.paragraphs;
    const bool reading_here = speech.speaking && speech.item == route;
    const float read_w = std::max(ui.measure(Body, ui.tr("朗读")).x, ui.measure(Body, ui.tr("停止")).x) + 2 * pad;
    if (reading_here)
        buttons.push_back({ui.tr("停止"), "■ " + std::string(ui.tr("停止")), read_w + ui.measure(Body, "■ ").x,
                           services::intent::StopReading{}});
    else
        buttons.push_back({ui.tr("朗读"), "▶ " + std::string(ui.tr("朗读")), read_w + ui.measure(Body, "▶ ").x,
                           services::intent::ReadAloud{route, readable}});
    const std::pair<SpeechSpeed, const char*> speeds[] = {
        {SpeechSpeed::Slow, "慢"}, {SpeechSpeed::Medium, "中"}, {SpeechSpeed::Fast, "快"}};
    for (const auto& [speed, zh] : speeds) {
        const bool chosen = speech.speed == speed;
        // The chosen speed carries a ✓ as well as its colour (colour is never the only signal).
        const std::string shown = chosen ? "✓" + std::string(ui.tr(zh)) : std::string(ui.tr(zh));
        const float w = std::max(ui.measure(Body, "✓" + std::string(ui.tr(zh))).x + 2 * pad, ui.touch_px());
        buttons.push_back({ui.tr(zh), shown, w, services::intent::SetSpeechSpeed{speed}, chosen});
    }
}

std::vector<FooterButton> footer_buttons(ScreenContext& ctx, bool with_language, const Reading* reading)
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
    if (reading && reading->paragraphs && !reading->paragraphs->empty()) add_reading_buttons(ctx, *reading, buttons);
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

FooterBar layout_footer(ScreenContext& ctx, bool with_language, const Reading* reading)
{
    Ui& ui = ctx.ui;
    const float u = ui.unit();
    const Rect screen = ui.screen();
    const auto buttons = footer_buttons(ctx, with_language, reading);
    const Rect area{2 * u, 0, screen.x1 - 2 * u, 0};
    const auto rects = flow(buttons, area, ui.touch_px(), u);
    FooterBar bar;
    // A target's gap above and below: what scrolls above the band is a target too.
    bar.height = rects.back().y1 + 2 * ui.target_gap();
    bar.rows = int(rects.back().y0 / (ui.touch_px() + u)) + 1;
    bar.free_x = rects.back().x1 + u;
    return bar;
}

void draw_footer_buttons(ScreenContext& ctx, float top, bool with_language, const Reading* reading)
{
    Ui& ui = ctx.ui;
    const float u = ui.unit();
    const auto buttons = footer_buttons(ctx, with_language, reading);
    const auto rects = flow(buttons, {2 * u, top + ui.target_gap(), ui.screen().x1 - 2 * u, 0}, ui.touch_px(), u);
    for (size_t i = 0; i < buttons.size(); ++i)
        if (ui.button(buttons[i].label, rects[i], buttons[i].chosen ? ButtonStyle::Accent : ButtonStyle::Surface, Body,
                      buttons[i].shown))
            ctx.intents.push_back(buttons[i].intent);
}

Rect draw_screen_frame(ScreenContext& ctx, const char* title_zh, bool with_banner, const std::vector<std::string>& readable,
                       const std::string& reading_item)
{
    Ui& ui = ctx.ui;
    const Palette& p = palette();
    float u = ui.unit();
    Rect screen = ui.screen();
    const float row_h = std::max(ui.touch_px() + 2 * u, ui.line_height(Title) + u);

    // Left: home, and back when the parent is not home. Wide enough for an elderly finger.
    const float bw = std::max(ui.measure(Heading, ui.tr("返回首页")).x + chevron_width(ui) + 3 * u, 220 * ui.scale());
    const float back_w = std::max(ui.measure(Heading, ui.tr("返回")).x + chevron_width(ui) + 3 * u, bw * 0.8f);
    const Route parent = parent_route(ctx.route);
    const float buttons_right = u + bw + (parent.name != "home" ? u + back_w : 0.0f);

    // Right: time above date, when there is room for them beside the buttons (an upright screen
    // at 特大 has none: the clock is on the home screen).
    const std::string time = format_time(ctx.model.now_s);
    const std::string date = format_date(ui.language(), ctx.model.now_s);
    const float date_w = ui.measure(Small, date).x;
    const ImVec2 time_size = ui.measure(Heading, time);
    const float right = screen.x1 - 2 * u;
    const float clock_w = std::max(date_w, time_size.x);
    const bool with_clock = buttons_right + 2 * u + clock_w <= right;
    const float right_limit = with_clock ? right - clock_w - 2 * u : right;

    // The title between them if it fits there at heading size or more; else on a row of its own.
    const float left_limit = buttons_right + u;
    const std::string title = ui.tr(title_zh);
    FontRole title_role = Title;
    bool title_inline = false;
    for (FontRole role : {Title, Heading}) {
        if (ui.measure(role, title).x <= right_limit - left_limit) {
            title_role = role;
            title_inline = true;
            break;
        }
    }
    const float title_row_h = title_inline ? 0.0f : ui.paragraph_height(Title, screen.x1 - 4 * u, title) + u;
    const float header_h = row_h + title_row_h;
    ui.draw()->AddRectFilled({0, 0}, {screen.x1, header_h}, p.header);

    const float bh = row_h - 2 * u;
    Rect home{u, u, u + bw, u + bh};
    if (back_button(ui, ui.tr("返回首页"), home)) ctx.go_to = Route{"home", ""};
    if (parent.name != "home") {
        Rect back{home.x1 + u, u, home.x1 + u + back_w, u + bh};
        if (back_button(ui, ui.tr("返回"), back)) ctx.go_to = parent;
    }
    if (with_clock) {
        ui.text(Heading, {right - time_size.x, row_h / 2 - time_size.y + u * 0.2f}, p.header_text, time);
        ui.text(Small, {right - date_w, row_h / 2 + u * 0.2f}, p.header_text, date);
    }
    if (title_inline) {
        const ImVec2 ts = ui.measure(title_role, title);
        float tx = std::max(left_limit, (screen.x1 - ts.x) / 2);
        if (tx + ts.x > right_limit) tx = std::max(left_limit, right_limit - ts.x);
        ui.text(title_role, {tx, (row_h - ts.y) / 2}, p.header_text, title);
    } else {
        ui.paragraph_centered(Title, {2 * u, row_h - u / 2}, screen.x1 - 4 * u, p.header_text, title);
    }

    // Below the banner (a touch target), a gap before the page's own first target.
    const float banner = with_banner ? draw_urgent_banner(ctx, header_h) : 0.0f;
    float y = header_h + (banner > 0 ? banner + ui.target_gap() : 0.0f);

    // Footer: the comfort buttons, on a band of their own so no content runs under them.
    const Reading reading{&readable, reading_item.empty() ? ctx.route.to_string() : reading_item};
    const FooterBar bar = layout_footer(ctx, false, &reading);
    const Rect footer{0, screen.y1 - bar.height, screen.x1, screen.y1};
    ui.draw()->AddRectFilled(footer.min(), footer.max(), p.surface);
    ui.draw()->AddLine({0, footer.y0}, {screen.x1, footer.y0}, p.border, std::max(1.0f, 2 * ui.scale()));
    draw_footer_buttons(ctx, footer.y0, false, &reading);
    return {0, y, screen.x1, footer.y0};
}

}  // namespace linli::ui
