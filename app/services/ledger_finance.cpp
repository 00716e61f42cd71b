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

std::vector<LedgerEntry> LedgerFinance::all_entries()
{
    auto entries = store::ledger_entries(m_db);
    if (!entries) {
        m_report(entries.error().message);
        return {};
    }
    return std::move(entries).value();
}

const Statement& LedgerFinance::statement(const Period& period)
{
    auto key = period.format();
    auto it = m_statements.find(key);
    if (it == m_statements.end()) it = m_statements.emplace(key, compute_statement(all_entries(), period)).first;
    return it->second;
}

const std::vector<MonthFlow>& LedgerFinance::monthly(int year)
{
    auto it = m_monthly.find(year);
    if (it == m_monthly.end()) it = m_monthly.emplace(year, monthly_series(all_entries(), year)).first;
    return it->second;
}

const std::vector<Reconciliation>& LedgerFinance::reconciliation()
{
    if (!m_reconciliation) {
        auto declared = store::declared_periods(m_db);
        if (!declared) m_report(declared.error().message);
        m_reconciliation = reconcile(all_entries(), declared ? declared.value() : std::vector<DeclaredPeriod>{});
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
