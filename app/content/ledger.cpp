// finance/ledger.csv: the accounts residents read. Every row must be exact: a date, income,
// expense or the balance brought forward (结转), an amount in yuan with at most two decimals that
// is never negative (a correction is an entry of the other type, so the books show it) except a
// 结转 that brings a debt forward, and a voucher that exists when it is a photo.
#include "content/dates.hpp"
#include "content/loaders.hpp"
#include "content/sheet.hpp"

#include <map>

namespace linli::content {

namespace {

enum LedgerColumn : size_t { Date, Type, Category, Description, Amount, Voucher };

constexpr SheetColumn k_ledger_columns[] = {
    {"date", "日期"},           {"type", "类型"},         {"category", "科目"},
    {"description", "摘要"},    {"amount", "金额"},       {"voucher", "凭证号", false},
};

std::optional<EntryType> entry_type(std::string_view text)
{
    if (text == "收入" || text == "income" || text == "Income" || text == "INCOME")
        return EntryType::Income;
    if (text == "支出" || text == "expense" || text == "Expense" || text == "EXPENSE")
        return EntryType::Expense;
    if (text == "结转" || text == "carry-forward" || text == "Carry-forward" || text == "CARRY-FORWARD")
        return EntryType::CarryForward;
    return std::nullopt;
}

// The category a 结转 gets when its 科目 is left empty, and the one the old form used.
constexpr std::string_view k_carry_category = "上期结转";

// Before 结转 existed, a balance brought forward was an income entry of 科目 上期结转. Read that
// way only where it cannot mean anything else: when nothing is dated before it (so starting the
// balance from it or adding it as income give the same figures) and no 结转 shares its date.
// Anywhere else it would be a guess between two different sets of accounts, so it is refused.
void read_old_carry_forwards(Diagnostics& d, const std::string& file, std::vector<LedgerEntry>& ledger)
{
    for (LedgerEntry& entry : ledger) {
        if (entry.type != EntryType::Income || entry.category != k_carry_category)
            continue;
        bool earlier = false, same_day_carry = false;
        for (const LedgerEntry& other : ledger) {
            earlier |= other.date_s < entry.date_s;
            same_day_carry |= &other != &entry && other.date_s == entry.date_s &&
                              (other.type == EntryType::CarryForward || other.category == k_carry_category);
        }
        if (earlier || same_day_carry) {
            d.add(file, entry.line,
                  "科目 上期结转 记成了 收入，但这一天之前已有账目：上期结余请把类型写作 结转（余额从这一天起"
                  "以它为准，不算本期收入）；如确为收入，请换一个科目",
                  "income in category 上期结转, but entries come before it: write a balance brought forward as "
                  "type 结转 (carry-forward; it sets the balance from that day and is not income); if it really "
                  "is income, use another category");
            entry.line = -entry.line;  // dropped below
            continue;
        }
        d.warn(Severity::Warning, file, entry.line,
               "按旧写法（收入 + 科目 上期结转）当作上期结转，不计入收入；请把类型改为 结转",
               "read as the balance brought forward (the old form: income in category 上期结转), not as "
               "income; write its type as 结转 (carry-forward)");
        entry.type = EntryType::CarryForward;
    }
    std::erase_if(ledger, [](const LedgerEntry& e) { return e.line < 0; });
}

// One balance per day: two 结转 on one date would leave the balance to the order of the rows.
void check_one_carry_per_day(Diagnostics& d, const std::string& file, const std::vector<LedgerEntry>& ledger)
{
    std::map<int64_t, int> first_line;
    for (const LedgerEntry& entry : ledger) {
        if (entry.type != EntryType::CarryForward)
            continue;
        auto [it, inserted] = first_line.emplace(entry.date_s, entry.line);
        if (!inserted)
            d.add(file, entry.line,
                  "同一天已有一笔结转（第 " + std::to_string(it->second) + " 行）：每天只能有一个上期结余",
                  "another 结转 (carry-forward) has the same date (line " + std::to_string(it->second) +
                      "): a day has one balance brought forward");
    }
}

bool looks_like_image_path(const std::string& voucher)
{
    std::string lower = voucher;
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return lower.find('/') != std::string::npos || lower.find('\\') != std::string::npos ||
           lower.ends_with(".jpg") || lower.ends_with(".jpeg") || lower.ends_with(".png");
}

}  // namespace

void load_ledger(ContentFolder& folder, const MediaIndex& media, ContentSet& content)
{
    const std::string file = "finance/ledger.csv";
    std::optional<Sheet> sheet = read_sheet(folder, file, k_ledger_columns);
    if (!sheet)
        return;
    Diagnostics& d = folder.diagnostics();
    for (const CsvRow& row : sheet->rows) {
        LedgerEntry entry;
        entry.line = row.line;
        bool ok = true;
        std::string_view date = sheet->cell(row, Date);
        if (auto t = parse_sheet_date(date)) {
            entry.date_s = *t;
        } else {
            d.add(file, row.line, "日期无效 " + shown_value(date) + "（应写作 2026-11-25）",
                  "bad date " + shown_value(date) + " (write 2026-11-25)");
            ok = false;
        }
        std::string_view type = sheet->cell(row, Type);
        if (auto t = entry_type(type)) {
            entry.type = *t;
        } else {
            d.add(file, row.line, "类型 " + shown_value(type) + " 无效（应为 收入、支出 或 结转）",
                  "unknown type " + shown_value(type) +
                      " (must be income, expense or carry-forward, or 收入, 支出 or 结转)");
            ok = false;
        }
        const bool carry = entry.type == EntryType::CarryForward;
        entry.category = std::string(sheet->cell(row, Category));
        if (entry.category.empty() && carry)
            entry.category = k_carry_category;
        if (entry.category.empty()) {
            d.add(file, row.line, "科目为空", "category is empty");
            ok = false;
        }
        entry.description = std::string(sheet->cell(row, Description));
        std::string_view amount = sheet->cell(row, Amount);
        std::string ascii_minus;  // a debt brought forward typed with the full-width minus (－)
        if (carry && amount.starts_with("－")) {
            ascii_minus = "-" + std::string(amount.substr(3));
            amount = ascii_minus;
        }
        if (auto money = Money::parse_yuan(amount, carry)) {
            entry.amount = *money;
        } else if (Money::parse_yuan(amount, true) || amount.starts_with("-") || amount.starts_with("－")) {
            d.add(file, row.line, "金额不能为负数 " + shown_value(amount) + "（更正请记一笔相反类型的账）",
                  "negative amount " + shown_value(amount) + " (a correction is an entry of the other type)");
            ok = false;
        } else {
            d.add(file, row.line, "金额无法识别 " + shown_value(amount) + "（应写作 1234.50 或 1,234.50）",
                  "unparsable amount " + shown_value(amount) + " (write 1234.50 or 1,234.50)");
            ok = false;
        }
        entry.voucher = std::string(sheet->cell(row, Voucher));
        // A voucher with a slash or an image extension is meant as a photo; otherwise it is a
        // voucher number.
        if (looks_like_image_path(entry.voucher))
            check_media_reference(d, file, row.line, media, entry.voucher);
        if (ok)
            content.ledger.push_back(std::move(entry));
    }
    read_old_carry_forwards(d, file, content.ledger);
    check_one_carry_per_day(d, file, content.ledger);
}

}  // namespace linli::content
