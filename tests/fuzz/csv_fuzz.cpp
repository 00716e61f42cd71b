// Fuzz target for spreadsheet input: any bytes through encoding detection (UTF-8, BOM, GB18030 via
// iconv) and the CSV reader. Invariants: decoded text is valid UTF-8 without CR; rows start on
// increasing lines within the text; no field holds more bytes than the text.
#include "content/csv_reader.hpp"
#include "content/encoding.hpp"
#include "core/utf8.hpp"
#include "fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace linli::content;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::optional<DecodedText> decoded = decode_spreadsheet_text(bytes);
    if (!decoded)
        return 0;
    FUZZ_CHECK(linli::is_valid_utf8(decoded->text));
    FUZZ_CHECK(decoded->text.find('\r') == std::string::npos);
    const int lines = static_cast<int>(std::count(decoded->text.begin(), decoded->text.end(), '\n')) + 1;
    CsvTable table = read_csv(decoded->text);
    int previous = 0;
    for (const CsvRow& row : table.rows) {
        FUZZ_CHECK(row.line > previous && row.line <= lines);
        FUZZ_CHECK(!row.fields.empty());
        for (const std::string& f : row.fields)
            FUZZ_CHECK(f.size() <= decoded->text.size());
        previous = row.line;
    }
    FUZZ_CHECK(table.unterminated_quote_line >= 0 && table.unterminated_quote_line <= lines);
    return 0;
}
