// Home: the board's name, date and time, the urgent banner, eight large tiles, and the
// resident's two preferences (large text, language).
#include "core/i18n.hpp"
#include "ui/screen.hpp"

namespace linli::ui {

namespace {

struct Tile {
    const char* label;
    const char* hint;
    const char* route;
};

constexpr Tile k_tiles[] = {
    {"公告", "通知与公告", "announcements"},     {"财务公示", "收支明细与报表", "finance"},
    {"招募", "加入我们", "recruitment"},         {"投票表决", "参与决定", "ballots"},
    {"意见箱", "匿名留言", "feedback"},          {"章程制度", "章程与规章", "documents"},
    {"会议", "会议安排与纪要", "meetings"},      {"工作进展", "任务与年度目标", "progress"},
};

class HomeScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "首页"; }

    void draw(ScreenContext& ctx, const Rect&) override
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        Rect screen = ui.screen();

        // Header band: the board's name over the kiosk's on the left, the clock and date on the
        // right; where they do not fit side by side (upright, large text), the date goes under
        // the clock, and if even that does not fit, clock and date take a row below the names.
        const std::string time = format_time(ctx.model.now_s);
        const std::string date = format_date(ui.language(), ctx.model.now_s);
        const ImVec2 time_size = ui.measure(Display, time);
        const ImVec2 date_size = ui.measure(Heading, date);
        const float names_w = std::max(ui.measure(Title, ctx.model.board.name).x, ui.measure(Small, ctx.model.kiosk_name).x);
        const float names_h = ui.font_px(Title) + ui.font_px(Small) + u * 0.5f;
        const float room = screen.width() - 4 * u - names_w - 2 * u;
        enum class Clock { Beside, Stacked, Below } layout = Clock::Below;
        if (time_size.x + 2 * u + date_size.x <= room) layout = Clock::Beside;
        else if (std::max(time_size.x, date_size.x) <= room) layout = Clock::Stacked;
        const float clock_h = layout == Clock::Beside ? ui.line_height(Display)
                                                      : ui.font_px(Display) + ui.font_px(Heading) + u * 0.5f;
        const float row_h = std::max(names_h, layout == Clock::Below ? 0.0f : clock_h) + 2 * u;
        const float header_h = row_h + (layout == Clock::Below ? clock_h + u : 0.0f);
        ui.draw()->AddRectFilled({0, 0}, {screen.x1, header_h}, p.header);
        const float right = screen.x1 - 2 * u;
        const float names_top = (row_h - names_h) / 2;
        ui.text(Title, {2 * u, names_top}, p.header_text, ctx.model.board.name);
        ui.text(Small, {2 * u, names_top + ui.font_px(Title) + u * 0.5f}, p.header_text, ctx.model.kiosk_name);
        if (layout == Clock::Beside) {
            ui.text(Display, {right - time_size.x, (row_h - time_size.y) / 2}, p.header_text, time);
            ui.text(Heading, {right - time_size.x - 2 * u - date_size.x, (row_h - date_size.y) / 2}, p.header_text, date);
        } else {
            const float top = layout == Clock::Stacked ? (row_h - clock_h) / 2 : row_h - u;
            const float x0 = layout == Clock::Stacked ? right - std::max(time_size.x, date_size.x) : 2 * u;
            ui.text(Display, {layout == Clock::Stacked ? right - time_size.x : x0, top}, p.header_text, time);
            ui.text(Heading, {layout == Clock::Stacked ? right - date_size.x : x0, top + ui.font_px(Display) + u * 0.5f},
                    p.header_text, date);
        }

        float y = header_h + draw_urgent_banner(ctx, header_h) + 2 * u;

        // Footer: the resident's preferences (text size, contrast, language) and a hint.
        const FooterBar bar = layout_footer(ctx, true);
        float footer_h = bar.height;
        float footer_y = screen.y1 - footer_h;
        draw_footer_buttons(ctx, footer_y, true);
        // The hint only where it fits whole after the last row's buttons.
        std::string hint = ui.tr("轻触任意板块查看");
        ImVec2 hs = ui.measure(Body, hint);
        if (bar.free_x + 2 * u + hs.x <= screen.x1 - 2 * u)
            ui.text(Body, {screen.x1 - 2 * u - hs.x, screen.y1 - u - ui.touch_px() / 2 - hs.y / 2}, p.text_muted, hint);

        // Tiles: 4 x 2 on a landscape screen, 2 x 4 on a portrait one.
        bool portrait = screen.height() > screen.width();
        int cols = portrait ? 2 : 4, rows = portrait ? 4 : 2;
        float gap = 2 * u;
        Rect grid{2 * u, y, screen.x1 - 2 * u, footer_y - u};
        float tw = (grid.width() - gap * float(cols - 1)) / float(cols);
        float th = (grid.height() - gap * float(rows - 1)) / float(rows);
        for (int i = 0; i < 8; ++i) {
            const Tile& tile = k_tiles[i];
            float tx = grid.x0 + float(i % cols) * (tw + gap), ty = grid.y0 + float(i / cols) * (th + gap);
            Rect r{tx, ty, tx + tw, ty + th};
            bool pressed = ui.is_pressed(r);
            ImU32 color = p.tiles[i];
            if (pressed) color = (color & 0xFF000000) | ((color & 0x00FEFEFE) >> 1);
            ui.draw()->AddRectFilled(r.min(), r.max(), color, 20 * ui.scale());
            // The name and its hint, each wrapped to the tile and centred; the hint only if the
            // tile has room for it whole (a large English text size may not).
            std::string label = ui.tr(tile.label);
            const float text_w = r.width() - 2 * u;
            const float label_h = ui.paragraph_height(Title, text_w, label);
            const float hint_h = ui.paragraph_height(Small, text_w, ui.tr(tile.hint));
            const bool with_hint = label_h + u + hint_h <= r.height() - 2 * u;
            float block = label_h + (with_hint ? u + hint_h : 0);
            float top = r.y0 + (r.height() - block) / 2;
            ui.push_clip(r);
            ui.paragraph_centered(Title, {r.x0 + u, top}, text_w, p.text_on_color, label);
            if (with_hint) ui.paragraph_centered(Small, {r.x0 + u, top + label_h + u}, text_w, p.text_on_color, ui.tr(tile.hint));
            ui.pop_clip();
            if (ui.tap_area(label, r)) ctx.go_to = Route{tile.route, ""};
        }
    }
};

}  // namespace

std::unique_ptr<Screen> make_home_screen() { return std::make_unique<HomeScreen>(); }

}  // namespace linli::ui
