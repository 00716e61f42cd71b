// Line breaker (and the UTF-8 helpers it stands on), measured with a fixed advance: every
// ASCII code point is 1 unit wide, everything else 2, as a CJK font roughly does.
#include "core/line_break.hpp"
#include "core/utf8.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

using linli::LineSpan;
using linli::break_lines;
using linli::decode_utf8;

namespace {

float fixed_width(std::string_view run)
{
    float width = 0;
    for (size_t pos = 0; pos < run.size();) width += decode_utf8(run, pos) < 0x80 ? 1.0f : 2.0f;
    return width;
}

const linli::MeasureFn k_measure = fixed_width;

std::vector<char32_t> code_points(std::string_view text)
{
    std::vector<char32_t> cps;
    for (size_t pos = 0; pos < text.size();) cps.push_back(decode_utf8(text, pos));
    return cps;
}

std::vector<std::string> line_texts(std::string_view text, const std::vector<LineSpan>& spans)
{
    std::vector<std::string> out;
    for (auto span : spans) out.emplace_back(text.substr(span.begin, span.end - span.begin));
    return out;
}

const std::u32string k_no_start = U"。，、．！？；：）」』》〉】〕〗’”…—～·%,.!?;:)]}%";
const std::u32string k_no_end = U"（「『《〈【〔〖‘“([{";

// The properties every layout must have: ordered spans, nothing but spaces and newlines between
// them, every line fitting (or holding a single code point), no forbidden punctuation at the ends.
void check_layout(std::string_view text, float max_width, const std::vector<LineSpan>& spans)
{
    REQUIRE_FALSE(spans.empty());
    size_t previous_end = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        const LineSpan span = spans[i];
        INFO("line " << i << ": \"" << std::string(text.substr(span.begin, span.end - span.begin)) << "\"");
        REQUIRE(span.begin <= span.end);
        REQUIRE(span.end <= text.size());
        REQUIRE(span.begin >= previous_end);
        for (size_t gap = previous_end; gap < span.begin; ++gap)
            CHECK((text[gap] == ' ' || text[gap] == '\n' || text[gap] == '\r'));
        previous_end = span.end;

        const std::string_view line = text.substr(span.begin, span.end - span.begin);
        const auto cps = code_points(line);
        if (cps.size() > 1) CHECK(fixed_width(line) <= max_width);
        if (cps.empty()) continue;
        CHECK(k_no_start.find(cps.front()) == std::u32string::npos);
        CHECK(k_no_end.find(cps.back()) == std::u32string::npos);
        CHECK(cps.back() != U' ');
    }
    for (size_t rest = previous_end; rest < text.size(); ++rest)
        CHECK((text[rest] == ' ' || text[rest] == '\n' || text[rest] == '\r'));
}

// True when needle lies inside one line.
bool kept_whole(std::string_view text, const std::vector<LineSpan>& spans, std::string_view needle)
{
    const size_t at = text.find(needle);
    REQUIRE(at != std::string_view::npos);
    for (auto span : spans)
        if (span.begin <= at && at + needle.size() <= span.end) return true;
    return false;
}

// Paragraphs copied from shared/product/seed-procedures-zh.md, with its mix of full-width and
// ASCII punctuation (",", ":" and "(一)" are ASCII there).
const char* const k_seed_paragraphs[] = {
    "社区自管组织建设是提升社区治理能力、促进居民自治的重要途径。规范的操作规程能够确保自管组织高效、有序地运行,更好地服务于社区居民。本规程旨在明确自管组织的组建、运行、监督等关键环节,为社区自管组织建设提供系统化指导。",
    "1.需求调研:通过问卷调查、居民座谈会等形式,了解居民对自管组织的期望和需求,明确组织目标。",
    "(一)组建准备",
    "-方法选择:结合社区实际情况,选择线上(如问卷星、社区微信群投票)和线下(如入户走访、居民座谈会、设立意见箱)相结合的调研方式。线上方式覆盖面广、效率高,线下方式便于深入交流。",
    "(2)组织宗旨:明确自管组织成立的根本目的,如“服务居民、共建和谐社区”。",
    "(3)组织架构:设计合理的组织架构,如设立理事会、监事会(或监事员)、各功能小组(如环境组、活动组、调解组等),并明确各层级、各小组的职责。",
    "1.定期会议:每月召开1-2次例会,讨论社区事务、制定工作计划。",
};

// The same kind of text with full-width punctuation, as most notices are typed.
const char* const k_full_width_paragraph =
    "通知：本周六（11月25日）上午9:30在1号楼大厅召开居民会议，议题包括《自管组织章程（草案）》、"
    "“楼道清洁”安排和财务公示。请大家准时参加！有疑问？请联系组长……谢谢——居委会";

}  // namespace

// [SECTION] UTF-8

