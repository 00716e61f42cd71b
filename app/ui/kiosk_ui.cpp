#include "ui/kiosk_ui.hpp"
#include "ui/sync_overlay.hpp"

#include "core/i18n.hpp"
#include "ui/item_page.hpp"

namespace linli::ui {

Status KioskUi::go_to(std::string_view name)
{
    auto route = parse_route(name);
    if (!route) {
        std::string known;
        for (const auto& n : route_names()) known += (known.empty() ? "" : ", ") + n;
        return Error::rejected("screen: unknown screen '" + std::string(name) + "' (known: " + known + ")");
    }
    m_route = *route;
    screen(m_route.name).reset();
    return {};
}

Screen& KioskUi::screen(const std::string& name)
{
    auto& slot = m_screens[name];
    if (!slot) slot = make_screen(name);
    return *slot;
}

Rect KioskUi::admin_corner(const Ui& ui)
{
    float edge = 120 * ui.scale();
    return {0, 0, edge, edge};
}

void KioskUi::prepare_content_text(const services::AppModel& model)
{
    m_ui.prepare_text(Title, model.board.name);
    auto prepare = [this](const Notice& n) {
        m_ui.prepare_text(Heading, n.title);
        m_ui.prepare_text(Title, n.title);
        m_ui.prepare_text(Small, n.category);
        m_ui.prepare_text(Body, n.body);
        // Markdown headings are drawn at the larger sizes (the body's other text is body size).
        for (const auto& block : display_list(n.body).blocks)
            if (const auto* heading = std::get_if<content::Heading>(&block)) {
                std::string text = content::plain_text(heading->spans);
                m_ui.prepare_text(heading->level == 1 ? Title : Heading, text);
            }
    };
    for (const auto& a : model.announcements) prepare(a.notice);
    for (const auto& r : model.recruitment) prepare(r.notice);
    for (const auto& d : model.documents) prepare(d.notice);
    for (const auto& m : model.meetings) prepare(m.notice);
}

void KioskUi::set_attract(bool on, int64_t monotonic_ms)
{
    if (on && !m_attract) m_attract_started_ms = monotonic_ms;
    m_attract = on;
}

bool KioskUi::holds_input() const
{
    auto it = m_screens.find(m_route.name);
    return it != m_screens.end() && it->second->holds_input();
}

void KioskUi::reset()
{
    m_still_there_until_ms = -1;
    for (auto& [name, s] : m_screens) s->reset();
    m_ui.reset_all_scrolls();
    m_route = Route{"home", ""};
}

void KioskUi::navigate(const Route& to, const services::AppModel& model, std::vector<services::Intent>& intents)
{
    if (to == m_route) return;
    // 朗读 stops on any navigation: the voice never reads a page no longer shown.
    if (model.speech.speaking) intents.emplace_back(std::in_place_type<services::intent::StopReading>);
    // Leaving the admin panel always locks it again.
    if (m_route.name == "admin" && model.admin.unlocked) intents.emplace_back(std::in_place_type<services::intent::LockAdmin>);
    if (to.name == "home") m_ui.reset_all_scrolls();
    else m_ui.reset_scroll(to.to_string());
    // Moving within a screen (finance:2026-10 to finance:2026-Q3) keeps its tabs and filters.
    if (to.name != m_route.name) screen(to.name).reset();
    m_route = to;
}

int64_t KioskUi::next_deadline_ms(int64_t monotonic_ms, const TouchFrame& touch, const services::AppModel& model) const
{
    if (still_there()) return monotonic_ms + 1000 - (m_still_there_until_ms - monotonic_ms) % 1000;  // the countdown
    if (m_attract) {
        int64_t elapsed = monotonic_ms - m_attract_started_ms;
        return monotonic_ms + (k_attract_slide_ms - elapsed % k_attract_slide_ms);
    }
    if (touch.pressed && admin_corner(m_ui).contains(touch.press_pos) && touch.pressed_ms < k_admin_press_ms)
        return monotonic_ms + (k_admin_press_ms - touch.pressed_ms);
    if (auto it = m_screens.find(m_route.name); it != m_screens.end() && it->second->counting_down(model))
        return monotonic_ms + 1000;
    return -1;
}

void KioskUi::frame(const TouchFrame& touch_in, const services::AppModel& model, float dt_s, int64_t monotonic_ms,
                    std::vector<services::Intent>& intents)
{
    TouchFrame touch = touch_in;
    m_moved_on = false;
    // A touch that already did its job (woke the screen, opened admin) does nothing else,
    // through to its release.
    if (m_swallow_touch) {
        bool finished = !touch.pressed && !touch.tap;
        touch = TouchFrame{};
        if (finished) m_swallow_touch = false;
    }
    if (still_there() && (touch.pressed || touch.tap || (touch.drag_delta.x != 0 || touch.drag_delta.y != 0))) {
        m_still_there_until_ms = -1;  // the resident is here: back to the message, as it was
        m_swallow_touch = touch.pressed;
        touch = TouchFrame{};
    }
    if (m_attract && (touch.pressed || touch.tap || (touch.drag_delta.x != 0 || touch.drag_delta.y != 0))) {
        m_attract = false;
        m_swallow_touch = touch.pressed;
        touch = TouchFrame{};
    }

    // While a USB stick updates the content, touches reach nothing underneath the progress panel.
    if (model.sync.visible && model.sync.running) touch = TouchFrame{};

    use_theme(model.theme);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    m_ui.begin(touch, mm_per_px(int(display.x), int(display.y), model.status.diagonal_in), model.language, dt_s);
    if (m_attract) {
        draw_attract(model, monotonic_ms);
        draw_sync_overlay(m_ui, model);
        m_ui.end();
        return;
    }
    if (still_there()) {
        draw_still_there(monotonic_ms);
        m_ui.end();
        return;
    }
    if (touch.pressed && touch.pressed_ms >= k_admin_press_ms && admin_corner(m_ui).contains(touch.press_pos)) {
        m_swallow_touch = true;
        navigate(Route{"admin", ""}, model, intents);
    }

    Screen& current = screen(m_route.name);
    ScreenContext ctx{m_ui, model, intents, m_route, std::nullopt};
    Rect body = m_route.name == "home"
                    ? m_ui.screen()
                    : draw_screen_frame(ctx, current.title(m_route, model), !current.hides_urgent_banner(model),
                                        current.read_aloud(m_route, model), current.reading_item(m_route));
    current.draw(ctx, body);
    draw_sync_overlay(m_ui, model);
    m_ui.end();
    if (ctx.go_to) {
        m_moved_on = !(*ctx.go_to == m_route);
        navigate(*ctx.go_to, model, intents);
    }
}

// The message itself is hidden too: whoever walks up sees only the question.
void KioskUi::draw_still_there(int64_t monotonic_ms)
{
    Ui& ui = m_ui;
    const Palette& p = palette();
    const float u = ui.unit();
    const Rect screen = ui.screen();
    ui.draw()->AddRectFilled(screen.min(), screen.max(), p.background);
    const float w = std::min(screen.width() - 8 * u, 1100 * ui.scale());
    const float x = screen.center().x - w / 2;
    const int64_t left_s = std::max<int64_t>(0, (m_still_there_until_ms - monotonic_ms + 999) / 1000);
    float y = screen.y0 + screen.height() * 0.18f;
    ui.text_centered(Display, {x, y, x + w, y + ui.line_height(Display)}, p.text, ui.tr("还在吗？"));
    y += ui.line_height(Display) + 2 * u;
    auto shown = m_screens.find(m_route.name);
    const bool known = shown != m_screens.end();
    const char* why = ui.tr(known ? shown->second->still_there_reason() : "如果您还在，请点「继续」。");
    if (ui.measure(Heading, why).x <= w) {
        ui.text_centered(Heading, {x, y, x + w, y + ui.line_height(Heading)}, p.text, why);
        y += ui.line_height(Heading) + u;
    } else {
        y += ui.paragraph(Heading, {x, y}, w, p.text, why) + u;
    }
    const std::string countdown =
        std::to_string(left_s) + " " + ui.tr(known ? shown->second->still_there_clears() : "秒后将清除已写的内容");
    ui.text_centered(Title, {x, y, x + w, y + ui.line_height(Title)}, p.urgent, countdown);
    y += ui.line_height(Title) + 3 * u;
    const float bw = std::min(w, 520 * ui.scale()), bh = std::max(ui.touch_px() * 2.0f, 140 * ui.scale());
    ui.button(ui.tr("继续"), {screen.center().x - bw / 2, y, screen.center().x + bw / 2, y + bh}, ButtonStyle::Accent, Display);
}

void KioskUi::draw_attract(const services::AppModel& model, int64_t monotonic_ms)
{
    Ui& ui = m_ui;
    const Palette& p = palette();
    float u = ui.unit();
    Rect screen = ui.screen();

    // Slides: urgent notices first, then pinned, then the most recent, at most six.
    std::vector<const Notice*> slides;
    for (const auto& u : model.urgent) slides.push_back(&u.notice);
    for (const auto& a : model.announcements)
        if (!a.notice.urgent && slides.size() < 6) slides.push_back(&a.notice);

    ui.draw()->AddRectFilled(screen.min(), screen.max(), p.header);
    float header_h = ui.line_height(Display) + 2 * u;
    std::string time = format_time(model.now_s);
    ImVec2 ts = ui.measure(Display, time);
    ui.text(Display, {screen.x1 - 3 * u - ts.x, (header_h - ts.y) / 2}, p.header_text, time);
    ui.text(Title, {3 * u, header_h / 2 - ui.font_px(Title) * 0.75f}, p.header_text, model.board.name);
    ui.text(Small, {3 * u, header_h / 2 + ui.font_px(Title) * 0.4f}, p.header_text,
            format_date(ui.language(), model.now_s));

    float footer_h = ui.line_height(Title) + 4 * u;
    Rect card{3 * u, header_h, screen.x1 - 3 * u, screen.y1 - footer_h};
    ui.draw()->AddRectFilled(card.min(), card.max(), p.surface, 24 * ui.scale());
    if (!slides.empty()) {
        size_t index = size_t(((monotonic_ms - m_attract_started_ms) / k_attract_slide_ms) % int64_t(slides.size()));
        const Notice& n = *slides[index];
        float x = card.x0 + 4 * u, width = card.width() - 8 * u, y = card.y0 + 3 * u;
        ui.push_clip(card.inset(u));
        if (n.urgent) {
            std::string tag = ui.tr("紧急通知");
            ImVec2 s = ui.measure(Heading, tag);
            ui.draw()->AddRectFilled({x, y}, {x + s.x + 2 * u, y + s.y + u}, p.urgent, 8 * ui.scale());
            ui.text(Heading, {x + u, y + u / 2}, p.urgent_text, tag);
            y += s.y + 2 * u;
        }
        y += ui.paragraph(Title, {x, y}, width, n.urgent ? p.urgent : p.text, n.title) + 2 * u;
        size_t end = n.body.find("\n\n");
        std::string_view first(n.body.data(), end == std::string::npos ? n.body.size() : end);
        ui.paragraph(Heading, {x, y}, width, p.text, first);
        ui.pop_clip();
        // Which slide of how many, as dots.
        float dot = 10 * ui.scale(), gap = 14 * ui.scale();
        float dx = card.center().x - float(slides.size()) * (dot * 2 + gap) / 2;
        for (size_t i = 0; i < slides.size(); ++i)
            ui.draw()->AddCircleFilled({dx + float(i) * (dot * 2 + gap) + dot, card.y1 - 2 * u}, dot,
                                       i == index ? p.accent : p.border);
    }
    ui.text_centered(Title, {0, screen.y1 - footer_h, screen.x1, screen.y1}, p.header_text, ui.tr("轻触屏幕开始"));
}

}  // namespace linli::ui
