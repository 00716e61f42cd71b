#include "core/finance.hpp"

#include "../scoped_time_zone.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <random>
#include <string>

using namespace linli;

namespace {

using ShanghaiTime = linli::test::ScopedTimeZone;

// Reference values from `TZ=Asia/Shanghai date -d "2026-10-01 00:00" +%s`.
constexpr int64_t k_2026_01_01 = 1767196800;
constexpr int64_t k_2026_07_01 = 1782835200;
constexpr int64_t k_2026_09_30 = 1790697600;
constexpr int64_t k_2026_10_01 = 1790784000;
constexpr int64_t k_2026_10_31 = 1793376000;
constexpr int64_t k_2026_11_01 = 1793462400;
constexpr int64_t k_2027_01_01 = 1798732800;

LedgerEntry entry(int64_t date_s, EntryType type, std::string category, int64_t fen)
{
    LedgerEntry e;
    e.date_s = date_s;
    e.type = type;
    e.category = std::move(category);
    e.description = "test";
    e.amount = Money::from_fen(fen);
    return e;
}

int64_t local_midnight(int year, int month, int day)
{
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_isdst = -1;
    return int64_t(std::mktime(&tm));
}

// The entry's local calendar month, worked out independently of Period (localtime_r, not mktime).
std::pair<int, int> local_year_month(int64_t date_s)
{
    auto t = std::time_t(date_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1};
}

Money sum_categories(const std::vector<CategoryTotal>& totals)
{
    Money sum;
    for (const CategoryTotal& total : totals)
        sum += total.amount;
    return sum;
}

int count_categories(const std::vector<CategoryTotal>& totals)
{
    int count = 0;
    for (const CategoryTotal& total : totals)
        count += total.entries;
    return count;
}

bool sorted_by_amount_then_name(const std::vector<CategoryTotal>& totals)
{
    for (size_t i = 1; i < totals.size(); ++i) {
        const CategoryTotal& a = totals[i - 1];
        const CategoryTotal& b = totals[i];
        if (a.amount < b.amount || (a.amount == b.amount && !(a.category < b.category)))
            return false;
    }
    return true;
}

}  // namespace

TEST_CASE("periods parse and format in the three shapes", "[core]")
{
    CHECK(Period::parse("2026-10") == Period::month(2026, 10));
    CHECK(Period::parse("2026-01") == Period::month(2026, 1));
    CHECK(Period::parse("2026-Q3") == Period::quarter(2026, 3));
    CHECK(Period::parse("2026") == Period::whole_year(2026));
    for (const char* text : {"2026-10", "2026-01", "2026-12", "2026-Q1", "2026-Q4", "2026", "1999"})
        CHECK(Period::parse(text)->format() == text);
    for (const char* bad : {"", "26", "2026-1", "2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-q3",
                            "2026-", "2026-10-01", "20261", " 2026", "2026 ", "abcd", "1899", "2026/10",
                            "2026-H1", "-2026", "２０２６"})
        CHECK_FALSE(Period::parse(bad).has_value());
}

TEST_CASE("period bounds are local midnights, half-open", "[core]")
{
    ShanghaiTime zone;
    Period october = Period::month(2026, 10);
    CHECK(october.start_s() == k_2026_10_01);
    CHECK(october.end_s() == k_2026_11_01);
    CHECK(Period::quarter(2026, 3).start_s() == k_2026_07_01);
    CHECK(Period::quarter(2026, 3).end_s() == k_2026_10_01);
    CHECK(Period::whole_year(2026).start_s() == k_2026_01_01);
    CHECK(Period::whole_year(2026).end_s() == k_2027_01_01);
    CHECK(Period::month(2026, 12).end_s() == k_2027_01_01);

    // First and last day of the month, as ledger dates (local midnight).
    CHECK(october.contains(k_2026_10_01));
    CHECK(october.contains(k_2026_10_31));
    CHECK_FALSE(october.contains(k_2026_09_30));
    CHECK_FALSE(october.contains(k_2026_11_01));
    // 2026-10-01 00:00 in Shanghai is still 30 September in UTC: the local day decides.
    CHECK(october.contains(k_2026_10_01 + 1));
    CHECK_FALSE(october.contains(k_2026_10_01 - 1));
    CHECK(october.contains(k_2026_11_01 - 1));
    CHECK(Period::quarter(2026, 3).contains(k_2026_09_30));
    CHECK_FALSE(Period::quarter(2026, 4).contains(k_2026_09_30));

    auto months = Period::quarter(2026, 4).months();
    REQUIRE(months.size() == 3);
    CHECK(months[0] == Period::month(2026, 10));
    CHECK(months[2] == Period::month(2026, 12));
    CHECK(Period::whole_year(2026).months().size() == 12);
    CHECK(october.months() == std::vector<Period>{october});
}

