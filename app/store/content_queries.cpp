// The content database's queries (the reading half of content_db.hpp; the schema and
// replace_content are in content_db.cpp).
//
// Index
//   [SECTION] Items
//   [SECTION] Progress, periods, ballots, media
//   [SECTION] Ledger
//   [SECTION] Images and metadata

#include "store/content_db.hpp"


#include <algorithm>
#include <cassert>
#include <limits>
#include <map>
#include <utility>

namespace linli::store {

// [SECTION] Items

namespace {

struct ListKey {
    std::string owner_id;
    int part;
    std::string list;
    auto operator<=>(const ListKey&) const = default;
};

struct ListRow {
    std::string text;
    int64_t number;
};

// Every list value of one owner kind, grouped: one query instead of one per item.
Result<std::map<ListKey, std::vector<ListRow>>> read_lists(Database& db, std::string_view owner_kind)
{
    Statement s = TRY(db.prepare(
        "SELECT owner_id, part, list, text, number FROM list_value WHERE owner_kind = ?1 "
        "ORDER BY owner_id, part, list, seq"));
    TRY_STATUS(s.bind(1, owner_kind));
    std::map<ListKey, std::vector<ListRow>> lists;
    while (TRY(s.step()))
        lists[{s.column_text(0), int(s.column_int64(1)), s.column_text(2)}].push_back(
            {s.column_text(3), s.column_int64(4)});
    return lists;
}

std::vector<std::string> texts(const std::map<ListKey, std::vector<ListRow>>& lists,
                               const std::string& owner_id, int part, std::string_view list)
{
    std::vector<std::string> out;
    auto found = lists.find({owner_id, part, std::string(list)});
    if (found != lists.end())
        for (const ListRow& row : found->second)
            out.push_back(row.text);
    return out;
}

// One item row with the columns of every kind; each query keeps what its kind has.
struct ItemRow {
    Notice notice;
    ItemExtras extras;
    int64_t deadline_s = 0;
    std::string apply;
    std::string apply_url;
    int doc_kind = 0;
    int64_t comment_until_s = 0;
    int64_t date_s = 0;
    std::string location;
    int meeting_kind = 0;
};

Result<std::vector<ItemRow>> read_items(Database& db, std::string_view kind, int64_t now_s,
                                        std::string_view order_by)
{
    // Same rule as Notice::visible_at: publish inclusive, expire exclusive, 0 = unset.
    Statement s = TRY(db.prepare(
        "SELECT id, title, category, body, publish_s, expire_s, pinned, urgent, qr_url, qr_label, "
        "deadline_s, apply, apply_url, doc_kind, comment_until_s, date_s, location, meeting_kind "
        "FROM item WHERE kind = ?1 AND (?3 OR ((publish_s = 0 OR publish_s <= ?2) "
        "AND (expire_s = 0 OR ?2 < expire_s))) ORDER BY " +
        std::string(order_by)));
    TRY_STATUS(s.bind(3, int64_t(now_s == k_any_time)));
    TRY_STATUS(s.bind(1, kind));
    TRY_STATUS(s.bind(2, now_s));
    auto lists = TRY(read_lists(db, kind));
    std::vector<ItemRow> rows;
    while (TRY(s.step())) {
        ItemRow r;
        r.notice.id = s.column_text(0);
        r.notice.title = s.column_text(1);
        r.notice.category = s.column_text(2);
        r.notice.body = s.column_text(3);
        r.notice.publish_s = s.column_int64(4);
        r.notice.expire_s = s.column_int64(5);
        r.notice.pinned = s.column_int64(6) != 0;
        r.notice.urgent = s.column_int64(7) != 0;
        r.extras.qr_url = s.column_text(8);
        r.extras.qr_label = s.column_text(9);
        r.extras.images = texts(lists, r.notice.id, 0, "images");
        r.deadline_s = s.column_int64(10);
        r.apply = s.column_text(11);
        r.apply_url = s.column_text(12);
        r.doc_kind = int(s.column_int64(13));
        r.comment_until_s = s.column_int64(14);
        r.date_s = s.column_int64(15);
        r.location = s.column_text(16);
        r.meeting_kind = int(s.column_int64(17));
        rows.push_back(std::move(r));
    }
    return rows;
}

constexpr std::string_view k_notice_order = "pinned DESC, publish_s DESC, id";

}  // namespace

Result<std::vector<Announcement>> visible_announcements(Database& db, int64_t now_s)
{
    auto rows = TRY(read_items(db, "announcement", now_s, k_notice_order));
    std::vector<Announcement> out;
    out.reserve(rows.size());
    for (ItemRow& r : rows)
        out.push_back({std::move(r.notice), std::move(r.extras)});
    return out;
}

Result<std::vector<Recruitment>> visible_recruitment(Database& db, int64_t now_s)
{
    auto rows = TRY(read_items(db, "recruitment", now_s, k_notice_order));
    auto lists = TRY(read_lists(db, "recruitment"));
    std::vector<Recruitment> out;
    for (ItemRow& r : rows) {
        Recruitment item;
        item.requirements = texts(lists, r.notice.id, 0, "requirements");
        if (auto found = lists.find({r.notice.id, 0, "positions"}); found != lists.end())
            for (const ListRow& row : found->second)
                item.positions.push_back({row.text, int(row.number)});
        item.notice = std::move(r.notice);
        item.extras = std::move(r.extras);
        item.deadline_s = r.deadline_s;
        item.apply = std::move(r.apply);
        item.apply_url = std::move(r.apply_url);
        out.push_back(std::move(item));
    }
    return out;
}

Result<std::vector<Document>> visible_documents(Database& db, int64_t now_s)
{
    auto rows = TRY(read_items(db, "document", now_s, k_notice_order));
    std::vector<Document> out;
    for (ItemRow& r : rows) {
        Document item;
        item.notice = std::move(r.notice);
        item.extras = std::move(r.extras);
        item.kind = DocumentKind(r.doc_kind);
        item.comment_until_s = r.comment_until_s;
        out.push_back(std::move(item));
    }
    return out;
}

Result<std::vector<Meeting>> visible_meetings(Database& db, int64_t now_s)
{
    auto rows = TRY(read_items(db, "meeting", now_s, "date_s, id"));
    auto lists = TRY(read_lists(db, "meeting"));
    std::vector<Meeting> out;
    for (ItemRow& r : rows) {
        Meeting item;
        item.decisions = texts(lists, r.notice.id, 0, "decisions");
        item.notice = std::move(r.notice);
        item.extras = std::move(r.extras);
        item.date_s = r.date_s;
        item.location = std::move(r.location);
        item.kind = MeetingKind(r.meeting_kind);
        out.push_back(std::move(item));
    }
    return out;
}

// [SECTION] Progress, periods, ballots, media

Result<std::vector<Task>> tasks(Database& db)
{
    Statement s = TRY(db.prepare(
        "SELECT id, title, group_name, owner, status, progress, due_s, updated_s FROM task "
        "ORDER BY seq"));
    std::vector<Task> out;
    while (TRY(s.step())) {
        Task t;
        t.id = s.column_text(0);
        t.title = s.column_text(1);
        t.group = s.column_text(2);
        t.owner = s.column_text(3);
        t.status = TaskStatus(s.column_int64(4));
        t.progress = int(s.column_int64(5));
        t.due_s = s.column_int64(6);
        t.updated_s = s.column_int64(7);
        out.push_back(std::move(t));
    }
    return out;
}

Result<std::vector<Goal>> goals(Database& db)
{
    Statement s =
        TRY(db.prepare("SELECT year, goal, target, result, status FROM goal ORDER BY seq"));
    std::vector<Goal> out;
    while (TRY(s.step()))
        out.push_back({int(s.column_int64(0)), s.column_text(1), s.column_text(2),
                       s.column_text(3), s.column_text(4)});
    return out;
}

Result<std::vector<DeclaredPeriod>> declared_periods(Database& db)
{
    Statement s = TRY(db.prepare(
        "SELECT period, has_opening, opening_fen, has_closing, closing_fen FROM declared_period "
        "ORDER BY seq"));
    std::vector<DeclaredPeriod> out;
    while (TRY(s.step()))
        out.push_back({s.column_text(0), s.column_int64(1) != 0, Money::from_fen(s.column_int64(2)),
                       s.column_int64(3) != 0, Money::from_fen(s.column_int64(4))});
    return out;
}

Result<std::vector<BallotDefinition>> ballot_definitions(Database& db)
{
    Statement s = TRY(db.prepare(
        "SELECT id, title, kind, max_choices, opens_s, closes_s, codes_required, quorum, "
        "threshold_num, threshold_den, description, seats, threshold_at_least FROM ballot ORDER BY id"));
    Statement questions = TRY(db.prepare(
        "SELECT ballot_id, seq, text, kind, max_choices FROM ballot_question ORDER BY ballot_id, seq"));
    Statement candidates = TRY(db.prepare(
        "SELECT ballot_id, name, photo, bio FROM ballot_candidate ORDER BY ballot_id, seq"));
    auto options = TRY(read_lists(db, "ballot"));
    auto question_options = TRY(read_lists(db, "question"));

    std::map<std::string, std::vector<BallotQuestion>> by_ballot;
    while (TRY(questions.step())) {
        std::string ballot_id = questions.column_text(0);
        int seq = int(questions.column_int64(1));
        BallotQuestion q{questions.column_text(2), QuestionKind(questions.column_int64(3)),
                         texts(question_options, ballot_id, seq, "options"), int(questions.column_int64(4))};
        q.max_choices = std::min<int>(q.max_choices, std::max<int>(1, int(q.options.size())));
        by_ballot[ballot_id].push_back(std::move(q));
    }
    std::map<std::string, std::vector<Candidate>> candidates_of;
    while (TRY(candidates.step()))
        candidates_of[candidates.column_text(0)].push_back(
            {candidates.column_text(1), candidates.column_text(2), candidates.column_text(3)});
    std::vector<BallotDefinition> out;
    while (TRY(s.step())) {
        BallotDefinition b;
        b.id = s.column_text(0);
        b.title = s.column_text(1);
        b.kind = BallotKind(s.column_int64(2));
        b.options = texts(options, b.id, 0, "options");
        b.max_choices = int(s.column_int64(3));
        b.opens_s = s.column_int64(4);
        b.closes_s = s.column_int64(5);
        b.codes_required = s.column_int64(6) != 0;
        b.quorum = int(s.column_int64(7));
        b.threshold.num = int(s.column_int64(8));
        b.threshold.den = int(s.column_int64(9));
        b.description = s.column_text(10);
        b.seats = int(s.column_int64(11));
        b.threshold.at_least = s.column_int64(12) != 0;
        if (auto found = by_ballot.find(b.id); found != by_ballot.end())
            b.questions = std::move(found->second);
        if (auto found = candidates_of.find(b.id); found != candidates_of.end())
            b.candidates = std::move(found->second);
        out.push_back(std::move(b));
    }
    return out;
}

Result<std::vector<BallotCodes>> ballot_codes(Database& db)
{
    Statement s = TRY(db.prepare("SELECT ballot_id, kiosk_id, fingerprint, salt, ops, mem_kib, hashes FROM code_batch "
                                 "ORDER BY ballot_id, kiosk_id, seq"));
    std::vector<BallotCodes> out;
    while (TRY(s.step())) {
        const std::string ballot = s.column_text(0), kiosk = s.column_text(1);
        if (out.empty() || out.back().ballot != ballot || out.back().kiosk != kiosk) {
            out.emplace_back();
            out.back().ballot = ballot;
            out.back().kiosk = kiosk;
            out.back().fingerprint = s.column_text(2);
        }
        const std::vector<uint8_t> salt = s.column_blob(3), hashes = s.column_blob(6);
        out.back().batches.push_back({std::string(salt.begin(), salt.end()), int(s.column_int64(4)),
                                      int(s.column_int64(5)), std::string(hashes.begin(), hashes.end())});
    }
    return out;
}

Result<std::vector<BallotResult>> ballot_results(Database& db)
{
    Statement s = TRY(db.prepare("SELECT ballot_id, ballots, outcome, quorum_met, rule FROM ballot_result ORDER BY ballot_id"));
    std::vector<BallotResult> out;
    while (TRY(s.step())) {
        BallotResult r;
        r.count.ballot = s.column_text(0);
        r.count.cast = s.column_int64(1);
        const std::string outcome = s.column_text(2);
        for (BallotOutcome o : {BallotOutcome::None, BallotOutcome::Passed, BallotOutcome::Failed, BallotOutcome::Tie})
            if (outcome == outcome_key(o)) r.count.outcome = o;
        r.count.quorum_met = s.column_int64(3) != 0;
        r.rule = s.column_text(4);
        out.push_back(std::move(r));
    }
    Statement rows = TRY(db.prepare("SELECT kind, question, text, number FROM ballot_result_row WHERE ballot_id = ?1 "
                                    "ORDER BY seq"));
    for (BallotResult& r : out) {
        rows.reset();
        TRY_STATUS(rows.bind(1, r.count.ballot));
        while (TRY(rows.step())) {
            const std::string kind = rows.column_text(0), text = rows.column_text(2);
            const int64_t number = rows.column_int64(3);
            if (kind == "elected") r.count.elected.push_back(text);
            else if (kind == "tied") r.count.tied.push_back(text);
            else if (kind == "tracker") r.trackers.push_back(text);
            else if (kind == "turnout") r.turnout.push_back({text, number});
            else if (kind == "question") r.count.questions.push_back({text, {}, number});
            else if (kind == "option" && !r.count.questions.empty()) r.count.questions.back().options.push_back({text, number});
        }
    }
    return out;
}

Result<std::vector<MediaFile>> media_files(Database& db)
{
    Statement s = TRY(db.prepare("SELECT path, bytes FROM media ORDER BY seq"));
    std::vector<MediaFile> out;
    while (TRY(s.step()))
        out.push_back({s.column_text(0), s.column_int64(1)});
    return out;
}

// [SECTION] Ledger

namespace {

// The filtered entries as a half-open range of one dense numbering: pos without a category,
// cat_pos with one. Dates order both numberings, so a period is a contiguous range of either.
struct LedgerRange {
    int64_t begin = 0;
    int64_t end = 0;
};

Result<int64_t> single_int(Statement& s, int64_t if_no_row)
{
    if (!TRY(s.step()))
        return if_no_row;
    return s.column_is_null(0) ? if_no_row : s.column_int64(0);
}

// The numbering of the first entry dated at or after at_s, or total if there is none.
Result<int64_t> first_at_or_after(Database& db, const std::string& category, int64_t at_s,
                                  int64_t total)
{
    if (category.empty()) {
        Statement s = TRY(db.prepare(
            "SELECT pos FROM ledger_entry WHERE date_s >= ?1 ORDER BY date_s, pos LIMIT 1"));
        TRY_STATUS(s.bind(1, at_s));
        return single_int(s, total);
    }
    Statement s = TRY(db.prepare(
        "SELECT cat_pos FROM ledger_entry INDEXED BY ledger_by_category_date "
        "WHERE category = ?1 AND date_s >= ?2 ORDER BY date_s, pos LIMIT 1"));
    TRY_STATUS(s.bind(1, category));
    TRY_STATUS(s.bind(2, at_s));
    return single_int(s, total);
}

Result<LedgerRange> ledger_range(Database& db, const LedgerFilter& filter)
{
    int64_t total = 0;
    if (filter.category.empty()) {
        Statement s = TRY(db.prepare("SELECT max(pos) + 1 FROM ledger_entry"));
        total = TRY(single_int(s, 0));
    } else {
        Statement s = TRY(db.prepare(
            "SELECT max(cat_pos) + 1 FROM ledger_entry WHERE category = ?1"));
        TRY_STATUS(s.bind(1, filter.category));
        total = TRY(single_int(s, 0));
    }
    if (!filter.period)
        return LedgerRange{0, total};
    int64_t begin = TRY(first_at_or_after(db, filter.category, filter.period->start_s(), total));
    int64_t end = TRY(first_at_or_after(db, filter.category, filter.period->end_s(), total));
    return LedgerRange{begin, end};
}

LedgerEntry read_entry(const Statement& s)
{
    LedgerEntry e;
    e.date_s = s.column_int64(0);
    e.type = EntryType(s.column_int64(1));
    e.category = s.column_text(2);
    e.description = s.column_text(3);
    e.amount = Money::from_fen(s.column_int64(4));
    e.voucher = s.column_text(5);
    e.line = int(s.column_int64(6));
    return e;
}

constexpr std::string_view k_entry_columns =
    "SELECT date_s, type, category, description, amount_fen, voucher, line FROM ledger_entry ";

}  // namespace

Result<std::vector<LedgerEntry>> ledger_page(Database& db, const LedgerFilter& filter,
                                             int64_t offset, int limit)
{
    assert(offset >= 0 && limit >= 0);
    LedgerRange range = TRY(ledger_range(db, filter));
    std::vector<LedgerEntry> page;
    if (offset >= range.end - range.begin || limit == 0)
        return page;
    int64_t first = range.begin + offset;
    int64_t last = std::min(range.end, first + limit);  // exclusive
    Statement s = TRY(db.prepare(
        filter.category.empty()
            ? std::string(k_entry_columns) + "WHERE pos >= ?1 AND pos < ?2 ORDER BY pos"
            : std::string(k_entry_columns) +
                  "WHERE category = ?3 AND cat_pos >= ?1 AND cat_pos < ?2 ORDER BY cat_pos"));
    TRY_STATUS(s.bind(1, first));
    TRY_STATUS(s.bind(2, last));
    if (!filter.category.empty())
        TRY_STATUS(s.bind(3, filter.category));
    page.reserve(size_t(last - first));
    while (TRY(s.step()))
        page.push_back(read_entry(s));
    return page;
}

Result<int64_t> ledger_count(Database& db, const LedgerFilter& filter)
{
    LedgerRange range = TRY(ledger_range(db, filter));
    return range.end - range.begin;
}

Result<std::vector<LedgerEntry>> ledger_entries(Database& db)
{
    Statement s = TRY(db.prepare(std::string(k_entry_columns) + "ORDER BY pos"));
    std::vector<LedgerEntry> out;
    while (TRY(s.step()))
        out.push_back(read_entry(s));
    return out;
}

// Sums without GROUP BY: SQLite groups by sorting, and a year of 100,000 entries would go through
// a sorter that grows to the cache size and then spills to a temporary file (on the kiosk, the SD
// card). Instead one category at a time: the next category is one seek in ledger_by_category, its
// sums one range of ledger_by_category_date. Memory holds one row per category.
Result<std::vector<CategorySum>> ledger_totals(Database& db, std::optional<int64_t> from_s,
                                               std::optional<int64_t> to_s)
{
    Statement first = TRY(db.prepare("SELECT min(category) FROM ledger_entry"));
    Statement next = TRY(db.prepare("SELECT min(category) FROM ledger_entry WHERE category > ?1"));
    // An open bound is left out of the SQL rather than bound to a sentinel, so no date is excluded.
    std::string sql =
        "SELECT sum(CASE type WHEN ?4 THEN amount_fen END), count(CASE type WHEN ?4 THEN 1 END), "
        "sum(CASE type WHEN ?5 THEN amount_fen END), count(CASE type WHEN ?5 THEN 1 END) "
        "FROM ledger_entry INDEXED BY ledger_by_category_date WHERE category = ?1";
    if (from_s)
        sql += " AND date_s >= ?2";
    if (to_s)
        sql += " AND date_s < ?3";
    Statement sums = TRY(db.prepare(sql));
    if (from_s)
        TRY_STATUS(sums.bind(2, *from_s));
    if (to_s)
        TRY_STATUS(sums.bind(3, *to_s));
    TRY_STATUS(sums.bind(4, int64_t(EntryType::Income)));
    TRY_STATUS(sums.bind(5, int64_t(EntryType::Expense)));

    std::vector<CategorySum> out;
    Statement* seek = &first;
    while (TRY(seek->step()) && !seek->column_is_null(0)) {
        std::string category = seek->column_text(0);
        sums.reset();
        TRY_STATUS(sums.bind(1, category));
        if (TRY(sums.step())) {
            // count is 0 where the category has no entry of that type inside the dates.
            if (int64_t n = sums.column_int64(1); n > 0)
                out.push_back({EntryType::Income, category, Money::from_fen(sums.column_int64(0)), n});
            if (int64_t n = sums.column_int64(3); n > 0)
                out.push_back({EntryType::Expense, category, Money::from_fen(sums.column_int64(2)), n});
        }
        next.reset();
        TRY_STATUS(next.bind(1, category));
        seek = &next;
    }
    return out;
}

Result<Money> ledger_balance_at(Database& db, int64_t at_s)
{
    // A literal 2, not a parameter: the planner uses the partial index only when it can see that
    // the query's WHERE implies the index's.
    static_assert(int(EntryType::CarryForward) == 2);
    Statement carry = TRY(db.prepare(
        "SELECT date_s, amount_fen FROM ledger_entry INDEXED BY ledger_carry "
        "WHERE type = 2 AND date_s <= ?1 ORDER BY date_s DESC, pos DESC LIMIT 1"));
    TRY_STATUS(carry.bind(1, at_s));
    const bool carried = TRY(carry.step());
    // Each side summed on its own: both are at most INT64_MAX, so their difference always fits,
    // where one signed running sum could overflow part way through a ledger whose net fits.
    Statement s = TRY(db.prepare(
        "SELECT sum(CASE type WHEN ?2 THEN amount_fen END), sum(CASE type WHEN ?3 THEN amount_fen END) "
        "FROM ledger_entry WHERE date_s < ?1 AND date_s >= ?4"));
    TRY_STATUS(s.bind(1, at_s));
    TRY_STATUS(s.bind(2, int64_t(EntryType::Income)));
    TRY_STATUS(s.bind(3, int64_t(EntryType::Expense)));
    TRY_STATUS(s.bind(4, carried ? carry.column_int64(0) : std::numeric_limits<int64_t>::min()));
    Money net;
    if (TRY(s.step()))
        net = Money::from_fen(s.column_int64(0) - s.column_int64(1));
    if (!carried)
        return net;
    int64_t balance = 0;
    if (__builtin_add_overflow(carry.column_int64(1), net.fen(), &balance))
        return Error::internal("store: " + db.name() + ": the balance brought forward and the entries "
                               "after it add up past the largest sum kept (integer overflow)");
    return Money::from_fen(balance);
}

Result<std::vector<std::string>> ledger_categories(Database& db)
{
    // DISTINCT over ledger_by_category reads the index in order.
    Statement s = TRY(db.prepare("SELECT DISTINCT category FROM ledger_entry ORDER BY category"));
    std::vector<std::string> out;
    while (TRY(s.step()))
        out.push_back(s.column_text(0));
    return out;
}

// [SECTION] Images and metadata

Result<std::optional<StoredImage>> image(Database& db, std::string_view path)
{
    Statement s = TRY(db.prepare("SELECT width, height, rgba FROM image WHERE path = ?1"));
    TRY_STATUS(s.bind(1, path));
    if (!TRY(s.step()))
        return std::optional<StoredImage>();
    return std::optional<StoredImage>(
        StoredImage{std::string(path), int(s.column_int64(0)), int(s.column_int64(1)),
                    s.column_blob(2)});
}

Result<ContentSet> load_content_set(Database& db)
{
    ContentSet c;
    auto info = TRY(content_info(db));
    if (info) c.board = info->board;
    c.announcements = TRY(visible_announcements(db, k_any_time));
    c.recruitment = TRY(visible_recruitment(db, k_any_time));
    c.documents = TRY(visible_documents(db, k_any_time));
    c.meetings = TRY(visible_meetings(db, k_any_time));
    c.tasks = TRY(tasks(db));
    c.goals = TRY(goals(db));
    c.periods = TRY(declared_periods(db));
    c.ballots = TRY(ballot_definitions(db));
    c.ballot_codes = TRY(ballot_codes(db));
    c.ballot_results = TRY(ballot_results(db));
    c.media = TRY(media_files(db));
    c.feedback = TRY(feedback_settings(db));
    c.public_replies = TRY(public_replies(db));
    c.locked_replies = TRY(locked_replies(db));
    return c;
}

Result<std::optional<ContentInfo>> content_info(Database& db)
{
    Statement s = TRY(db.prepare(
        "SELECT version, created_s, source, board_name, community, contact, locale, ledger_entries "
        "FROM content_meta WHERE id = 1"));
    if (!TRY(s.step()))
        return std::optional<ContentInfo>();
    ContentInfo info;
    info.meta = {s.column_int64(0), s.column_int64(1), s.column_text(2)};
    info.board.board = {s.column_text(3), s.column_text(4), s.column_text(5)};
    info.board.locale = s.column_text(6);
    info.ledger_entries = s.column_int64(7);
    return std::optional<ContentInfo>(std::move(info));
}

}  // namespace linli::store
