// UI languages. Chinese is the source language: code writes the Chinese text and tr() looks up
// the English. Scripts address controls by their visible label, so they work in either language.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace linli {

enum class Language { Chinese, English };

// The text in the given language; Chinese returns zh itself, English falls back to zh when the
// table lacks an entry (a test checks that every UI string has one).
const char* tr(Language language, const char* zh);
// True when the English table has this Chinese string.
bool has_translation(std::string_view zh);

// "2026年11月25日 星期三" / "Wednesday, 25 November 2026" in the board's local time.
std::string format_date(Language language, int64_t unix_s);
// "19:05" in the board's local time.
std::string format_time(int64_t unix_s);
// "12月9日 星期三 19:30" / "Wed 9 Dec 19:30" (meetings, deadlines).
std::string format_date_time(Language language, int64_t unix_s);
// "2026-11-25": tables and ledgers, the same in both languages.
std::string format_iso_date(int64_t unix_s);
// "11月25日" / "25 Nov" (short dates in lists).
std::string format_short_date(Language language, int64_t unix_s);

}  // namespace linli
