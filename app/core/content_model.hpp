// The board's content as the kiosk shows it: every kind an administrator authors in the content
// folder (INTERFACES.md §3), parsed and validated by content/, stored by store/, shown by ui/.
// Plain data, standard library only. Times are Unix seconds (UTC); 0 means "not set".
#pragma once

#include "core/ballot.hpp"
#include "core/money.hpp"
#include "core/notice.hpp"
#include "core/replies.hpp"
#include "core/voting_codes.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace linli {

// What every content file's front matter can carry beyond Notice's fields.
struct ItemExtras {
    std::string qr_url;
    std::string qr_label;
    std::vector<std::string> images;  // paths under media/, as written ("media/x.jpg")
};

struct Announcement {
    Notice notice;  // id, title, category, body (Markdown), publish, expire, pinned, urgent
    ItemExtras extras;
};

struct Position {
    std::string name;
    int count = 0;
};

struct Recruitment {
    Notice notice;
    ItemExtras extras;
    std::vector<Position> positions;
    std::vector<std::string> requirements;
    int64_t deadline_s = 0;
    std::string apply;      // how to apply, plain text
    std::string apply_url;  // sign-up form (shown as a QR code)
};

enum class DocumentKind { CharterDraft, Charter, Rule, Report };

struct Document {
    Notice notice;
    ItemExtras extras;
    DocumentKind kind = DocumentKind::Rule;
    int64_t comment_until_s = 0;  // drafts: end of the comment period
};

enum class MeetingKind { Regular, Urgent };

struct Meeting {
    Notice notice;
    ItemExtras extras;
    int64_t date_s = 0;
    std::string location;
    MeetingKind kind = MeetingKind::Regular;
    std::vector<std::string> decisions;
};

enum class TaskStatus { Planned, Doing, Done, Blocked };

struct Task {
    std::string id;
    std::string title;
    std::string group;
    std::string owner;
    TaskStatus status = TaskStatus::Planned;
    int progress = 0;  // 0-100
    int64_t due_s = 0;
    int64_t updated_s = 0;
};

struct Goal {
    int year = 0;
    std::string goal;
    std::string target;
    std::string result;
    std::string status;
};

// CarryForward is the balance brought forward (结转): it sets the balance on its date and is
// never income or expense. Its amount may be negative (a debt brought forward).
enum class EntryType { Income, Expense, CarryForward };

struct LedgerEntry {
    int64_t date_s = 0;  // local midnight of the entry's date
    EntryType type = EntryType::Income;
    std::string category;
    std::string description;
    Money amount;         // never negative, except a CarryForward that brings a debt forward
    std::string voucher;  // an image under media/ or a voucher number; may be empty
    int line = 0;         // line in ledger.csv, for messages
};

// finance/periods.toml: what the treasurer declares, to reconcile the ledger against.
struct DeclaredPeriod {
    std::string period;  // "2026-10", "2026-Q3", "2026"
    bool has_opening = false;
    Money opening;
    bool has_closing = false;
    Money closing;
    int line = 0;  // lines in periods.toml, for check's warnings (0 when not from a file)
    int opening_line = 0;
    int closing_line = 0;
};

struct MediaFile {
    std::string path;  // relative to the content folder, "media/..."
    int64_t bytes = 0;
};

struct BoardInfo {
    Board board;
    std::string locale = "zh-CN";
};

// A whole content folder, parsed.
struct ContentSet {
    BoardInfo board;
    FeedbackSettings feedback;  // board.toml [feedback]
    std::vector<Announcement> announcements;
    std::vector<Recruitment> recruitment;
    std::vector<Document> documents;
    std::vector<Meeting> meetings;
    std::vector<Task> tasks;
    std::vector<Goal> goals;
    std::vector<LedgerEntry> ledger;
    std::vector<DeclaredPeriod> periods;
    std::vector<BallotDefinition> ballots;
    std::vector<BallotCodes> ballot_codes;  // codes/: the voting codes' hashes, per ballot and kiosk
    std::vector<BallotResult> ballot_results;  // results/: what collect counted, published once closed
    std::vector<MediaFile> media;
    // feedback/: replies as written (with codes; office side only), public ones (shown on every
    // kiosk), and locked ones (what bundles and kiosks hold instead of the written ones).
    std::vector<AuthoredReply> authored_replies;
    std::vector<PublicReply> public_replies;
    std::vector<LockedReply> locked_replies;
};

}  // namespace linli
