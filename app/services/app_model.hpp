// AppModel: the immutable snapshot every screen reads, and the intents screens emit instead of
// touching anything themselves (ARCHITECTURE.md, "Screens"). KioskService turns intents into
// changes and produces the next snapshot.
#pragma once

#include "core/content_model.hpp"
#include "core/display_prefs.hpp"
#include "core/i18n.hpp"
#include "services/ballot_box.hpp"
#include "services/feedback_box.hpp"
#include "services/finance_view.hpp"
#include "services/reply_desk.hpp"
#include "services/speaker.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace linli::services {

struct AdminStatus {
    bool unlocked = false;
    int attempts_left = 5;
    int64_t locked_until_s = 0;  // 0 = not locked
    bool last_attempt_wrong = false;
    // 设置时间: the offset the administrator set over the system clock (0: none), the latest time
    // that may be set (a year after the newest bundle), and the answer to the last SetClock.
    int64_t clock_offset_s = 0;
    int64_t clock_latest_s = 0;
    struct ClockAnswer {
        bool ok = false;
        std::string text;  // what was set, or why not (Chinese source text, already composed)
        int64_t answers = 0;
    } clock;
};

struct ErrorLine {
    int64_t at_s = 0;
    std::string component;
    std::string message;
};

struct StatusInfo {
    std::string kiosk_id;
    std::string content_version;  // "demo" or "preview" until a bundle is installed
    std::string content_source;   // the folder shown, or "built-in"
    std::string data_dir;
    std::string config_source;
    int64_t free_disk_bytes = -1;
    int64_t clock_floor_s = 0;
    int64_t content_created_s = 0;  // the installed bundle's creation time; 0 for folders
    int64_t pending_exports = 0;  // residents' sealed records no export has carried yet; -1 unknown
    std::string device_key;       // the device key's fingerprint ("3f2a 9c01 77b0 e4d2"); "" before the first export
    bool screen_off_by_schedule = false;  // [display] screen_off: dark now, by plan
    int64_t ledger_entries = 0;  // in the shown content's ledger (结转 included)
    int ballots = 0;             // defined in the shown content, whatever their dates
    int open_ballots = 0;        // of those, taking ballots now by the trusted clock
    struct LastSync {
        std::string source;  // "usb", "lan", "import"; empty: never synced
        int64_t at_s = 0;
        std::string result;
    } last_sync;
    std::vector<ErrorLine> sync_events;  // the last 20 sync events, newest first
    std::string graphics;         // "OpenGL 3 (llvmpipe ...)", set by the composition root
    double diagonal_in = 21.5;    // [display] diagonal_in: with the screen's pixels, millimetres
    std::vector<ErrorLine> recent_errors;
};

// An urgent item of any kind, for the red banner and the attract loop.
struct UrgentItem {
    Notice notice;
    std::string route;  // where tapping the banner leads, e.g. "announcement:water-outage"
};

// A content update from a USB stick, shown over every screen while it runs and for a few seconds
// after (the administrator standing at the kiosk waits for it). LAN syncs stay quiet: they are
// for the admin panel only.
struct SyncOverlay {
    bool visible = false;
    bool running = false;     // "正在更新…"
    int percent = -1;         // while running: 0-100, -1 unknown
    bool ok = false;          // when done
    bool installed = false;   // when done: new content is showing
    bool stick_done = false;  // when done: the stick may be removed
    bool export_only = false; // a stick that only takes residents' data: no content is read
    std::string text;         // when done: the result, as the admin panel logs it
    int64_t until_s = 0;      // when done: hidden at this trusted time
};

// The 意见箱 as the screens see it.
struct FeedbackView {
    std::vector<std::string> topics;  // to choose from, in order
    // Why messages cannot be taken now (no seal key, full disk, the day's cap); None when open.
    FeedbackRefusal availability = FeedbackRefusal::None;
    // The answer to the last SubmitFeedback, and a number that changes with every answer, so a
    // screen knows a new one arrived.
    FeedbackOutcome last;
    int64_t answers = 0;
    std::vector<PublicReply> public_replies;  // 最新回复, as the administrators listed them
    std::string online_url;                   // the online form (QR code); empty: none
    // 查看回复: the answer to the last LookUpReply, counted like answers above.
    struct ReplyLookup {
        bool busy = false;            // a look-up is running
        ReplyAnswer last;
        int64_t answers = 0;
        int64_t paused_until_s = 0;   // code entry paused after wrong codes (0: not paused)
    } reply;
};

// 朗读 as the screens see it: what is being read, the paragraph heard now (to highlight), the
// speed chosen; and whether there is sound here at all (the admin panel says why not).
struct SpeechView {
    bool available = false;
    std::string unavailable_reason;  // "" when available
    bool speaking = false;
    std::string item;                // the route read, e.g. "announcement:water-outage"; "" when none
    int paragraph = -1;              // while speaking: the index into the ReadAloud intent's paragraphs
    SpeechSpeed speed = SpeechSpeed::Medium;
};

// 投票表决 as the screens see it, by the kiosk's trusted clock.
enum class BallotState { Upcoming, Open, Ended, Published };

struct BallotEntry {
    BallotDefinition ballot;
    BallotState state = BallotState::Upcoming;
    // Why 开始投票 cannot lead to a ballot now (no codes here, no seal key, a full disk...); None
    // when it can. NotOpen while Upcoming, Closed once ended.
    BallotRefusal refusal = BallotRefusal::None;
    int64_t turnout = -1;     // Open: ballots cast at this kiosk so far; -1 unknown
    int64_t ready_at_s = 0;   // a survey without codes takes the next answer at this trusted time
    std::optional<BallotResult> result;  // Published: the administrators' count
};

