// CSV state machine. Excel writes a quote inside a quoted field as "" and never quotes a field
// half-way; a stray quote in the middle of an unquoted field is kept as text, as Excel reads it.
#include "content/csv_reader.hpp"

namespace linli::content {

std::string_view trim_cell(std::string_view cell)
{
    while (!cell.empty() && (cell.front() == ' ' || cell.front() == '\t'))
        cell.remove_prefix(1);
    while (!cell.empty() && (cell.back() == ' ' || cell.back() == '\t'))
        cell.remove_suffix(1);
    return cell;
}

namespace {

bool all_empty(const std::vector<std::string>& fields)
{
    for (const std::string& f : fields)
        if (!trim_cell(f).empty())
            return false;
    return true;
}

}  // namespace

CsvTable read_csv(std::string_view text)
{
    CsvTable table;
    CsvRow row;
    std::string field;
    int line = 1;
    row.line = 1;
    bool in_quotes = false;
    bool field_started_quoted = false;
    int quote_line = 0;

    auto end_field = [&] {
        row.fields.push_back(std::move(field));
        field.clear();
        field_started_quoted = false;
    };
    auto end_row = [&](int next_line) {
        end_field();
        if (!all_empty(row.fields))
            table.rows.push_back(std::move(row));
        row = CsvRow{};
        row.line = next_line;
    };

    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else {
                if (c == '\n')
                    ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && field.empty() && !field_started_quoted) {
            in_quotes = true;
            field_started_quoted = true;
            quote_line = line;
        } else if (c == ',') {
            end_field();
        } else if (c == '\n') {
            ++line;
            end_row(line);
        } else {
            field += c;
        }
    }
    if (in_quotes)
        table.unterminated_quote_line = quote_line;
    if (!field.empty() || !row.fields.empty() || field_started_quoted)
        end_row(line);
    return table;
}

}  // namespace linli::content
