// Content database benchmark (not a test): the load figure (1,000 notices, 100,000 ledger
// rows and 50 images of 1280x720 into content.db in under 3 s) and the cost of the ledger page
// queries behind the virtualised finance list. Prints the figures for the closing note.
// Usage: linli_content_bench [SCRATCH_DIR]   (default: a fresh directory under the system temp dir)

#include "core/finance.hpp"
#include "store/content_db.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

using namespace linli;
using namespace linli::store;

namespace {

constexpr int k_announcements = 1000;
constexpr int k_ledger_rows = 100000;
constexpr int k_images = 50;
constexpr int k_image_width = 1280;
constexpr int k_image_height = 720;
constexpr int k_load_runs = 3;
constexpr int k_query_runs = 100;
constexpr int k_page_rows = 50;
constexpr int64_t k_first_day_s = 1735660800;  // 2025-01-01 00:00 in UTC+8
constexpr int64_t k_day_s = 86400;

const char* const k_phrases[] = {
    "各位居民：", "因市政管网维修，", "本小区将于周六上午八点至下午六点停水。", "请提前做好储水准备。",
    "自管会将在各楼栋门口张贴最新通知，", "如有疑问请联系物业前台或楼栋长。", "感谢大家的理解与支持！",
    "本次维修涉及一号楼至六号楼，", "地下车库入口临时改道，", "请车主注意安全、减速慢行。",
};

const char* const k_categories[] = {"物业费", "停车费", "广告收入", "公共收益", "保洁", "绿化",
                                     "维修", "办公", "活动", "水电"};

double median(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

double time_ms(const std::function<void()>& run)
{
    auto start = std::chrono::steady_clock::now();
    run();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
}

// Any failure ends the benchmark: a figure measured after an error would mean nothing.
template <typename T>
T must(Result<T> result)
{
    if (!result) {
        std::fprintf(stderr, "content_bench: %s\n", result.error().message.c_str());
        std::exit(1);
    }
    return std::move(result).value();
}

void must(Status status)
{
    if (!status) {
        std::fprintf(stderr, "content_bench: %s\n", status.error().message.c_str());
        std::exit(1);
    }
}

ContentSet generate_content(std::mt19937_64& rng)
{
    ContentSet c;
    c.board.board = {"幸福里社区居民自管会", "幸福里社区", "周二、周四 19:00-21:00"};
    for (int i = 0; i < k_announcements; ++i) {
        Announcement a;
        a.notice.id = "notice-" + std::to_string(i);
        a.notice.title = "关于第" + std::to_string(i) + "号事项的通知";
        a.notice.category = i % 3 ? "通知" : "活动";
        while (a.notice.body.size() < 1024)
            a.notice.body += k_phrases[rng() % std::size(k_phrases)];
        a.notice.publish_s = k_first_day_s + int64_t(i) * k_day_s / 2;
        a.notice.pinned = i % 100 == 0;
        if (i % 10 == 0)
            a.extras.images.push_back("media/photo-" + std::to_string(i % k_images) + ".jpg");
        c.announcements.push_back(std::move(a));
    }
    for (int i = 0; i < k_ledger_rows; ++i) {
        LedgerEntry e;
        e.date_s = k_first_day_s + int64_t(rng() % (3 * 365)) * k_day_s;
        size_t category = rng() % std::size(k_categories);
        e.type = category < 4 ? EntryType::Income : EntryType::Expense;
        e.category = k_categories[category];
        e.description = std::string(k_phrases[rng() % std::size(k_phrases)]) + " 凭证" +
                        std::to_string(i);
        e.amount = Money::from_fen(int64_t(rng() % 500000));
        e.voucher = i % 7 ? "" : "media/voucher-" + std::to_string(i % k_images) + ".jpg";
        e.line = i + 2;
        c.ledger.push_back(std::move(e));
    }
    return c;
}

std::vector<StoredImage> generate_images(std::mt19937_64& rng)
{
    std::vector<StoredImage> images;
    for (int i = 0; i < k_images; ++i) {
        StoredImage image{"media/photo-" + std::to_string(i) + ".jpg", k_image_width,
                          k_image_height, {}};
        image.rgba.resize(size_t(k_image_width) * k_image_height * 4);
        uint64_t state = rng();
        for (size_t p = 0; p + 8 <= image.rgba.size(); p += 8) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            std::memcpy(&image.rgba[p], &state, 8);
        }
        images.push_back(std::move(image));
    }
    return images;
}

}  // namespace

