// The balance brought forward (结转): it opens every statement from its date, is never income or
// expense, a later one starts a new balance, a debt is a negative one, and a 结转 that the earlier
// entries do not give shows as a 结转调整 in the statement before it. Figures worked by hand.
#include "core/finance.hpp"

#include "../scoped_time_zone.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <random>
#include <string>
#include <vector>

using namespace linli;

namespace {

using ShanghaiTime = linli::test::ScopedTimeZone;

int64_t day(int year, int month, int mday)
{
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = mday;
    tm.tm_isdst = -1;
    return int64_t(std::mktime(&tm));
}

LedgerEntry entry(int64_t date_s, EntryType type, int64_t fen, std::string category = "物业费")
{
    LedgerEntry e;
    e.date_s = date_s;
    e.type = type;
    e.category = type == EntryType::CarryForward ? "上期结转" : std::move(category);
    e.amount = Money::from_fen(fen);
    return e;
}

LedgerEntry income(int64_t date_s, int64_t fen, std::string category = "物业费")
{
    return entry(date_s, EntryType::Income, fen, std::move(category));
}
LedgerEntry expense(int64_t date_s, int64_t fen, std::string category = "保洁")
{
    return entry(date_s, EntryType::Expense, fen, std::move(category));
}
LedgerEntry carry(int64_t date_s, int64_t fen) { return entry(date_s, EntryType::CarryForward, fen); }

bool has_category(const std::vector<CategoryTotal>& totals, const std::string& name)
{
    for (const CategoryTotal& t : totals)
        if (t.category == name)
            return true;
    return false;
}

}  // namespace

TEST_CASE("a 结转 opens the year and is neither income nor in any breakdown or bar", "[core]")
{
    ShanghaiTime zone;
    const std::vector<LedgerEntry> ledger = {
        carry(day(2026, 1, 1), 1234567),          // ¥12,345.67 left from 2025
        income(day(2026, 1, 1), 500000),          // the same day: inside January
        expense(day(2026, 1, 20), 17192),
        income(day(2026, 4, 3), 300000, "公益资金"),
        expense(day(2026, 12, 31), 100001),
    };
    const Statement year = compute_statement(ledger, Period::whole_year(2026));
    CHECK(year.opening.fen() == 1234567);
    CHECK(year.income.fen() == 800000);
    CHECK(year.expense.fen() == 117193);
    CHECK(year.carry_adjustment.fen() == 0);
    CHECK(year.closing.fen() == 1234567 + 800000 - 117193);
    CHECK(year.entry_count == 4);
    CHECK_FALSE(has_category(year.income_by_category, "上期结转"));

    const Statement january = compute_statement(ledger, Period::month(2026, 1));
    CHECK(january.opening.fen() == 1234567);
    CHECK(january.income.fen() == 500000);
    CHECK(january.closing.fen() == 1234567 + 500000 - 17192);
    // Quarter and month statements after it start from it plus what came between.
    const Statement q2 = compute_statement(ledger, Period::quarter(2026, 2));
    CHECK(q2.opening.fen() == 1234567 + 500000 - 17192);
    CHECK(q2.closing.fen() == 1234567 + 800000 - 17192);
    CHECK(compute_statement(ledger, Period::month(2026, 12)).opening == q2.closing);

    const std::vector<MonthFlow> bars = monthly_series(ledger, 2026);
    CHECK(bars[0].income.fen() == 500000);  // not 1,734,567: the 结转 is no bar
    CHECK(bars[0].expense.fen() == 17192);
}

TEST_CASE("a 结转 each year: the balance starts again at each, entries before belong to the years before",
          "[core]")
{
    ShanghaiTime zone;
    const std::vector<LedgerEntry> ledger = {
        carry(day(2025, 1, 1), 100000),       income(day(2025, 3, 1), 50000),  expense(day(2025, 12, 31), 20000),
        carry(day(2026, 1, 1), 130000),       // = 1,000 + 500 - 200: the books agree
        expense(day(2026, 2, 1), 200000),     // overspent: a debt of ¥700
        carry(day(2027, 1, 1), -70000),       // brought forward as a debt
        income(day(2027, 1, 5), 100000),
    };
    const Statement y2025 = compute_statement(ledger, Period::whole_year(2025));
    CHECK(y2025.opening.fen() == 100000);
    CHECK(y2025.closing.fen() == 130000);
    CHECK(y2025.carry_adjustment.fen() == 0);
    const Statement y2026 = compute_statement(ledger, Period::whole_year(2026));
    CHECK(y2026.opening.fen() == 130000);
    CHECK(y2026.income.fen() == 0);
    CHECK(y2026.expense.fen() == 200000);
    CHECK(y2026.closing.fen() == -70000);
    const Statement y2027 = compute_statement(ledger, Period::whole_year(2027));
    CHECK(y2027.opening.fen() == -70000);
    CHECK(y2027.closing.fen() == 30000);
    // Before the first 结转 nothing is carried: the ledger starts there.
    CHECK(balance_at(ledger, day(2024, 12, 31)).fen() == 0);
    for (const CarryForwardCheck& c : check_carry_forwards(ledger))
        CHECK(c.matches());
    CHECK_FALSE(check_carry_forwards(ledger)[0].has_earlier);
}