TEST_CASE("utf8: valid and invalid sequences", "[core]")
{
    CHECK(linli::is_valid_utf8(""));
    CHECK(linli::is_valid_utf8("plain ASCII"));
    CHECK(linli::is_valid_utf8("社区 \xF0\x9F\x98\x80 \xEF\xBF\xBD"));  // emoji and a real U+FFFD
    for (const char* bad : {"\x80", "\xC0\xAF", "\xC1\xBF", "\xE0\x80\xAF", "\xED\xA0\x80",
                            "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF", "\xE7\xA4", "a\xE7"})
        CHECK_FALSE(linli::is_valid_utf8(bad));
}

TEST_CASE("utf8: decoding advances and resynchronises", "[core]")
{
    const std::string_view text = "a\xE7\xA4\xBE\xE7\xA4z\xF0\x9F\x98\x80";
    size_t pos = 0;
    CHECK(decode_utf8(text, pos) == U'a');
    CHECK(pos == 1);
    CHECK(decode_utf8(text, pos) == U'社');
    CHECK(pos == 4);
    CHECK(decode_utf8(text, pos) == U'\uFFFD');  // truncated sequence: one byte at a time
    CHECK(pos == 5);
    CHECK(decode_utf8(text, pos) == U'\uFFFD');
    CHECK(pos == 6);
    CHECK(decode_utf8(text, pos) == U'z');
    CHECK(decode_utf8(text, pos) == U'\U0001F600');
    CHECK(pos == text.size());
}

TEST_CASE("utf8: append round-trips every scalar value", "[core]")
{
    for (char32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x20000 ? 1 : 97)) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        std::string encoded;
        linli::append_utf8(encoded, cp);
        size_t pos = 0;
        REQUIRE(decode_utf8(encoded, pos) == cp);
        REQUIRE(pos == encoded.size());
        REQUIRE(linli::is_valid_utf8(encoded));
    }
    std::string out;
    linli::append_utf8(out, 0xD800);
    linli::append_utf8(out, 0x110000);
    CHECK(out == "\xEF\xBF\xBD\xEF\xBF\xBD");
}

// [SECTION] Line breaking

TEST_CASE("line break: real Chinese paragraphs obey the punctuation rules at every width", "[core]")
{
    for (const char* paragraph : k_seed_paragraphs) {
        for (float width : {8.0f, 9.0f, 10.0f, 13.0f, 20.0f, 31.0f, 40.0f, 64.0f}) {
            INFO(paragraph << " at width " << width);
            check_layout(paragraph, width, break_lines(paragraph, width, k_measure));
        }
    }
    // From 8: the widest unbreakable run here is "案）》、" (4 code points, 8 units).
    for (float width = 8; width <= 80; width += 1) {
        INFO("width " << width);
        check_layout(k_full_width_paragraph, width, break_lines(k_full_width_paragraph, width, k_measure));
    }
}

TEST_CASE("line break: lines are filled greedily, closing punctuation pulls its character along", "[core]")
{
    const std::string_view text = "社区自管组织建设。";
    CHECK(line_texts(text, break_lines(text, 8, k_measure)) ==
          std::vector<std::string>{"社区自管", "组织建", "设。"});
    CHECK(line_texts(text, break_lines(text, 18, k_measure)) == std::vector<std::string>{"社区自管组织建设。"});

    const std::string_view quoted = "如“服务居民”。";
    CHECK(line_texts(quoted, break_lines(quoted, 6, k_measure)) ==
          std::vector<std::string>{"如“服", "务居", "民”。"});
}

TEST_CASE("line break: a whole paragraph fits on one line when wide enough", "[core]")
{
    const std::string_view text = k_seed_paragraphs[0];
    auto spans = break_lines(text, 10000, k_measure);
    REQUIRE(spans.size() == 1);
    CHECK(spans[0].begin == 0);
    CHECK(spans[0].end == text.size());
}

TEST_CASE("line break: numbers, Latin words, URLs and e-mail addresses stay whole", "[core]")
{
    const std::string_view text =
        "本月支出1,234.50元，日期2026-11-25，增长3.5%，时间12:30。请连接WiFi网络后访问"
        "https://linli.example.org/n?id=42 或写信到 admin@linli.example.org 查看。";
    for (float width = 33; width <= 70; width += 1) {  // the URL is 33 units
        INFO("width " << width);
        const auto spans = break_lines(text, width, k_measure);
        check_layout(text, width, spans);
        for (std::string_view whole : {"1,234.50", "2026-11-25", "3.5%", "12:30", "WiFi",
                                       "https://linli.example.org/n?id=42", "admin@linli.example.org"})
            CHECK(kept_whole(text, spans, whole));
    }
}

