// feedback.csv as Excel and WPS open it (BOM, CRLF, quoting, no formula from a resident's text)
// and the report's 意见箱 section, from collected records.
#include "services/feedback_report.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::services;

namespace {

CollectedRecord record(std::string kiosk, std::string payload)
{
    CollectedRecord r;
    r.kiosk = std::move(kiosk);
    r.record.kind = "feedback";
    r.record.day = "2026-11-25";
    r.opened = true;
    r.plaintext = std::move(payload);
    return r;
}

}  // namespace

TEST_CASE("feedback.csv holds one row per message, quoted where needed, with a BOM", "[services]")
{
    Collection c;
    c.records.push_back(record("lobby-1", "format = 1\ntopic = \"安全\"\nrating = 2\nreceipt = \"ABCD2345\"\n"
                                          "about_title = \"停车管理办法（草案）\"\ntext = \"车库灯坏了，\\n晚上很黑\"\n"));
    c.records.push_back(record("lobby-2", "format = 1\ntopic = \"其他\"\nrating = 0\nreceipt = \"WXYZ6789\"\ntext = \"=HYPERLINK(\\\"x\\\")\"\n"));
    CollectedRecord ballot = record("lobby-2", "x");
    ballot.record.kind = "ballot";
    c.records.push_back(ballot);
    CollectedRecord sealed = record("lobby-2", "x");
    sealed.opened = false;
    c.records.push_back(sealed);

    const auto rows = feedback_rows(c);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].receipt == "ABCD-2345");
    CHECK(rows[0].rating == 2);
    CHECK(rows[0].about == "停车管理办法（草案）");
    CHECK(feedback_csv(rows) ==
          "\xEF\xBB\xBF收到日期,信息屏,主题,评价,关于,内容,回执码\r\n"
          "2026-11-25,lobby-1,安全,不满意,停车管理办法（草案）,\"车库灯坏了，\n晚上很黑\",ABCD-2345\r\n"
          "2026-11-25,lobby-2,其他,,,\"'=HYPERLINK(\"\"x\"\")\",WXYZ-6789\r\n");
    const std::string summary = feedback_summary(rows);
    CHECK(summary.find("意见箱 feedback: 2 messages") != std::string::npos);
    CHECK(summary.find("    安全: 1\n") != std::string::npos);
    CHECK(summary.find("    《停车管理办法（草案）》: 1\n") != std::string::npos);
    CHECK(summary.find("    不满意: 1\n") != std::string::npos);
    CHECK(summary.find("    (no rating): 1\n") != std::string::npos);
}
