// Dates and times as administrators write them, to Unix seconds. A time without an offset is the
// board's local time, which is the process's time zone (TZ), so the kiosk and `linli-admin check`
// agree when both run in the board's zone.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace linli::content {

// Unix seconds of a local wall-clock time (seconds may be 60 for a leap second: clamped to 59).
// Nothing for impossible dates (2026-02-30).
std::optional<int64_t> local_time_to_unix(int year, int month, int day, int hour, int minute, int second);

// RFC 3339 date ("2026-11-25", local midnight) or date-time ("2026-11-25T08:00:00+08:00", a space
// for T, seconds optional, no offset = local). Nothing for anything else.
std::optional<int64_t> parse_date_time(std::string_view text);

// A date in a spreadsheet cell: RFC 3339 as above, or "2026/11/25" and "2026/1/5" as Excel and
// WPS write dates in a Chinese locale.
std::optional<int64_t> parse_sheet_date(std::string_view text);

}  // namespace linli::content
