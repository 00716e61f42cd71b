// The CSV reader and the encoding detection on their own: what Excel and WPS write.
#include "content/csv_reader.hpp"
#include "content/encoding.hpp"

#include <catch2/catch.hpp>

using namespace linli::content;

TEST_CASE("csv: quoted fields keep commas, doubled quotes and newlines", "[content]")
{
    CsvTable t = read_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,row,here");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[1].fields == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK(t.rows[1].line == 2);
    CHECK(t.rows[2].line == 4);  // the quoted newline counted
    CHECK(t.rows[2].fields == std::vector<std::string>{"last", "row", "here"});
    CHECK(t.unterminated_quote_line == 0);
}

TEST_CASE("csv: blank rows and rows of only commas are skipped, empty fields kept", "[content]")
{
    CsvTable t = read_csv("a,b\n\n,\n1,\n,2\n");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[1].fields == std::vector<std::string>{"1", ""});
    CHECK(t.rows[2].fields == std::vector<std::string>{"", "2"});
    CHECK(t.rows[2].line == 5);
}

TEST_CASE("csv: an open quote is reported at its line", "[content]")
{
    CsvTable t = read_csv("a\n\"never\nclosed\n");
    CHECK(t.unterminated_quote_line == 2);
}

TEST_CASE("encoding: UTF-8, BOM, GBK and CRLF", "[content]")
{
    auto plain = decode_spreadsheet_text("日期\r\nx\ry\n");
    REQUIRE(plain);
    CHECK(plain->encoding == TextEncoding::Utf8);
    CHECK(plain->text == "日期\nx\ny\n");

    auto bom = decode_spreadsheet_text("\xEF\xBB\xBF" "a,b\r\n");
    REQUIRE(bom);
    CHECK(bom->encoding == TextEncoding::Utf8WithBom);
    CHECK(bom->text == "a,b\n");

    auto gbk = decode_spreadsheet_text("\xC8\xD5\xC6\xDA,\xCA\xD5\xC8\xEB\r\n");  // 日期,收入
    REQUIRE(gbk);
    CHECK(gbk->encoding == TextEncoding::Gb18030);
    CHECK(gbk->text == "日期,收入\n");

    // After a BOM the bytes must be UTF-8; a truncated GBK pair is neither.
    CHECK_FALSE(decode_spreadsheet_text("\xEF\xBB\xBF\xC8\xD5"));
    CHECK_FALSE(decode_spreadsheet_text("abc\xC8"));
}

TEST_CASE("encoding: invalid UTF-8 in a text file is found on its line", "[content]")
{
    int line = 0;
    CHECK_FALSE(decode_utf8_text("a\nb\n\xC3(\n", line));
    CHECK(line == 3);
    line = 0;
    auto ok = decode_utf8_text("\xEF\xBB\xBF" "a\r\n\xEF\xBF\xBD\n", line);  // a real U+FFFD is fine
    REQUIRE(ok);
    CHECK(*ok == "a\n\xEF\xBF\xBD\n");
}
