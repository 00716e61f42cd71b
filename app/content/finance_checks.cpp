// The warnings `linli-admin check` gives about the accounts, for what residents would read as a
// problem: a balance brought forward (结转) that the earlier entries do not give, and every declared
// balance in finance/periods.toml that the ledger does not reconcile with (the kiosk shows those
// in red: say so before it is published, and name the likely cause).
#include "content/loaders.hpp"

#include "core/finance.hpp"
#include "core/i18n.hpp"

#include <algorithm>

namespace linli::content {

namespace {

const std::string k_ledger_file = "finance/ledger.csv";
const std::string k_periods_file = "finance/periods.toml";

void warn_carry_forwards(Diagnostics& d, const std::vector<LedgerEntry>& ledger)
{
    for (const CarryForwardCheck& check : check_carry_forwards(ledger)) {
        if (check.matches())
            continue;
        const LedgerEntry& carry = *check.entry;
        const std::string day = format_iso_date(carry.date_s);
        const std::string difference = (carry.amount - check.computed).format();
        d.warn(Severity::Warning, k_ledger_file, carry.line,
               "结转 " + carry.amount.format() + " 与此前账目算到 " + day + " 的余额 " + check.computed.format() +
                   " 不符（差额 " + difference + "）：居民会在它之前那一期的报表上看到“结转调整 " + difference + "”",
               "the balance brought forward, " + carry.amount.format() + ", differs from " +
                   check.computed.format() + ", the balance the entries before " + day + " give (difference " +
                   difference + "): residents will see a line 结转调整 (carry-over adjustment) of " + difference +
                   " on the statement before it");
    }
}

// The cause a treasurer most often has: money left from before the ledger begins, never carried in.
std::pair<std::string, std::string> missing_carry_hint(const std::vector<LedgerEntry>& ledger, const Period& period)
{
    const bool carried = std::any_of(ledger.begin(), ledger.end(), [&](const LedgerEntry& e) {
        return e.type == EntryType::CarryForward && e.date_s <= period.start_s();
    });
    if (carried || ledger.empty())
        return {};
    int64_t first = period.start_s();
    for (const LedgerEntry& e : ledger)
        first = std::min(first, e.date_s);
    const std::string day = format_iso_date(first);
    return {"；账目在 " + day + " 之前没有结转上期结余：如有上年结余，请加一笔类型为 结转、日期为 " + day + " 的账",
            "; the ledger carries nothing over before " + day + ": add a 结转 (carry-forward) entry dated " + day +
                " with the balance brought forward"};
}

void warn_declared(Diagnostics& d, const DeclaredPeriod& declared, const Reconciliation& row,
                   const std::vector<LedgerEntry>& ledger)
{
    if (!row.period)
        return;  // an unreadable period is an error of load_periods already
    const auto [hint_zh, hint_en] = missing_carry_hint(ledger, *row.period);
    const std::string name = declared.period;
    auto one = [&](const BalanceCheck& check, int line, std::string_view zh_what, std::string_view en_what) {
        if (check.matches())
            return;
        const std::string difference = Money::from_fen(check.difference_fen).format();
        d.warn(Severity::Mismatch, k_periods_file, line > 0 ? line : declared.line,
               name + " 的" + std::string(zh_what) + "申报为 " + check.declared_amount.format() + "，账目算出 " +
                   check.computed.format() + "（差额 " + difference +
                   "，账目减申报）：居民会在财务公示上看到红色的“账目核对不符”" + hint_zh,
               "the " + std::string(en_what) + " of " + name + " is declared as " + check.declared_amount.format() +
                   ", but the ledger gives " + check.computed.format() + " (ledger minus declared: " + difference +
                   "): residents will see the red 账目核对不符 (accounts do not reconcile)" + hint_en);
    };
    one(row.opening, declared.opening_line, "期初余额", "opening balance");
    one(row.closing, declared.closing_line, "期末余额", "closing balance");
}

}  // namespace

void check_finance(ContentFolder& folder, const ContentSet& content)
{
    Diagnostics& d = folder.diagnostics();
    warn_carry_forwards(d, content.ledger);
    const std::vector<Reconciliation> rows = reconcile(content.ledger, content.periods);
    for (size_t i = 0; i < rows.size() && i < content.periods.size(); ++i)
        warn_declared(d, content.periods[i], rows[i], content.ledger);
}

}  // namespace linli::content
