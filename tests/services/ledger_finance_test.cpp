// LedgerFinance: the finance screen's statements, chart and reconciliation answered from the
// content database. They must equal core's functions over the whole ledger in memory (the
// reference) to the fen, report sums that do not fit rather than wrap them, and, with 100,000
// entries, not hold the ledger in memory. Uses only LedgerFinance's interface and the reference.

#include "services/ledger_finance.hpp"

#include "core/finance.hpp"
#include "store/content_db.hpp"

#include "../scoped_time_zone.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace linli;
using linli::test::k_day_s;
namespace fs = std::filesystem;

namespace {

using ShanghaiTime = linli::test::ScopedTimeZone;

constexpr int64_t k_new_year_s = 1798732800;  // 2027-01-01 00:00 in Shanghai

// [SECTION] Scratch databases and readable renderings

// A directory under TMPDIR, removed with everything in it when the test ends.
class ScratchDir {
public:
    ScratchDir()
    {
        std::random_device random;
        do
            m_path = fs::temp_directory_path() /
                     ("linli-ledger-finance-test-" + std::to_string(random()) + std::to_string(random()));
        while (!fs::create_directory(m_path));
    }
    ~ScratchDir()
    {
        std::error_code ignored;
        fs::remove_all(m_path, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    std::string file(const std::string& name) const { return (m_path / name).string(); }

private:
    fs::path m_path;
};

store::Database content_db(const ScratchDir& dir, const ContentSet& content)
{
    std::string path = dir.file("content.db");
    auto built = store::build_content_db(path, content);
    INFO((built ? "" : built.error().message));
    REQUIRE(built);
    auto db = store::open_content_db(path);
    REQUIRE(db);
    return std::move(db).value();
}

LedgerEntry entry(int64_t date_s, EntryType type, std::string category, int64_t fen, int line)
{
    LedgerEntry e;
    e.date_s = date_s;
    e.type = type;
    e.category = std::move(category);
    e.description = "第" + std::to_string(line) + "笔";
    e.amount = Money::from_fen(fen);
    e.voucher = "PZ" + std::to_string(100000 + line);
    e.line = line;
    return e;
}

std::string describe(const std::vector<CategoryTotal>& totals)
{
    std::string out;
    for (const CategoryTotal& t : totals)
        out += t.category + "=" + std::to_string(t.amount.fen()) + "/" + std::to_string(t.entries) + " ";
    return out;
}

std::string describe(const Statement& s)
{
    std::ostringstream out;
    out << s.period.format() << " opening " << s.opening.fen() << " income " << s.income.fen()
        << " expense " << s.expense.fen() << " adjustment " << s.carry_adjustment.fen() << " closing "
        << s.closing.fen() << " entries "
        << s.entry_count << "\n  income: " << describe(s.income_by_category)
        << "\n  expense: " << describe(s.expense_by_category);
    return out.str();
}

std::string describe(const std::vector<MonthFlow>& series)
{
    std::ostringstream out;
    for (const MonthFlow& f : series)
        out << f.month.format() << " " << f.income.fen() << " " << f.expense.fen() << "\n";
    return out.str();
}

std::string describe(const BalanceCheck& c)
{
    return (c.declared ? "declared " + std::to_string(c.declared_amount.fen()) : std::string("-")) +
           " computed " + std::to_string(c.computed.fen()) + " diff " +
           std::to_string(c.difference_fen);
}

std::string describe(const std::vector<Reconciliation>& rows)
{
    std::ostringstream out;
    for (const Reconciliation& r : rows)
        out << r.period_text << " (" << (r.period ? r.period->format() : "?") << ") opening "
            << describe(r.opening) << " closing " << describe(r.closing)
            << (r.matches() ? " ok" : " MISMATCH") << "\n";
    return out.str();
}

std::vector<Period> every_period(int year)
{
    std::vector<Period> periods = {Period::whole_year(year)};
    for (int q = 1; q <= 4; ++q)
        periods.push_back(Period::quarter(year, q));
    for (int m = 1; m <= 12; ++m)
        periods.push_back(Period::month(year, m));
    return periods;
}

// [SECTION] Memory

// Reads a "kB" line of /proc/self/status (VmRSS, VmHWM); -1 if there is none.
long status_kb(const char* field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    std::string prefix = std::string(field) + ":";
    while (std::getline(status, line))
        if (line.rfind(prefix, 0) == 0)
            return std::atol(line.c_str() + prefix.size());
    return -1;
}

// Resets VmHWM to the current RSS (Linux 4.0+), so the peak of one piece of work can be read.
bool reset_peak_rss()
{
    std::ofstream clear("/proc/self/clear_refs");
    clear << "5" << std::flush;
    return bool(clear);
}

#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_sanitized = true;  // ASan keeps freed memory in quarantine: RSS only grows
#else
constexpr bool k_sanitized = false;
#endif

struct Growth {
    long peak_kb = 0;       // VmHWM during the work - VmRSS before it
    long retained_kb = 0;   // heap in use after - before (mallinfo2)
};

template <typename Work>
Growth measure(Work&& work)
{
    long rss_before = status_kb("VmRSS");
    bool peak_resets = reset_peak_rss();
    auto heap_before = mallinfo2().uordblks;
    work();
    auto heap_after = mallinfo2().uordblks;
    Growth g;
    g.peak_kb = peak_resets ? status_kb("VmHWM") - rss_before : -1;
    g.retained_kb = (long(heap_after) - long(heap_before)) / 1024;
    return g;
}

}  // namespace

// [SECTION] The database's figures equal the reference's

TEST_CASE("statements, chart and reconciliation from the database equal the reference exactly",
          "[services]")
{
    ShanghaiTime zone;
    ScratchDir dir;
    // Byte order puts "A" before "a" before the CJK names; the reference sorts the same way.
    const std::vector<std::string> categories = {"物业费", "停车费", "广告收入", "保洁", "绿化",
                                                 "维修", "A", "a", "办公"};
    std::mt19937_64 rng(20261125);
    ContentSet content;
    int line = 2;
    auto add = [&](int64_t date_s, EntryType type, const std::string& category, int64_t fen) {
        content.ledger.push_back(entry(date_s, type, category, fen, line++));
    };
    auto random_type = [&] { return rng() % 3 == 0 ? EntryType::Income : EntryType::Expense; };
    auto random_category = [&] { return categories[rng() % categories.size()]; };
    // Amounts from a short list half of the time, so category totals tie now and then.
    auto random_fen = [&]() -> int64_t {
        static const int64_t k_common[] = {0, 100, 500, 1000, 25000};
        return rng() % 2 ? k_common[rng() % std::size(k_common)] : int64_t(rng() % 10000000);
    };

    // Two years of entries on random days (local midnights), plus a few before and after.
    const int64_t first_day = Period::month(2024, 11).start_s();
    const int64_t last_day = Period::month(2027, 2).end_s();
    for (int i = 0; i < 3000; ++i) {
        int64_t day = int64_t(rng() % uint64_t((last_day - first_day) / k_day_s));
        // mktime, not day * 86400: the board's calendar decides what a day is.
        std::tm tm{};
        tm.tm_year = 2024 - 1900;
        tm.tm_mon = 10;
        tm.tm_mday = 1 + int(day);
        tm.tm_isdst = -1;
        add(int64_t(std::mktime(&tm)), random_type(), random_category(), random_fen());
    }
    // Entries exactly at every month's edges: its first instant, the instants either side, and the
    // last day's midnight.
    for (int year = 2025; year <= 2026; ++year)
        for (int m = 1; m <= 12; ++m) {
            Period month = Period::month(year, m);
            for (int64_t at : {month.start_s(), month.start_s() - 1, month.start_s() + 1,
                               month.end_s() - 1, month.end_s() - k_day_s})
                add(at, random_type(), random_category(), random_fen());
        }
    // A month where two categories of each type tie exactly, to pin the tie order.
    for (const char* category : {"绿化", "保洁", "a", "A"}) {
        add(Period::month(2026, 6).start_s(), EntryType::Income, category, 7000);
        add(Period::month(2026, 6).start_s() + 3 * k_day_s, EntryType::Expense, category, 3000);
    }
    // Balances brought forward: one a year, one a debt, one in the middle of a month, one the
    // entries before it give exactly; on days with entries of their own.
    add(Period::month(2025, 1).start_s(), EntryType::CarryForward, "上期结转", 1234567);
    add(Period::month(2026, 1).start_s(), EntryType::CarryForward, "上期结转", -250000);
    add(Period::month(2026, 8).start_s() + 9 * k_day_s, EntryType::CarryForward, "上期结转", 0);
    add(Period::month(2027, 1).start_s(), EntryType::CarryForward, "上期结转",
        balance_at(content.ledger, Period::month(2027, 1).start_s()).fen());
    std::shuffle(content.ledger.begin(), content.ledger.end(), rng);

    // Declared balances: some right, some a fen off, some one-sided, one unreadable.
    for (const Period& p : every_period(2026)) {
        Statement s = compute_statement(content.ledger, p);
        DeclaredPeriod d{p.format(), rng() % 4 != 0, s.opening, rng() % 4 != 0, s.closing};
        if (rng() % 3 == 0)
            d.closing += Money::from_fen(rng() % 2 ? 1 : -1);
        content.periods.push_back(d);
    }
    content.periods.push_back({"2025-Q4", true, Money::from_fen(123), true, Money::from_fen(456)});
    content.periods.push_back({"2026-13", true, Money::from_fen(1), false, Money()});
    content.periods.push_back({"2099", false, Money(), true, Money()});

    store::Database db = content_db(dir, content);
    std::vector<std::string> reported;
    services::LedgerFinance finance(db, k_new_year_s, [&](const std::string& m) { reported.push_back(m); });

    for (int year = 2024; year <= 2027; ++year) {
        for (const Period& p : every_period(year)) {
            INFO(p.format());
            REQUIRE(describe(finance.statement(p)) == describe(compute_statement(content.ledger, p)));
        }
        INFO(year);
        REQUIRE(describe(finance.monthly(year)) == describe(monthly_series(content.ledger, year)));
    }
    std::string reconciliation = describe(finance.reconciliation());
    CHECK(reconciliation == describe(reconcile(content.ledger, content.periods)));
    CHECK_THAT(reconciliation, Catch::Contains("MISMATCH"));
    // The tie month: equal totals in byte order of the names.
    const Statement& june = finance.statement(Period::month(2026, 6));
    CHECK(june.entry_count >= 8);
    CHECK(reported.empty());
}

// [SECTION] Sums that do not fit

TEST_CASE("sums past 64-bit fen are reported, never shown wrapped", "[services]")
{
    ShanghaiTime zone;
    ScratchDir dir;
    // The largest amount an administrator can type is about 9.2e17 fen; eleven of them pass
    // INT64_MAX (9.22e18) within one category, and six each in two categories pass it in the total.
    const int64_t big = 900'000'000'000'000'000;
    ContentSet content;
    int line = 2;
    const int64_t october = Period::month(2026, 10).start_s();
    const int64_t november = Period::month(2026, 11).start_s();
    for (int i = 0; i < 11; ++i)
        content.ledger.push_back(entry(october, EntryType::Income, "捐赠", big, line++));
    for (int i = 0; i < 6; ++i) {
        content.ledger.push_back(entry(november, EntryType::Expense, "维修", big, line++));
        content.ledger.push_back(entry(november, EntryType::Expense, "保洁", big, line++));
    }
    content.ledger.push_back(entry(Period::month(2026, 9).start_s(), EntryType::Income, "物业费", 500, line++));
    content.periods.push_back({"2026-09", true, Money(), true, Money::from_fen(500)});
    content.periods.push_back({"2026-10", true, Money::from_fen(500), true, Money::from_fen(500)});
    store::Database db = content_db(dir, content);

    std::vector<std::string> reported;
    services::LedgerFinance finance(db, k_new_year_s, [&](const std::string& m) { reported.push_back(m); });

    // September fits: shown as it is.
    CHECK(finance.statement(Period::month(2026, 9)).closing.fen() == 500);
    CHECK(reported.empty());

    // October's income does not fit in one category: SQLite's sum fails, the statement is empty.
    const Statement& oct = finance.statement(Period::month(2026, 10));
    REQUIRE(reported.size() == 1);
    CHECK_THAT(reported[0], Catch::Contains("integer overflow"));
    CHECK(oct.income.fen() == 0);
    CHECK(oct.closing.fen() == 0);
    CHECK(oct.income_by_category.empty());

    // November's expense fits per category but not in total.
    reported.clear();
    const Statement& nov = finance.statement(Period::month(2026, 11));
    REQUIRE(reported.size() >= 1);
    CHECK_THAT(reported[0], Catch::Contains("integer overflow"));
    CHECK(nov.expense.fen() == 0);

    reported.clear();
    const auto& series = finance.monthly(2026);
    REQUIRE(series.size() == 12);
    CHECK(series[8].income.fen() == 500);
    CHECK(series[9].income.fen() == 0);
    CHECK(series[10].expense.fen() == 0);
    CHECK(reported.size() == 2);  // October and November

    // Reconciliation cannot compute October's closing: reported, and declared balances still show
    // as mismatches rather than disappearing.
    reported.clear();
    const auto& rows = finance.reconciliation();
    CHECK(reported.size() == 1);
    REQUIRE(rows.size() == 2);
    CHECK_FALSE(all_reconciled(rows));
}

// [SECTION] Memory does not grow with the ledger

TEST_CASE("a year's statements and chart over 100,000 entries do not hold the ledger in memory",
          "[services]")
{
    ShanghaiTime zone;
    ScratchDir dir;
    const std::vector<std::string> income = {"公益资金", "居民捐赠", "回收收入", "活动赞助"};
    const std::vector<std::string> expense = {"保洁用品", "绿化养护", "活动经费", "办公费用", "设施维修",
                                              "敬老慰问"};
    const int k_rows = 100000;
    const int year = 2026;
    std::optional<store::Database> db;
    {
        // As tests/bench/make-big-content.sh: the year's days in order, a quarter of them income.
        ContentSet content;
        content.ledger.reserve(k_rows);
        std::mt19937_64 rng(2026);
        const int64_t first = Period::whole_year(year).start_s();
        for (int i = 0; i < k_rows; ++i) {
            bool in = i % 4 == 0;
            content.ledger.push_back(entry(first + int64_t(i) * 330 / k_rows * k_day_s,
                                           in ? EntryType::Income : EntryType::Expense,
                                           in ? income[size_t(i) % 4] : expense[size_t(i) % 6],
                                           1000 + int64_t(rng() % 90000), i + 2));
        }
        db.emplace(content_db(dir, content));
    }  // the content set (the whole ledger) is freed here, before anything is measured
    malloc_trim(0);

    auto year_and_chart = [&](services::FinanceView& finance) {
        Money closing;
        for (int m = 1; m <= 12; ++m)
            closing = finance.statement(Period::month(year, m)).closing;
        const Statement& whole = finance.statement(Period::whole_year(year));
        REQUIRE(whole.closing == closing);
        REQUIRE(whole.entry_count == k_rows);
        REQUIRE(finance.monthly(year).size() == 12);
    };
    std::vector<std::string> reported;
    auto report = [&](const std::string& m) { reported.push_back(m); };
    // Once to warm up: SQLite's page cache fills to its limit (allowed: the database cache), code
    // pages are touched. Then measured with a fresh LedgerFinance, which keeps nothing from the first.
    {
        services::LedgerFinance warm(*db, k_new_year_s, report);
        year_and_chart(warm);
    }
    malloc_trim(0);
    auto started = std::chrono::steady_clock::now();
    Growth growth;
    {
        services::LedgerFinance finance(*db, k_new_year_s, report);
        growth = measure([&] { year_and_chart(finance); });
    }
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    CHECK(reported.empty());

    // The same work over the whole ledger in memory (what LedgerFinance did before), to show the
    // probe sees a ledger-sized allocation: this one must grow by tens of MB.
    malloc_trim(0);
    Growth whole_ledger = measure([&] {
        auto entries = store::ledger_entries(*db);
        REQUIRE(entries);
        for (int m = 1; m <= 12; ++m)
            (void)compute_statement(*entries, Period::month(year, m));
        (void)compute_statement(*entries, Period::whole_year(year));
        (void)monthly_series(*entries, year);
    });
    std::printf("memory, 100,000 entries, 12 months + year + chart: LedgerFinance peak RSS +%ld kB, "
                "heap retained %+ld kB (%.0f ms); whole ledger in memory: peak RSS +%ld kB\n",
                growth.peak_kb, growth.retained_kb, ms, whole_ledger.peak_kb);
    if (growth.peak_kb < 0) {
        WARN("/proc/self/clear_refs cannot reset the peak RSS here: only the retained heap is checked");
    } else {
        CHECK(whole_ledger.peak_kb > 10 * 1024);
        // A few MB for SQLite's statements and pages beyond the warmed cache; ASan's quarantine
        // keeps every freed block, so it gets more room, still well under the ledger's size.
        CHECK(growth.peak_kb < (k_sanitized ? 8 : 3) * 1024);
    }
    if (!k_sanitized)
        CHECK(growth.retained_kb < 256);
}