TEST_CASE("a 结转 the earlier entries do not give: a 结转调整 in the period before, and check_carry_forwards says so",
          "[core]")
{
    ShanghaiTime zone;
    const std::vector<LedgerEntry> ledger = {
        income(day(2025, 6, 1), 1200000),   // 2025 leaves ¥12,000.00
        carry(day(2026, 1, 1), 1234567),    // but ¥12,345.67 is brought forward
        expense(day(2026, 1, 2), 100),
    };
    const Statement y2025 = compute_statement(ledger, Period::whole_year(2025));
    CHECK(y2025.opening.fen() == 0);
    CHECK(y2025.income.fen() == 1200000);
    CHECK(y2025.carry_adjustment.fen() == 34567);
    CHECK(y2025.closing.fen() == 1234567);
    CHECK(compute_statement(ledger, Period::whole_year(2026)).opening == y2025.closing);
    const Statement december = compute_statement(ledger, Period::month(2025, 12));
    CHECK(december.carry_adjustment.fen() == 34567);
    CHECK(compute_statement(ledger, Period::month(2025, 11)).carry_adjustment.fen() == 0);

    auto checks = check_carry_forwards(ledger);
    REQUIRE(checks.size() == 1);
    CHECK(checks[0].has_earlier);
    CHECK(checks[0].computed.fen() == 1200000);
    CHECK_FALSE(checks[0].matches());
}

TEST_CASE("reconciliation compares declared balances with the balance the 结转 gives", "[core]")
{
    ShanghaiTime zone;
    const std::vector<LedgerEntry> ledger = {carry(day(2026, 1, 1), 1234567), income(day(2026, 1, 3), 500000)};
    std::vector<DeclaredPeriod> declared(2);
    declared[0].period = "2026";
    declared[0].has_opening = true;
    declared[0].opening = Money::from_fen(1234567);
    declared[1].period = "2026-01";
    declared[1].has_closing = true;
    declared[1].closing = Money::from_fen(1734567);
    CHECK(all_reconciled(reconcile(ledger, declared)));
    // The same declaration against a ledger with no 结转 (the money left from 2025 never carried in).
    auto rows = reconcile({income(day(2026, 1, 3), 500000)}, declared);
    CHECK(rows[0].opening.difference_fen == -1234567);
    CHECK(rows[1].closing.difference_fen == -1234567);
}

TEST_CASE("property: for random ledgers with 结转, every statement closes at the next one's opening", "[core]")
{
    ShanghaiTime zone;
    std::mt19937_64 rng(20261201);
    for (int c = 0; c < 400; ++c) {
        std::vector<LedgerEntry> ledger;
        for (int i = 0, n = int(rng() % 80); i < n; ++i) {
            int64_t date = day(2025, 1, 1 + int(rng() % 1095));
            int64_t fen = int64_t(rng() % 10000000);
            ledger.push_back(rng() % 2 ? income(date, fen) : expense(date, fen));
        }
        // Up to three, on a year's or month's first day or any day, some negative, consistent or not.
        for (int i = 0, n = int(rng() % 4); i < n; ++i) {
            int64_t date = rng() % 2 ? day(2025 + int(rng() % 3), 1 + int(rng() % 12), 1)
                                     : day(2025, 1, 1 + int(rng() % 1095));
            bool taken = false;
            for (const LedgerEntry& e : ledger)
                taken |= e.type == EntryType::CarryForward && e.date_s == date;
            if (!taken)
                ledger.push_back(carry(date, int64_t(rng() % 20000000) - 5000000));
        }
        std::shuffle(ledger.begin(), ledger.end(), rng);
        INFO("case " << c);
        for (PeriodKind kind : {PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year}) {
            std::vector<Period> periods;
            for (int year = 2024; year <= 2028; ++year) {
                if (kind == PeriodKind::Year) periods.push_back(Period::whole_year(year));
                for (int i = 1; kind == PeriodKind::Quarter && i <= 4; ++i) periods.push_back(Period::quarter(year, i));
                for (int i = 1; kind == PeriodKind::Month && i <= 12; ++i) periods.push_back(Period::month(year, i));
            }
            for (size_t i = 0; i + 1 < periods.size(); ++i) {
                const Statement s = compute_statement(ledger, periods[i]);
                REQUIRE(s.closing == compute_statement(ledger, periods[i + 1]).opening);
                REQUIRE(s.opening + s.income - s.expense + s.carry_adjustment == s.closing);
                REQUIRE(s.closing == balance_at(ledger, periods[i].end_s()));
            }
        }
        // Where every 结转 agrees with the entries before it, no statement from the ledger's first
        // day on needs an adjustment (before it, the first 结转 is where the balance comes from).
        bool consistent = true;
        int64_t first = day(2030, 1, 1);
        for (const CarryForwardCheck& check : check_carry_forwards(ledger)) consistent &= check.matches();
        for (const LedgerEntry& e : ledger) first = std::min(first, e.date_s);
        for (int m = 1; consistent && m <= 12; ++m)
            if (Period::month(2026, m).start_s() >= first)
                REQUIRE(compute_statement(ledger, Period::month(2026, m)).carry_adjustment.fen() == 0);
    }
}
