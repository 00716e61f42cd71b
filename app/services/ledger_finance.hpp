// LedgerFinance: FinanceView over the content database (store::content_db).
#pragma once

#include "services/finance_view.hpp"
#include "store/database.hpp"

#include <functional>

namespace linli::services {

class LedgerFinance final : public FinanceView {
public:
    // db must outlive this object; report receives query failures (they show as empty data).
    LedgerFinance(store::Database& db, int64_t now_s, std::function<void(const std::string&)> report);

    Period default_period() const override { return m_default; }
    const Statement& statement(const Period& period) override;
    const std::vector<MonthFlow>& monthly(int year) override;
    const std::vector<Reconciliation>& reconciliation() override;
    const std::vector<std::string>& categories() override;
    int64_t count(const LedgerQuery& query) override;
    std::vector<LedgerEntry> page(const LedgerQuery& query, int64_t offset, int limit) override;

private:
    // The statement of period from the database's sums, or why it cannot be shown.
    Result<Statement> compute(const Period& period);

    store::Database& m_db;
    std::function<void(const std::string&)> m_report;
    Period m_default;
    std::map<std::string, Statement> m_statements;
    std::map<int, std::vector<MonthFlow>> m_monthly;
    std::optional<std::vector<Reconciliation>> m_reconciliation;
    std::optional<std::vector<std::string>> m_categories;
    std::optional<std::pair<LedgerQuery, int64_t>> m_last_count;
};

}  // namespace linli::services