struct BallotsView {
    std::vector<BallotEntry> ballots;  // open (closing soonest first), upcoming, then ended (newest first)
    // The kiosk's clock is behind its clock floor (or implausible): no ballot opens, and the admin
    // panel says so.
    bool clock_trusted = true;
    // The answer to the last CheckBallotCode, counted like FeedbackView::answers.
    struct CodeReply {
        std::string ballot;
        CodeCheck check = CodeCheck::Wrong;
        int attempts_left = 0;  // Wrong: wrong codes left before the pause
        std::string other_title;  // OtherBallot: the title of the ballot the code is for
        int64_t answers = 0;
    } code;
    int64_t paused_until_s = 0;  // code entry paused after wrong codes (B3); 0: not paused
    // The answer to the last SubmitBallot.
    struct CastReply {
        std::string ballot;
        CastOutcome outcome;
        int64_t answers = 0;
    } cast;

    const BallotEntry* find(const std::string& id) const
    {
        for (const auto& entry : ballots)
            if (entry.ballot.id == id) return &entry;
        return nullptr;
    }
};

// The topics of board.toml's [feedback] when it names none.
const std::vector<std::string>& default_feedback_topics();

struct AppModel {
    int64_t now_s = 0;  // trusted time: never earlier than the clock floor
    Language language = Language::Chinese;
    TextSize text_size = TextSize::Standard;  // 字号 and 高对比度: the resident's, until idle
    Theme theme = Theme::Normal;
    Board board;
    std::string kiosk_name;
    // What is visible now (between publish and expire):
    std::vector<Announcement> announcements;  // urgent first, then pinned, then newest
    std::vector<UrgentItem> urgent;           // newest first
    std::vector<Recruitment> recruitment;     // open ones first, by deadline
    std::vector<Document> documents;          // drafts for comment first
    std::vector<Meeting> meetings;            // upcoming (soonest first), then past (newest first)
    std::vector<Task> tasks;
    std::vector<Goal> goals;
    // Read-only finance queries over the shown content's ledger (paged; statements cached).
    FinanceView* finance = nullptr;
    AdminStatus admin;
    StatusInfo status;
    SyncOverlay sync;
    bool lan_sync_configured = false;  // [sync] lan_url set: "sync now" makes sense
    FeedbackView feedback;
    BallotsView ballots;
    SpeechView speech;

    const Announcement* find_announcement(const std::string& id) const { return find_by_id(announcements, id); }
    const Recruitment* find_recruitment(const std::string& id) const { return find_by_id(recruitment, id); }
    const Document* find_document(const std::string& id) const { return find_by_id(documents, id); }
    const Meeting* find_meeting(const std::string& id) const { return find_by_id(meetings, id); }

private:
    template <typename T>
    static const T* find_by_id(const std::vector<T>& items, const std::string& id)
    {
        for (const auto& item : items)
            if (item.notice.id == id) return &item;
        return nullptr;
    }
};

// What a resident or administrator asked for by touch.
namespace intent {
struct NextTextSize {};  // 字号: 标准 → 大 → 特大 → 标准
struct ToggleTheme {};   // 高对比度 on or off
struct ToggleLanguage {};
struct SubmitPin { std::string pin; };
struct LockAdmin {};
struct ExitKiosk {};
struct RestartKiosk {};
struct SyncNow {};      // admin panel: poll the LAN now
struct ExportToUsb {};  // admin panel: write pending exports to the sticks plugged in
struct SubmitFeedback { FeedbackDraft draft; };  // 确认提交: the answer comes in AppModel::feedback
struct LookUpReply { std::string code; };        // 查看回复: the answer comes in AppModel::feedback.reply
// 确认 on the code keypad: the answer comes in AppModel::ballots.code.
struct CheckBallotCode { std::string ballot; std::string code; };
// Admin panel, 设置时间: the kiosk's date and time (trusted seconds); the answer in AppModel::admin.clock.
struct SetClock { int64_t unix_s = 0; };
// 确认投票: the code is checked again and the ballot sealed; the answer (the tracker, or why not)
// comes in AppModel::ballots.cast. code is empty for a survey without codes.
struct SubmitBallot { std::string ballot; std::string code; CastBallot choices; };
// 朗读 on an item (its route, as AppModel::speech.item) with its paragraphs as shown: the service
// makes them speakable. 停止 stops it; 慢 / 中 / 快 sets the speed, a reading under way going on at
// the paragraph being heard.
struct ReadAloud { std::string item; std::vector<std::string> paragraphs; };
struct StopReading {};
struct SetSpeechSpeed { SpeechSpeed speed = SpeechSpeed::Medium; };
}  // namespace intent

using Intent = std::variant<intent::NextTextSize, intent::ToggleTheme, intent::ToggleLanguage, intent::SubmitPin, intent::LockAdmin,
                            intent::ExitKiosk, intent::RestartKiosk, intent::SyncNow, intent::ExportToUsb,
                            intent::SubmitFeedback, intent::LookUpReply, intent::CheckBallotCode,
                            intent::SubmitBallot, intent::SetClock,
                            intent::ReadAloud, intent::StopReading, intent::SetSpeechSpeed>;

}  // namespace linli::services
