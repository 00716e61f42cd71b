// UI script parser: every command, and every error message word for word (they are what an
// administrator sees when a script is rejected).
#include "input/ui_script.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace linli::input;

namespace {

std::string error_of(std::string_view script)
{
    auto result = parse_ui_script(script, "demo.script");
    if (result.has_value()) return "(parsed)";
    CHECK(result.error().kind == linli::ErrorKind::Rejected);
    return result.error().message;
}

}  // namespace

TEST_CASE("ui script: every command parses", "[input]")
{
    const std::string_view script =
        "# a tour of the finance screen\n"
        "tap \"财务公示\"          # by label\n"
        "tap-xy 960 540.5\n"
        "long-press 1900 20 3000\n"
        "drag 960 800 960 200 300\n"
        "wait 500\n"
        "type \"nihao\"\n"
        "expect \"文字\"\n"
        "screenshot out.png\n"
        "screenshot \"shots/财务 1.png\"\n"
        "advance-clock 3600\n";
    auto parsed = parse_ui_script(script, "tour.script");
    REQUIRE(parsed.has_value());
    const auto& c = *parsed;
    REQUIRE(c.size() == 10);

    CHECK(c[0].op == ScriptOp::Tap);
    CHECK(c[0].line == 2);
    CHECK(c[0].text == "财务公示");

    CHECK(c[1].op == ScriptOp::TapXY);
    CHECK(c[1].x1 == 960);
    CHECK(c[1].y1 == 540.5f);

    CHECK(c[2].op == ScriptOp::LongPress);
    CHECK((c[2].x1 == 1900 && c[2].y1 == 20 && c[2].ms == 3000));

    CHECK(c[3].op == ScriptOp::Drag);
    CHECK((c[3].x1 == 960 && c[3].y1 == 800 && c[3].x2 == 960 && c[3].y2 == 200 && c[3].ms == 300));

    CHECK(c[4].op == ScriptOp::Wait);
    CHECK(c[4].ms == 500);

    CHECK(c[5].op == ScriptOp::Type);
    CHECK(c[5].text == "nihao");

    CHECK(c[6].op == ScriptOp::Expect);
    CHECK(c[6].text == "文字");

    CHECK(c[7].op == ScriptOp::Screenshot);
    CHECK(c[7].text == "out.png");
    CHECK(c[8].text == "shots/财务 1.png");

    CHECK(c[9].op == ScriptOp::AdvanceClock);
    CHECK(c[9].ms == 3600 * 1000);
    CHECK(c[9].line == 11);
}

TEST_CASE("ui script: comments, blank lines, CRLF, BOM, escapes and tabs", "[input]")
{
    const std::string_view script =
        "\xEF\xBB\xBF# saved by Notepad\r\n"
        "\r\n"
        "   \t  \r\n"
        "\ttap \"say \\\"hi\\\" \\\\ # not a comment\"\t# a comment\r\n"
        "expect \"a#b\"#right after the quote\r\n"
        "wait 0\r\n"
        "tap-xy 0.25 007";  // no newline at the end
    auto parsed = parse_ui_script(script, "x");
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->size() == 4);
    CHECK((*parsed)[0].line == 4);
    CHECK((*parsed)[0].text == "say \"hi\" \\ # not a comment");
    CHECK((*parsed)[1].text == "a#b");
    CHECK((*parsed)[2].ms == 0);
    CHECK((*parsed)[3].x1 == 0.25f);
    CHECK((*parsed)[3].y1 == 7);
    CHECK((*parsed)[3].line == 7);
}

TEST_CASE("ui script: an empty script or only comments gives no commands", "[input]")
{
    for (std::string_view script : {"", "\n\n", "# nothing\n  # still nothing", "\xEF\xBB\xBF"}) {
        auto parsed = parse_ui_script(script, "x");
        REQUIRE(parsed.has_value());
        CHECK(parsed->empty());
    }
}

