// 设置时间 on the admin panel: the date and time in words, large, with a pair of buttons per unit
// (+1年 / -1年 ... +1分 / -1分), then 确认设置. For a kiosk whose clock is wrong (a Pi without a
// real-time clock and without network): ballots open only by a clock the kiosk can trust.
#pragma once

#include "services/app_model.hpp"
#include "ui/ui.hpp"

#include <optional>

namespace linli::ui {

class ClockSetter {
public:
    // Starts at now_s (the kiosk's time), to the minute.
    void start(int64_t now_s) { m_value_s = now_s - now_s % 60; }
    // Draws the setter in rect; the time to set when 确认设置 was pressed. cancelled is set by 返回.
    std::optional<int64_t> draw(Ui& ui, const Rect& rect, const services::AppModel& model, bool& cancelled);

private:
    int64_t m_value_s = 0;
};

// value_s moved by n of a calendar unit in the board's time zone ('y', 'm', 'd', 'H', 'M'), the
// day clamped to the new month's length (31 January + 1 month = 28 or 29 February).
int64_t add_calendar(int64_t value_s, char unit, int n);

}  // namespace linli::ui
