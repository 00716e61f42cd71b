// The ledger's 结转 (balance brought forward) as an administrator writes it, and the warnings check
// gives about the accounts before residents see them: a missing carry-over, a wrong declared
// balance, a 结转 the earlier entries do not give, the old 收入 + 上期结转 form; none for a correct
// folder; the same from a GBK spreadsheet.
#include "content/content_folder.hpp"
#include "content_test_support.hpp"

#include <catch2/catch.hpp>

using namespace linli;
using namespace linli::content;
using linli::content::testing::formatted;
using linli::content::testing::load;
using linli::content::testing::ScopedTimeZone;
using linli::content::testing::ScratchFolder;

namespace {



constexpr std::string_view k_header = "日期,类型,科目,摘要,金额,凭证号\n";

// The treasurer's year: ¥12,345.67 left from 2025, then January.
constexpr std::string_view k_periods =
    "[[period]]\n"
    "period = \"2026\"\n"
    "opening = \"12,345.67\"\n"
    "\n"
    "[[period]]\n"
    "period = \"2026-01\"\n"
    "closing = \"14,167.86\"\n";

void write_folder(ScratchFolder& folder, std::string_view ledger_rows, std::string_view periods = k_periods)
{
    folder.write("board.toml", testing::k_board_toml);
    folder.write("finance/ledger.csv", std::string(k_header) + std::string(ledger_rows));
    folder.write("finance/periods.toml", periods);
}

constexpr std::string_view k_january =
    "2026-01-03,收入,公益资金,一月拨款,\"5,000.00\",\n"
    "2026-01-20,支出,保洁用品,垃圾袋,\"3,177.81\",\n";

}  // namespace

TEST_CASE("结转 and carry-forward read as the balance brought forward, a debt is negative", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder folder;
    write_folder(folder,
                 "2026-01-01,结转,上期结转,2025年结余,\"12,345.67\",PZ-000\n"
                 "2027-01-01,carry-forward,,2026 debt,\"-1,234.50\",\n"
                 "2028-01-01,结转,,2027 debt,－20.00,\n",
                 "");
    ContentLoad loaded = load(folder);
    CHECK(formatted(loaded.problems).empty());
    // Nothing between them: each later 结转 differs from the balance the one before gives.
    REQUIRE(loaded.warnings.size() == 2);
    CHECK(loaded.warnings[0].line == 3);
    CHECK(loaded.warnings[1].line == 4);
    CHECK(loaded.mismatches() == 0);
    REQUIRE(loaded.content.ledger.size() == 3);
    CHECK(loaded.content.ledger[0].type == EntryType::CarryForward);
    CHECK(loaded.content.ledger[0].amount.fen() == 1234567);
    CHECK(loaded.content.ledger[1].type == EntryType::CarryForward);
    CHECK(loaded.content.ledger[1].category == "上期结转");  // an empty 科目 gets the name residents read
    CHECK(loaded.content.ledger[1].amount.fen() == -123450);
    CHECK(loaded.content.ledger[2].amount.fen() == -2000);  // the full-width minus, as typed in WPS
}

TEST_CASE("a negative income is still refused, two 结转 on one day are refused", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder folder;
    write_folder(folder,
                 "2026-01-01,结转,,a,100.00,\n"
                 "2026-01-01,结转,,b,200.00,\n"
                 "2026-01-02,收入,会费,c,-5.00,\n",
                 "");
    CHECK(formatted(load(folder).problems) ==
          std::vector<std::string>{
              "finance/ledger.csv:3: another 结转 (carry-forward) has the same date (line 2): a day has one balance "
              "brought forward",
              "finance/ledger.csv:4: negative amount \"-5.00\" (a correction is an entry of the other type)"});
}

TEST_CASE("check warns when the ledger carries nothing over, naming the date and what residents see", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder folder;
    write_folder(folder, k_january);
    ContentLoad loaded = load(folder);
    CHECK(loaded.problems.empty());
    CHECK(loaded.mismatches() == 2);
    CHECK(formatted(loaded.warnings) ==
          std::vector<std::string>{
              "finance/periods.toml:3: warning: the opening balance of 2026 is declared as ¥12,345.67, but the "
              "ledger gives ¥0.00 (ledger minus declared: -¥12,345.67): residents will see the red 账目核对不符 "
              "(accounts do not reconcile); the ledger carries nothing over before 2026-01-01: add a 结转 "
              "(carry-forward) entry dated 2026-01-01 with the balance brought forward",
              "finance/periods.toml:7: warning: the closing balance of 2026-01 is declared as ¥14,167.86, but the "
              "ledger gives ¥1,822.19 (ledger minus declared: -¥12,345.67): residents will see the red 账目核对不符 "
              "(accounts do not reconcile); the ledger carries nothing over before 2026-01-01: add a 结转 "
              "(carry-forward) entry dated 2026-01-01 with the balance brought forward"});
    // In Chinese too, for an office whose locale is zh_CN.
    std::vector<std::string> zh = formatted(load(folder, Language::Chinese).warnings);
    REQUIRE(zh.size() == 2);
    CHECK(zh[0] == "finance/periods.toml:3: 警告：2026 的期初余额申报为 ¥12,345.67，账目算出 ¥0.00（差额 -¥12,345.67，"
                   "账目减申报）：居民会在财务公示上看到红色的“账目核对不符”；账目在 2026-01-01 之前没有结转上期结余："
                   "如有上年结余，请加一笔类型为 结转、日期为 2026-01-01 的账");
}

