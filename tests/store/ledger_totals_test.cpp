// The ledger's sums in SQL (ledger_totals, ledger_balance_at) against core's sums over the entries
// in memory, at period edges and with open bounds; SQLite's "integer overflow" passed on, never
// wrapped; and the plans: index ranges and seeks, no sorter.

#include "store/content_db.hpp"

#include "store_test_support.hpp"

#include "../scoped_time_zone.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace linli;
using linli::test::k_day_s;
using namespace linli::store;
using linli::store::test::require_intact;
using linli::store::test::TempDir;

namespace {

using ShanghaiTime = linli::test::ScopedTimeZone;


LedgerEntry entry(int64_t date_s, EntryType type, std::string category, int64_t fen, int line)
{
    LedgerEntry e;
    e.date_s = date_s;
    e.type = type;
    e.category = std::move(category);
    e.description = "test";
    e.amount = Money::from_fen(fen);
    e.line = line;
    return e;
}

// One line per sum, sorted: ledger_totals promises no order.
std::vector<std::string> describe(const std::vector<CategorySum>& sums)
{
    std::vector<std::string> out;
    for (const CategorySum& s : sums)
        out.push_back(std::to_string(int(s.type)) + " " + s.category + " " +
                      std::to_string(s.amount.fen()) + " " + std::to_string(s.entries));
    std::sort(out.begin(), out.end());
    return out;
}

Money reference_net_before(const std::vector<LedgerEntry>& ledger, int64_t before_s)
{
    Money net;
    for (const LedgerEntry& e : ledger)
        if (e.date_s < before_s)
            net += e.type == EntryType::Income ? e.amount : Money() - e.amount;
    return net;
}

}  // namespace

TEST_CASE("ledger sums in SQL equal the sums over the entries, at every edge", "[store]")
{
    ShanghaiTime zone;
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    // Nothing stored yet: no sums, a zero balance.
    CHECK(ledger_totals(*db, std::nullopt, std::nullopt)->empty());
    CHECK(ledger_balance_at(*db, 0)->fen() == 0);

    const std::vector<std::string> categories = {"物业费", "停车费", "保洁", "绿化", "A", "a"};
    std::mt19937_64 rng(11);
    ContentSet c;
    const int64_t first_day = Period::month(2025, 1).start_s();
    for (int i = 0; i < 2000; ++i)
        c.ledger.push_back(entry(first_day + int64_t(rng() % 730) * k_day_s + int64_t(rng() % 3) - 1,
                                 rng() % 2 ? EntryType::Income : EntryType::Expense,
                                 categories[rng() % categories.size()], int64_t(rng() % 1000000),
                                 i + 2));
    std::vector<int64_t> edges;
    for (int year = 2025; year <= 2026; ++year)
        for (int m = 1; m <= 12; ++m) {
            int64_t start = Period::month(year, m).start_s();
            edges.push_back(start);
            c.ledger.push_back(entry(start, EntryType::Income, "物业费", 100, 0));
            c.ledger.push_back(entry(start - 1, EntryType::Expense, "保洁", 7, 0));
        }
    REQUIRE(replace_content(*db, c));

    const int64_t k_min = std::numeric_limits<int64_t>::min();
    const int64_t k_max = std::numeric_limits<int64_t>::max();
    edges.push_back(Period::month(2024, 6).start_s());  // before every entry
    edges.push_back(Period::month(2030, 6).start_s());  // after every entry
    for (int64_t from : edges) {
        INFO("from " << from);
        CHECK(*ledger_balance_at(*db, from) == reference_net_before(c.ledger, from));
        CHECK(*ledger_balance_at(*db, from) == balance_at(c.ledger, from));
        CHECK(describe(*ledger_totals(*db, from, std::nullopt)) ==
              describe(sum_by_category(c.ledger, from, k_max)));
        CHECK(describe(*ledger_totals(*db, std::nullopt, from)) ==
              describe(sum_by_category(c.ledger, k_min, from)));
        for (int64_t to : {from, from + 1, from + 31 * k_day_s, from + 92 * k_day_s, from - 1})
            CHECK(describe(*ledger_totals(*db, from, to)) ==
                  describe(sum_by_category(c.ledger, from, to)));
    }
    CHECK(describe(*ledger_totals(*db, std::nullopt, std::nullopt)) ==
          describe(sum_by_category(c.ledger, k_min, k_max)));
    require_intact(*db);
}