TEST_CASE("ui script: stroke takes points in the writing box's 0-1000 coordinates", "[input]")
{
    auto parsed = parse_ui_script("stroke \"472,160 496.5,193  1000,0\" 300\nstroke \"500,500\" 50\n", "hw.ui");
    REQUIRE(parsed.has_value());
    REQUIRE(parsed->size() == 2);
    const ScriptCommand& c = (*parsed)[0];
    CHECK(c.op == ScriptOp::Stroke);
    CHECK(c.ms == 300);
    REQUIRE(c.points.size() == 3);
    CHECK(c.points[1].x == 496.5f);
    CHECK(c.points[1].y == 193);
    CHECK(c.points[2].x == 1000);
    CHECK((*parsed)[1].points.size() == 1);
    auto error = [](const char* line) { return parse_ui_script(line, "hw.ui").error().message; };
    const std::string expected = "script: hw.ui:1: stroke: POINTS must be X,Y points from 0 to 1000 separated by spaces, "
                                 "like \"100,200 900,220\"";
    CHECK(error("stroke \"1001,5\" 300") == expected + ", got \"1001,5\"");
    CHECK(error("stroke \"10;5\" 300") == expected + ", got \"10;5\"");
    CHECK(error("stroke \"-1,5\" 300") == expected + ", got \"-1,5\"");
    CHECK(error("stroke \"\" 300") == expected + ", got none");
    CHECK(error("stroke 10,5 300") == expected + " (in double quotes)");
    CHECK(error("stroke \"10,5\"") == "script: hw.ui:1: stroke takes 2 arguments (POINTS MS), got 1");
}

TEST_CASE("ui script: the largest accepted values", "[input]")
{
    auto parsed = parse_ui_script("tap-xy 100000 99999.99\nwait 1000000000\nadvance-clock 1000000000\n", "x");
    REQUIRE(parsed.has_value());
    CHECK((*parsed)[0].x1 == 100000);
    CHECK((*parsed)[1].ms == 1000000000);
    CHECK((*parsed)[2].ms == 1000000000000);
}

TEST_CASE("ui script: the first error is reported with file, line and problem", "[input]")
{
    CHECK(error_of("tap \"a\"\nfrobnicate\nbogus\n") ==
          "script: demo.script:2: unknown command \"frobnicate\" (commands: tap, tap-xy, long-press, "
          "drag, wait, type, expect, expect-not, screenshot, advance-clock, stroke)");
    CHECK(error_of("\r\n\r\ntapp \"a\"\r\n") ==
          "script: demo.script:3: unknown command \"tapp\" (did you mean \"tap\"?)");
}

