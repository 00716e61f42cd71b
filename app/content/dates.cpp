// Hand-written date parsing: strict field widths for RFC 3339, so "2026-1-5" in front matter is an
// error the administrator sees rather than a guess, while spreadsheet cells accept Excel's forms.
#include "content/dates.hpp"

#include <ctime>

namespace linli::content {

namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month)
{
    constexpr int k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : k_days[month - 1];
}

// Reads exactly n digits at text[pos]; advances pos.
bool fixed_digits(std::string_view text, size_t& pos, size_t n, int& out)
{
    if (pos + n > text.size())
        return false;
    out = 0;
    for (size_t i = 0; i < n; ++i) {
        char c = text[pos + i];
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    pos += n;
    return true;
}

// Reads one or two digits (Excel's "2026/1/5").
bool short_digits(std::string_view text, size_t& pos, int& out)
{
    if (pos < text.size() && pos + 1 < text.size() && text[pos + 1] >= '0' && text[pos + 1] <= '9')
        return fixed_digits(text, pos, 2, out);
    return fixed_digits(text, pos, 1, out);
}

bool expect(std::string_view text, size_t& pos, char c)
{
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// The time part after the date, from pos; sets the result or fails.
std::optional<int64_t> time_part(std::string_view text, size_t pos, int year, int month, int day)
{
    int hour = 0, minute = 0, second = 0;
    if (!fixed_digits(text, pos, 2, hour) || !expect(text, pos, ':') || !fixed_digits(text, pos, 2, minute))
        return std::nullopt;
    if (expect(text, pos, ':')) {
        if (!fixed_digits(text, pos, 2, second))
            return std::nullopt;
        if (expect(text, pos, '.')) {
            size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
                ++pos;
            if (pos == start)
                return std::nullopt;
        }
    }
    if (hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    if (pos == text.size())
        return local_time_to_unix(year, month, day, hour, minute, second);
    // An explicit offset: compute UTC directly, independent of TZ.
    int offset_s = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int oh = 0, om = 0;
        if (!fixed_digits(text, pos, 2, oh) || !expect(text, pos, ':') || !fixed_digits(text, pos, 2, om) ||
            oh > 23 || om > 59)
            return std::nullopt;
        offset_s = sign * (oh * 3600 + om * 60);
    } else {
        return std::nullopt;
    }
    if (pos != text.size())
        return std::nullopt;
    // Days from the civil date (proleptic Gregorian), so no time-zone function is involved.
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
    if (second == 60)
        second = 59;
    return days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
}

}  // namespace

std::optional<int64_t> local_time_to_unix(int year, int month, int day, int hour, int minute, int second)
{
    if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > days_in_month(year, month))
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second == 60 ? 59 : second;
    tm.tm_isdst = -1;  // let the zone's rules decide (China has no DST, others do)
    std::time_t t = std::mktime(&tm);
    if (t == static_cast<std::time_t>(-1))
        return std::nullopt;
    return static_cast<int64_t>(t);
}

std::optional<int64_t> parse_date_time(std::string_view text)
{
    text = trimmed(text);
    size_t pos = 0;
    int year = 0, month = 0, day = 0;
    if (!fixed_digits(text, pos, 4, year) || !expect(text, pos, '-') || !fixed_digits(text, pos, 2, month) ||
        !expect(text, pos, '-') || !fixed_digits(text, pos, 2, day))
        return std::nullopt;
    if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month) || year < 1970)
        return std::nullopt;
    if (pos == text.size())
        return local_time_to_unix(year, month, day, 0, 0, 0);
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')
        return std::nullopt;
    return time_part(text, pos + 1, year, month, day);
}

std::optional<int64_t> parse_sheet_date(std::string_view text)
{
    text = trimmed(text);
    if (auto t = parse_date_time(text))
        return t;
    size_t pos = 0;
    int year = 0, month = 0, day = 0;
    char sep = text.size() > 4 ? text[4] : '\0';
    if (sep != '/' && sep != '-' && sep != '.')
        return std::nullopt;
    if (!fixed_digits(text, pos, 4, year) || !expect(text, pos, sep) || !short_digits(text, pos, month) ||
        !expect(text, pos, sep) || !short_digits(text, pos, day))
        return std::nullopt;
    if (pos == text.size())
        return local_time_to_unix(year, month, day, 0, 0, 0);
    if (text[pos] != ' ')
        return std::nullopt;
    // Excel adds a time to dates typed with one: "2026/1/5 0:00".
    ++pos;
    int hour = 0, minute = 0;
    if (!short_digits(text, pos, hour) || !expect(text, pos, ':') || !fixed_digits(text, pos, 2, minute) ||
        hour > 23 || minute > 59)
        return std::nullopt;
    int second = 0;
    if (expect(text, pos, ':') && !fixed_digits(text, pos, 2, second))
        return std::nullopt;
    if (pos != text.size())
        return std::nullopt;
    return local_time_to_unix(year, month, day, hour, minute, second);
}

}  // namespace linli::content
