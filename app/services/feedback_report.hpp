// What `linli-admin collect` makes of the opened 意见箱 messages for the office: feedback.csv
// (one row per message, UTF-8 with a BOM so Excel and WPS open it as such) and a summary for
// report.txt (per topic, per item commented on, the ratings). Rows keep the kiosks' shuffled
// order: nothing in them tells who wrote what, or when within the day.
#pragma once

#include "services/exports.hpp"

#include <string>
#include <vector>

namespace linli::services {

struct FeedbackRow {
    std::string day;      // 收到日期, YYYY-MM-DD
    std::string kiosk;    // 信息屏
    std::string topic;    // 主题
    int rating = 0;       // 评价: 0 none, 1 很不满意 ... 4 很满意
    std::string about;    // 关于: the title of the notice commented on
    std::string text;     // 内容
    std::string receipt;  // 回执码, XXXX-XXXX
};

// The opened feedback records of a collection, in its order (each export once).
std::vector<FeedbackRow> feedback_rows(const Collection& collection);

// feedback.csv: a header of 收到日期,信息屏,主题,评价,关于,内容,回执码 and one row per message;
// CRLF line ends, fields quoted as RFC 4180 says. A field a spreadsheet would run as a formula
// (starting with = + - @ or a tab) gets a leading ' so it shows as the text it is.
std::string feedback_csv(const std::vector<FeedbackRow>& rows);

// The 意见箱 section of report.txt: counts per topic, per item and per rating.
std::string feedback_summary(const std::vector<FeedbackRow>& rows);

// One CSV field: quoted as RFC 4180 says when needed; a leading = + - @ or tab gets a ' so a
// spreadsheet shows it as text rather than running it as a formula.
std::string csv_field(std::string text);

// The word residents tapped for a rating (1-4), or "" (0).
const char* rating_word(int rating);

}  // namespace linli::services