TEST_CASE("the balance in SQL starts again at each 结转, as core's balance_at does", "[store]")
{
    ShanghaiTime zone;
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    std::mt19937_64 rng(12);
    ContentSet c;
    const int64_t first_day = Period::month(2024, 1).start_s();
    for (int i = 0; i < 3000; ++i)
        c.ledger.push_back(entry(first_day + int64_t(rng() % 1096) * k_day_s,
                                 rng() % 2 ? EntryType::Income : EntryType::Expense, rng() % 2 ? "物业费" : "维修",
                                 int64_t(rng() % 1000000), i + 2));
    // One a year (one a debt), and one in the middle of a month; each on a day that has entries.
    const int64_t carries[] = {Period::month(2025, 1).start_s(), Period::month(2026, 1).start_s(),
                               Period::month(2026, 5).start_s() + 14 * k_day_s};
    const int64_t amounts[] = {1234567, -50000, 0};
    for (int i = 0; i < 3; ++i)
        c.ledger.push_back(entry(carries[i], EntryType::CarryForward, "上期结转", amounts[i], 5000 + i));
    REQUIRE(replace_content(*db, c));

    for (int64_t at : {first_day - 1, first_day, carries[0] - 1, carries[0], carries[0] + 1, carries[0] + k_day_s,
                       carries[1], carries[1] + 5 * k_day_s, carries[2] - k_day_s, carries[2], carries[2] + k_day_s,
                       Period::month(2030, 1).start_s()}) {
        INFO("at " << at);
        CHECK(*ledger_balance_at(*db, at) == balance_at(c.ledger, at));
    }
    // On its own date the balance is the carried amount, whatever that day's entries are.
    CHECK(ledger_balance_at(*db, carries[1])->fen() == -50000);
    CHECK(ledger_balance_at(*db, carries[2])->fen() == 0);
    // The sums never include a 结转: its category has no income or expense.
    auto sums = ledger_totals(*db, std::nullopt, std::nullopt);
    REQUIRE(sums);
    CHECK(sums->size() == 4);
    for (const CategorySum& sum : *sums)
        CHECK(sum.category != "上期结转");
    require_intact(*db);
}

TEST_CASE("ledger sums past 64-bit fen fail with SQLite's integer overflow", "[store]")
{
    ShanghaiTime zone;
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    // Near the largest amount parse_yuan accepts; ten fit in 64 bits (9.0e18 < 9.22e18), eleven do not.
    const int64_t big = 900'000'000'000'000'000;
    const int64_t october = Period::month(2026, 10).start_s();
    ContentSet c;
    for (int i = 0; i < 10; ++i) {
        c.ledger.push_back(entry(october, EntryType::Income, "捐赠", big, i + 2));
        c.ledger.push_back(entry(october + k_day_s, EntryType::Expense, "维修", big, i + 20));
    }
    REQUIRE(replace_content(*db, c));
    // Each side fits, so the balance does, whatever order the entries are added in.
    CHECK(ledger_balance_at(*db, october + 2 * k_day_s)->fen() == 0);
    CHECK(ledger_balance_at(*db, october + k_day_s)->fen() == 10 * big);
    auto sums = ledger_totals(*db, october, std::nullopt);
    REQUIRE(sums);
    CHECK(describe(*sums) == std::vector<std::string>{"0 捐赠 9000000000000000000 10",
                                                      "1 维修 9000000000000000000 10"});

    c.ledger.push_back(entry(october, EntryType::Income, "捐赠", big, 40));
    REQUIRE(replace_content(*db, c));
    auto net = ledger_balance_at(*db, october + k_day_s);
    REQUIRE_FALSE(net);
    CHECK_THAT(net.error().message, Catch::Contains("integer overflow"));
    auto totals = ledger_totals(*db, std::nullopt, std::nullopt);
    REQUIRE_FALSE(totals);
    CHECK_THAT(totals.error().message, Catch::Contains("integer overflow"));
    // Sums that do not include the eleventh entry are still fine.
    CHECK(ledger_totals(*db, october + k_day_s, std::nullopt));
    require_intact(*db);
}

TEST_CASE("ledger sums read index ranges and seeks, never sort", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    // The statements content_queries.cpp runs. A GROUP BY would sort every entry of a year (a
    // sorter the size of the cache, then a temporary file): these must not.
    auto plan = [&](const std::string& sql) { return store::test::query_plan(*db, sql); };
    const std::string sums =
        "SELECT sum(CASE type WHEN ?4 THEN amount_fen END), count(CASE type WHEN ?4 THEN 1 END), "
        "sum(CASE type WHEN ?5 THEN amount_fen END), count(CASE type WHEN ?5 THEN 1 END) "
        "FROM ledger_entry INDEXED BY ledger_by_category_date WHERE category = ?1";
    std::string bounded = plan(sums + " AND date_s >= ?2 AND date_s < ?3");
    CHECK_THAT(bounded, Catch::Contains("USING INDEX ledger_by_category_date (category=? AND "
                                        "date_s>? AND date_s<?)"));
    CHECK_THAT(bounded, !Catch::Contains("TEMP B-TREE"));
    CHECK_THAT(plan("SELECT min(category) FROM ledger_entry WHERE category > ?1"),
               Catch::Contains("SEARCH ledger_entry USING COVERING INDEX ledger_by_category"));
    std::string net = plan(
        "SELECT sum(CASE type WHEN ?2 THEN amount_fen END), sum(CASE type WHEN ?3 THEN amount_fen END) "
        "FROM ledger_entry WHERE date_s < ?1");
    CHECK_THAT(net, !Catch::Contains("TEMP B-TREE"));
    require_intact(*db);
}
