// finance/ledger.csv: the accounts residents read. Every row must be exact: a date, income or
// expense, an amount in yuan with at most two decimals that is never negative (a correction is an
// entry of the other type, so the books show it), and a voucher that exists when it is a photo.
#include "content/dates.hpp"
#include "content/loaders.hpp"
#include "content/sheet.hpp"

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
    return std::nullopt;
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
            d.add(file, row.line, "类型 " + shown_value(type) + " 无效（应为 收入 或 支出）",
                  "unknown type " + shown_value(type) + " (must be income or expense, or 收入 or 支出)");
            ok = false;
        }
        entry.category = std::string(sheet->cell(row, Category));
        if (entry.category.empty()) {
            d.add(file, row.line, "科目为空", "category is empty");
            ok = false;
        }
        entry.description = std::string(sheet->cell(row, Description));
        std::string_view amount = sheet->cell(row, Amount);
        if (auto money = Money::parse_yuan(amount)) {
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
}

}  // namespace linli::content
