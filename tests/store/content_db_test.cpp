#include "store/content_db.hpp"

#include "store_test_support.hpp"

#include "../scoped_time_zone.hpp"
#include "../support/test_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <random>
#include <sstream>

using namespace linli;
using linli::test::k_day_s;
using linli::store::test::k_october_s;
using namespace linli::store;
using linli::store::test::count_rows;
using linli::store::test::require_intact;
using linli::store::test::TempDir;

namespace {

using ShanghaiTime = linli::test::ScopedTimeZone;


// [SECTION] Readable renderings, so a failed comparison shows which field differs.

std::string join(const std::vector<std::string>& values)
{
    std::string out = "[";
    for (const std::string& v : values)
        out += v + "|";
    return out + "]";
}

std::string describe(const Notice& n, const ItemExtras& x)
{
    std::ostringstream out;
    out << n.id << ";" << n.title << ";" << n.category << ";" << n.body << ";" << n.publish_s << ";"
        << n.expire_s << ";" << n.pinned << n.urgent << ";" << x.qr_url << ";" << x.qr_label << ";"
        << join(x.images);
    return out.str();
}

std::string describe(const Announcement& a) { return describe(a.notice, a.extras); }

std::string describe(const Recruitment& r)
{
    std::ostringstream out;
    out << describe(r.notice, r.extras) << ";" << join(r.requirements) << ";" << r.deadline_s << ";"
        << r.apply << ";" << r.apply_url << ";";
    for (const Position& p : r.positions)
        out << p.name << "x" << p.count << ",";
    return out.str();
}

std::string describe(const Document& d)
{
    return describe(d.notice, d.extras) + ";" + std::to_string(int(d.kind)) + ";" +
           std::to_string(d.comment_until_s);
}

std::string describe(const Meeting& m)
{
    return describe(m.notice, m.extras) + ";" + std::to_string(m.date_s) + ";" + m.location + ";" +
           std::to_string(int(m.kind)) + ";" + join(m.decisions);
}

std::string describe(const Task& t)
{
    std::ostringstream out;
    out << t.id << ";" << t.title << ";" << t.group << ";" << t.owner << ";" << int(t.status) << ";"
        << t.progress << ";" << t.due_s << ";" << t.updated_s;
    return out.str();
}

std::string describe(const Goal& g)
{
    return std::to_string(g.year) + ";" + g.goal + ";" + g.target + ";" + g.result + ";" + g.status;
}

std::string describe(const LedgerEntry& e)
{
    std::ostringstream out;
    out << e.date_s << ";" << int(e.type) << ";" << e.category << ";" << e.description << ";"
        << e.amount.fen() << ";" << e.voucher << ";" << e.line;
    return out.str();
}

std::string describe(const DeclaredPeriod& p)
{
    std::ostringstream out;
    out << p.period << ";" << p.has_opening << p.opening.fen() << ";" << p.has_closing
        << p.closing.fen();
    return out.str();
}

std::string describe(const BallotDefinition& b)
{
    std::ostringstream out;
    out << b.id << ";" << b.title << ";" << int(b.kind) << ";" << join(b.options) << ";"
        << b.max_choices << ";" << b.opens_s << ";" << b.closes_s << ";" << b.codes_required << ";"
        << b.quorum << ";" << (b.threshold.at_least ? ">=" : ">") << b.threshold.num << "/" << b.threshold.den << ";"
        << b.seats << ";" << b.description;
    for (const BallotQuestion& q : b.questions)
        out << ";Q:" << q.text << "," << int(q.kind) << "," << q.max_choices << "," << join(q.options);
    for (const Candidate& c : b.candidates) out << ";C:" << c.name << "," << c.photo << "," << c.bio;
    return out.str();
}

template <typename T>
std::vector<std::string> describe_all(const std::vector<T>& items)
{
    std::vector<std::string> out;
    for (const T& item : items)
        out.push_back(describe(item));
    return out;
}

// [SECTION] Sample content

Notice notice(std::string id, std::string title, int64_t publish_s, int64_t expire_s)
{
    Notice n;
    n.id = std::move(id);
    n.title = std::move(title);
    n.category = "通知";
    n.body = "## 标题\n\n正文第一段。\n\n- 一\n- 二\n";
    n.publish_s = publish_s;
    n.expire_s = expire_s;
    return n;
}

LedgerEntry ledger_entry(int64_t date_s, EntryType type, std::string category, int64_t fen,
                         int line)
{
    LedgerEntry e;
    e.date_s = date_s;
    e.type = type;
    e.category = std::move(category);
    e.description = "摘要 " + std::to_string(line);
    e.amount = Money::from_fen(fen);
    e.voucher = line % 2 ? "media/v" + std::to_string(line) + ".jpg" : "";
    e.line = line;
    return e;
}

ContentSet sample_content()
{
    ContentSet c;
    c.board.board = {"幸福里社区居民自管会", "幸福里社区", "周二、周四 19:00-21:00"};
    c.board.locale = "zh-CN";

    Announcement water{notice("water-outage", "停水通知", k_october_s - k_day_s, k_october_s + k_day_s), {}};
    water.notice.urgent = true;
    water.extras = {"https://example.org/w", "详情", {"media/water.jpg", "media/map.png"}};
    Announcement pinned{notice("rules", "文明公约", 0, 0), {}};
    pinned.notice.pinned = true;
    Announcement old{notice("old", "过期通知", k_october_s - 10 * k_day_s, k_october_s)};  // expired at now
    Announcement future{notice("future", "下周活动", k_october_s + 1, 0)};
    Announcement starts_now{notice("starts-now", "今日开始", k_october_s, 0)};
    c.announcements = {water, pinned, old, future, starts_now};

    Recruitment r;
    r.notice = notice("env-group", "招募环境组成员", k_october_s - k_day_s, 0);
    r.positions = {{"组长", 1}, {"组员", 4}};
    r.requirements = {"热心公益", "每周两小时"};
    r.deadline_s = k_october_s + 14 * k_day_s;
    r.apply = "到物业前台报名";
    r.apply_url = "https://example.org/apply";
    c.recruitment = {r};

    Document d;
    d.notice = notice("charter-draft", "自管会章程（征求意见稿）", 0, 0);
    d.kind = DocumentKind::CharterDraft;
    d.comment_until_s = k_october_s + 30 * k_day_s;
    Document rule;
    rule.notice = notice("parking", "停车规则", 0, 0);
    rule.kind = DocumentKind::Rule;
    c.documents = {d, rule};

    Meeting later;
    later.notice = notice("m2", "第二次会议", 0, 0);
    later.date_s = k_october_s + 7 * k_day_s;
    later.location = "活动室";
    later.kind = MeetingKind::Urgent;
    Meeting earlier;
    earlier.notice = notice("m1", "第一次会议", 0, 0);
    earlier.date_s = k_october_s - 7 * k_day_s;
    earlier.decisions = {"通过章程草案", "成立环境组"};
    c.meetings = {later, earlier};

    c.tasks = {{"t1", "清理楼道", "环境组", "张三", TaskStatus::Doing, 40, k_october_s, k_october_s - 5},
               {"t2", "更换路灯", "维修组", "李四", TaskStatus::Blocked, 0, 0, 0}};
    c.goals = {{2026, "楼道整洁", "每月两次", "完成 18 次", "进行中"}};

    c.ledger = {
        ledger_entry(k_october_s, EntryType::Expense, "保洁", 12345, 3),
        ledger_entry(k_october_s - k_day_s, EntryType::Income, "物业费", 500000, 2),
        ledger_entry(k_october_s, EntryType::Income, "广告收入", 1, 4),
    };
    c.periods = {{"2026-09", false, Money(), true, Money::from_fen(500000)},
                 {"2026-10", true, Money::from_fen(500000), false, Money()}};

    BallotDefinition motion;
    motion.id = "b-charter";
    motion.title = "通过章程";
    motion.kind = BallotKind::Motion;
    motion.codes_required = true;
    motion.quorum = 50;
    motion.threshold = {2, 3, true};
    motion.opens_s = k_october_s;
    motion.closes_s = k_october_s + 3 * k_day_s;
    BallotDefinition survey;
    survey.id = "a-survey";
    survey.title = "满意度调查";
    survey.kind = BallotKind::Survey;
    survey.questions = {{"保洁满意吗", QuestionKind::Single, {"满意", "一般", "不满意"}, 1},
                        {"打分", QuestionKind::Scale, {}, 1},
                        {"希望的活动", QuestionKind::Multi, {"读书会", "义诊"}, 2}};
    BallotDefinition multi;
    multi.id = "c-multi";
    multi.title = "选举";
    multi.kind = BallotKind::Multi;
    multi.options = {"王五", "赵六", "钱七"};
    multi.max_choices = 2;
    multi.seats = 2;
    multi.candidates = {{"王五", "media/map.png", "退休教师，楼长十年"}, {"钱七", "", ""}};
    c.ballots = {motion, survey, multi};
    BallotResult result;
    result.count.ballot = "c-multi";
    result.count.cast = 7;
    result.count.outcome = BallotOutcome::Tie;
    result.count.quorum_met = false;
    result.count.elected = {"王五"};
    result.count.tied = {"赵六", "钱七"};
    result.count.questions = {{"选举", {{"王五", 6}, {"赵六", 3}, {"钱七", 3}}, 1}};
    result.rule = "最后一个名额平票";
    result.turnout = {{"lobby-1", 4}, {"lobby-2", 3}};
    result.trackers = {"23456789", "ABCDEFGH"};
    c.ballot_results = {result};

    c.media = {{"media/water.jpg", 123456}, {"media/map.png", 42}};
    c.feedback = {{"环境卫生", "停车"}, "https://example.org/form"};
    c.public_replies = {{"环境卫生", "垃圾桶满了", "已加派清运", 1790000000}, {"", "", "谢谢", 0}};
    c.locked_replies = {{std::string(16, 'a'), std::string(16, 'b'), std::string(40, 'c')},
                        {std::string(16, '\x01'), std::string(16, '\0'), std::string(70, '\xff')}};
    return c;
}

StoredImage sample_image(std::string path, int width, int height, uint8_t seed)
{
    StoredImage image{std::move(path), width, height, {}};
    image.rgba.resize(size_t(width) * size_t(height) * 4);
    for (size_t i = 0; i < image.rgba.size(); ++i)
        image.rgba[i] = uint8_t(i * 31 + seed);
    return image;
}

// [SECTION] Whole-database views

std::vector<std::string> user_tables(Database& db)
{
    auto s = db.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name");
    REQUIRE(s);
    std::vector<std::string> names;
    while (*s->step())
        names.push_back(s->column_text(0));
    return names;
}

// Every row of every table, in primary-key order, blobs hashed: equal dumps mean equal content.
std::string dump(Database& db)
{
    std::string out;
    for (const std::string& table : user_tables(db)) {
        out += "== " + table + "\n";
        auto s = db.prepare("SELECT * FROM " + table);
        REQUIRE(s);
        auto count = db.prepare("SELECT count(*) FROM pragma_table_info('" + table + "')");
        REQUIRE(count);
        REQUIRE(*count->step());
        int columns = int(count->column_int64(0));
        while (*s->step()) {
            for (int c = 0; c < columns; ++c) {
                std::vector<uint8_t> bytes = s->column_blob(c);
                uint64_t hash = 1469598103934665603ULL;  // FNV-1a: enough to tell blobs apart
                for (uint8_t b : bytes)
                    hash = (hash ^ b) * 1099511628211ULL;
                out += bytes.size() > 64 ? std::to_string(hash) : s->column_text(c);
                out += "\t";
            }
            out += "\n";
        }
    }
    return out;
}


std::string file_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// [SECTION] Round trip and visibility

TEST_CASE("content round-trips through the content database", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    auto none = content_info(*db);
    REQUIRE(none);
    CHECK_FALSE(none->has_value());

    const ContentSet c = sample_content();
    std::vector<StoredImage> images = {sample_image("media/water.jpg", 4, 3, 1),
                                       sample_image("media/map.png", 1, 1, 2)};
    REQUIRE(replace_content(*db, c, &images, {7, 1790000000, "bundle"}));

    auto info = content_info(*db);
    REQUIRE(info);
    REQUIRE(info->has_value());
    CHECK((*info)->meta.version == 7);
    CHECK((*info)->meta.created_s == 1790000000);
    CHECK((*info)->meta.source == "bundle");
    CHECK((*info)->board.board.name == "幸福里社区居民自管会");
    CHECK((*info)->board.board.community == "幸福里社区");
    CHECK((*info)->board.board.contact == "周二、周四 19:00-21:00");
    CHECK((*info)->board.locale == "zh-CN");
    CHECK((*info)->ledger_entries == 3);

    // Visible at now: pinned first, then newest publish; "old" expired exactly now, "future"
    // starts a second later, "starts-now" starts exactly now.
    auto announcements = visible_announcements(*db, k_october_s);
    REQUIRE(announcements);
    CHECK(describe_all(*announcements) ==
          std::vector<std::string>{describe(c.announcements[1]), describe(c.announcements[4]),
                                   describe(c.announcements[0])});
    auto before = visible_announcements(*db, k_october_s - 1);
    REQUIRE(before);
    REQUIRE(before->size() == 3);
    CHECK((*before)[2].notice.id == "old");
    auto later = visible_announcements(*db, k_october_s + k_day_s);
    REQUIRE(later);
    REQUIRE(later->size() == 3);  // the water outage expired; "future" is out
    CHECK((*later)[1].notice.id == "future");

    auto recruitment = visible_recruitment(*db, k_october_s);
    REQUIRE(recruitment);
    CHECK(describe_all(*recruitment) == describe_all(c.recruitment));
    CHECK(visible_recruitment(*db, k_october_s - 2 * k_day_s)->empty());

    auto documents = visible_documents(*db, k_october_s);
    REQUIRE(documents);
    CHECK(describe_all(*documents) ==
          std::vector<std::string>{describe(c.documents[0]), describe(c.documents[1])});

    auto meetings = visible_meetings(*db, k_october_s);
    REQUIRE(meetings);
    CHECK(describe_all(*meetings) ==
          std::vector<std::string>{describe(c.meetings[1]), describe(c.meetings[0])});

    CHECK(describe_all(*tasks(*db)) == describe_all(c.tasks));
    CHECK(describe_all(*goals(*db)) == describe_all(c.goals));
    CHECK(describe_all(*declared_periods(*db)) == describe_all(c.periods));
    // Sorted by id: a-survey, b-charter, c-multi.
    CHECK(describe_all(*ballot_definitions(*db)) ==
          std::vector<std::string>{describe(c.ballots[1]), describe(c.ballots[0]),
                                   describe(c.ballots[2])});
    auto results = ballot_results(*db);
    REQUIRE(results);
    REQUIRE(results->size() == 1);
    const BallotResult& r = results->front();
    CHECK(r.count.ballot == "c-multi");
    CHECK(r.count.cast == 7);
    CHECK(r.count.outcome == BallotOutcome::Tie);
    CHECK_FALSE(r.count.quorum_met);
    CHECK(r.count.elected == std::vector<std::string>{"王五"});
    CHECK(r.count.tied == std::vector<std::string>{"赵六", "钱七"});
    REQUIRE(r.count.questions.size() == 1);
    CHECK(r.count.questions[0].text == "选举");
    CHECK(r.count.questions[0].unanswered == 1);
    REQUIRE(r.count.questions[0].options.size() == 3);
    CHECK(r.count.questions[0].options[2].label == "钱七");
    CHECK(r.count.questions[0].options[2].votes == 3);
    CHECK(r.rule == "最后一个名额平票");
    REQUIRE(r.turnout.size() == 2);
    CHECK(r.turnout[1].kiosk == "lobby-2");
    CHECK(r.turnout[1].ballots == 3);
    CHECK(r.trackers == std::vector<std::string>{"23456789", "ABCDEFGH"});
    auto media = media_files(*db);
    REQUIRE(media);
    REQUIRE(media->size() == 2);
    CHECK((*media)[0].path == "media/water.jpg");
    CHECK((*media)[0].bytes == 123456);

    // Chronological, ties in file order.
    CHECK(describe_all(*ledger_entries(*db)) ==
          std::vector<std::string>{describe(c.ledger[1]), describe(c.ledger[0]),
                                   describe(c.ledger[2])});
    CHECK(*ledger_categories(*db) == std::vector<std::string>{"保洁", "广告收入", "物业费"});

    // 意见箱: the topics and form, the public replies in order, the locked ones byte for byte.
    auto feedback = feedback_settings(*db);
    REQUIRE(feedback);
    CHECK(feedback->topics == c.feedback.topics);
    CHECK(feedback->online_url == c.feedback.online_url);
    auto pub = public_replies(*db);
    REQUIRE(pub);
    REQUIRE(pub->size() == 2);
    CHECK((*pub)[0].message == "垃圾桶满了");
    CHECK((*pub)[0].day_s == 1790000000);
    CHECK((*pub)[1].reply == "谢谢");
    auto locked = locked_replies(*db);
    REQUIRE(locked);
    REQUIRE(locked->size() == 2);
    CHECK((*locked)[1].salt == c.locked_replies[1].salt);
    CHECK((*locked)[1].lookup == c.locked_replies[1].lookup);
    CHECK((*locked)[1].box == c.locked_replies[1].box);

    auto water = image(*db, "media/water.jpg");
    REQUIRE(water);
    REQUIRE(water->has_value());
    CHECK((*water)->path == "media/water.jpg");
    CHECK((*water)->width == 4);
    CHECK((*water)->height == 3);
    CHECK((*water)->rgba == images[0].rgba);
    auto missing = image(*db, "media/none.jpg");
    REQUIRE(missing);
    CHECK_FALSE(missing->has_value());
    require_intact(*db);
}

TEST_CASE("the visibility query agrees with Notice::visible_at at every edge", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    // Schedules on a small grid of times, so "now" often lands exactly on publish or expire.
    std::mt19937_64 rng(11);
    ContentSet c;
    for (int i = 0; i < 300; ++i) {
        int64_t publish = rng() % 4 == 0 ? 0 : int64_t(rng() % 20);
        int64_t expire = rng() % 4 == 0 ? 0 : publish + 1 + int64_t(rng() % 10);
        c.announcements.push_back({notice("n" + std::to_string(i), "通知", publish, expire), {}});
    }
    REQUIRE(replace_content(*db, c));
    for (int64_t now = -1; now <= 32; ++now) {
        std::vector<std::string> expected;
        for (const Announcement& a : c.announcements)
            if (a.notice.visible_at(now))
                expected.push_back(a.notice.id);
        auto visible = visible_announcements(*db, now);
        REQUIRE(visible);
        std::vector<std::string> got;
        for (const Announcement& a : *visible)
            got.push_back(a.notice.id);
        std::sort(expected.begin(), expected.end());
        std::sort(got.begin(), got.end());
        INFO("now " << now);
        CHECK(got == expected);
    }
    require_intact(*db);
}

TEST_CASE("written replies (with their receipt codes) are never stored", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    ContentSet c = sample_content();
    AuthoredReply written;
    written.code = "ABCD2345";
    written.reply = "好的";
    c.authored_replies.push_back(written);
    auto refused = replace_content(*db, c, nullptr, {1, 10, "bundle"});
    REQUIRE_FALSE(refused);
    CHECK(refused.error().message.find("locked") != std::string::npos);
    CHECK_FALSE(content_info(*db)->has_value());
}

TEST_CASE("a replace leaves nothing of the previous content", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("content.db");
    {
        auto db = open_content_db(path);
        REQUIRE(db);
        std::vector<StoredImage> images = {sample_image("media/water.jpg", 2, 2, 1)};
        REQUIRE(replace_content(*db, sample_content(), &images, {1, 10, "bundle"}));
    }
    auto db = open_content_db(path);  // reopening migrates nothing twice
    REQUIRE(db);
    ContentSet empty;
    empty.board.board.name = "新的自管会";
    REQUIRE(replace_content(*db, empty, nullptr, {2, 20, "folder"}));
    // The WAL held both contents for a moment; replace_content gives the space back.
    CHECK(std::filesystem::file_size(path + "-wal") == 0);
    for (const std::string& table : user_tables(*db))
        CHECK(count_rows(*db, table) == (table == "content_meta" ? 1 : 0));
    auto info = content_info(*db);
    REQUIRE(info);
    CHECK((*info)->meta.version == 2);
    CHECK((*info)->board.board.name == "新的自管会");
    CHECK((*info)->ledger_entries == 0);
    CHECK(*ledger_count(*db, {}) == 0);
    CHECK(ledger_page(*db, {}, 0, 50)->empty());
    CHECK(visible_announcements(*db, k_october_s)->empty());
    require_intact(*db);
}

TEST_CASE("images are replaced as a set, unchanged ones are kept", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    const ContentSet c = sample_content();
    std::vector<StoredImage> first = {sample_image("media/a.png", 8, 8, 1),
                                      sample_image("media/b.png", 8, 8, 2),
                                      sample_image("media/gone.png", 2, 2, 3)};
    REQUIRE(replace_content(*db, c, &first));
    auto rowid_of = [&](const std::string& path) {
        auto s = db->prepare("SELECT rowid FROM image WHERE path = ?1");
        REQUIRE(s);
        REQUIRE(s->bind(1, path));
        REQUIRE(*s->step());
        return s->column_int64(0);
    };
    const int64_t a_rowid = rowid_of("media/a.png");

    std::vector<StoredImage> second = {sample_image("media/a.png", 8, 8, 1),   // unchanged
                                       sample_image("media/b.png", 8, 8, 9),   // new pixels
                                       sample_image("media/c.png", 4, 2, 4)};  // new
    REQUIRE(replace_content(*db, c, &second));
    CHECK(rowid_of("media/a.png") == a_rowid);  // kept, not rewritten
    for (const StoredImage& expected : second) {
        auto stored = image(*db, expected.path);
        REQUIRE(stored);
        REQUIRE(stored->has_value());
        CHECK((*stored)->width == expected.width);
        CHECK((*stored)->height == expected.height);
        CHECK((*stored)->rgba == expected.rgba);
    }
    CHECK_FALSE(image(*db, "media/gone.png")->has_value());
    CHECK(count_rows(*db, "image") == 3);

    // Same path, same bytes, other dimensions: a different image.
    std::vector<StoredImage> reshaped = {sample_image("media/c.png", 2, 4, 4)};
    REQUIRE(replace_content(*db, c, &reshaped));
    CHECK((*image(*db, "media/c.png"))->width == 2);
    CHECK(count_rows(*db, "image") == 1);

    REQUIRE(replace_content(*db, c));
    CHECK(count_rows(*db, "image") == 0);
    require_intact(*db);
}

TEST_CASE("an unchanged ledger is not rewritten, any change rewrites all of it", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    ContentSet c = sample_content();
    for (int i = 0; i < 1000; ++i)
        c.ledger.push_back(ledger_entry(k_october_s + (i % 40) * k_day_s, EntryType::Income, "停车费",
                                        1000 + i, 10 + i));
    REQUIRE(replace_content(*db, c));
    // A temporary trigger counts the rows replace_content writes into the ledger.
    REQUIRE(db->exec("CREATE TEMP TABLE written (n INTEGER); INSERT INTO temp.written VALUES (0);"
                     "CREATE TEMP TRIGGER count_ledger AFTER INSERT ON main.ledger_entry "
                     "BEGIN UPDATE written SET n = n + 1; END;"));
    auto written = [&] {
        auto s = db->prepare("SELECT n FROM temp.written");
        REQUIRE(s);
        REQUIRE(*s->step());
        int64_t n = s->column_int64(0);
        REQUIRE(db->exec("UPDATE temp.written SET n = 0"));
        return n;
    };
    const int64_t size = int64_t(c.ledger.size());

    c.announcements[0].notice.title = "停水通知（更新）";
    REQUIRE(replace_content(*db, c));
    CHECK(written() == 0);
    CHECK(describe_all(*ledger_entries(*db)).size() == size_t(size));

    c.ledger[500].description = "更正";
    REQUIRE(replace_content(*db, c));
    CHECK(written() == size);
    auto entries = ledger_entries(*db);
    REQUIRE(entries);
    CHECK(std::count_if(entries->begin(), entries->end(),
                        [](const LedgerEntry& e) { return e.description == "更正"; }) == 1);

    c.ledger.pop_back();  // the stored ledger has one row more than the new one
    REQUIRE(replace_content(*db, c));
    CHECK(written() == size - 1);
    CHECK(*ledger_count(*db, {}) == size - 1);

    c.ledger.push_back(ledger_entry(k_october_s + 100 * k_day_s, EntryType::Expense, "维修", 5, 9999));
    REQUIRE(replace_content(*db, c));  // one row fewer stored than given
    CHECK(written() == size);
    CHECK(*ledger_count(*db, {}) == size);
    CHECK(*ledger_count(*db, {std::nullopt, "维修"}) == 1);
    require_intact(*db);
}

// [SECTION] Atomicity

TEST_CASE("a replace that fails halfway leaves the old content byte-identical", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("content.db");
    std::vector<StoredImage> images = {sample_image("media/water.jpg", 64, 64, 1)};
    {
        auto db = open_content_db(path);
        REQUIRE(db);
        REQUIRE(replace_content(*db, sample_content(), &images, {1, 10, "bundle"}));
    }
    const std::string file_before = file_bytes(path);  // closing checkpointed the WAL into it

    // Each row: a content set whose writing fails part of the way through, and the error.
    ContentSet bad = sample_content();
    for (int i = 0; i < 2000; ++i)  // enough rows that the failure comes after real writes
        bad.ledger.push_back(ledger_entry(k_october_s + i, EntryType::Income, "物业费", 100, 10 + i));
    std::vector<StoredImage> new_images = {sample_image("media/new.jpg", 64, 64, 9)};
    std::string expected;
    const std::vector<StoredImage>* use_images = &new_images;
    SECTION("duplicate announcement id: a primary key violation in the first table written")
    {
        bad.announcements.push_back(bad.announcements[0]);
        expected = "store: content.db: UNIQUE constraint failed: item.kind, item.id (in: INSERT "
                   "INTO item (kind, id, title, category, body, publish_s)";
    }
    SECTION("a negative amount: a CHECK violation after the 2,000 ledger rows before it")
    {
        bad.ledger.push_back(ledger_entry(k_october_s + 5000, EntryType::Expense, "维修", -1, 9999));
        expected = "store: content.db: CHECK constraint failed: type = 2 OR amount_fen >= 0 (in: INSERT INTO "
                   "ledger_entry (pos, cat_pos, date_s, type, catego)";
    }
    SECTION("a duplicate ballot id, after items, ledger and tasks were written")
    {
        bad.ballots.push_back(bad.ballots[0]);
        expected = "store: content.db: UNIQUE constraint failed: ballot.id (in: INSERT INTO ballot "
                   "(id, title, kind, max_choices, opens_s, c)";
    }
    SECTION("an image whose size does not match its dimensions is refused before writing")
    {
        new_images[0].rgba.pop_back();
        expected = "store: content.db: image media/new.jpg: 16383 bytes is not 64x64 RGBA";
    }
    SECTION("an image path given twice is refused before writing")
    {
        new_images.push_back(new_images[0]);
        expected = "store: content.db: image media/new.jpg given twice";
    }
    SECTION("a progress value out of range")
    {
        use_images = nullptr;
        bad.tasks[1].progress = 101;
        expected = "store: content.db: CHECK constraint failed: progress BETWEEN 0 AND 100 (in: "
                   "INSERT INTO task (seq, id, title, group_name, owner, status,)";
    }
    {
        auto db = open_content_db(path);
        REQUIRE(db);
        const std::string dump_before = dump(*db);
        Status replaced = replace_content(*db, bad, use_images, {2, 20, "bundle"});
        REQUIRE_FALSE(replaced);
        CHECK(replaced.error().message == expected);
        CHECK_FALSE(db->in_transaction());
        CHECK(dump(*db) == dump_before);
        CHECK((*content_info(*db))->meta.version == 1);
        CHECK(*ledger_count(*db, {}) == 3);
        require_intact(*db);
    }
    CHECK(file_bytes(path) == file_before);
}

TEST_CASE("a reader sees the old content or the new, never a mix", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("content.db");
    auto writer = open_content_db(path);
    REQUIRE(writer);
    REQUIRE(replace_content(*writer, sample_content(), nullptr, {1, 10, "bundle"}));
    auto reader = Database::open(path, OpenMode::ReadOnly);
    REQUIRE(reader);

    ContentSet next;
    for (int i = 0; i < 500; ++i)
        next.ledger.push_back(ledger_entry(k_october_s + i, EntryType::Income, "停车费", 1000, i + 2));
    next.announcements.push_back({notice("new", "新通知", 0, 0), {}});

    // The reader's transaction holds its snapshot while the writer replaces everything.
    REQUIRE(reader->exec("BEGIN"));
    CHECK(*ledger_count(*reader, {}) == 3);
    REQUIRE(replace_content(*writer, next, nullptr, {2, 20, "bundle"}));
    CHECK(*ledger_count(*reader, {}) == 3);
    CHECK((*content_info(*reader))->meta.version == 1);
    CHECK(visible_announcements(*reader, k_october_s)->size() == 3);
    REQUIRE(reader->exec("COMMIT"));

    CHECK(*ledger_count(*reader, {}) == 500);
    CHECK((*content_info(*reader))->meta.version == 2);
    auto announcements = visible_announcements(*reader, k_october_s);
    REQUIRE(announcements);
    REQUIRE(announcements->size() == 1);
    CHECK((*announcements)[0].notice.id == "new");
    require_intact(*writer);
}

TEST_CASE("a content database built into a new file holds the same content", "[store]")
{
    TempDir dir;
    const ContentSet c = sample_content();
    std::vector<StoredImage> images = {sample_image("media/water.jpg", 32, 16, 3)};
    const std::string built_path = dir.file("content.db.new");
    REQUIRE(build_content_db(built_path, c, &images, {5, 50, "bundle"}));

    auto replaced = open_content_db(dir.file("content.db"));
    REQUIRE(replaced);
    REQUIRE(replace_content(*replaced, c, &images, {5, 50, "bundle"}));
    auto built = open_content_db(built_path);
    REQUIRE(built);
    CHECK(dump(*built) == dump(*replaced));
    auto mode = built->prepare("PRAGMA journal_mode");
    REQUIRE(mode);
    REQUIRE(*mode->step());
    CHECK(mode->column_text(0) == "wal");
    require_intact(*built);
    require_intact(*replaced);

    // Only new files: an existing one is never overwritten.
    Status again = build_content_db(built_path, ContentSet{});
    REQUIRE_FALSE(again);
    CHECK(again.error().message ==
          "store: " + built_path + ": already exists (content is built into a new file)");
    CHECK((*content_info(*built))->meta.version == 5);

    // A failed build leaves nothing behind that could be installed by mistake.
    ContentSet bad = c;
    bad.announcements.push_back(bad.announcements[0]);
    const std::string failed_path = dir.file("failed.db");
    Status failed = build_content_db(failed_path, bad, &images);
    REQUIRE_FALSE(failed);
    CHECK_THAT(failed.error().message, Catch::StartsWith("store: failed.db: UNIQUE constraint"));
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        CHECK_FALSE(std::filesystem::exists(failed_path + suffix));
}

// [SECTION] Ledger pages

TEST_CASE("ledger pages and counts match the filtered ledger at every offset", "[store]")
{
    ShanghaiTime zone;
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);

