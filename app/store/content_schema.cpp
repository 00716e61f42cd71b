// The content database's schema: its migrations, and the tables a replace empties.
#include "store/content_db.hpp"
#include "store/content_writers.hpp"
#include "store/migrations.hpp"

#include <array>

namespace linli::store {

namespace {

// Append only: a shipped migration is never edited, a change is a new entry. Enums are stored as
// their integer values (DocumentKind, MeetingKind, TaskStatus, EntryType, BallotKind, QuestionKind), checked to
// their range so a reader never meets a value the enum lacks.
constexpr std::array k_content_migrations = {
    Migration{1, R"sql(
        -- One row once content was installed; none on a new kiosk.
        CREATE TABLE content_meta (
            id             INTEGER PRIMARY KEY CHECK (id = 1),
            version        INTEGER NOT NULL,
            created_s      INTEGER NOT NULL,
            source         TEXT NOT NULL,
            board_name     TEXT NOT NULL,
            community      TEXT NOT NULL,
            contact        TEXT NOT NULL,
            locale         TEXT NOT NULL,
            ledger_entries INTEGER NOT NULL
        );

        -- Announcements, recruitment, documents and meetings share Notice and ItemExtras; the
        -- columns of the other kinds keep their defaults. Few rows (thousands): the visibility
        -- filter scans the kind's rows through the primary key.
        CREATE TABLE item (
            kind            TEXT NOT NULL
                            CHECK (kind IN ('announcement', 'recruitment', 'document', 'meeting')),
            id              TEXT NOT NULL,
            title           TEXT NOT NULL,
            category        TEXT NOT NULL,
            body            TEXT NOT NULL,
            publish_s       INTEGER NOT NULL,
            expire_s        INTEGER NOT NULL,
            pinned          INTEGER NOT NULL CHECK (pinned IN (0, 1)),
            urgent          INTEGER NOT NULL CHECK (urgent IN (0, 1)),
            qr_url          TEXT NOT NULL,
            qr_label        TEXT NOT NULL,
            deadline_s      INTEGER NOT NULL,
            apply           TEXT NOT NULL,
            apply_url       TEXT NOT NULL,
            doc_kind        INTEGER NOT NULL CHECK (doc_kind BETWEEN 0 AND 3),
            comment_until_s INTEGER NOT NULL,
            date_s          INTEGER NOT NULL,
            location        TEXT NOT NULL,
            meeting_kind    INTEGER NOT NULL CHECK (meeting_kind BETWEEN 0 AND 1),
            PRIMARY KEY (kind, id)
        ) WITHOUT ROWID;

        -- The list fields of items and ballots (images, positions, requirements, decisions,
        -- options), one row per element in order. part numbers a survey question's options.
        CREATE TABLE list_value (
            owner_kind TEXT NOT NULL,
            owner_id   TEXT NOT NULL,
            part       INTEGER NOT NULL,
            list       TEXT NOT NULL,
            seq        INTEGER NOT NULL,
            text       TEXT NOT NULL,
            number     INTEGER NOT NULL,
            PRIMARY KEY (owner_kind, owner_id, part, list, seq)
        ) WITHOUT ROWID;

        CREATE TABLE task (
            seq        INTEGER PRIMARY KEY,
            id         TEXT NOT NULL,
            title      TEXT NOT NULL,
            group_name TEXT NOT NULL,
            owner      TEXT NOT NULL,
            status     INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
            progress   INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
            due_s      INTEGER NOT NULL,
            updated_s  INTEGER NOT NULL
        );

        CREATE TABLE goal (
            seq    INTEGER PRIMARY KEY,
            year   INTEGER NOT NULL,
            goal   TEXT NOT NULL,
            target TEXT NOT NULL,
            result TEXT NOT NULL,
            status TEXT NOT NULL
        );

        -- pos: the entry's place in chronological order (date, then ledger.csv order), so a page
        -- is a range of the primary key. cat_pos: its place among entries of its category, so a
        -- category page is a range of ledger_by_category. Both dense from 0.
        CREATE TABLE ledger_entry (
            pos         INTEGER PRIMARY KEY,
            cat_pos     INTEGER NOT NULL,
            date_s      INTEGER NOT NULL,
            type        INTEGER NOT NULL CHECK (type IN (0, 1)),
            category    TEXT NOT NULL,
            description TEXT NOT NULL,
            amount_fen  INTEGER NOT NULL CHECK (amount_fen >= 0),
            voucher     TEXT NOT NULL,
            line        INTEGER NOT NULL
        );
        -- Where a period starts, in pos (the rowid ends every index entry, in order).
        CREATE INDEX ledger_by_date ON ledger_entry (date_s);
        -- A category page, and the category's count as max(cat_pos) + 1.
        CREATE UNIQUE INDEX ledger_by_category ON ledger_entry (category, cat_pos);
        -- Where a period starts inside one category.
        CREATE INDEX ledger_by_category_date ON ledger_entry (category, date_s);

        CREATE TABLE declared_period (
            seq         INTEGER PRIMARY KEY,
            period      TEXT NOT NULL,
            has_opening INTEGER NOT NULL CHECK (has_opening IN (0, 1)),
            opening_fen INTEGER NOT NULL,
            has_closing INTEGER NOT NULL CHECK (has_closing IN (0, 1)),
            closing_fen INTEGER NOT NULL
        );

        CREATE TABLE ballot (
            id             TEXT PRIMARY KEY NOT NULL,
            title          TEXT NOT NULL,
            kind           INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
            max_choices    INTEGER NOT NULL,
            opens_s        INTEGER NOT NULL,
            closes_s       INTEGER NOT NULL,
            codes_required INTEGER NOT NULL CHECK (codes_required IN (0, 1)),
            quorum         INTEGER NOT NULL,
            threshold_num  INTEGER NOT NULL,
            threshold_den  INTEGER NOT NULL,
            description    TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE ballot_question (
            ballot_id TEXT NOT NULL,
            seq       INTEGER NOT NULL,
            text      TEXT NOT NULL,
            kind      TEXT NOT NULL,
            PRIMARY KEY (ballot_id, seq)
        ) WITHOUT ROWID;

        CREATE TABLE media (
            seq   INTEGER PRIMARY KEY,
            path  TEXT NOT NULL,
            bytes INTEGER NOT NULL
        );

        -- Decoded RGBA, ready for a texture upload: no decoding at start or on tap.
        CREATE TABLE image (
            path   TEXT PRIMARY KEY NOT NULL,
            width  INTEGER NOT NULL CHECK (width > 0),
            height INTEGER NOT NULL CHECK (height > 0),
            rgba   BLOB NOT NULL CHECK (length(rgba) = width * height * 4)
        );
    )sql"},
    Migration{2, R"sql(
        -- 结转 (EntryType::CarryForward = 2): the balance brought forward, which may be a debt
        -- (negative). SQLite cannot change a CHECK, so the table is rebuilt with its indexes.
        CREATE TABLE ledger_entry_v2 (
            pos         INTEGER PRIMARY KEY,
            cat_pos     INTEGER NOT NULL,
            date_s      INTEGER NOT NULL,
            type        INTEGER NOT NULL CHECK (type IN (0, 1, 2)),
            category    TEXT NOT NULL,
            description TEXT NOT NULL,
            amount_fen  INTEGER NOT NULL CHECK (type = 2 OR amount_fen >= 0),
            voucher     TEXT NOT NULL,
            line        INTEGER NOT NULL
        );
        INSERT INTO ledger_entry_v2 SELECT pos, cat_pos, date_s, type, category, description,
            amount_fen, voucher, line FROM ledger_entry;
        DROP TABLE ledger_entry;
        ALTER TABLE ledger_entry_v2 RENAME TO ledger_entry;
        CREATE INDEX ledger_by_date ON ledger_entry (date_s);
        CREATE UNIQUE INDEX ledger_by_category ON ledger_entry (category, cat_pos);
        CREATE INDEX ledger_by_category_date ON ledger_entry (category, date_s);
        -- The latest 结转 on or before a date: one seek, whatever the ledger's length.
        CREATE INDEX ledger_carry ON ledger_entry (date_s) WHERE type = 2;
    )sql"},
    Migration{3, R"sql(
        -- 意见箱: board.toml [feedback], and the replies bundles carry. No receipt code is stored:
        -- a locked reply opens only with its code (crypto/reply_lock.hpp).
        CREATE TABLE feedback_settings (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            online_url TEXT NOT NULL
        );
        CREATE TABLE feedback_topic (
            seq  INTEGER PRIMARY KEY,
            name TEXT NOT NULL
        );
        CREATE TABLE public_reply (
            seq     INTEGER PRIMARY KEY,
            topic   TEXT NOT NULL,
            message TEXT NOT NULL,
            reply   TEXT NOT NULL,
            day_s   INTEGER NOT NULL
        );
        CREATE TABLE locked_reply (
            seq    INTEGER PRIMARY KEY,
            salt   BLOB NOT NULL CHECK (length(salt) = 16),
            lookup BLOB NOT NULL CHECK (length(lookup) = 16),
            box    BLOB NOT NULL CHECK (length(box) >= 40)
        );
    )sql"},
    Migration{4, R"sql(
        -- 投票表决: seats, the threshold's rule (">=" when 1, ">" when 0), election candidates,
        -- and a survey question's kind as QuestionKind (0 single, 1 multi, 2 scale) with its
        -- max_choices. The old free-text kind "text" no longer exists; 'check' refuses it, so
        -- such a question is kept as a single choice until the next bundle replaces it.
        ALTER TABLE ballot ADD COLUMN seats INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE ballot ADD COLUMN threshold_at_least INTEGER NOT NULL DEFAULT 0
            CHECK (threshold_at_least IN (0, 1));
        CREATE TABLE ballot_question_v2 (
            ballot_id   TEXT NOT NULL,
            seq         INTEGER NOT NULL,
            text        TEXT NOT NULL,
            kind        INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 2),
            max_choices INTEGER NOT NULL CHECK (max_choices >= 1),
            PRIMARY KEY (ballot_id, seq)
        ) WITHOUT ROWID;
        INSERT INTO ballot_question_v2 SELECT ballot_id, seq, text,
            CASE kind WHEN 'multi' THEN 1 ELSE 0 END, CASE kind WHEN 'multi' THEN 1000 ELSE 1 END
            FROM ballot_question;
        DROP TABLE ballot_question;
        ALTER TABLE ballot_question_v2 RENAME TO ballot_question;
        CREATE TABLE ballot_candidate (
            ballot_id TEXT NOT NULL,
            seq       INTEGER NOT NULL,
            name      TEXT NOT NULL,
            photo     TEXT NOT NULL,
            bio       TEXT NOT NULL,
            PRIMARY KEY (ballot_id, seq)
        ) WITHOUT ROWID;
    )sql"},
    Migration{5, R"sql(
        -- Voting codes' hashes (codes/<ballot>/<kiosk>.toml), every kiosk's: a kiosk checks a typed
        -- code against its own batches and tells residents when it belongs to another kiosk or
        -- ballot. Each batch's hashes are sorted (16 bytes each), for a binary search.
        CREATE TABLE code_batch (
            ballot_id   TEXT NOT NULL,
            kiosk_id    TEXT NOT NULL,
            seq         INTEGER NOT NULL,
            fingerprint TEXT NOT NULL,
            salt        BLOB NOT NULL CHECK (length(salt) = 16),
            ops         INTEGER NOT NULL CHECK (ops >= 1),
            mem_kib     INTEGER NOT NULL CHECK (mem_kib >= 8),
            hashes      BLOB NOT NULL CHECK (length(hashes) > 0 AND length(hashes) % 16 = 0),
            PRIMARY KEY (ballot_id, kiosk_id, seq)
        ) WITHOUT ROWID;
    )sql"},
    Migration{6, R"sql(
        -- Published results (results/<ballot>.toml): the count, and its lists as rows of one
        -- table: kind 'elected', 'tied', 'tracker' (text), 'turnout' (text = kiosk, number =
        -- ballots), 'question' (seq = its index, text, number = unanswered) and 'option'
        -- (question = its question's index, text = label, number = votes), each in seq order.
        CREATE TABLE ballot_result (
            ballot_id  TEXT PRIMARY KEY NOT NULL,
            ballots    INTEGER NOT NULL CHECK (ballots >= 0),
            outcome    TEXT NOT NULL CHECK (outcome IN ('', 'passed', 'failed', 'tie')),
            quorum_met INTEGER NOT NULL,
            rule       TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE ballot_result_row (
            ballot_id TEXT NOT NULL REFERENCES ballot_result (ballot_id),
            kind      TEXT NOT NULL CHECK (kind IN ('elected', 'tied', 'tracker', 'turnout', 'question', 'option')),
            seq       INTEGER NOT NULL,
            question  INTEGER NOT NULL,
            text      TEXT NOT NULL,
            number    INTEGER NOT NULL,
            PRIMARY KEY (ballot_id, kind, seq)
        ) WITHOUT ROWID;
    )sql"},
};

// Every table replace_content empties; a new table must be added here too (the round-trip test
// checks that a second replace leaves nothing of the first). Not listed: ledger_entry and image,
// which write_finance and write_images rewrite only where they changed.
constexpr std::array<std::string_view, 17> k_content_tables = {
    "content_meta",      "item",           "list_value",   "task",         "goal",
    "declared_period",   "ballot",         "ballot_question", "ballot_candidate", "code_batch",
    "ballot_result_row", "ballot_result",
    "media",             "feedback_settings", "feedback_topic", "public_reply", "locked_reply",
};

}  // namespace

Status migrate_content_db(Database& db) { return migrate(db, k_content_migrations); }

std::span<const std::string_view> content_tables() { return k_content_tables; }

}  // namespace linli::store
