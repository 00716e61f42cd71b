// FinanceView: the read-only finance queries the 财务公示 screen needs, answered from the content
// database so a 100,000-row ledger is paged, not held in memory. Statements are computed once
// per period and kept. Lives on the main thread with the UI's connection.
#pragma once

#include "core/finance.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace linli::services {

struct LedgerQuery {
    std::optional<Period> period;  // nothing: every date
    std::string category;          // empty: every category
    bool operator==(const LedgerQuery&) const = default;
};

class FinanceView {
public:
    virtual ~FinanceView() = default;
    // The period shown first: the latest month that has entries (or this year).
    virtual Period default_period() const = 0;
    // Opening, income and expense by category, closing (exact fen).
    virtual const Statement& statement(const Period& period) = 0;
    // Income and expense per month of a year, for the bar chart.
    virtual const std::vector<MonthFlow>& monthly(int year) = 0;
    // Every declared balance against the ledger; mismatches are shown to residents.
    virtual const std::vector<Reconciliation>& reconciliation() = 0;
    virtual const std::vector<std::string>& categories() = 0;
    virtual int64_t count(const LedgerQuery& query) = 0;
    // Entries [offset, offset+limit) of query, oldest first.
    virtual std::vector<LedgerEntry> page(const LedgerQuery& query, int64_t offset, int limit) = 0;
};

}  // namespace linli::services