    // Entries in random order over 2025-11 .. 2027-02, several per day, so ties need file order.
    const std::vector<std::string> categories = {"物业费", "停车费", "保洁", "绿化", "维修"};
    std::mt19937_64 rng(7);
    ContentSet c;
    const int64_t first_day = Period::month(2025, 11).start_s();
    for (int i = 0; i < 3000; ++i) {
        int64_t day = int64_t(rng() % 480);
        c.ledger.push_back(ledger_entry(first_day + day * k_day_s,
                                        rng() % 2 ? EntryType::Income : EntryType::Expense,
                                        categories[rng() % 4],  // 维修 stays unused
                                        int64_t(rng() % 1000000), i + 2));
    }
    REQUIRE(replace_content(*db, c));

    std::vector<LedgerEntry> chronological = c.ledger;
    std::stable_sort(chronological.begin(), chronological.end(),
                     [](const LedgerEntry& a, const LedgerEntry& b) { return a.date_s < b.date_s; });

    std::vector<LedgerFilter> filters = {
        {},
        {Period::month(2026, 10), ""},
        {Period::quarter(2026, 1), ""},
        {Period::whole_year(2026), ""},
        {std::nullopt, "停车费"},
        {Period::month(2026, 2), "保洁"},
        {Period::whole_year(2026), "物业费"},
        {std::nullopt, "维修"},                // no entries in the category
        {Period::month(2030, 1), ""},          // after the ledger
        {Period::month(2020, 1), "保洁"},      // before the ledger
        {Period::month(2025, 11), "绿化"},     // the ledger's first month
        {std::nullopt, "不存在"},
    };
    for (const LedgerFilter& filter : filters) {
        std::vector<std::string> expected;
        for (const LedgerEntry& e : chronological)
            if ((!filter.period || filter.period->contains(e.date_s)) &&
                (filter.category.empty() || e.category == filter.category))
                expected.push_back(describe(e));
        INFO("filter " << (filter.period ? filter.period->format() : "-") << " " << filter.category);
        auto count = ledger_count(*db, filter);
        REQUIRE(count);
        CHECK(*count == int64_t(expected.size()));

        // Walk the whole list in pages of 37, as a virtualised list would, and check the edges.
        std::vector<std::string> walked;
        for (int64_t offset = 0; offset < *count; offset += 37) {
            auto page = ledger_page(*db, filter, offset, 37);
            REQUIRE(page);
            REQUIRE(!page->empty());
            for (const std::string& row : describe_all(*page))
                walked.push_back(row);
        }
        CHECK(walked == expected);
        CHECK(ledger_page(*db, filter, *count, 10)->empty());
        CHECK(ledger_page(*db, filter, *count + 1000, 10)->empty());
        CHECK(ledger_page(*db, filter, 0, 0)->empty());
        if (*count > 0) {
            auto last = ledger_page(*db, filter, *count - 1, 50);
            REQUIRE(last);
            REQUIRE(last->size() == 1);
            CHECK(describe(last->front()) == expected.back());
        }
    }
    CHECK(*ledger_categories(*db) == std::vector<std::string>{"保洁", "停车费", "物业费", "绿化"});
    require_intact(*db);
}

