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
    const float gap = std::max(u, ui.target_gap());
    const float x = rect.x0, w = rect.width();
    const float bh = std::max(ui.touch_px() * 1.1f, 84 * ui.scale());
    // 确认设置 and 返回状态 stay at the bottom; the rest scrolls above them (large text, upright).
    const float by = rect.y1 - bh;
    // The answer to 确认设置 (accepted, or why not) just above them, always in sight.
    const auto& answer = model.admin.clock;
    const std::string answer_text = answer.text.empty() ? std::string() : std::string(ui.tr(answer.text.c_str()));
    const float answer_h = answer_text.empty() ? 0.0f : ui.paragraph_height(Heading, w, answer_text) + u * 0.5f;
    const Rect view{rect.x0, rect.y0, rect.x1, by - gap - answer_h};
    const float offset = ui.begin_scroll("admin.clock", view);
    float y = view.y0 - offset;
    y += ui.paragraph(Title, {x, y}, w, p.text, ui.tr("设置日期和时间"));
    y += ui.paragraph(Body, {x, y}, w, p.text_muted,
                      std::string(ui.tr("本机时间：")) + format_date(ui.language(), model.now_s) + " " + format_time(model.now_s) +
                          "    " + ui.tr("最晚可设到：") + format_date(ui.language(), model.admin.clock_latest_s)) +
         u;
    // What will be set, in words, to confirm at a glance.
    y += ui.paragraph(Display, {x, y}, w, p.accent, format_date(ui.language(), m_value_s) + " " + format_time(m_value_s)) + u;

    struct Step {
        const char* minus;
        const char* plus;
        char unit;
        int n;
    };
    constexpr Step k_steps[] = {{"-1年", "+1年", 'y', 1}, {"-1月", "+1月", 'm', 1}, {"-1天", "+1天", 'd', 1},
                                {"-1时", "+1时", 'H', 1}, {"-10分", "+10分", 'M', 10}, {"-1分", "+1分", 'M', 1}};
    // Two columns of -/+ pairs while the labels fit, else one.
    float label_w = 0;
    for (const Step& s : k_steps) label_w = std::max({label_w, ui.measure(Title, s.minus).x, ui.measure(Title, s.plus).x});
    label_w += 2 * u;
    const bool two_columns = (w - 3 * u) / 2 >= 2 * label_w + gap;
    const float col_w = two_columns ? (w - 3 * u) / 2 : w, bw = (col_w - gap) / 2;
    const int columns = two_columns ? 2 : 1;
    for (size_t i = 0; i < std::size(k_steps); ++i) {
        const float cx = x + float(int(i) % columns) * (col_w + 3 * u), cy = y + float(int(i) / columns) * (bh + gap);
        const Step& s = k_steps[i];
        if (ui.button(s.minus, {cx, cy, cx + bw, cy + bh}, ButtonStyle::Surface, Title)) m_value_s = add_calendar(m_value_s, s.unit, -s.n);
        if (ui.button(s.plus, {cx + bw + gap, cy, cx + col_w, cy + bh}, ButtonStyle::Surface, Title))
            m_value_s = add_calendar(m_value_s, s.unit, s.n);
    }
    y += float(int(std::size(k_steps)) / columns) * (bh + gap);
    ui.end_scroll(y + u + offset - view.y0);
    if (!answer_text.empty())
        ui.paragraph(Heading, {x, view.y1}, w, answer.ok ? palette().success : p.urgent, answer_text);

    std::optional<int64_t> chosen;
    const float half = (w - 3 * u) / 2;
    if (ui.button(ui.tr("确认设置"), {x, by, x + half, by + bh}, ButtonStyle::Accent, Heading)) chosen = m_value_s;
    cancelled = ui.button(ui.tr("返回状态"), {x + half + 3 * u, by, x + w, by + bh}, ButtonStyle::Surface, Heading);
    return chosen;
}

}  // namespace linli::ui
