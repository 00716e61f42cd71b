// Sheet reading: encoding, header mapping, column counts.
#include "content/sheet.hpp"

#include "content/encoding.hpp"

namespace linli::content {

std::string_view Sheet::cell(const CsvRow& row, size_t c) const
{
    int index = c < column.size() ? column[c] : -1;
    if (index < 0 || static_cast<size_t>(index) >= row.fields.size())
        return {};
    return trim_cell(row.fields[static_cast<size_t>(index)]);
}

namespace {

std::string lower_ascii(std::string_view s)
{
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Columns past the header that Excel leaves behind as empty cells are not an error.
size_t used_width(const std::vector<std::string>& fields)
{
    size_t n = fields.size();
    while (n > 0 && trim_cell(fields[n - 1]).empty())
        --n;
    return n;
}

}  // namespace

std::optional<Sheet> read_sheet(ContentFolder& folder, const std::string& file,
                                std::span<const SheetColumn> columns)
{
    if (!folder.exists(file))
        return std::nullopt;
    Diagnostics& d = folder.diagnostics();
    std::optional<std::string> bytes = folder.read(file, k_max_sheet_bytes);
    if (!bytes)
        return std::nullopt;
    std::optional<DecodedText> decoded = decode_spreadsheet_text(*bytes);
    if (!decoded) {
        d.add(file, 0, "编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV",
              "unknown text encoding: save it as CSV in UTF-8 or GBK");
        return std::nullopt;
    }
    CsvTable table = read_csv(decoded->text);
    if (table.unterminated_quote_line > 0)
        d.add(file, table.unterminated_quote_line, "引号没有闭合（从这一行开始的字段缺少结尾的 \"）",
              "quote not closed (the field starting on this line has no closing \")");
    if (table.rows.empty()) {
        d.add(file, 1, "缺少表头行", "missing the header row");
        return std::nullopt;
    }

    Sheet sheet;
    sheet.file = file;
    sheet.column.assign(columns.size(), -1);
    const CsvRow& header = table.rows[0];
    std::vector<std::string_view> names;
    for (const SheetColumn& c : columns) {
        names.push_back(c.en);
        names.push_back(c.zh);
    }
    bool header_ok = true;
    size_t width = used_width(header.fields);
    for (size_t i = 0; i < width; ++i) {
        std::string name = lower_ascii(trim_cell(header.fields[i]));
        bool found = false;
        for (size_t c = 0; c < columns.size() && !found; ++c) {
            if (name == columns[c].en || name == columns[c].zh) {
                found = true;
                if (sheet.column[c] >= 0) {
                    d.add(file, header.line, "表头中 " + name + " 列重复", "column " + name + " appears twice in the header");
                    header_ok = false;
                }
                sheet.column[c] = static_cast<int>(i);
            }
        }
        if (!found) {
            std::string_view guess = closest_name(name, names);
            std::string zh = "表头中有未知的列 " + shown_value(name);
            std::string en = "unknown column " + shown_value(name) + " in the header";
            if (!guess.empty()) {
                zh += "（是不是 " + std::string(guess) + "？）";
                en += " (did you mean " + std::string(guess) + "?)";
            }
            d.add(file, header.line, zh, en);
            header_ok = false;
        }
    }
    for (size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].required && sheet.column[c] < 0) {
            d.add(file, header.line, "表头缺少 " + std::string(columns[c].en) + "（" + std::string(columns[c].zh) + "）列",
                  "the header lacks the column " + std::string(columns[c].en) + " (" + std::string(columns[c].zh) + ")");
            header_ok = false;
        }
    }
    if (!header_ok)
        return std::nullopt;  // rows cannot be read against a header we do not understand

    for (size_t r = 1; r < table.rows.size(); ++r) {
        CsvRow& row = table.rows[r];
        size_t n = used_width(row.fields);
        if (n > width || (row.fields.size() < width)) {
            size_t shown = row.fields.size() < width ? row.fields.size() : n;
            d.add(file, row.line,
                  "这一行有 " + std::to_string(shown) + " 列，表头有 " + std::to_string(width) + " 列",
                  "row has " + std::to_string(shown) + " columns, the header has " + std::to_string(width));
            continue;
        }
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

}  // namespace linli::content