TEST_CASE("ui script: error messages, one per problem", "[input]")
{
    const std::string long_line = "wait 1 #" + std::string(4089, 'x');  // 4097 bytes
    const std::string longest_line = "wait 1 #" + std::string(4088, 'x');  // 4096 bytes: fine
    REQUIRE(long_line.size() == 4097);
    CHECK(error_of(longest_line) == "(parsed)");

    struct Row {
        std::string script;
        std::string message;
    };
    const Row rows[] = {
        // Unknown commands, with a suggestion only when one is close.
        {"wiat 5", "unknown command \"wiat\" (did you mean \"wait\"?)"},
        {"TAP \"x\"", "unknown command \"TAP\" (did you mean \"tap\"?)"},
        {"tapxy 1 2", "unknown command \"tapxy\" (did you mean \"tap-xy\"?)"},
        {"longpress 1 2 3", "unknown command \"longpress\" (did you mean \"long-press\"?)"},
        {"advance_clock 5", "unknown command \"advance_clock\" (did you mean \"advance-clock\"?)"},
        {"screenshoot a.png", "unknown command \"screenshoot\" (did you mean \"screenshot\"?)"},
        {"expcet \"a\"", "unknown command \"expcet\" (did you mean \"expect\"?)"},
        {"点击 \"a\"", "unknown command \"点击\" (commands: tap, tap-xy, long-press, drag, wait, "
                       "type, expect, expect-not, screenshot, advance-clock, stroke)"},
        {"click 1 2", "unknown command \"click\" (commands: tap, tap-xy, long-press, drag, wait, "
                      "type, expect, expect-not, screenshot, advance-clock, stroke)"},
        {std::string(60, 'z'), "unknown command \"" + std::string(40, 'z') + "…\" (commands: tap, "
                               "tap-xy, long-press, drag, wait, type, expect, expect-not, screenshot, advance-clock, stroke)"},
        {"\"tap\" \"a\"", "expected a command, got a quoted string"},
        // Quotes and escapes.
        {"tap \"财务公示", "missing closing quote"},
        {"tap \"ends with a backslash\\", "missing closing quote"},
        {"type \"a\\nb\"", "unknown escape \\n in quoted text (only \\\" and \\\\ are allowed)"},
        {"type \"a\\财b\"", "unknown escape \\财 in quoted text (only \\\" and \\\\ are allowed)"},
        {"tap \"a\"b", "expected a space after the closing quote"},
        {"screenshot out\"x\".png", "unexpected quote inside an argument"},
        // Argument counts.
        {"tap", "tap takes 1 argument (LABEL), got 0"},
        {"tap \"a\" \"b\"", "tap takes 1 argument (LABEL), got 2"},
        {"tap-xy 1", "tap-xy takes 2 arguments (X Y), got 1"},
        {"long-press 1 2", "long-press takes 3 arguments (X Y MS), got 2"},
        {"drag 1 2 3 4", "drag takes 5 arguments (X1 Y1 X2 Y2 MS), got 4"},
        {"wait", "wait takes 1 argument (MS), got 0"},
        {"type \"a\" # \"b\"", "(parsed)"},
        {"type", "type takes 1 argument (TEXT), got 0"},
        {"expect \"a\" b", "expect takes 1 argument (TEXT), got 2"},
        {"screenshot a.png b.png", "screenshot takes 1 argument (PATH), got 2"},
        {"advance-clock", "advance-clock takes 1 argument (SECONDS), got 0"},
        // Quoted text.
        {"tap 财务公示", "tap: LABEL must be in double quotes, e.g. tap \"财务公示\""},
        {"type nihao", "type: TEXT must be in double quotes, e.g. type \"nihao\""},
        {"expect 文字", "expect: TEXT must be in double quotes, e.g. expect \"文字\""},
        {"tap \"\"", "tap: LABEL is empty"},
        {"type \"\"", "type: TEXT is empty"},
        {"expect \"\"", "expect: TEXT is empty"},
        {"screenshot \"\"", "screenshot: PATH is empty"},
        // Numbers.
        {"tap-xy abc 5", "tap-xy: X must be a non-negative number, got \"abc\""},
        {"tap-xy 5 -3", "tap-xy: Y must be a non-negative number, got \"-3\""},
        {"tap-xy 1e3 5", "tap-xy: X must be a non-negative number, got \"1e3\""},
        {"tap-xy 5. 5", "tap-xy: X must be a non-negative number, got \"5.\""},
        {"tap-xy .5 5", "tap-xy: X must be a non-negative number, got \".5\""},
        {"tap-xy inf 5", "tap-xy: X must be a non-negative number, got \"inf\""},
        {"tap-xy \"5\" 5", "tap-xy: X must be a number without quotes"},
        {"tap-xy 100000.5 5", "tap-xy: X must be at most 100000, got \"100000.5\""},
        {"tap-xy 1" + std::string(400, '0') + " 5",
         "tap-xy: X must be at most 100000, got \"1" + std::string(39, '0') + "…\""},
        {"drag 1 2 3 x 5", "drag: Y2 must be a non-negative number, got \"x\""},
        {"drag 1 2 3 4 1.5", "drag: MS must be a non-negative whole number, got \"1.5\""},
        {"long-press 1 2 -1", "long-press: MS must be a non-negative whole number, got \"-1\""},
        {"wait 500ms", "wait: MS must be a non-negative whole number, got \"500ms\""},
        {"wait +5", "wait: MS must be a non-negative whole number, got \"+5\""},
        {"wait \"5\"", "wait: MS must be a number without quotes"},
        {"wait 1000000001", "wait: MS must be at most 1000000000, got \"1000000001\""},
        {"wait 99999999999999999999999", "wait: MS must be at most 1000000000, got \"99999999999999999999999\""},
        {"advance-clock -60", "advance-clock: SECONDS must be a non-negative whole number, got \"-60\""},
        {"advance-clock 1.5", "advance-clock: SECONDS must be a non-negative whole number, got \"1.5\""},
        {"advance-clock 2000000000", "advance-clock: SECONDS must be at most 1000000000, got \"2000000000\""},
        // Bytes.
        {long_line, "line is longer than 4096 bytes"},
        {"tap \"\xE8\xB4\xA2\xE5\x8A\"", "line is not valid UTF-8"},
        {"# comment \xFF", "line is not valid UTF-8"},
        {std::string("tap \"a\0b\"", 9), "line contains a control character (0x00)"},
        {"tap \"a\rb\"", "line contains a control character (0x0D)"},
        {"wait 5\x1B", "line contains a control character (0x1B)"},
        {"wait 5\x7F", "line contains a control character (0x7F)"},
    };
    for (const Row& row : rows) {
        INFO(row.script);
        const std::string expected = row.message == "(parsed)" ? row.message : "script: demo.script:1: " + row.message;
        CHECK(error_of(row.script) == expected);
    }
}