TEST_CASE("an empty ledger gives zero statements and a zero series", "[core]")
{
    ShanghaiTime zone;
    Statement s = compute_statement({}, Period::month(2026, 10));
    CHECK(s.period == Period::month(2026, 10));
    CHECK(s.opening.fen() == 0);
    CHECK(s.income.fen() == 0);
    CHECK(s.expense.fen() == 0);
    CHECK(s.closing.fen() == 0);
    CHECK(s.entry_count == 0);
    CHECK(s.income_by_category.empty());
    CHECK(s.expense_by_category.empty());

    auto series = monthly_series({}, 2026);
    REQUIRE(series.size() == 12);
    for (int m = 0; m < 12; ++m) {
        CHECK(series[size_t(m)].month == Period::month(2026, m + 1));
        CHECK(series[size_t(m)].income.fen() == 0);
        CHECK(series[size_t(m)].expense.fen() == 0);
    }
    CHECK(reconcile({}, {}).empty());
    CHECK(all_reconciled({}));
}

TEST_CASE("a statement splits entries on the first and last day of its period", "[core]")
{
    ShanghaiTime zone;
    std::vector<LedgerEntry> ledger = {
        entry(k_2026_09_30, EntryType::Income, "物业费", 100000),   // before: opening
        entry(k_2026_10_01, EntryType::Income, "物业费", 50000),    // first day
        entry(k_2026_10_01, EntryType::Expense, "保洁", 12345),
        entry(k_2026_10_31, EntryType::Expense, "绿化", 20000),     // last day
        entry(k_2026_10_31, EntryType::Income, "广告收入", 50000),  // ties 物业费 on amount
        entry(k_2026_10_31, EntryType::Expense, "保洁", 7655),
        entry(k_2026_11_01, EntryType::Expense, "维修", 99999),     // after: ignored
    };
    Statement s = compute_statement(ledger, Period::month(2026, 10));
    CHECK(s.opening.fen() == 100000);
    CHECK(s.income.fen() == 100000);
    CHECK(s.expense.fen() == 40000);
    CHECK(s.closing.fen() == 160000);
    CHECK(s.entry_count == 5);
    REQUIRE(s.income_by_category.size() == 2);
    // Equal amounts: by name in byte order (广 E5 B9 BF sorts before 物 E7 89 A9).
    CHECK(s.income_by_category[0].category == "广告收入");
    CHECK(s.income_by_category[1].category == "物业费");
    REQUIRE(s.expense_by_category.size() == 2);
    CHECK(s.expense_by_category[0].category == "保洁");
    CHECK(s.expense_by_category[0].amount.fen() == 20000);
    CHECK(s.expense_by_category[0].entries == 2);
    CHECK(s.expense_by_category[1].category == "绿化");

    Statement november = compute_statement(ledger, Period::month(2026, 11));
    CHECK(november.opening == s.closing);
    CHECK(november.closing.fen() == 160000 - 99999);

    auto series = monthly_series(ledger, 2026);
    CHECK(series[8].income.fen() == 100000);  // September
    CHECK(series[9].income.fen() == 100000);
    CHECK(series[9].expense.fen() == 40000);
    CHECK(series[10].expense.fen() == 99999);
}