TEST_CASE("check warns at a wrong declared closing, and says nothing of a correct folder", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    const std::string carried = "2026-01-01,结转,上期结转,2025年结余,\"12,345.67\",\n" + std::string(k_january);
    ScratchFolder right;
    write_folder(right, carried);
    ContentLoad correct = load(right);
    CHECK(correct.problems.empty());
    CHECK(formatted(correct.warnings).empty());

    ScratchFolder wrong;
    std::string periods(k_periods);
    periods.replace(periods.find("14,167.86"), 9, "14,167.68");
    write_folder(wrong, carried, periods);
    ContentLoad loaded = load(wrong);
    CHECK(loaded.mismatches() == 1);
    CHECK(formatted(loaded.warnings) ==
          std::vector<std::string>{
              "finance/periods.toml:7: warning: the closing balance of 2026-01 is declared as ¥14,167.68, but the "
              "ledger gives ¥14,167.86 (ledger minus declared: ¥0.18): residents will see the red 账目核对不符 "
              "(accounts do not reconcile)"});
}

TEST_CASE("check warns at a 结转 that the earlier entries do not give, with both figures", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder folder;
    write_folder(folder,
                 "2025-06-01,收入,会费,2025年会费,\"12,000.00\",\n"
                 "2026-01-01,结转,,2025年结余,\"12,345.67\",\n",
                 "");
    ContentLoad loaded = load(folder);
    CHECK(loaded.problems.empty());
    CHECK(loaded.mismatches() == 0);  // only declared balances stop a build
    CHECK(formatted(loaded.warnings) ==
          std::vector<std::string>{
              "finance/ledger.csv:3: warning: the balance brought forward, ¥12,345.67, differs from ¥12,000.00, "
              "the balance the entries before 2026-01-01 give (difference ¥345.67): residents will see a line "
              "结转调整 (carry-over adjustment) of ¥345.67 on the statement before it"});
}

TEST_CASE("the old form (收入 + 上期结转) is read as a 结转 where it starts the ledger, refused elsewhere",
          "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    ScratchFolder first;
    write_folder(first, "2026-01-01,收入,上期结转,2025年结余结转,\"12,345.67\",\n" + std::string(k_january));
    ContentLoad loaded = load(first);
    CHECK(loaded.problems.empty());
    CHECK(formatted(loaded.warnings) ==
          std::vector<std::string>{"finance/ledger.csv:2: warning: read as the balance brought forward (the old form: "
                                   "income in category 上期结转), not as income; write its type as 结转 (carry-forward)"});
    REQUIRE(loaded.content.ledger.size() == 3);
    CHECK(loaded.content.ledger[0].type == EntryType::CarryForward);

    ScratchFolder later;
    write_folder(later, std::string(k_january) + "2026-02-01,收入,上期结转,结转,\"12,345.67\",\n", "");
    CHECK(formatted(load(later).problems) ==
          std::vector<std::string>{
              "finance/ledger.csv:4: income in category 上期结转, but entries come before it: write a balance brought "
              "forward as type 结转 (carry-forward; it sets the balance from that day and is not income); if it "
              "really is income, use another category"});
}

TEST_CASE("a GBK ledger with a 结转 reconciles, and a GBK ledger without one is warned about", "[content]")
{
    ScopedTimeZone zone("Asia/Shanghai");
    // 日期,类型,科目,摘要,金额,凭证号 / 结转 上期结转 2025年结余 / 收入 会费 ..., in GBK bytes with CRLF.
    const std::string header = "\xC8\xD5\xC6\xDA,\xC0\xE0\xD0\xCD,\xBF\xC6\xC4\xBF,\xD5\xAA\xD2\xAA,\xBD\xF0\xB6\xEE,"
                               "\xC6\xBE\xD6\xA4\xBA\xC5\r\n";
    const std::string carry = "2026-01-01,\xBD\xE1\xD7\xAA,\xC9\xCF\xC6\xDA\xBD\xE1\xD7\xAA,2025\xC4\xEA\xBD\xE1\xD3\xE0,"
                              "\"12,345.67\",\r\n";
    const std::string income = "2026-01-03,\xCA\xD5\xC8\xEB,\xBB\xE1\xB7\xD1,x,\"1,822.19\",\r\n";
    const std::string periods = "[[period]]\nperiod = \"2026-01\"\nclosing = \"14,167.86\"\n";

    ScratchFolder with;
    with.write("board.toml", testing::k_board_toml);
    with.write("finance/ledger.csv", header + carry + income);
    with.write("finance/periods.toml", periods);
    ContentLoad good = load(with);
    CHECK(formatted(good.problems).empty());
    CHECK(formatted(good.warnings).empty());
    REQUIRE(good.content.ledger.size() == 2);
    CHECK(good.content.ledger[0].type == EntryType::CarryForward);
    CHECK(good.content.ledger[0].category == "上期结转");

    ScratchFolder without;
    without.write("board.toml", testing::k_board_toml);
    without.write("finance/ledger.csv", header + income);
    without.write("finance/periods.toml", periods);
    ContentLoad bad = load(without);
    CHECK(bad.problems.empty());
    CHECK(bad.mismatches() == 1);
}
