#include "core/finance.hpp"

#include <algorithm>
#include <cassert>
#include <ctime>
#include <map>
#include <utility>

namespace linli {

namespace {

constexpr int k_min_year = 1900;
constexpr int k_max_year = 9999;

// Local midnight of year-month-day. mktime normalises month 13 into January of the next year,
// and tm_isdst = -1 lets it decide daylight saving, for boards in zones that have it.
int64_t local_midnight(int year, int month, int day)
{
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_isdst = -1;
    return int64_t(std::mktime(&tm));
}

int first_month(const Period& period)
{
    switch (period.kind) {
    case PeriodKind::Month: return period.index;
    case PeriodKind::Quarter: return (period.index - 1) * 3 + 1;
    case PeriodKind::Year: return 1;
    }
    return 1;
}

int month_count(const Period& period)
{
    switch (period.kind) {
    case PeriodKind::Month: return 1;
    case PeriodKind::Quarter: return 3;
    case PeriodKind::Year: return 12;
    }
    return 12;
}

std::optional<int> parse_digits(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

Money signed_amount(const LedgerEntry& entry)
{
    return entry.type == EntryType::Income ? entry.amount : Money() - entry.amount;
}

// The latest 结转 dated at or before at_s (strictly before when strict), the last of a date in
// vector order; nullptr if there is none.
const LedgerEntry* latest_carry(const std::vector<LedgerEntry>& entries, int64_t at_s, bool strict)
{
    const LedgerEntry* found = nullptr;
    for (const LedgerEntry& entry : entries) {
        if (entry.type != EntryType::CarryForward)
            continue;
        if (strict ? entry.date_s >= at_s : entry.date_s > at_s)
            continue;
        if (!found || entry.date_s >= found->date_s)
            found = &entry;
    }
    return found;
}

// The balance from carry (or zero from the ledger's start) plus the income and expense dated in
// [carry's date, before_s).
Money balance_from(const std::vector<LedgerEntry>& entries, const LedgerEntry* carry, int64_t before_s)
{
    Money balance = carry ? carry->amount : Money();
    for (const LedgerEntry& entry : entries)
        if (entry.type != EntryType::CarryForward && entry.date_s < before_s &&
            (!carry || entry.date_s >= carry->date_s))
            balance += signed_amount(entry);
    return balance;
}

// sum += amount, or false (sum unchanged) past 64-bit fen. Each amount fits, but a year of them
// or a balance carried over may not, and a wrapped total would show residents a wrong figure.
[[nodiscard]] bool add_checked(Money& sum, Money amount)
{
    int64_t fen = 0;
    if (__builtin_add_overflow(sum.fen(), amount.fen(), &fen))
        return false;
    sum = Money::from_fen(fen);
    return true;
}

[[nodiscard]] bool subtract_checked(Money& value, Money amount)
{
    int64_t fen = 0;
    if (__builtin_sub_overflow(value.fen(), amount.fen(), &fen))
        return false;
    value = Money::from_fen(fen);
    return true;
}

Error overflow(const std::string& what)
{
    return Error::internal("finance: " + what +
                           ": the amounts add up past the largest sum kept (integer overflow)");
}

std::vector<CategoryTotal> sorted_totals(std::map<std::string, CategoryTotal> by_name)
{
    std::vector<CategoryTotal> totals;
    totals.reserve(by_name.size());
    for (auto& [name, total] : by_name)
        totals.push_back(std::move(total));
    std::sort(totals.begin(), totals.end(), [](const CategoryTotal& a, const CategoryTotal& b) {
        if (a.amount != b.amount)
            return a.amount > b.amount;
        return a.category < b.category;
    });
    return totals;
}

// Nothing if the difference does not fit in 64-bit fen.
std::optional<BalanceCheck> check_balance(bool declared, Money declared_amount, Money computed)
{
    BalanceCheck check;
    check.declared = declared;
    check.computed = computed;
    if (declared) {
        check.declared_amount = declared_amount;
        Money difference = computed;
        if (!subtract_checked(difference, declared_amount))
            return std::nullopt;
        check.difference_fen = difference.fen();
    }
    return check;
}

}  // namespace

// [SECTION] Period

Period Period::month(int year, int month)
{
    assert(month >= 1 && month <= 12);
    return {PeriodKind::Month, year, month};
}

Period Period::quarter(int year, int quarter)
{
    assert(quarter >= 1 && quarter <= 4);
    return {PeriodKind::Quarter, year, quarter};
}

Period Period::whole_year(int year) { return {PeriodKind::Year, year, 0}; }

std::optional<Period> Period::parse(std::string_view text)
{
    if (text.size() < 4)
        return std::nullopt;
    std::optional<int> year = parse_digits(text.substr(0, 4));
    if (!year || *year < k_min_year || *year > k_max_year)
        return std::nullopt;
    std::string_view rest = text.substr(4);
    if (rest.empty())
        return whole_year(*year);
    if (rest.size() == 3 && rest[0] == '-' && rest[1] == 'Q') {
        std::optional<int> quarter = parse_digits(rest.substr(2));
        if (!quarter || *quarter < 1 || *quarter > 4)
            return std::nullopt;
        return Period::quarter(*year, *quarter);
    }
    // Two digits exactly: "2026-1" is a typo more often than a month, and format() writes "01".
    if (rest.size() == 3 && rest[0] == '-') {
        std::optional<int> month = parse_digits(rest.substr(1));
        if (!month || *month < 1 || *month > 12)
            return std::nullopt;
        return Period::month(*year, *month);
    }
    return std::nullopt;
}

std::string Period::format() const
{
    std::string text = std::to_string(year);
    switch (kind) {
    case PeriodKind::Month:
        text += index < 10 ? "-0" : "-";
        text += std::to_string(index);
        break;
    case PeriodKind::Quarter:
        text += "-Q" + std::to_string(index);
        break;
    case PeriodKind::Year:
        break;
    }
    return text;
}

int64_t Period::start_s() const { return local_midnight(year, first_month(*this), 1); }

int64_t Period::end_s() const
{
    return local_midnight(year, first_month(*this) + month_count(*this), 1);
}

bool Period::contains(int64_t date_s) const { return date_s >= start_s() && date_s < end_s(); }

std::vector<Period> Period::months() const
{
    std::vector<Period> result;
    for (int m = first_month(*this); m < first_month(*this) + month_count(*this); ++m)
        result.push_back(Period::month(year, m));
    return result;
}

// [SECTION] Balances

Money balance_at(const std::vector<LedgerEntry>& entries, int64_t at_s)
{
    return balance_from(entries, latest_carry(entries, at_s, false), at_s);
}

std::vector<CarryForwardCheck> check_carry_forwards(const std::vector<LedgerEntry>& entries)
{
    std::vector<const LedgerEntry*> carries;
    for (const LedgerEntry& entry : entries)
        if (entry.type == EntryType::CarryForward)
            carries.push_back(&entry);
    std::stable_sort(carries.begin(), carries.end(),
                     [](const LedgerEntry* a, const LedgerEntry* b) { return a->date_s < b->date_s; });
    std::vector<CarryForwardCheck> checks;
    for (const LedgerEntry* carry : carries) {
        CarryForwardCheck check;
        check.entry = carry;
        check.has_earlier = std::any_of(entries.begin(), entries.end(),
                                        [&](const LedgerEntry& e) { return e.date_s < carry->date_s; });
        if (check.has_earlier)
            check.computed = balance_from(entries, latest_carry(entries, carry->date_s, true), carry->date_s);
        checks.push_back(check);
    }
    return checks;
}

// [SECTION] Statements

std::vector<CategorySum> sum_by_category(const std::vector<LedgerEntry>& entries, int64_t from_s,
                                         int64_t to_s)
{
    std::map<std::pair<EntryType, std::string>, CategorySum> by_key;
    for (const LedgerEntry& entry : entries) {
        if (entry.date_s < from_s || entry.date_s >= to_s || entry.type == EntryType::CarryForward)
            continue;
        CategorySum& sum = by_key[{entry.type, entry.category}];
        sum.type = entry.type;
        sum.category = entry.category;
        sum.amount += entry.amount;
        ++sum.entries;
    }
    std::vector<CategorySum> sums;
    sums.reserve(by_key.size());
    for (auto& [key, sum] : by_key)
        sums.push_back(std::move(sum));
    return sums;
}

Result<Statement> statement_from_totals(Period period, Money opening,
                                        const std::vector<CategorySum>& inside,
                                        std::optional<Money> closing)
{
    Statement statement;
    statement.period = period;
    statement.opening = opening;
    std::map<std::string, CategoryTotal> income_by_name;
    std::map<std::string, CategoryTotal> expense_by_name;
    for (const CategorySum& sum : inside) {
        bool income = sum.type == EntryType::Income;
        CategoryTotal& total = (income ? income_by_name : expense_by_name)[sum.category];
        total.category = sum.category;
        if (!add_checked(total.amount, sum.amount) ||
            !add_checked(income ? statement.income : statement.expense, sum.amount))
            return overflow(period.format());
        total.entries += int(sum.entries);
        statement.entry_count += int(sum.entries);
    }
    Money flowed = statement.opening;
    if (!add_checked(flowed, statement.income) || !subtract_checked(flowed, statement.expense))
        return overflow(period.format());
    statement.closing = closing.value_or(flowed);
    statement.carry_adjustment = statement.closing;
    if (!subtract_checked(statement.carry_adjustment, flowed))
        return overflow(period.format());
    statement.income_by_category = sorted_totals(std::move(income_by_name));
    statement.expense_by_category = sorted_totals(std::move(expense_by_name));
    return statement;
}

Statement compute_statement(const std::vector<LedgerEntry>& entries, Period period)
{
    // Bounds once, not per entry: mktime consults the zone database on every call.
    const int64_t start_s = period.start_s();
    const int64_t end_s = period.end_s();
    auto statement = statement_from_totals(period, balance_at(entries, start_s),
                                           sum_by_category(entries, start_s, end_s),
                                           balance_at(entries, end_s));
    assert(statement.has_value());
    return std::move(statement).value();
}

Result<MonthFlow> month_flow_from_totals(Period month, const std::vector<CategorySum>& inside)
{
    MonthFlow flow{month, Money(), Money()};
    for (const CategorySum& sum : inside)
        if (!add_checked(sum.type == EntryType::Income ? flow.income : flow.expense, sum.amount))
            return overflow(month.format());
    return flow;
}

std::vector<MonthFlow> monthly_series(const std::vector<LedgerEntry>& entries, int year)
{
    std::vector<MonthFlow> series;
    for (const Period& month : Period::whole_year(year).months()) {
        auto flow = month_flow_from_totals(
            month, sum_by_category(entries, month.start_s(), month.end_s()));
        assert(flow.has_value());
        series.push_back(std::move(flow).value());
    }
    return series;
}

// [SECTION] Reconciliation

Result<std::vector<Reconciliation>> reconcile_from_balances(const std::vector<DeclaredPeriod>& declared,
                                                             const BalanceAt& balance_at)
{
    std::vector<Reconciliation> rows;
    rows.reserve(declared.size());
    for (const DeclaredPeriod& decl : declared) {
        Reconciliation row;
        row.period_text = decl.period;
        row.period = Period::parse(decl.period);
        if (row.period) {
            Money opening = TRY(balance_at(row.period->start_s()));
            Money closing = TRY(balance_at(row.period->end_s()));
            auto opening_check = check_balance(decl.has_opening, decl.opening, opening);
            auto closing_check = check_balance(decl.has_closing, decl.closing, closing);
            if (!opening_check || !closing_check)
                return overflow(decl.period);
            row.opening = *opening_check;
            row.closing = *closing_check;
        } else {
            // No ledger figure exists for an unreadable period; keep what was declared so the
            // screen can still show it next to the error.
            row.opening.declared = decl.has_opening;
            row.opening.declared_amount = decl.opening;
            row.closing.declared = decl.has_closing;
            row.closing.declared_amount = decl.closing;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<Reconciliation> reconcile(const std::vector<LedgerEntry>& entries,
                                      const std::vector<DeclaredPeriod>& declared)
{
    auto rows = reconcile_from_balances(declared, [&](int64_t at_s) -> Result<Money> {
        return balance_at(entries, at_s);
    });
    assert(rows.has_value());
    return std::move(rows).value();
}

bool all_reconciled(const std::vector<Reconciliation>& rows)
{
    return std::all_of(rows.begin(), rows.end(), [](const Reconciliation& r) { return r.matches(); });
}

}  // namespace linli
