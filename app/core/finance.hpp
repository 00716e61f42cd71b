// Finance statement arithmetic for 财务公示: accounting periods ("2026-10", "2026-Q3", "2026"),
// statements (opening, income and expense by category, closing), the monthly income/expense series
// for the bar chart, and reconciliation against the balances the treasurer declares. Pure functions
// in exact fen (Money), never floats, over the ledger itself or over sums a database computed (so a
// 100,000-row ledger need not be in memory). Periods follow the board's local calendar: entry
// dates are local-midnight Unix seconds, so the process time zone (TZ) decides the bounds.
#pragma once

#include "core/content_model.hpp"
#include "core/money.hpp"
#include "core/result.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli {

enum class PeriodKind { Month, Quarter, Year };

// One accounting period of the local calendar.
struct Period {
    PeriodKind kind = PeriodKind::Year;
    int year = 0;
    int index = 0;  // month 1-12, quarter 1-4; 0 for a whole year

    static Period month(int year, int month);
    static Period quarter(int year, int quarter);
    static Period whole_year(int year);
    // "2026-10", "2026-Q3" or "2026" exactly (years 1900-9999); nothing for anything else.
    static std::optional<Period> parse(std::string_view text);
    // The text parse() accepts: "2026-10", "2026-Q3", "2026".
    std::string format() const;

    // Local midnight of the period's first day (Unix seconds).
    int64_t start_s() const;
    // Local midnight of the first day after the period: periods are half-open, [start, end).
    int64_t end_s() const;
    // True if the instant date_s (normally an entry's local midnight) falls inside the period.
    bool contains(int64_t date_s) const;
    // The months the period covers, in order (one for a month, three for a quarter, twelve for a year).
    std::vector<Period> months() const;

    bool operator==(const Period&) const = default;
};

struct CategoryTotal {
    std::string category;
    Money amount;
    int entries = 0;
};

// A statement for one period. Its opening is the balance at the period's start: the latest balance
// brought forward (结转) dated on or before it, plus the net of the entries from that date on (or,
// without one, the net of every entry before the period). Declared balances are never used as a
// base, because they are exactly what reconcile() checks the ledger against. A 结转 is never income
// or expense: it is in no total, no category and no chart bar.
struct Statement {
    Period period;
    Money opening;
    Money income;
    Money expense;
    // What 结转 entries inside the period (after its first day, up to and including the next
    // period's first day) changed, against the balance the entries before them give: zero unless
    // the ledger's own figures and its carry-over disagree, which check warns about.
    Money carry_adjustment;
    Money closing;  // opening + income - expense + carry_adjustment: the balance at the period's end
    // Largest amount first, ties by category name (byte order), so the breakdown is stable.
    std::vector<CategoryTotal> income_by_category;
    std::vector<CategoryTotal> expense_by_category;
    int entry_count = 0;  // income and expense entries inside the period
};

// The entries of one type and category within some dates, added up: what a database can answer
// without handing over the entries (store::ledger_totals). The *_from_totals builders below turn
// these into statements and chart rows; the functions over a vector of entries add up the same
// way and call them, so both paths order categories and total in one place.
struct CategorySum {
    EntryType type = EntryType::Income;
    std::string category;
    Money amount;
    int64_t entries = 0;
};

// One sum per (type, category) of the income and expense entries dated in [from_s, to_s), in no
// particular order (结转 entries are left out).
std::vector<CategorySum> sum_by_category(const std::vector<LedgerEntry>& entries, int64_t from_s,
                                         int64_t to_s);

// The statement of period from the balance at its start (opening), the sums of the entries inside
// it (any order; a repeated type and category adds up) and the balance at its end (closing; when
// not given, opening + income - expense, as for a period no 结转 touches). Fails, naming the
// period, if a total or balance would not fit in 64-bit fen: a wrapped sum must never be shown.
Result<Statement> statement_from_totals(Period period, Money opening,
                                        const std::vector<CategorySum>& inside,
                                        std::optional<Money> closing = std::nullopt);

// Computes the statement of one period from the whole ledger (entries in any order). The
// reference for statement_from_totals; the sums must fit in 64-bit fen (asserted).
Statement compute_statement(const std::vector<LedgerEntry>& entries, Period period);

// One bar pair of the chart.
struct MonthFlow {
    Period month;
    Money income;
    Money expense;
};

// One chart row from the sums of the entries inside month; fails as statement_from_totals does.
Result<MonthFlow> month_flow_from_totals(Period month, const std::vector<CategorySum>& inside);

// Income and expense of each month of a year: always 12 rows, January first, zeros included.
// The sums must fit in 64-bit fen (asserted).
std::vector<MonthFlow> monthly_series(const std::vector<LedgerEntry>& entries, int year);

// A declared balance against the ledger's. difference_fen = computed - declared (positive: the
// ledger shows more money than declared); 0 when nothing was declared.
struct BalanceCheck {
    bool declared = false;
    Money declared_amount;
    Money computed;
    int64_t difference_fen = 0;

    bool matches() const { return !declared || difference_fen == 0; }
};

// The reconciliation of one declared period (finance/periods.toml).
struct Reconciliation {
    std::string period_text;       // as declared
    std::optional<Period> period;  // nothing if period_text is not a period: reported, never dropped
    BalanceCheck opening;
    BalanceCheck closing;

    // False for an unreadable period or any declared balance that differs from the ledger.
    bool matches() const { return period && opening.matches() && closing.matches(); }
};

// The ledger's balance at the instant at_s (a local midnight: before the entries of that day, after
// a 结转 dated that day), or why it is unknown.
using BalanceAt = std::function<Result<Money>(int64_t at_s)>;

// The balance at at_s over the whole ledger (entries in any order), as BalanceAt describes it.
// The sums must fit in 64-bit fen (asserted).
Money balance_at(const std::vector<LedgerEntry>& entries, int64_t at_s);

// One row per declared period, in the declared order; mismatches are returned, never filtered out,
// so the finance screen can show them to residents. Asks balance_at for each readable period's
// start and end; fails with its first failure, or if a difference would not fit in 64-bit fen.
Result<std::vector<Reconciliation>> reconcile_from_balances(const std::vector<DeclaredPeriod>& declared,
                                                             const BalanceAt& balance_at);

// The same over the whole ledger (the reference; the sums must fit in 64-bit fen, asserted).
std::vector<Reconciliation> reconcile(const std::vector<LedgerEntry>& entries,
                                      const std::vector<DeclaredPeriod>& declared);

// True if every row matches (an empty declaration matches trivially).
bool all_reconciled(const std::vector<Reconciliation>& rows);

// A 结转 entry against the balance the ledger's earlier entries give on its date.
struct CarryForwardCheck {
    const LedgerEntry* entry = nullptr;  // the 结转, in the vector given
    bool has_earlier = false;  // false: nothing is dated before it, so it starts the ledger
    Money computed;            // the balance just before it (zero when nothing is earlier)

    bool matches() const { return !has_earlier || computed == entry->amount; }
};

// One row per 结转 entry, in date order (ties in vector order). The sums must fit in 64-bit fen
// (asserted).
std::vector<CarryForwardCheck> check_carry_forwards(const std::vector<LedgerEntry>& entries);

}  // namespace linli