TEST_CASE("ledger page queries use the indexes, not a scan", "[store]")
{
    TempDir dir;
    auto db = open_content_db(dir.file("content.db"));
    REQUIRE(db);
    // The same statements content_queries.cpp runs; a schema change that loses an index shows here.
    auto plan = [&](const std::string& sql) { return store::test::query_plan(*db, sql); };
    const std::string columns =
        "SELECT date_s, type, category, description, amount_fen, voucher, line FROM ledger_entry ";
    CHECK_THAT(plan(columns + "WHERE pos >= ?1 AND pos < ?2 ORDER BY pos"),
               Catch::Contains("USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)"));
    CHECK_THAT(plan(columns + "WHERE category = ?3 AND cat_pos >= ?1 AND cat_pos < ?2 ORDER BY "
                              "cat_pos"),
               Catch::Contains("USING INDEX ledger_by_category (category=? AND cat_pos>? AND "
                               "cat_pos<?)"));
    CHECK_THAT(plan("SELECT pos FROM ledger_entry WHERE date_s >= ?1 ORDER BY date_s, pos LIMIT 1"),
               Catch::Contains("USING COVERING INDEX ledger_by_date (date_s>?)"));
    CHECK_THAT(plan("SELECT max(cat_pos) + 1 FROM ledger_entry WHERE category = ?1"),
               Catch::Contains("USING COVERING INDEX ledger_by_category"));
    CHECK_THAT(plan("SELECT max(pos) + 1 FROM ledger_entry"), !Catch::Contains("SCAN"));
    require_intact(*db);
}

TEST_CASE("content from newer software is refused", "[store]")
{
    TempDir dir;
    const std::string path = dir.file("content.db");
    {
        auto db = Database::open(path);
        REQUIRE(db);
        REQUIRE(db->exec("PRAGMA user_version = 99"));
    }
    auto db = open_content_db(path);
    REQUIRE_FALSE(db);
    CHECK(db.error().kind == ErrorKind::Rejected);
    CHECK(db.error().message ==
          "store: content.db: schema version 99 is newer than this kiosk understands (6)");
    auto raw = Database::open(path);
    REQUIRE(raw);
    require_intact(*raw);
}
