// The content database's opening and replace_content (the writing half; the schema is in
// content_schema.cpp, the queries in content_queries.cpp, the 意见箱 tables in content_feedback.cpp).
//
// Index
//   [SECTION] Opening   (the schema is content_schema.cpp)
//   [SECTION] Writing
//   [SECTION] Building a new file

#include "store/content_db.hpp"

#include "store/content_writers.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <numeric>
#include <set>
#include <unordered_map>

namespace linli::store {

// [SECTION] Opening

constexpr int64_t k_wal_size_limit_bytes = 4 * 1024 * 1024;


Result<Database> open_content_db(const std::string& path)
{
    Database db = TRY(Database::open(path));
    // Checked before migrating: writing a schema into a damaged file could only make it worse.
    std::string check = TRY(db.quick_check());
    if (check != "ok")
        return Error::internal("store: " + db.name() + ": quick_check failed: " + check);
    // After a replace the WAL is as big as the content; whenever it is next reset, cut it back.
    TRY_STATUS(db.exec("PRAGMA journal_size_limit = " + std::to_string(k_wal_size_limit_bytes)));
    TRY_STATUS(migrate_content_db(db));
    return db;
}

// [SECTION] Writing

namespace {

// Prepared once per replace: thousands of rows go through each.
class ContentWriter {
public:
    static Result<ContentWriter> prepare(Database& db)
    {
        Statement item = TRY(db.prepare(
            "INSERT INTO item (kind, id, title, category, body, publish_s, expire_s, pinned, urgent, "
            "qr_url, qr_label, deadline_s, apply, apply_url, doc_kind, comment_until_s, date_s, "
            "location, meeting_kind) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
            "?18, ?19)"));
        Statement list = TRY(db.prepare(
            "INSERT INTO list_value (owner_kind, owner_id, part, list, seq, text, number) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
        return ContentWriter(std::move(item), std::move(list));
    }

    // The columns only some kinds have; the defaults are what the others store.
    struct KindColumns {
        int64_t deadline_s = 0;
        std::string_view apply;
        std::string_view apply_url;
        int doc_kind = 0;
        int64_t comment_until_s = 0;
        int64_t date_s = 0;
        std::string_view location;
        int meeting_kind = 0;
    };

    Status item(std::string_view kind, const Notice& n, const ItemExtras& extras,
                const KindColumns& k)
    {
        Statement& s = m_item;
        TRY_STATUS(s.bind(1, kind));
        TRY_STATUS(s.bind(2, n.id));
        TRY_STATUS(s.bind(3, n.title));
        TRY_STATUS(s.bind(4, n.category));
        TRY_STATUS(s.bind(5, n.body));
        TRY_STATUS(s.bind(6, n.publish_s));
        TRY_STATUS(s.bind(7, n.expire_s));
        TRY_STATUS(s.bind(8, int64_t(n.pinned)));
        TRY_STATUS(s.bind(9, int64_t(n.urgent)));
        TRY_STATUS(s.bind(10, extras.qr_url));
        TRY_STATUS(s.bind(11, extras.qr_label));
        TRY_STATUS(s.bind(12, k.deadline_s));
        TRY_STATUS(s.bind(13, k.apply));
        TRY_STATUS(s.bind(14, k.apply_url));
        TRY_STATUS(s.bind(15, int64_t(k.doc_kind)));
        TRY_STATUS(s.bind(16, k.comment_until_s));
        TRY_STATUS(s.bind(17, k.date_s));
        TRY_STATUS(s.bind(18, k.location));
        TRY_STATUS(s.bind(19, int64_t(k.meeting_kind)));
        TRY_STATUS(run(s));
        return strings(kind, n.id, 0, "images", extras.images);
    }

    Status strings(std::string_view owner_kind, std::string_view owner_id, int part,
                   std::string_view list, const std::vector<std::string>& values)
    {
        for (size_t i = 0; i < values.size(); ++i)
            TRY_STATUS(value(owner_kind, owner_id, part, list, int64_t(i), values[i], 0));
        return {};
    }

    Status value(std::string_view owner_kind, std::string_view owner_id, int part,
                 std::string_view list, int64_t seq, std::string_view text, int64_t number)
    {
        Statement& s = m_list;
        TRY_STATUS(s.bind(1, owner_kind));
        TRY_STATUS(s.bind(2, owner_id));
        TRY_STATUS(s.bind(3, int64_t(part)));
        TRY_STATUS(s.bind(4, list));
        TRY_STATUS(s.bind(5, seq));
        TRY_STATUS(s.bind(6, text));
        TRY_STATUS(s.bind(7, number));
        return run(s);
    }

    // Steps an INSERT to completion and readies it for the next row.
    static Status run(Statement& s)
    {
        auto stepped = s.step();
        s.reset();
        if (!stepped)
            return stepped.release_error();
        return {};
    }

private:
    ContentWriter(Statement item, Statement list) : m_item(std::move(item)), m_list(std::move(list))
    {
    }
    Statement m_item;
    Statement m_list;
};

Status write_items(Database& db, const ContentSet& c)
{
    ContentWriter w = TRY(ContentWriter::prepare(db));
    for (const Announcement& a : c.announcements)
        TRY_STATUS(w.item("announcement", a.notice, a.extras, {}));
    for (const Recruitment& r : c.recruitment) {
        ContentWriter::KindColumns k;
        k.deadline_s = r.deadline_s;
        k.apply = r.apply;
        k.apply_url = r.apply_url;
        TRY_STATUS(w.item("recruitment", r.notice, r.extras, k));
        TRY_STATUS(w.strings("recruitment", r.notice.id, 0, "requirements", r.requirements));
        for (size_t i = 0; i < r.positions.size(); ++i)
            TRY_STATUS(w.value("recruitment", r.notice.id, 0, "positions", int64_t(i),
                               r.positions[i].name, r.positions[i].count));
    }
    for (const Document& d : c.documents) {
        ContentWriter::KindColumns k;
        k.doc_kind = int(d.kind);
        k.comment_until_s = d.comment_until_s;
        TRY_STATUS(w.item("document", d.notice, d.extras, k));
    }
    for (const Meeting& m : c.meetings) {
        ContentWriter::KindColumns k;
        k.date_s = m.date_s;
        k.location = m.location;
        k.meeting_kind = int(m.kind);
        TRY_STATUS(w.item("meeting", m.notice, m.extras, k));
        TRY_STATUS(w.strings("meeting", m.notice.id, 0, "decisions", m.decisions));
    }
    for (const BallotDefinition& b : c.ballots) {
        TRY_STATUS(w.strings("ballot", b.id, 0, "options", b.options));
        for (size_t q = 0; q < b.questions.size(); ++q)
            TRY_STATUS(w.strings("question", b.id, int(q), "options", b.questions[q].options));
    }
    return {};
}

Status write_progress(Database& db, const ContentSet& c)
{
    Statement task = TRY(db.prepare(
        "INSERT INTO task (seq, id, title, group_name, owner, status, progress, due_s, updated_s) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    for (size_t i = 0; i < c.tasks.size(); ++i) {
        const Task& t = c.tasks[i];
        TRY_STATUS(task.bind(1, int64_t(i)));
        TRY_STATUS(task.bind(2, t.id));
        TRY_STATUS(task.bind(3, t.title));
        TRY_STATUS(task.bind(4, t.group));
        TRY_STATUS(task.bind(5, t.owner));
        TRY_STATUS(task.bind(6, int64_t(t.status)));
        TRY_STATUS(task.bind(7, int64_t(t.progress)));
        TRY_STATUS(task.bind(8, t.due_s));
        TRY_STATUS(task.bind(9, t.updated_s));
        TRY_STATUS(ContentWriter::run(task));
    }
    Statement goal = TRY(db.prepare(
        "INSERT INTO goal (seq, year, goal, target, result, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (size_t i = 0; i < c.goals.size(); ++i) {
        const Goal& g = c.goals[i];
        TRY_STATUS(goal.bind(1, int64_t(i)));
        TRY_STATUS(goal.bind(2, int64_t(g.year)));
        TRY_STATUS(goal.bind(3, g.goal));
        TRY_STATUS(goal.bind(4, g.target));
        TRY_STATUS(goal.bind(5, g.result));
        TRY_STATUS(goal.bind(6, g.status));
        TRY_STATUS(ContentWriter::run(goal));
    }
    return {};
}

// True unless the stored ledger holds exactly these entries in this order (cat_pos follows from
// the order). Reading 100,000 rows back costs a tenth of rewriting them, and most updates change
// notices, not the accounts.
Result<bool> ledger_differs(Database& db, const std::vector<LedgerEntry>& ledger,
                            const std::vector<size_t>& order)
{
    Statement stored = TRY(db.prepare(
        "SELECT date_s, type, category, description, amount_fen, voucher, line FROM ledger_entry "
        "ORDER BY pos"));
    size_t pos = 0;
    while (TRY(stored.step())) {
        if (pos == order.size())
            return true;
        const LedgerEntry& e = ledger[order[pos++]];
        bool same = stored.column_int64(0) == e.date_s && stored.column_int64(1) == int64_t(e.type) &&
                    stored.column_text(2) == e.category && stored.column_text(3) == e.description &&
                    stored.column_int64(4) == e.amount.fen() && stored.column_text(5) == e.voucher &&
                    stored.column_int64(6) == e.line;
        if (!same)
            return true;
    }
    return pos != order.size();
}

Status write_periods(Database& db, const std::vector<DeclaredPeriod>& periods);

Status write_finance(Database& db, const std::vector<LedgerEntry>& ledger,
                     const std::vector<DeclaredPeriod>& periods)
{
    // Chronological order, ties in file order (stable), is the order pages are read in.
    std::vector<size_t> order(ledger.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return ledger[a].date_s < ledger[b].date_s; });
    if (!TRY(ledger_differs(db, ledger, order)))
        return write_periods(db, periods);
    TRY_STATUS(db.exec("DELETE FROM ledger_entry"));
    std::unordered_map<std::string, int64_t> next_cat_pos;

    Statement insert = TRY(db.prepare(
        "INSERT INTO ledger_entry (pos, cat_pos, date_s, type, category, description, amount_fen, "
        "voucher, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
    for (size_t pos = 0; pos < order.size(); ++pos) {
        const LedgerEntry& e = ledger[order[pos]];
        TRY_STATUS(insert.bind(1, int64_t(pos)));
        TRY_STATUS(insert.bind(2, next_cat_pos[e.category]++));
        TRY_STATUS(insert.bind(3, e.date_s));
        TRY_STATUS(insert.bind(4, int64_t(e.type)));
        TRY_STATUS(insert.bind(5, e.category));
        TRY_STATUS(insert.bind(6, e.description));
        TRY_STATUS(insert.bind(7, e.amount.fen()));
        TRY_STATUS(insert.bind(8, e.voucher));
        TRY_STATUS(insert.bind(9, int64_t(e.line)));
        TRY_STATUS(ContentWriter::run(insert));
    }

    return write_periods(db, periods);
}

Status write_periods(Database& db, const std::vector<DeclaredPeriod>& periods)
{
    Statement period = TRY(db.prepare(
        "INSERT INTO declared_period (seq, period, has_opening, opening_fen, has_closing, "
        "closing_fen) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (size_t i = 0; i < periods.size(); ++i) {
        const DeclaredPeriod& p = periods[i];
        TRY_STATUS(period.bind(1, int64_t(i)));
        TRY_STATUS(period.bind(2, p.period));
        TRY_STATUS(period.bind(3, int64_t(p.has_opening)));
        TRY_STATUS(period.bind(4, p.opening.fen()));
        TRY_STATUS(period.bind(5, int64_t(p.has_closing)));
        TRY_STATUS(period.bind(6, p.closing.fen()));
        TRY_STATUS(ContentWriter::run(period));
    }
    return {};
}

Status write_ballots(Database& db, const std::vector<BallotDefinition>& ballots)
{
    Statement ballot = TRY(db.prepare(
        "INSERT INTO ballot (id, title, kind, max_choices, opens_s, closes_s, codes_required, "
        "quorum, threshold_num, threshold_den, description, seats, threshold_at_least) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"));
    Statement question = TRY(db.prepare(
        "INSERT INTO ballot_question (ballot_id, seq, text, kind, max_choices) VALUES (?1, ?2, ?3, ?4, ?5)"));
    Statement candidate = TRY(db.prepare(
        "INSERT INTO ballot_candidate (ballot_id, seq, name, photo, bio) VALUES (?1, ?2, ?3, ?4, ?5)"));
    for (const BallotDefinition& b : ballots) {
        TRY_STATUS(ballot.bind(1, b.id));
        TRY_STATUS(ballot.bind(2, b.title));
        TRY_STATUS(ballot.bind(3, int64_t(b.kind)));
        TRY_STATUS(ballot.bind(4, int64_t(b.max_choices)));
        TRY_STATUS(ballot.bind(5, b.opens_s));
        TRY_STATUS(ballot.bind(6, b.closes_s));
        TRY_STATUS(ballot.bind(7, int64_t(b.codes_required)));
        TRY_STATUS(ballot.bind(8, int64_t(b.quorum)));
        TRY_STATUS(ballot.bind(9, int64_t(b.threshold.num)));
        TRY_STATUS(ballot.bind(10, int64_t(b.threshold.den)));
        TRY_STATUS(ballot.bind(11, b.description));
        TRY_STATUS(ballot.bind(12, int64_t(b.seats)));
        TRY_STATUS(ballot.bind(13, int64_t(b.threshold.at_least)));
        TRY_STATUS(ContentWriter::run(ballot));
        for (size_t q = 0; q < b.questions.size(); ++q) {
            TRY_STATUS(question.bind(1, b.id));
            TRY_STATUS(question.bind(2, int64_t(q)));
            TRY_STATUS(question.bind(3, b.questions[q].text));
            TRY_STATUS(question.bind(4, int64_t(b.questions[q].kind)));
            TRY_STATUS(question.bind(5, int64_t(b.questions[q].max_choices)));
            TRY_STATUS(ContentWriter::run(question));
        }
        for (size_t i = 0; i < b.candidates.size(); ++i) {
            TRY_STATUS(candidate.bind(1, b.id));
            TRY_STATUS(candidate.bind(2, int64_t(i)));
            TRY_STATUS(candidate.bind(3, b.candidates[i].name));
            TRY_STATUS(candidate.bind(4, b.candidates[i].photo));
            TRY_STATUS(candidate.bind(5, b.candidates[i].bio));
            TRY_STATUS(ContentWriter::run(candidate));
        }
    }
    return {};
}

Status write_ballot_codes(Database& db, const std::vector<BallotCodes>& all)
{
    Statement batch = TRY(db.prepare(
        "INSERT INTO code_batch (ballot_id, kiosk_id, seq, fingerprint, salt, ops, mem_kib, hashes) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    for (const BallotCodes& codes : all)
        for (size_t i = 0; i < codes.batches.size(); ++i) {
            const CodeBatch& b = codes.batches[i];
            TRY_STATUS(batch.bind(1, codes.ballot));
            TRY_STATUS(batch.bind(2, codes.kiosk));
            TRY_STATUS(batch.bind(3, int64_t(i)));
            TRY_STATUS(batch.bind(4, codes.fingerprint));
            TRY_STATUS(batch.bind_blob(5, b.salt.data(), b.salt.size()));
            TRY_STATUS(batch.bind(6, int64_t(b.ops)));
            TRY_STATUS(batch.bind(7, int64_t(b.mem_kib)));
            const std::string sorted = sorted_code_hashes(b.hashes);
            TRY_STATUS(batch.bind_blob(8, sorted.data(), sorted.size()));
            TRY_STATUS(ContentWriter::run(batch));
        }
    return {};
}

Status write_ballot_results(Database& db, const std::vector<BallotResult>& all)
{
    Statement result = TRY(db.prepare("INSERT INTO ballot_result (ballot_id, ballots, outcome, quorum_met, rule) "
                                      "VALUES (?1, ?2, ?3, ?4, ?5)"));
    Statement row = TRY(db.prepare("INSERT INTO ballot_result_row (ballot_id, kind, seq, question, text, number) "
                                   "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (const BallotResult& r : all) {
        TRY_STATUS(result.bind(1, r.count.ballot));
        TRY_STATUS(result.bind(2, r.count.cast));
        TRY_STATUS(result.bind(3, std::string_view(outcome_key(r.count.outcome))));
        TRY_STATUS(result.bind(4, int64_t(r.count.quorum_met)));
        TRY_STATUS(result.bind(5, r.rule));
        TRY_STATUS(ContentWriter::run(result));
        int64_t seq = 0;
        auto add = [&](std::string_view kind, int64_t question, std::string_view text, int64_t number) -> Status {
            TRY_STATUS(row.bind(1, r.count.ballot));
            TRY_STATUS(row.bind(2, kind));
            TRY_STATUS(row.bind(3, seq++));
            TRY_STATUS(row.bind(4, question));
            TRY_STATUS(row.bind(5, text));
            TRY_STATUS(row.bind(6, number));
            return ContentWriter::run(row);
        };
        for (const std::string& name : r.count.elected) TRY_STATUS(add("elected", 0, name, 0));
        for (const std::string& name : r.count.tied) TRY_STATUS(add("tied", 0, name, 0));
        for (const std::string& tracker : r.trackers) TRY_STATUS(add("tracker", 0, tracker, 0));
        for (const KioskTurnout& t : r.turnout) TRY_STATUS(add("turnout", 0, t.kiosk, t.ballots));
        for (size_t q = 0; q < r.count.questions.size(); ++q) {
            TRY_STATUS(add("question", int64_t(q), r.count.questions[q].text, r.count.questions[q].unanswered));
            for (const OptionCount& o : r.count.questions[q].options) TRY_STATUS(add("option", int64_t(q), o.label, o.votes));
        }
    }
    return {};
}

Status write_media_and_meta(Database& db, const ContentSet& c, const ContentMeta& meta)
{
    Statement media = TRY(db.prepare("INSERT INTO media (seq, path, bytes) VALUES (?1, ?2, ?3)"));
    for (size_t i = 0; i < c.media.size(); ++i) {
        TRY_STATUS(media.bind(1, int64_t(i)));
        TRY_STATUS(media.bind(2, c.media[i].path));
        TRY_STATUS(media.bind(3, c.media[i].bytes));
        TRY_STATUS(ContentWriter::run(media));
    }
    Statement row = TRY(db.prepare(
        "INSERT INTO content_meta (id, version, created_s, source, board_name, community, contact, "
        "locale, ledger_entries) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    TRY_STATUS(row.bind(1, meta.version));
    TRY_STATUS(row.bind(2, meta.created_s));
    TRY_STATUS(row.bind(3, meta.source));
    TRY_STATUS(row.bind(4, c.board.board.name));
    TRY_STATUS(row.bind(5, c.board.board.community));
    TRY_STATUS(row.bind(6, c.board.board.contact));
    TRY_STATUS(row.bind(7, c.board.locale));
    TRY_STATUS(row.bind(8, int64_t(c.ledger.size())));
    return ContentWriter::run(row);
}

// Images are checked before the transaction starts, so a bad one costs no rollback of 100 MB.
Status check_images(const std::string& name, const std::vector<StoredImage>& images)
{
    std::set<std::string_view> paths;
    for (const StoredImage& image : images) {
        if (image.width <= 0 || image.height <= 0 ||
            int64_t(image.rgba.size()) != int64_t(image.width) * image.height * 4)
            return Error::rejected("store: " + name + ": image " + image.path + ": " +
                                   std::to_string(image.rgba.size()) + " bytes is not " +
                                   std::to_string(image.width) + "x" + std::to_string(image.height) +
                                   " RGBA");
        if (!paths.insert(image.path).second)
            return Error::rejected("store: " + name + ": image " + image.path + " given twice");
    }
    return {};
}

// Leaves the image table holding exactly images. An image already stored with the same size and
// pixels is kept rather than rewritten: a content update usually changes a few notices, and
// rewriting 50 screen-sized images would cost seconds of SD-card writes for nothing.
Status write_images(Database& db, const std::vector<StoredImage>& images)
{
    Statement same = TRY(db.prepare(
        "SELECT 1 FROM image WHERE path = ?1 AND width = ?2 AND height = ?3 AND rgba = ?4"));
    Statement insert = TRY(db.prepare(
        "INSERT OR REPLACE INTO image (path, width, height, rgba) VALUES (?1, ?2, ?3, ?4)"));
    for (const StoredImage& image : images) {
        for (Statement* s : {&same, &insert}) {
            TRY_STATUS(s->bind(1, image.path));
            TRY_STATUS(s->bind(2, int64_t(image.width)));
            TRY_STATUS(s->bind(3, int64_t(image.height)));
            TRY_STATUS(s->bind_blob(4, image.rgba.data(), image.rgba.size()));
        }
        bool unchanged = TRY(same.step());
        same.reset();
        if (!unchanged)
            TRY_STATUS(ContentWriter::run(insert));
    }

    std::set<std::string_view> wanted;
    for (const StoredImage& image : images)
        wanted.insert(image.path);
    std::vector<std::string> unwanted;
    {
        Statement stored = TRY(db.prepare("SELECT path FROM image"));
        while (TRY(stored.step()))
            if (std::string path = stored.column_text(0); !wanted.contains(path))
                unwanted.push_back(std::move(path));
    }
    Statement remove = TRY(db.prepare("DELETE FROM image WHERE path = ?1"));
    for (const std::string& path : unwanted) {
        TRY_STATUS(remove.bind(1, path));
        TRY_STATUS(ContentWriter::run(remove));
    }
    return {};
}

// The WAL grew to the size of the whole content, images included; give that space on the SD card
// back now rather than when the connection closes, days later. Best effort, without waiting: the
// content is already committed, and a reader still on the old snapshot only leaves the truncation
// to journal_size_limit at a later checkpoint.
void give_back_wal_space(Database& db)
{
    int64_t busy_timeout_ms = 0;
    if (auto read = db.prepare("PRAGMA busy_timeout"); read && read->step().has_value())
        busy_timeout_ms = read->column_int64(0);
    (void)db.exec("PRAGMA busy_timeout = 0");
    (void)db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    (void)db.exec("PRAGMA busy_timeout = " + std::to_string(busy_timeout_ms));
}

}  // namespace


Status replace_content(Database& db, const ContentSet& content,
                       const std::vector<StoredImage>* images, const ContentMeta& meta)
{
    if (images)
        TRY_STATUS(check_images(db.name(), *images));
    // One transaction: WAL readers keep their snapshot of the old content until COMMIT, and any
    // failure below rolls back to it (the Transaction's destructor).
    Transaction tx = TRY(Transaction::begin(db));
    for (std::string_view table : content_tables())
        TRY_STATUS(db.exec("DELETE FROM " + std::string(table)));
    TRY_STATUS(write_items(db, content));
    TRY_STATUS(write_progress(db, content));
    TRY_STATUS(write_finance(db, content.ledger, content.periods));
    TRY_STATUS(write_ballots(db, content.ballots));
    TRY_STATUS(write_ballot_codes(db, content.ballot_codes));
    TRY_STATUS(write_ballot_results(db, content.ballot_results));
    TRY_STATUS(write_feedback(db, content));
    TRY_STATUS(write_images(db, images ? *images : std::vector<StoredImage>()));
    TRY_STATUS(write_media_and_meta(db, content, meta));
    TRY_STATUS(tx.commit());
    give_back_wal_space(db);
    return {};
}

// [SECTION] Building a new file

Status add_image(Database& db, const StoredImage& image)
{
    TRY_STATUS(check_images(db.name(), {image}));
    Statement insert = TRY(db.prepare("INSERT OR REPLACE INTO image (path, width, height, rgba) VALUES (?1, ?2, ?3, ?4)"));
    TRY_STATUS(insert.bind(1, image.path));
    TRY_STATUS(insert.bind(2, int64_t(image.width)));
    TRY_STATUS(insert.bind(3, int64_t(image.height)));
    TRY_STATUS(insert.bind_blob(4, image.rgba.data(), image.rgba.size()));
    TRY(insert.step());
    return {};
}

Status build_content_db(const std::string& path, const ContentSet& content, const ImageLoader& load_image,
                        const ContentMeta& meta)
{
    TRY_STATUS(build_content_db(path, content, nullptr, meta));
    Status added = [&]() -> Status {
        // One picture in memory at a time: 50 screen-sized photos would otherwise be 180 MB at
        // once. Rollback-journal mode, as above, so an OK means the main file alone holds every
        // picture (in WAL mode they could still sit in -wal when the close's checkpoint failed).
        Database db = TRY(Database::open(path));
        TRY_STATUS(db.exec("PRAGMA journal_mode=DELETE"));
        for (const MediaFile& media : content.media) {
            std::optional<StoredImage> image = load_image(media);
            if (image) TRY_STATUS(add_image(db, *image));
        }
        TRY_STATUS(db.exec("PRAGMA journal_mode=WAL"));
        return {};
    }();
    if (!added) {
        // The file holds the content without (all) its pictures: not what the caller asked for.
        std::error_code ec;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            std::filesystem::remove(path + suffix, ec);
    }
    return added;
}

Status build_content_db(const std::string& path, const ContentSet& content,
                        const std::vector<StoredImage>* images, const ContentMeta& meta)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(path, ec) || fs::exists(path + "-wal", ec) || fs::exists(path + "-journal", ec))
        return Error::internal("store: " + path + ": already exists (content is built into a new file)");
    Status built = [&]() -> Status {
        Database db = TRY(Database::open(path));
        // The rollback journal saves only pages that existed when the transaction began, and an
        // empty file has almost none: the content goes to disk once. (WAL: log, then checkpoint.)
        TRY_STATUS(db.exec("PRAGMA journal_mode=DELETE"));
        TRY_STATUS(migrate_content_db(db));
        TRY_STATUS(replace_content(db, content, images, meta));
        // Like every content.db the kiosk opens, so the renamed file needs no further change.
        TRY_STATUS(db.exec("PRAGMA journal_mode=WAL"));
        return {};
    }();
    if (!built) {
        // Nobody else has this file yet; a partial one must not be mistaken for content later.
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            fs::remove(path + suffix, ec);
    }
    return built;
}

}  // namespace linli::store
