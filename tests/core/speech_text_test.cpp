// 朗读's text normalisation (issue 13): what the voice is given for money, dates, times, building
// and room numbers, phone numbers, percentages, Markdown marks and the polyphones of notices.
#include "core/speech_text.hpp"

#include <catch2/catch.hpp>

using namespace linli;

TEST_CASE("speech: whole numbers in words", "[core]")
{
    const std::pair<int64_t, const char*> cases[] = {
        {0, "零"},           {7, "七"},           {10, "十"},          {15, "十五"},       {20, "二十"},
        {105, "一百零五"},   {110, "一百一十"},   {1000, "一千"},      {1010, "一千零一十"}, {1234, "一千二百三十四"},
        {10000, "一万"},     {10005, "一万零五"}, {100000, "十万"},    {120000, "十二万"},
        {12345678, "一千二百三十四万五千六百七十八"}, {100000000, "一亿"}, {100010000, "一亿零一万"},
    };
    for (const auto& [n, words] : cases) {
        INFO(n);
        CHECK(chinese_number(n) == words);
    }
}

TEST_CASE("speech: money in yuan, jiao and fen", "[core]")
{
    CHECK(chinese_money(123450) == "一千二百三十四元五角");
    CHECK(chinese_money(500000) == "五千元");
    CHECK(chinese_money(1259731) == "一万二千五百九十七元三角一分");
    CHECK(chinese_money(100005) == "一千元零五分");
    CHECK(chinese_money(5) == "五分");
    CHECK(chinese_money(0) == "零元");
}

TEST_CASE("speech: a notice's text as the voice should say it", "[core]")
{
    const std::pair<const char*, const char*> cases[] = {
        // Money, as the finance screens write it, and amounts in 元.
        {"本期收入¥1,234.50", "本期收入一千二百三十四元五角"},
        {"余额 ￥12,597.31。", "余额 一万二千五百九十七元三角一分。"},
        {"每户收取200元", "每户收取二百元"},
        {"共计1,005.5元", "共计一千零五元五角"},
        // Dates and times.
        {"2026年11月25日", "二零二六年十一月二十五日"},
        {"截止 2026-12-10", "截止 二零二六年十二月十日"},
        {"上午8:30至10:00", "上午八点三十分至十点"},
        {"20:05开始", "二十点零五分开始"},
        // Buildings, units and rooms.
        {"3号楼、5号楼临时停水", "三号楼、五号楼临时停水"},
        {"3号楼2单元301室", "三号楼二单元三零一室"},
        // Phone numbers, digit by digit (1 said 幺).
        {"请拨打13812345678联系", "请拨打幺三八幺二三四五六七八联系"},
        {"电话 010-62345678", "电话 零幺零六二三四五六七八"},
        // Percentages and decimals.
        {"赞成票占66.7%", "赞成票占百分之六十六点七"},
        {"完成85％", "完成百分之八十五"},
        // Full-width digits.
        {"第３条", "第三条"},
        // Markdown marks, brackets and quotes go; pauses stay.
        {"## 一、概述\n**注意**：请《带好》证件（身份证）", " 一、概述\n注意：请带好证件身份证"},
        // Words the engine reads in the wrong tone.
        {"到银行办理还款", "到银航办理环款"},
        {"请长者重新登记", "请掌者虫新登记"},
    };
    for (const auto& [text, spoken] : cases) {
        INFO(text);
        CHECK(speech_text(text) == spoken);
    }
}