TEST_CASE("line break: a URL wider than the line is broken by code points", "[core]")
{
    const std::string_view text = "网址https://linli.example.org/notices/2026/water-outage.html。";
    const auto spans = break_lines(text, 16, k_measure);
    check_layout(text, 16, spans);
    CHECK(spans.size() > 3);
    CHECK(line_texts(text, spans).front() == "网址https://linl");  // fills the current line first
    CHECK_FALSE(kept_whole(text, spans, "https://linli.example.org/notices/2026/water-outage.html"));
}

TEST_CASE("line break: spaces break Latin text and vanish at the break", "[core]")
{
    const std::string_view text = "The quick brown fox jumps";
    const auto spans = break_lines(text, 10, k_measure);
    check_layout(text, 10, spans);
    CHECK(line_texts(text, spans) == std::vector<std::string>{"The quick", "brown fox", "jumps"});
    // Never after an opening bracket, even across a space; never before a closing one.
    const std::string_view bracket = "see ( a b ) now";
    CHECK(line_texts(bracket, break_lines(bracket, 6, k_measure)) ==
          std::vector<std::string>{"see", "( a", "b )", "now"});
}

TEST_CASE("line break: newlines force breaks and empty lines stay", "[core]")
{
    const std::string_view text = "第一段\n\n第二段 \r\n";
    const auto spans = break_lines(text, 100, k_measure);
    REQUIRE(spans.size() == 4);
    CHECK(line_texts(text, spans) == std::vector<std::string>{"第一段", "", "第二段", ""});
    CHECK(spans[1].begin == 10);
    CHECK(spans[3].begin == text.size());
}

TEST_CASE("line break: empty input and only newlines", "[core]")
{
    auto empty = break_lines("", 100, k_measure);
    REQUIRE(empty.size() == 1);
    CHECK((empty[0].begin == 0 && empty[0].end == 0));

    auto newlines = break_lines("\n\n", 100, k_measure);
    REQUIRE(newlines.size() == 3);
    for (size_t i = 0; i < 3; ++i) CHECK((newlines[i].begin == i && newlines[i].end == i));

    auto spaces = break_lines("   ", 100, k_measure);
    REQUIRE(spaces.size() == 1);
    CHECK(spaces[0].end == spaces[0].begin);
}

TEST_CASE("line break: leading indentation is kept", "[core]")
{
    const std::string_view text = "  缩进的段落";
    const auto spans = break_lines(text, 6, k_measure);
    CHECK(line_texts(text, spans) == std::vector<std::string>{"  缩进", "的段落"});
}

TEST_CASE("line break: zero, negative or NaN width gives one code point per line", "[core]")
{
    const std::string_view text = "社区ab。";
    for (float width : {0.0f, -5.0f, std::numeric_limits<float>::quiet_NaN()}) {
        const auto spans = break_lines(text, width, k_measure);
        CHECK(line_texts(text, spans) == std::vector<std::string>{"社", "区", "a", "b", "。"});
    }
}

TEST_CASE("line break: invalid UTF-8 and random bytes never crash", "[core]")
{
    const std::string_view invalid = "社\xE7\xA4区\xFF\xFE abc\xC0\x80。";
    check_layout(invalid, 4, break_lines(invalid, 4, k_measure));

    std::mt19937 rng(7);
    const char alphabet[] = {' ', '\n', '\r', 'a', '1', ',', '.', '(', ')', '\xE7', '\xA4', '\xBE',
                             '\xE3', '\x80', '\x82', '\xEF', '\xBC', '\x88', '\xFF', '\x00'};
    for (int round = 0; round < 2000; ++round) {
        std::string text(rng() % 60, ' ');
        for (char& c : text) c = alphabet[rng() % sizeof alphabet];
        const float width = float(rng() % 12);
        const auto spans = break_lines(text, width, k_measure);
        REQUIRE_FALSE(spans.empty());
        size_t previous_end = 0;
        for (auto span : spans) {
            REQUIRE(span.begin >= previous_end);
            REQUIRE(span.begin <= span.end);
            REQUIRE(span.end <= text.size());
            const auto line = std::string_view(text).substr(span.begin, span.end - span.begin);
            if (code_points(line).size() > 1) REQUIRE(fixed_width(line) <= width);
            previous_end = span.end;
        }
    }
}

TEST_CASE("line break: a 100 KB notice costs a linear number of measure calls", "[core]")
{
    std::string text;
    while (text.size() < 100 * 1024) {
        text += k_full_width_paragraph;
        text += " Visit https://linli.example.org/a for 1,234.50 yuan.\n";
    }
    size_t calls = 0, code_point_count = code_points(text).size();
    const linli::MeasureFn counting = [&](std::string_view run) {
        ++calls;
        return fixed_width(run);
    };
    const auto spans = break_lines(text, 60, counting);
    check_layout(text, 60, spans);
    CHECK(calls <= code_point_count + 2);
}