TEST_CASE("a ledger whose balance goes negative is reported as it is", "[core]")
{
    ShanghaiTime zone;
    std::vector<LedgerEntry> ledger = {entry(k_2026_10_01, EntryType::Expense, "维修", 500)};
    Statement s = compute_statement(ledger, Period::month(2026, 10));
    CHECK(s.closing.fen() == -500);
    CHECK(compute_statement(ledger, Period::month(2026, 11)).opening.fen() == -500);
}

TEST_CASE("reconciliation reports every mismatch in fen, never hides one", "[core]")
{
    ShanghaiTime zone;
    std::vector<LedgerEntry> ledger = {
        entry(k_2026_09_30, EntryType::Income, "物业费", 100000),
        entry(k_2026_10_01, EntryType::Expense, "保洁", 2500),
    };
    auto declared_period = [](std::string period, std::optional<int64_t> opening,
                              std::optional<int64_t> closing) {
        DeclaredPeriod d;
        d.period = std::move(period);
        d.has_opening = opening.has_value();
        d.opening = Money::from_fen(opening.value_or(0));
        d.has_closing = closing.has_value();
        d.closing = Money::from_fen(closing.value_or(0));
        return d;
    };
    std::vector<DeclaredPeriod> declared = {
        declared_period("2026-10", 100000, 97500),  // right
        declared_period("2026-Q4", 100000, 97000),  // closing 5 yuan short in the declaration
        declared_period("2026", std::nullopt, 97500),
        declared_period("2026-13", 1, 2),           // not a period
        declared_period("2026-09", std::nullopt, std::nullopt),
    };
    auto rows = reconcile(ledger, declared);
    REQUIRE(rows.size() == 5);

    CHECK(rows[0].period_text == "2026-10");
    CHECK(rows[0].matches());
    CHECK(rows[0].opening.computed.fen() == 100000);
    CHECK(rows[0].closing.computed.fen() == 97500);
    CHECK(rows[0].closing.difference_fen == 0);

    CHECK_FALSE(rows[1].matches());
    CHECK(rows[1].opening.matches());
    CHECK_FALSE(rows[1].closing.matches());
    CHECK(rows[1].closing.declared_amount.fen() == 97000);
    CHECK(rows[1].closing.computed.fen() == 97500);
    CHECK(rows[1].closing.difference_fen == 500);  // the ledger shows 5 yuan more than declared

    CHECK(rows[2].matches());
    CHECK_FALSE(rows[2].opening.declared);
    CHECK(rows[2].opening.computed.fen() == 0);

    CHECK_FALSE(rows[3].period.has_value());
    CHECK_FALSE(rows[3].matches());
    CHECK(rows[3].closing.declared_amount.fen() == 2);

    CHECK(rows[4].matches());  // nothing declared: nothing to disagree with
    CHECK(rows[4].closing.computed.fen() == 100000);

    CHECK_FALSE(all_reconciled(rows));
    CHECK(all_reconciled({rows[0], rows[2], rows[4]}));
}

