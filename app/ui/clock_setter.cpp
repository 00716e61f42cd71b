#include "ui/clock_setter.hpp"

#include "core/i18n.hpp"

#include <algorithm>
#include <ctime>

namespace linli::ui {

int64_t add_calendar(int64_t value_s, char unit, int n)
{
    const time_t t = time_t(value_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    switch (unit) {
    case 'y': tm.tm_year += n; break;
    case 'm': tm.tm_mon += n; break;
    case 'd': tm.tm_mday += n; break;
    case 'H': return value_s + int64_t(n) * 3600;
    case 'M': return value_s + int64_t(n) * 60;
    default: return value_s;
    }
    if (unit == 'y' || unit == 'm') {
        // The same day of the new month, or its last day (day 0 of the month after).
        const int day = tm.tm_mday;
        tm.tm_mday = 1;
        tm.tm_isdst = -1;
        mktime(&tm);
        std::tm last = tm;
        last.tm_mon += 1;
        last.tm_mday = 0;
        last.tm_isdst = -1;
        mktime(&last);
        tm.tm_mday = std::min(day, last.tm_mday);
    }
    tm.tm_isdst = -1;
    return int64_t(mktime(&tm));
}

std::optional<int64_t> ClockSetter::draw(Ui& ui, const Rect& rect, const services::AppModel& model, bool& cancelled)
{
    const Palette& p = palette();
    const float u = ui.unit();
    float x = rect.x0, y = rect.y0;
    const float w = rect.width();
    ui.text(Title, {x, y}, p.text, ui.tr("设置日期和时间"));
    y += ui.line_height(Title);
    ui.paragraph(Body, {x, y}, w, p.text_muted,
                 std::string(ui.tr("本机时间：")) + format_date(ui.language(), model.now_s) + " " + format_time(model.now_s) +
                     "    " + ui.tr("最晚可设到：") + format_date(ui.language(), model.admin.clock_latest_s));
    y += ui.line_height(Body) + u;
    // What will be set, in words, to confirm at a glance.
    ui.text(Display, {x, y}, p.accent, format_date(ui.language(), m_value_s) + " " + format_time(m_value_s));
    y += ui.line_height(Display) + u;

    struct Step {
        const char* minus;
        const char* plus;
        char unit;
        int n;
    };
    constexpr Step k_steps[] = {{"-1年", "+1年", 'y', 1}, {"-1月", "+1月", 'm', 1}, {"-1天", "+1天", 'd', 1},
                                {"-1时", "+1时", 'H', 1}, {"-10分", "+10分", 'M', 10}, {"-1分", "+1分", 'M', 1}};
    const float bh = std::max(ui.touch_px() * 1.1f, 84 * ui.scale());
    const float col_w = (w - 3 * u) / 2, bw = (col_w - u) / 2;
    for (size_t i = 0; i < std::size(k_steps); ++i) {
        const float cx = x + float(i % 2) * (col_w + 3 * u), cy = y + float(i / 2) * (bh + u);
        const Step& s = k_steps[i];
        if (ui.button(s.minus, {cx, cy, cx + bw, cy + bh}, ButtonStyle::Surface, Title)) m_value_s = add_calendar(m_value_s, s.unit, -s.n);
        if (ui.button(s.plus, {cx + bw + u, cy, cx + col_w, cy + bh}, ButtonStyle::Surface, Title))
            m_value_s = add_calendar(m_value_s, s.unit, s.n);
    }
    y += 3 * (bh + u) + u;
    const auto& answer = model.admin.clock;
    if (!answer.text.empty()) {
        ui.paragraph(Heading, {x, y}, w, answer.ok ? palette().success : p.urgent, ui.tr(answer.text.c_str()));
    }
    const float by = rect.y1 - bh;
    std::optional<int64_t> chosen;
    if (ui.button(ui.tr("确认设置"), {x, by, x + col_w, by + bh}, ButtonStyle::Accent, Heading)) chosen = m_value_s;
    cancelled = ui.button(ui.tr("返回状态"), {x + col_w + 3 * u, by, x + w, by + bh}, ButtonStyle::Surface, Heading);
    return chosen;
}

}  // namespace linli::ui
