// The content database (content.db): everything residents read, as the last content folder or
// bundle had it, replaced as a whole in one transaction so a reader sees the old content or the new,
// never a mix. Kept apart from kiosk state and residents' data: losing it costs only a re-install.
// Holds images decoded and downscaled elsewhere, ready to upload as textures, and serves the
// queries the screens need (visible items at a time, ledger pages for a virtualised list).
#pragma once

#include "core/content_model.hpp"
#include "core/finance.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::store {

// An image decoded and downscaled for the screen: width * height * 4 bytes of RGBA, row by row.
struct StoredImage {
    std::string path;  // as content refers to it ("media/x.jpg")
    int width = 0;
    int height = 0;
    std::vector<uint8_t> rgba;
};

// Where the content came from, stored with it (the bundle manifest's version and creation time;
// 0 for a folder shown with --content or preview).
struct ContentMeta {
    int64_t version = 0;
    int64_t created_s = 0;
    std::string source;  // e.g. "bundle", "folder"
};

// The metadata row and the board, as the last replace_content stored them.
struct ContentInfo {
    ContentMeta meta;
    BoardInfo board;
    int64_t ledger_entries = 0;
};

// Which ledger entries a page or count covers. Pages are in chronological order (date, then the
// order of ledger.csv); a newest-first view reads offsets from the end (count - 1 - row).
struct LedgerFilter {
    std::optional<Period> period;  // nothing: every date
    std::string category;          // empty: every category
};

// Opens (creating if needed) content.db, refuses a file that fails quick_check (D4), migrates.
Result<Database> open_content_db(const std::string& path);
// Brings an open database to the content schema (idempotent).
Status migrate_content_db(Database& db);

// Replaces everything (content, images, metadata) in one transaction. On any failure nothing
// changes. Images must be width * height * 4 bytes with unique paths (Rejected otherwise); no
// images (nullptr) means none are kept. An image with the same pixels as before, or a ledger
// identical to the stored one, is kept rather than rewritten: the result is the same, the writes fewer.
Status replace_content(Database& db, const ContentSet& content,
                       const std::vector<StoredImage>* images = nullptr, const ContentMeta& meta = {});

// Writes a complete content database into a new file at path (refused if anything is there), for
// an installer that then renames it over content.db. The data is written once, where
// replace_content in a live WAL database writes it twice (log, then checkpoint): the fast way to
// load a large folder. On failure the partial file is removed. The result is in WAL mode.
Status build_content_db(const std::string& path, const ContentSet& content,
                        const std::vector<StoredImage>* images = nullptr,
                        const ContentMeta& meta = {});

// Adds (or replaces) one picture.
Status add_image(Database& db, const StoredImage& image);

// The same as build_content_db, with pictures decoded one at a time by load_image (nothing: the
// file is left out), so memory holds one picture, not all of them.
using ImageLoader = std::function<std::optional<StoredImage>(const MediaFile&)>;
Status build_content_db(const std::string& path, const ContentSet& content, const ImageLoader& load_image,
                        const ContentMeta& meta = {});

// Nothing before the first replace_content.
Result<std::optional<ContentInfo>> content_info(Database& db);

// As now_s for the visible_* queries: every item, whatever its schedule.
inline constexpr int64_t k_any_time = INT64_MIN;

// Everything but the ledger (read page by page from the database instead), for a kiosk that
// shows installed content: the items with their schedules, progress, periods, ballots, media.
Result<ContentSet> load_content_set(Database& db);

// Items shown at now_s (publish <= now < expire; 0 = unset). Announcements, recruitment and
// documents: pinned first, then newest publish, then id. Meetings: by meeting date, then id.
Result<std::vector<Announcement>> visible_announcements(Database& db, int64_t now_s);
Result<std::vector<Recruitment>> visible_recruitment(Database& db, int64_t now_s);
Result<std::vector<Document>> visible_documents(Database& db, int64_t now_s);
Result<std::vector<Meeting>> visible_meetings(Database& db, int64_t now_s);

// In the order of the CSV files.
Result<std::vector<Task>> tasks(Database& db);
Result<std::vector<Goal>> goals(Database& db);
// In the order of finance/periods.toml.
Result<std::vector<DeclaredPeriod>> declared_periods(Database& db);
// Sorted by id.
Result<std::vector<BallotDefinition>> ballot_definitions(Database& db);
// Every kiosk's voting-code batches, each batch's hashes sorted (see code_hash_listed).
Result<std::vector<BallotCodes>> ballot_codes(Database& db);
// Published results (results/), by ballot id; trackers sorted as written.
Result<std::vector<BallotResult>> ballot_results(Database& db);
// In the order content listed them.
Result<std::vector<MediaFile>> media_files(Database& db);
// 意见箱: board.toml [feedback], the public replies in order, the locked replies.
Result<FeedbackSettings> feedback_settings(Database& db);
Result<std::vector<PublicReply>> public_replies(Database& db);
Result<std::vector<LockedReply>> locked_replies(Database& db);

// Up to limit entries starting at row offset of the filtered, chronological list. Each page is an
// index range lookup, not an OFFSET scan, so it costs the same at row 0 and at row 99,950.
Result<std::vector<LedgerEntry>> ledger_page(Database& db, const LedgerFilter& filter,
                                             int64_t offset, int limit);
// How many entries the filter covers (index lookups only).
Result<int64_t> ledger_count(Database& db, const LedgerFilter& filter);
// Every entry in chronological order: the whole ledger in memory, for tests and tools that check
// the database against compute_statement. Statements use the sums below instead.
Result<std::vector<LedgerEntry>> ledger_entries(Database& db);
// One sum per (type, category) of the income and expense entries dated in [from_s, to_s), a bound of nothing being
// open, in no particular order: what statement_from_totals and month_flow_from_totals take.
// Memory holds one row per category, whatever the ledger's length. SQLite adds in 64-bit
// integers and fails ("integer overflow") rather than wrap.
Result<std::vector<CategorySum>> ledger_totals(Database& db, std::optional<int64_t> from_s,
                                               std::optional<int64_t> to_s);
// The balance at the instant at_s (core's balance_at): the latest 结转 dated on or before it plus
// income minus expense from its date to before at_s (without a 结转: of every entry before at_s).
// The opening balance of a period starting at at_s. Fails as ledger_totals does if either side's
// sum passes 64-bit fen.
Result<Money> ledger_balance_at(Database& db, int64_t at_s);
// Every category used in the ledger, sorted (byte order), for the filter chips.
Result<std::vector<std::string>> ledger_categories(Database& db);

// The image stored under path, or nothing.
Result<std::optional<StoredImage>> image(Database& db, std::string_view path);

}  // namespace linli::store