TEST_CASE("statement arithmetic holds for random ledgers", "[core]")
{
    ShanghaiTime zone;
    const char* categories[] = {"物业费", "停车费", "广告收入", "保洁", "绿化", "维修", "办公"};
    std::mt19937_64 rng(20261001);
    const int k_cases = 2000;
    for (int c = 0; c < k_cases; ++c) {
        std::vector<LedgerEntry> ledger;
        size_t size = size_t(rng() % 120);
        for (size_t i = 0; i < size; ++i) {
            // Days from 2025-12-01 to 2027-01-31: around the year under test, boundaries included.
            int day = int(rng() % 427);
            auto type = rng() % 3 == 0 ? EntryType::Expense : EntryType::Income;
            int64_t fen = rng() % 10 == 0 ? 0 : int64_t(rng() % 100000000);
            ledger.push_back(entry(local_midnight(2025, 12, 1 + day), type,
                                   categories[rng() % std::size(categories)], fen));
        }
        const int year = 2026;

        // Reference totals straight from the entries, bucketed with localtime_r.
        Money month_income[13], month_expense[13], before_year;
        int month_entries[13] = {};
        for (const LedgerEntry& e : ledger) {
            auto [y, m] = local_year_month(e.date_s);
            Money signed_amount = e.type == EntryType::Income ? e.amount : Money() - e.amount;
            if (y < year)
                before_year += signed_amount;
            if (y != year)
                continue;
            (e.type == EntryType::Income ? month_income[m] : month_expense[m]) += e.amount;
            ++month_entries[m];
        }

        std::vector<Statement> months;
        for (int m = 1; m <= 12; ++m)
            months.push_back(compute_statement(ledger, Period::month(year, m)));
        std::vector<Statement> quarters;
        for (int q = 1; q <= 4; ++q)
            quarters.push_back(compute_statement(ledger, Period::quarter(year, q)));
        Statement whole = compute_statement(ledger, Period::whole_year(year));
        auto series = monthly_series(ledger, year);

        std::vector<const Statement*> all;
        for (const Statement& s : months)
            all.push_back(&s);
        for (const Statement& s : quarters)
            all.push_back(&s);
        all.push_back(&whole);
        for (const Statement* s : all) {
            REQUIRE(s->opening + s->income - s->expense == s->closing);
            REQUIRE(sum_categories(s->income_by_category) == s->income);
            REQUIRE(sum_categories(s->expense_by_category) == s->expense);
            REQUIRE(count_categories(s->income_by_category) +
                        count_categories(s->expense_by_category) ==
                    s->entry_count);
            REQUIRE(sorted_by_amount_then_name(s->income_by_category));
            REQUIRE(sorted_by_amount_then_name(s->expense_by_category));
        }

        REQUIRE(months[0].opening == before_year);
        REQUIRE(whole.opening == before_year);
        for (int m = 1; m <= 12; ++m) {
            const Statement& s = months[size_t(m - 1)];
            REQUIRE(s.income == month_income[m]);
            REQUIRE(s.expense == month_expense[m]);
            REQUIRE(s.entry_count == month_entries[m]);
            REQUIRE(series[size_t(m - 1)].income == s.income);
            REQUIRE(series[size_t(m - 1)].expense == s.expense);
            if (m < 12)
                REQUIRE(s.closing == months[size_t(m)].opening);
        }
        REQUIRE(months[11].closing ==
                compute_statement(ledger, Period::month(year + 1, 1)).opening);

        Money quarter_income, quarter_expense;
        int quarter_entries = 0;
        for (int q = 0; q < 4; ++q) {
            const Statement& s = quarters[size_t(q)];
            Money income, expense;
            int entries = 0;
            for (int m = q * 3; m < q * 3 + 3; ++m) {
                income += months[size_t(m)].income;
                expense += months[size_t(m)].expense;
                entries += months[size_t(m)].entry_count;
            }
            REQUIRE(s.income == income);
            REQUIRE(s.expense == expense);
            REQUIRE(s.entry_count == entries);
            REQUIRE(s.opening == months[size_t(q * 3)].opening);
            REQUIRE(s.closing == months[size_t(q * 3 + 2)].closing);
            quarter_income += s.income;
            quarter_expense += s.expense;
            quarter_entries += s.entry_count;
        }
        REQUIRE(whole.income == quarter_income);
        REQUIRE(whole.expense == quarter_expense);
        REQUIRE(whole.entry_count == quarter_entries);
        REQUIRE(whole.closing == quarters[3].closing);

        // Declaring exactly what the ledger says always reconciles; one fen off never does.
        std::vector<DeclaredPeriod> declared;
        for (const Statement* s : all)
            declared.push_back({s->period.format(), true, s->opening, true, s->closing});
        REQUIRE(all_reconciled(reconcile(ledger, declared)));
        size_t victim = size_t(rng() % declared.size());
        declared[victim].closing += Money::from_fen(1);
        auto rows = reconcile(ledger, declared);
        REQUIRE_FALSE(all_reconciled(rows));
        REQUIRE(rows[victim].closing.difference_fen == -1);
    }
}