int main(int argc, char** argv)
{
    namespace fs = std::filesystem;
    // Periods follow the board's calendar: measure in its zone.
    setenv("TZ", "Asia/Shanghai", 1);
    tzset();
    fs::path scratch = argc > 1 ? fs::path(argv[1])
                                : fs::temp_directory_path() /
                                      ("linli-content-bench-" + std::to_string(getpid()));
    fs::create_directories(scratch);

    std::mt19937_64 rng(20261125);
    std::printf("generating %d announcements, %d ledger rows, %d images of %dx%d RGBA...\n",
                k_announcements, k_ledger_rows, k_images, k_image_width, k_image_height);
    ContentSet content = generate_content(rng);
    std::vector<StoredImage> images = generate_images(rng);
    size_t body_bytes = 0;
    for (const Announcement& a : content.announcements)
        body_bytes += a.notice.body.size();
    std::printf("  announcement bodies: %.0f bytes on average\n",
                double(body_bytes) / double(content.announcements.size()));

    // [SECTION] Loading: open a fresh file, migrate, replace_content, close (checkpoint).
    std::vector<double> load_ms;
    std::vector<double> replace_ms;
    const std::string path = (scratch / "content.db").string();
    for (int run = 0; run < k_load_runs; ++run) {
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(path + suffix);
        double replace = 0;
        load_ms.push_back(time_ms([&] {
            Database db = must(open_content_db(path));
            replace = time_ms([&] { must(replace_content(db, content, &images, {1, 0, "bench"})); });
        }));
        replace_ms.push_back(replace);
    }
    std::printf("load into a fresh content.db (open + migrate + replace_content + close), median of "
                "%d: %.0f ms (replace_content alone %.0f ms); file %.1f MB\n",
                k_load_runs, median(load_ms), median(replace_ms),
                double(fs::file_size(path)) / 1e6);

    // The installer's fast path: a new file written once, then renamed over content.db.
    std::vector<double> build_ms;
    const std::string built_path = (scratch / "content.db.new").string();
    for (int run = 0; run < k_load_runs; ++run) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"})
            fs::remove(built_path + suffix);
        build_ms.push_back(
            time_ms([&] { must(build_content_db(built_path, content, &images, {1, 0, "bench"})); }));
    }
    std::printf("build_content_db into a new file (written once, rollback journal), median of %d: "
                "%.0f ms\n",
                k_load_runs, median(build_ms));
    fs::remove(built_path);

    // Replacing over existing content also deletes the old rows (secure_delete overwrites them).
    // A typical update changes a few notices and keeps the images, which are then not rewritten.
    Database db = must(open_content_db(path));
    content.announcements[0].notice.title += "（更新）";
    double again = time_ms([&] { must(replace_content(db, content, &images, {2, 0, "bench"})); });
    std::printf("replace_content in place, one notice changed, images the same: %.0f ms\n", again);
    for (StoredImage& image : images)
        image.rgba[0] ^= 0xFF;
    double all_new = time_ms([&] { must(replace_content(db, content, &images, {3, 0, "bench"})); });
    std::printf("replace_content in place, every image changed: %.0f ms\n", all_new);
    std::printf("  content.db-wal after it: %.1f MB\n", double(fs::file_size(path + "-wal")) / 1e6);

    // [SECTION] Ledger pages, as the virtualised list asks for them.
    auto time_page = [&](const LedgerFilter& filter, int64_t offset) {
        std::vector<double> samples;
        size_t rows = 0;
        for (int i = 0; i < k_query_runs; ++i)
            samples.push_back(time_ms([&] {
                rows = must(ledger_page(db, filter, offset, k_page_rows)).size();
            }));
        return std::pair(median(samples), rows);
    };
    int64_t total = must(ledger_count(db, {}));
    LedgerFilter by_category{std::nullopt, "物业费"};
    int64_t in_category = must(ledger_count(db, by_category));
    std::printf("ledger page of %d rows, median of %d (filter: rows it covers):\n", k_page_rows,
                k_query_runs);
    for (int64_t offset : {int64_t(0), int64_t(50000), int64_t(99950)}) {
        auto [ms, rows] = time_page({}, offset);
        std::printf("  no filter (%lld)       offset %6lld: %.3f ms, %zu rows\n", (long long)total,
                    (long long)offset, ms, rows);
    }
    // The category holds about a tenth of the rows, so its offsets are the same fractions of it.
    for (int64_t offset : {int64_t(0), in_category / 2, in_category - k_page_rows}) {
        auto [ms, rows] = time_page(by_category, offset);
        std::printf("  category 物业费 (%lld) offset %6lld: %.3f ms, %zu rows\n",
                    (long long)in_category, (long long)offset, ms, rows);
    }
    // Past the category's end: the same offsets as without a filter, as the brief lists them.
    for (int64_t offset : {int64_t(50000), int64_t(99950)}) {
        auto [ms, rows] = time_page(by_category, offset);
        std::printf("  category 物业费 (%lld) offset %6lld: %.3f ms, %zu rows (past the end)\n",
                    (long long)in_category, (long long)offset, ms, rows);
    }
    LedgerFilter year_and_category{Period::whole_year(2026), "保洁"};
    int64_t in_year = must(ledger_count(db, year_and_category));
    auto [year_ms, year_rows] = time_page(year_and_category, in_year / 2);
    std::printf("  2026 + 保洁 (%lld)     offset %6lld: %.3f ms, %zu rows\n", (long long)in_year,
                (long long)(in_year / 2), year_ms, year_rows);
    std::vector<double> count_ms;
    for (int i = 0; i < k_query_runs; ++i)
        count_ms.push_back(time_ms([&] { (void)must(ledger_count(db, year_and_category)); }));
    std::printf("ledger_count(2026 + 保洁), median of %d: %.3f ms\n", k_query_runs,
                median(count_ms));

    // [SECTION] What the finance screen and the start need besides pages.
    std::vector<LedgerEntry> all;
    double read_all = time_ms([&] { all = must(ledger_entries(db)); });
    linli::Statement year;  // the finance statement, not store::Statement
    double statement = time_ms([&] { year = compute_statement(all, Period::whole_year(2026)); });
    std::printf("ledger_entries (%zu rows): %.0f ms; compute_statement(2026): %.1f ms "
                "(closing %s)\n",
                all.size(), read_all, statement, year.closing.format().c_str());
    std::vector<double> start_ms;
    for (int i = 0; i < 10; ++i)
        start_ms.push_back(time_ms([&] {
            Database reader = must(Database::open(path, OpenMode::ReadOnly));
            (void)must(content_info(reader));
            (void)must(visible_announcements(reader, k_first_day_s + 400 * k_day_s));
            (void)must(ledger_count(reader, {}));
        }));
    std::printf("start: open + content_info + visible_announcements + ledger_count, median of 10: "
                "%.1f ms\n",
                median(start_ms));
    std::vector<double> image_ms;
    for (int i = 0; i < 10; ++i)
        image_ms.push_back(time_ms([&] { (void)must(image(db, "media/photo-7.jpg")); }));
    std::printf("image(1280x720 RGBA), median of 10: %.1f ms\n", median(image_ms));

    if (argc <= 1)
        fs::remove_all(scratch);
    return 0;
}
