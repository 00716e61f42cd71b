// A CSV file of the content folder read as a sheet: decoded (UTF-8, BOM, GB18030), split into
// rows, the header matched to known columns in English or Chinese in any order, and every data
// row checked for its column count. ledger.cpp and progress_sheets.cpp read their rows from here.
#pragma once

#include "content/csv_reader.hpp"
#include "content/paths.hpp"

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace linli::content {

struct SheetColumn {
    std::string_view en;  // "amount"
    std::string_view zh;  // "金额"
    bool required = true;
};

struct Sheet {
    std::string file;
    std::vector<CsvRow> rows;  // data rows with the right column count (others were reported)
    std::vector<int> column;   // for each SheetColumn, its index in a row, or -1 when absent

    // The trimmed cell of column c in row (empty when the column is absent).
    std::string_view cell(const CsvRow& row, size_t c) const;
};

constexpr int64_t k_max_sheet_bytes = 64 * 1024 * 1024;  // 100,000 ledger rows are ~10 MB

// Reads file (e.g. "finance/ledger.csv"); nothing when absent or unusable (reported unless
// absent). Unknown header names are reported with a did-you-mean.
std::optional<Sheet> read_sheet(ContentFolder& folder, const std::string& file,
                                std::span<const SheetColumn> columns);

}  // namespace linli::content
