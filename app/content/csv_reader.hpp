// CSV as Excel and WPS write it (RFC 4180 plus their habits): quoted fields may hold commas,
// doubled quotes and newlines; blank rows and rows of only commas are skipped. Input is UTF-8
// with LF line ends (encoding.hpp converts first). Each row keeps the line it starts on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace linli::content {

struct CsvRow {
    int line = 0;  // 1-based line where the row starts
    std::vector<std::string> fields;
};

struct CsvTable {
    std::vector<CsvRow> rows;  // the header is rows[0] when present
    int unterminated_quote_line = 0;  // nonzero: a quoted field opened there never closes
};

// Parses all rows; never fails: a quote left open swallows the rest, and is reported by line.
CsvTable read_csv(std::string_view text);

// A cell with surrounding spaces removed (quoted cells keep inner spaces; trimming is ours).
std::string_view trim_cell(std::string_view cell);

}  // namespace linli::content
