// The builders that turn sums into statements, chart rows and reconciliations (the path the
// kiosk takes with sums from SQL): category order, merging, and sums that do not fit in 64 bits.

#include "core/finance.hpp"

#include "../scoped_time_zone.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <string>
#include <vector>

using namespace linli;

namespace {

using ShanghaiTime = linli::test::ScopedTimeZone;

constexpr int64_t k_max = std::numeric_limits<int64_t>::max();

CategorySum sum(EntryType type, std::string category, int64_t fen, int64_t entries)
{
    return {type, std::move(category), Money::from_fen(fen), entries};
}

std::string names(const std::vector<CategoryTotal>& totals)
{
    std::string out;
    for (const CategoryTotal& t : totals)
        out += t.category + ":" + std::to_string(t.amount.fen()) + "/" + std::to_string(t.entries) + " ";
    return out;
}

}  // namespace

TEST_CASE("a statement from sums orders categories by amount, then name in byte order", "[core]")
{
    Period october = Period::month(2026, 10);
    auto s = statement_from_totals(
        october, Money::from_fen(1000),
        {sum(EntryType::Income, "物业费", 500, 2), sum(EntryType::Expense, "保洁", 300, 1),
         sum(EntryType::Income, "a", 700, 1), sum(EntryType::Income, "A", 700, 3),
         sum(EntryType::Expense, "绿化", 300, 4), sum(EntryType::Income, "物业费", 200, 1),
         sum(EntryType::Expense, "维修", 0, 1)});
    REQUIRE(s);
    CHECK(s->period == october);
    CHECK(s->opening.fen() == 1000);
    CHECK(s->income.fen() == 2100);
    CHECK(s->expense.fen() == 600);
    CHECK(s->closing.fen() == 2500);
    CHECK(s->entry_count == 13);
    // 物业费 arrives in two pieces and adds up; "A" < "a" < CJK in UTF-8 byte order.
    CHECK(names(s->income_by_category) == "A:700/3 a:700/1 物业费:700/3 ");
    CHECK(names(s->expense_by_category) == "保洁:300/1 绿化:300/4 维修:0/1 ");

    auto empty = statement_from_totals(october, Money::from_fen(-5), {});
    REQUIRE(empty);
    CHECK(empty->closing.fen() == -5);
    CHECK(empty->entry_count == 0);
}

TEST_CASE("the reference functions are the builders over sums of the entries", "[core]")
{
    ShanghaiTime zone;
    std::vector<LedgerEntry> ledger;
    const int64_t october = Period::month(2026, 10).start_s();
    for (int i = 0; i < 40; ++i) {
        LedgerEntry e;
        e.date_s = october + (i - 10) * 86400;
        e.type = i % 3 ? EntryType::Expense : EntryType::Income;
        e.category = i % 2 ? "保洁" : "物业费";
        e.amount = Money::from_fen(100 * (i % 7));
        ledger.push_back(e);
    }
    Period p = Period::month(2026, 10);
    Statement reference = compute_statement(ledger, p);
    Money opening;
    for (const LedgerEntry& e : ledger)
        if (e.date_s < p.start_s())
            opening += e.type == EntryType::Income ? e.amount : Money() - e.amount;
    auto built = statement_from_totals(p, opening, sum_by_category(ledger, p.start_s(), p.end_s()));
    REQUIRE(built);
    CHECK(built->closing == reference.closing);
    CHECK(names(built->income_by_category) == names(reference.income_by_category));
    CHECK(names(built->expense_by_category) == names(reference.expense_by_category));
    auto flow = month_flow_from_totals(p, sum_by_category(ledger, p.start_s(), p.end_s()));
    REQUIRE(flow);
    CHECK(flow->income == monthly_series(ledger, 2026)[9].income);
    CHECK(flow->expense == monthly_series(ledger, 2026)[9].expense);
}

TEST_CASE("sums that do not fit in 64-bit fen fail, naming the period", "[core]")
{
    ShanghaiTime zone;
    Period october = Period::month(2026, 10);
    const int64_t half = k_max / 2 + 1;

    // Two categories that fit alone but not together.
    auto income = statement_from_totals(
        october, Money(), {sum(EntryType::Income, "a", half, 1), sum(EntryType::Income, "b", half, 1)});
    REQUIRE_FALSE(income);
    CHECK(income.error().message ==
          "finance: 2026-10: the amounts add up past the largest sum kept (integer overflow)");
    // One category in two pieces.
    CHECK_FALSE(statement_from_totals(
        october, Money(), {sum(EntryType::Expense, "a", half, 1), sum(EntryType::Expense, "a", half, 1)}));
    // Income fits, but the balance carried over plus it does not; nor does a deficit below it.
    CHECK_FALSE(statement_from_totals(october, Money::from_fen(half), {sum(EntryType::Income, "a", half, 1)}));
    CHECK_FALSE(statement_from_totals(october, Money::from_fen(-half - 1), {sum(EntryType::Expense, "a", half, 1)}));
    // At the edge exactly: fits.
    auto edge = statement_from_totals(october, Money::from_fen(k_max - 1), {sum(EntryType::Income, "a", 1, 1)});
    REQUIRE(edge);
    CHECK(edge->closing.fen() == k_max);

    auto flow = month_flow_from_totals(
        october, {sum(EntryType::Income, "a", half, 1), sum(EntryType::Income, "b", half, 1)});
    REQUIRE_FALSE(flow);
    CHECK_THAT(flow.error().message, Catch::Contains("2026-10") && Catch::Contains("integer overflow"));
    CHECK(month_flow_from_totals(october, {sum(EntryType::Income, "a", half, 1),
                                           sum(EntryType::Expense, "b", half, 1)}));
}

TEST_CASE("reconciliation from a balance query passes its failures on", "[core]")
{
    ShanghaiTime zone;
    std::vector<DeclaredPeriod> declared = {
        {"2026-09", true, Money::from_fen(0), true, Money::from_fen(500)},
        {"2026-13", true, Money::from_fen(1), false, Money()},
        {"2026-10", false, Money(), true, Money::from_fen(400)},
    };
    const int64_t october = Period::month(2026, 10).start_s();
    std::vector<int64_t> asked;
    auto rows = reconcile_from_balances(declared, [&](int64_t before_s) -> Result<Money> {
        asked.push_back(before_s);
        return Money::from_fen(before_s <= Period::month(2026, 9).start_s() ? 0 : 500);
    });
    REQUIRE(rows);
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0].matches());
    CHECK_FALSE((*rows)[1].matches());  // unreadable, kept
    CHECK((*rows)[2].closing.difference_fen == 100);
    // Only readable periods are asked about: start and end of each.
    CHECK(asked == std::vector<int64_t>{Period::month(2026, 9).start_s(), october, october,
                                        Period::month(2026, 11).start_s()});

    auto failed = reconcile_from_balances(declared, [&](int64_t before_s) -> Result<Money> {
        if (before_s == october)
            return Error::internal("store: content.db: integer overflow (in: SELECT ...)");
        return Money();
    });
    REQUIRE_FALSE(failed);
    CHECK_THAT(failed.error().message, Catch::StartsWith("store: content.db: integer overflow"));

    // A difference from the declared balance that does not fit is an error too, not a wrap.
    auto far = reconcile_from_balances({{"2026-10", true, Money::from_fen(-2), false, Money()}},
                         [](int64_t) -> Result<Money> { return Money::from_fen(k_max - 1); });
    REQUIRE_FALSE(far);
    CHECK_THAT(far.error().message, Catch::Contains("integer overflow"));
}
