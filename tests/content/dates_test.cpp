// Dates and times as administrators write them, in the board's zone (Asia/Shanghai, UTC+8 with
// no daylight saving) and with explicit offsets, which must not depend on the zone at all.
#include "content/dates.hpp"
#include "content/front_matter.hpp"
#include "content_test_support.hpp"

#include <catch2/catch.hpp>

using namespace linli::content;
using linli::content::testing::ScopedTimeZone;

TEST_CASE("dates: RFC 3339 without an offset is Beijing time", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    CHECK(parse_date_time("2026-11-20") == 1795132800 - 8 * 3600);
    CHECK(parse_date_time("2026-11-20T08:00:00") == 1795132800);
    CHECK(parse_date_time("2026-11-20 08:00") == 1795132800);
    CHECK(parse_date_time("2026-11-20T08:00:00.250") == 1795132800);
    CHECK(parse_date_time("2024-02-29") == 1709136000);  // leap day
}

TEST_CASE("dates: explicit offsets ignore the local zone", "[content]")
{
    for (const char* tz : {"Asia/Shanghai", "America/New_York", "UTC"}) {
        ScopedTimeZone zone(tz);
        INFO(tz);
        CHECK(parse_date_time("2026-03-08T18:00:00+08:00") == 1772964000);
        CHECK(parse_date_time("2026-03-08T10:00:00Z") == 1772964000);
        CHECK(parse_date_time("2026-03-08T05:00:00-05:00") == 1772964000);
    }
}

TEST_CASE("dates: impossible or loose dates are refused in front matter", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    for (const char* bad : {"", "2026-13-01", "2026-02-29", "2026-02-30", "2026-1-5", "2026/11/20", "20261120",
                            "2026-11-20T25:00", "2026-11-20T08:00:00+8", "2026-11-20x", "1969-12-31", "tomorrow"}) {
        INFO(bad);
        CHECK_FALSE(parse_date_time(bad).has_value());
    }
}

TEST_CASE("dates: spreadsheet cells accept Excel's Chinese-locale forms", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    const int64_t oct2 = 1790870400;  // 2026-10-02 00:00 Beijing
    CHECK(parse_sheet_date("2026-10-02") == oct2);
    CHECK(parse_sheet_date("2026/10/2") == oct2);
    CHECK(parse_sheet_date("2026/10/02") == oct2);
    CHECK(parse_sheet_date(" 2026-10-2 ") == oct2);
    CHECK(parse_sheet_date("2026/10/2 0:00") == oct2);
    CHECK(parse_sheet_date("2026/10/2 8:30") == oct2 + 8 * 3600 + 30 * 60);
    CHECK_FALSE(parse_sheet_date("2026/13/2").has_value());
    CHECK_FALSE(parse_sheet_date("10/2/2026").has_value());
    CHECK_FALSE(parse_sheet_date("2026/10/2x").has_value());
}

TEST_CASE("front matter: split keeps the TOML's place in the file", "[content]")
{
    FrontMatter fm = split_front_matter("\n+++  \ntitle = \"A\"\n+++\nbody\n+++\nmore\n");
    REQUIRE(fm.ok);
    CHECK(fm.toml == "title = \"A\"\n");
    CHECK(fm.toml_first_line == 3);
    CHECK(fm.body == "body\n+++\nmore\n");

    FrontMatter empty_body = split_front_matter("+++\n+++");
    REQUIRE(empty_body.ok);
    CHECK(empty_body.toml.empty());
    CHECK(empty_body.body.empty());

    FrontMatter none = split_front_matter("\n\ntitle = \"A\"\n");
    CHECK_FALSE(none.ok);
    CHECK_FALSE(none.unclosed);
    CHECK(none.error_line == 3);

    FrontMatter open = split_front_matter("+++\ntitle = \"A\"\n");
    CHECK_FALSE(open.ok);
    CHECK(open.unclosed);
    CHECK(open.error_line == 1);
}
