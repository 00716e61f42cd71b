#include "services/ledger_finance.hpp"

#include "store/content_db.hpp"

#include <ctime>

namespace linli::services {

namespace {

store::LedgerFilter filter_of(const LedgerQuery& q)
{
    return store::LedgerFilter{q.period, q.category};
}

int local_year_month(int64_t t, int& month)
{
    std::time_t tt = std::time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    month = tm.tm_mon + 1;
    return tm.tm_year + 1900;
}

}  // namespace

LedgerFinance::LedgerFinance(store::Database& db, int64_t now_s, std::function<void(const std::string&)> report)
    : m_db(db), m_report(std::move(report))
{
    // The latest month with entries (a board that last posted in October shows October).
    int month = 1;
    int year = local_year_month(now_s, month);
    m_default = Period::whole_year(year);
    if (auto total = store::ledger_count(m_db, {}); total && *total > 0)
        if (auto newest = store::ledger_page(m_db, {}, *total - 1, 1); newest && !newest->empty()) {
            year = local_year_month(newest->front().date_s, month);
            m_default = Period::month(year, month);
        }
}

// Each computation asks the database for sums (one row per category), never for the entries: with
// 100,000 rows the whole ledger was tens of MB at every statement. A failure (a damaged file, or
// sums past 64-bit fen) is reported and shows as an empty statement, never as a wrapped figure.

Result<Statement> LedgerFinance::compute(const Period& period)
{
    const int64_t start_s = period.start_s(), end_s = period.end_s();
    Money opening = TRY(store::ledger_balance_at(m_db, start_s));
    Money closing = TRY(store::ledger_balance_at(m_db, end_s));
    auto inside = TRY(store::ledger_totals(m_db, start_s, end_s));
    return statement_from_totals(period, opening, inside, closing);
}

const Statement& LedgerFinance::statement(const Period& period)
{
    auto key = period.format();
    auto it = m_statements.find(key);
    if (it == m_statements.end()) {
        auto computed = compute(period);
        if (!computed) {
            m_report(computed.error().message);
            Statement empty;
            empty.period = period;
            computed = std::move(empty);
        }
        it = m_statements.emplace(key, std::move(computed).value()).first;
    }
    return it->second;
}

const std::vector<MonthFlow>& LedgerFinance::monthly(int year)
{
    auto it = m_monthly.find(year);
    if (it == m_monthly.end()) {
        std::vector<MonthFlow> series;
        for (const Period& month : Period::whole_year(year).months()) {
            auto flow = [&]() -> Result<MonthFlow> {
                auto inside = TRY(store::ledger_totals(m_db, month.start_s(), month.end_s()));
                return month_flow_from_totals(month, inside);
            }();
            if (!flow) {
                m_report(flow.error().message);
                flow = MonthFlow{month, Money(), Money()};
            }
            series.push_back(std::move(flow).value());
        }
        it = m_monthly.emplace(year, std::move(series)).first;
    }
    return it->second;
}

const std::vector<Reconciliation>& LedgerFinance::reconciliation()
{
    if (!m_reconciliation) {
        auto read = store::declared_periods(m_db);
        if (!read) m_report(read.error().message);
        const std::vector<DeclaredPeriod> declared = read ? std::move(read).value() : std::vector<DeclaredPeriod>{};
        // A period's end is often the next one's start: ask the database once per instant.
        std::map<int64_t, Money> nets;
        auto rows = reconcile_from_balances(declared, [&](int64_t at_s) -> Result<Money> {
            if (auto found = nets.find(at_s); found != nets.end()) return found->second;
            Money balance = TRY(store::ledger_balance_at(m_db, at_s));
            nets.emplace(at_s, balance);
            return balance;
        });
        if (!rows) {
            // As against an empty ledger (what a failed read gave before sums came from the
            // database): every declared balance but zero shows as a mismatch, so none is hidden.
            m_report(rows.error().message);
            rows = reconcile_from_balances(declared, [](int64_t) -> Result<Money> { return Money(); });
        }
        m_reconciliation = rows ? std::move(rows).value() : std::vector<Reconciliation>{};
    }
    return *m_reconciliation;
}

const std::vector<std::string>& LedgerFinance::categories()
{
    if (!m_categories) {
        auto found = store::ledger_categories(m_db);
        if (!found) m_report(found.error().message);
        m_categories = found ? std::move(found).value() : std::vector<std::string>{};
    }
    return *m_categories;
}

int64_t LedgerFinance::count(const LedgerQuery& query)
{
    // Asked every frame while the list shows: answer the same question from memory.
    if (m_last_count && m_last_count->first == query) return m_last_count->second;
    auto n = store::ledger_count(m_db, filter_of(query));
    if (!n) m_report(n.error().message);
    m_last_count = {query, n ? n.value() : 0};
    return m_last_count->second;
}

std::vector<LedgerEntry> LedgerFinance::page(const LedgerQuery& query, int64_t offset, int limit)
{
    auto rows = store::ledger_page(m_db, filter_of(query), offset, limit);
    if (!rows) {
        m_report(rows.error().message);
        return {};
    }
    return std::move(rows).value();
}

}  // namespace linli::services
