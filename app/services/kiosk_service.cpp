#include "services/kiosk_service.hpp"

#include "content/demo_content.hpp"
#include "crypto/password.hpp"
#include "bundle/install.hpp"
#include "core/log.hpp"
#include "services/exports.hpp"
#include "services/ledger_finance.hpp"
#include "services/visible_content.hpp"
#include "store/content_db.hpp"

#include <sys/statvfs.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace linli::services {

namespace {

// A clock before this is certainly wrong (a Pi without RTC boots at 1970): 2026-01-01 UTC.
constexpr int64_t k_plausible_time_s = 1767225600;
constexpr int64_t k_floor_save_interval_s = 3600;
constexpr int k_error_lines = 10;
constexpr int k_sync_lines = 20;
constexpr int64_t k_sync_result_s = 10;  // how long a USB update's result stays on screen
// How far past the newest bundle an administrator may set the clock: a typo in the year must not
// raise the clock floor (which only moves forward) for good.
constexpr int64_t k_clock_reach_s = 366 * 86400;

// This boot of the machine: an offset set on the admin panel holds until the next reboot.
std::string boot_id()
{
    std::ifstream in("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(in, id);
    return id;
}

int64_t free_disk_bytes(const std::string& dir)
{
    struct statvfs st;
    if (statvfs(dir.c_str(), &st) != 0) return -1;
    return int64_t(st.f_bavail) * int64_t(st.f_frsize);
}

// kiosk.db holds only the kiosk's own small state (clock floor, PIN lockout, event log), all of
// which can be rebuilt. A damaged file must not keep the lobby screen dark: it is set aside
// for inspection and a fresh one started; the admin panel says so. Other failures (a missing
// or read-only data directory) are reported as they are.
Result<store::KioskState> open_state_recovering(const std::string& path, std::string& note)
{
    auto state = store::KioskState::open(path);
    if (state) return state;
    const std::string& why = state.error().message;
    bool damaged = why.find("not a database") != std::string::npos || why.find("malformed") != std::string::npos ||
                   why.find("quick_check") != std::string::npos;
    if (!damaged) return state.release_error();
    std::string aside = path + ".damaged-" + std::to_string(std::time(nullptr));
    std::error_code ec;
    std::filesystem::rename(path, aside, ec);
    if (ec) return state.release_error();
    for (const char* suffix : {"-wal", "-shm"}) std::filesystem::rename(path + suffix, aside + suffix, ec);
    note = "kiosk.db was damaged (" + why + "); set aside as " + aside + " and started afresh";
    return store::KioskState::open(path);
}

}  // namespace

KioskService::KioskService(KioskConfig config, store::KioskState state, const Clock& clock)
    : m_config(std::move(config)), m_state(std::move(state)), m_clock(clock)
{
}

Result<std::unique_ptr<KioskService>> KioskService::open(KioskConfig config, const std::string& data_dir,
                                                         const Clock& clock)
{
    int64_t now_s = clock.now_s();
    return open(std::move(config), data_dir, clock, LoadedContent{content::demo_content(now_s), {}, "demo", "built-in"});
}

Result<std::unique_ptr<KioskService>> KioskService::create(KioskConfig config, const std::string& data_dir,
                                                           const Clock& clock)
{
    std::error_code ec;
    std::filesystem::create_directories(data_dir, ec);
    if (ec) return Error::internal("kiosk: " + data_dir + ": cannot create the data directory (" + ec.message() + ")");
    std::string damaged_note;
    auto state = TRY(open_state_recovering(data_dir + "/kiosk.db", damaged_note));
    auto service = std::unique_ptr<KioskService>(new KioskService(std::move(config), std::move(state), clock));
    if (!damaged_note.empty()) service->report_error("store", damaged_note);
    service->m_data_dir = data_dir;
    service->m_clock_floor_s = TRY(service->m_state.clock_floor_s());

    if (auto failed = TRY(service->m_state.setting("admin.failed_attempts")))
        service->m_pin_gate.failed_attempts = std::atoi(failed->c_str());
    if (auto until = TRY(service->m_state.setting("admin.locked_until_s")))
        service->m_pin_gate.locked_until_s = std::atoll(until->c_str());

    AppModel& m = service->m_model;
    m.kiosk_name = service->m_config.name;
    m.status.kiosk_id = service->m_config.id;
    m.status.data_dir = data_dir;
    m.status.config_source = service->m_config.source;
    m.status.diagonal_in = service->m_config.diagonal_in;
    service->open_feedback_box();
    service->reset_session();
    return service;
}

const std::vector<std::string>& default_feedback_topics()
{
    static const std::vector<std::string> topics = {"环境卫生", "邻里互助", "安全", "财务", "活动", "其他"};
    return topics;
}

// The seal key messages are sealed to: [trust] seal_key, or, for the built-in development
// defaults only (no kiosk.toml), a development pair the kiosk makes in its own data dir
// (DATA_DIR/dev-keys), so the demo's suggestion box works and `linli-admin collect --key
// DATA_DIR/dev-keys` opens what it took. A real kiosk never holds the secret half.
void KioskService::open_feedback_box()
{
    std::optional<crypto::PublicKey> seal_key;
    std::string key_path = m_config.seal_key;
    if (key_path.empty() && m_config.source == default_kiosk_config().source) {
        const std::string dir = m_data_dir + "/dev-keys";
        key_path = dir + "/seal.pub";
        if (!std::filesystem::exists(key_path)) {
            auto made = make_development_seal_key(dir);
            if (!made) report_error("feedback", made.error().message);
        }
    }
    if (!key_path.empty()) {
        auto key = crypto::read_public_key_file(key_path, crypto::KeyKind::SealPublic);
        if (key) seal_key = *key;
        else report_error("feedback", key.error().message);
    }
    m_feedback = std::make_unique<FeedbackBox>(m_data_dir + "/residents.db", seal_key,
                                               FeedbackLimits{m_config.feedback_cooldown_s, m_config.feedback_daily_cap},
                                               m_config.id);
    m_model.feedback.topics = default_feedback_topics();
    m_ballots = std::make_unique<BallotBox>(m_data_dir + "/residents.db", seal_key, m_config.id);
    m_replies = std::make_unique<ReplyDesk>([this](const std::string& code) {
        auto known = m_feedback->knows_receipt(code);
        return known && *known;
    });
}

std::string KioskService::local_day() const { return format_iso_date(trusted_now_s()); }

void KioskService::submit_feedback(const FeedbackDraft& draft)
{
    FeedbackOutcome outcome = m_feedback->submit(draft, local_day(), m_clock.monotonic_ms());
    if (!outcome.detail.empty()) report_error("feedback", outcome.detail);
    m_model.feedback.last = std::move(outcome);
    ++m_model.feedback.answers;
    m_model.feedback.availability = m_feedback->availability(local_day());
    m_status_refreshed_s = -1;  // pending_exports changed
}

void KioskService::attach_adjustable_clock(AdjustedClock& clock)
{
    m_adjustable = &clock;
    auto saved = m_state.setting("clock.offset");
    if (!saved) return report_error("store", saved.error().message);
    if (*saved && !(*saved)->empty()) {
        std::istringstream in(**saved);
        int64_t offset_ms = 0;
        std::string boot;
        in >> offset_ms >> boot;
        if (in && boot == boot_id()) {
            clock.set_offset_ms(offset_ms);
        } else {
            (void)m_state.set_setting("clock.offset", "");
            (void)m_state.log_event(trusted_now_s(), "admin", "the time set on the admin panel was for an earlier boot: dropped");
        }
    }
    m_model.admin.clock_offset_s = clock.offset_ms() / 1000;
    m_content_minute = -1;
}

int64_t KioskService::clock_latest_s() const
{
    const int64_t newest = m_model.status.content_created_s > 0 ? m_model.status.content_created_s
                                                                : std::max(m_clock_floor_s, k_plausible_time_s);
    return newest + k_clock_reach_s;
}

void KioskService::set_clock(int64_t unix_s)
{
    auto& answer = m_model.admin.clock;
    ++answer.answers;
    answer.ok = false;
    if (!m_model.admin.unlocked) return;
    if (!m_adjustable) {
        answer.text = "本机不能设置时间";
        return;
    }
    const int64_t latest = clock_latest_s();
    if (unix_s < k_plausible_time_s) {
        answer.text = "不能设置为 2026 年以前的时间";
    } else if (unix_s < m_clock_floor_s) {
        answer.text = "不能早于本机记录过的时钟下限（" + format_date(Language::Chinese, m_clock_floor_s) + " " +
                      format_time(m_clock_floor_s) + "）";
    } else if (unix_s > latest) {
        answer.text = "不能晚于" + format_date(Language::Chinese, latest) + "（最新内容包之后一年）：请核对年份";
    } else {
        const int64_t offset_ms = unix_s * 1000 - m_adjustable->base_ms();
        m_adjustable->set_offset_ms(offset_ms);
        if (auto saved = m_state.set_setting("clock.offset", std::to_string(offset_ms) + " " + boot_id()); !saved)
            report_error("store", saved.error().message);
        (void)m_state.log_event(unix_s, "admin",
                                "clock set on the admin panel to " + format_iso_date(unix_s) + " " + format_time(unix_s) +
                                    " (" + std::to_string(offset_ms / 1000) + " s from the system clock)");
        m_model.admin.clock_offset_s = offset_ms / 1000;
        answer.ok = true;
        answer.text = "时间已设置为 " + format_date(Language::Chinese, unix_s) + " " + format_time(unix_s);
        m_content_minute = -1;  // schedules and ballots follow the new time
        m_status_refreshed_s = -1;
    }
}

bool KioskService::clock_trusted() const
{
    const int64_t now = m_clock.now_s();
    return now >= k_plausible_time_s && now >= m_clock_floor_s;
}

namespace {

// The list's order: open ballots closing soonest first, then those to come, opening soonest
// first, then the ended ones, the last to close first.
bool listed_before(const BallotEntry& a, const BallotEntry& b)
{
    auto rank = [](BallotState s) { return s == BallotState::Open ? 0 : s == BallotState::Upcoming ? 1 : 2; };
    if (rank(a.state) != rank(b.state)) return rank(a.state) < rank(b.state);
    auto never_last = [](int64_t t) { return t == 0 ? INT64_MAX : t; };
    switch (a.state) {
    case BallotState::Open: return never_last(a.ballot.closes_s) < never_last(b.ballot.closes_s);
    case BallotState::Upcoming: return a.ballot.opens_s < b.ballot.opens_s;
    default: return a.ballot.closes_s > b.ballot.closes_s;
    }
}

}  // namespace

void KioskService::refresh_ballots()
{
    const int64_t now = trusted_now_s();
    const bool trusted = clock_trusted();
    BallotsView& view = m_model.ballots;
    view.clock_trusted = trusted;
    view.ballots.clear();
    for (const BallotDefinition& ballot : m_content.ballots) {
        BallotEntry entry;
        entry.ballot = ballot;
        if (ballot.closed_at(now)) {
            entry.state = BallotState::Ended;
            entry.refusal = BallotRefusal::Closed;
            for (const BallotResult& r : m_content.ballot_results)
                if (r.count.ballot == ballot.id) entry.result = r;
            if (entry.result) entry.state = BallotState::Published;
        } else if (!trusted || !ballot.open_at(now)) {
            entry.state = BallotState::Upcoming;
            entry.refusal = BallotRefusal::NotOpen;
        } else {
            entry.state = BallotState::Open;
            entry.refusal = m_ballots->availability(ballot, now, trusted);
            if (entry.refusal == BallotRefusal::None && ballot.codes_required &&
                !m_ballots->has_codes_here(ballot, m_content.ballot_codes))
                entry.refusal = BallotRefusal::NoCodes;
            if (auto it = m_survey_ready_at_s.find(ballot.id); it != m_survey_ready_at_s.end() && it->second > now)
                entry.ready_at_s = it->second;
            if (entry.refusal == BallotRefusal::None || entry.refusal == BallotRefusal::NoCodes) {
                auto turnout = m_ballots->turnout(ballot, m_content.ballot_codes);
                entry.turnout = turnout ? *turnout : -1;
            }
        }
        view.ballots.push_back(std::move(entry));
    }
    std::stable_sort(view.ballots.begin(), view.ballots.end(), listed_before);
}

void KioskService::check_ballot_code(const intent::CheckBallotCode& asked)
{
    BallotsView::CodeReply& reply = m_model.ballots.code;
    const int64_t now = trusted_now_s();
    reply.ballot = asked.ballot;
    reply.attempts_left = 0;
    ++reply.answers;
    const BallotDefinition* ballot = nullptr;
    for (const BallotDefinition& b : m_content.ballots)
        if (b.id == asked.ballot) ballot = &b;
    if (!ballot || pin_locked(m_code_gate, now, k_voting_code_limits)) {
        reply.check = CodeCheck::Wrong;  // the keypad is paused: nothing is checked
        refresh_ballots();
        return;
    }
    const CodeAnswer answer = m_ballots->check_code(*ballot, m_content.ballot_codes, asked.code);
    reply.check = answer.check;
    reply.other_title.clear();
    for (const BallotDefinition& b : m_content.ballots)
        if (answer.check == CodeCheck::OtherBallot && b.id == answer.other_ballot) reply.other_title = b.title;
    if (answer.check == CodeCheck::Wrong || answer.check == CodeCheck::Valid) {
        const PinAttempt attempt = attempt_pin(m_code_gate, answer.check == CodeCheck::Valid, now, k_voting_code_limits);
        reply.attempts_left = attempt.attempts_left;
        if (attempt.outcome == PinOutcome::LockedOut) report_error("ballots", "voting code entry paused after wrong codes");
    }
    if (answer.check == CodeCheck::Unavailable) report_error("ballots", "residents.db cannot be read to check a code");
    refresh_ballots();
}

void KioskService::submit_ballot(const intent::SubmitBallot& asked)
{
    BallotsView::CastReply& reply = m_model.ballots.cast;
    const int64_t now = trusted_now_s();
    reply.ballot = asked.ballot;
    reply.outcome = CastOutcome{};
    ++reply.answers;
    const BallotDefinition* ballot = nullptr;
    for (const BallotDefinition& b : m_content.ballots)
        if (b.id == asked.ballot) ballot = &b;
    auto refuse = [&](BallotRefusal why) {
        reply.outcome.refusal = why;
        refresh_ballots();
    };
    if (!ballot) return refuse(BallotRefusal::Invalid);
    if (ballot->closed_at(now)) return refuse(BallotRefusal::Closed);  // before the code: 投票已于……截止
    CodeAnswer code;
    if (ballot->codes_required) {
        code = m_ballots->check_code(*ballot, m_content.ballot_codes, asked.code);
        if (code.check == CodeCheck::Used) return refuse(BallotRefusal::CodeUsed);
        if (code.check != CodeCheck::Valid) return refuse(BallotRefusal::Invalid);
    } else if (auto it = m_survey_ready_at_s.find(ballot->id); it != m_survey_ready_at_s.end() && it->second > now) {
        return refuse(BallotRefusal::CoolingDown);
    }
    reply.outcome = m_ballots->cast(*ballot, code, asked.choices, now, clock_trusted());
    if (!reply.outcome.detail.empty()) report_error("ballots", reply.outcome.detail);
    if (reply.outcome.taken() && !ballot->codes_required && m_config.survey_cooldown_s > 0)
        m_survey_ready_at_s[ballot->id] = now + m_config.survey_cooldown_s;
    refresh_ballots();
    m_status_refreshed_s = -1;  // pending_exports changed
}

Result<std::unique_ptr<KioskService>> KioskService::open(KioskConfig config, const std::string& data_dir,
                                                         const Clock& clock, LoadedContent content)
{
    auto service = TRY(create(std::move(config), data_dir, clock));
    service->m_model.status.content_version = content.version;
    service->m_model.status.content_source = content.source;
    TRY_STATUS(service->open_shown_content(std::move(content.content), content.media_root));
    return service;
}

Result<std::unique_ptr<KioskService>> KioskService::open_installed(KioskConfig config, const std::string& data_dir,
                                                                   const Clock& clock,
                                                                   const std::function<LoadedContent()>& fallback)
{
    auto service = TRY(create(std::move(config), data_dir, clock));
    if (auto tidied = bundle::tidy_data_dir(data_dir, service->m_state); !tidied)
        service->report_error("sync", tidied.error().message);
    service->m_follow_installed = true;
    if (TRY(service->show_installed_content())) return service;
    LoadedContent content = fallback();
    service->m_model.status.content_version = content.version;
    service->m_model.status.content_source = content.source;
    TRY_STATUS(service->open_shown_content(std::move(content.content), content.media_root));
    return service;
}

Result<bool> KioskService::show_installed_content()
{
    auto installed = TRY(m_state.installed_content());
    if (!installed) return false;
    const std::string path = m_data_dir + "/" + installed->file;
    auto db = store::open_content_db(path);
    Result<ContentSet> content = db ? store::load_content_set(*db) : Result<ContentSet>(db.error());
    if (!content) {
        // D4: the kiosk keeps showing what it has (the previous content, or the demo) and says so.
        report_error("content", "installed content " + installed->file + " cannot be read: " + content.error().message);
        return false;
    }
    m_content_db = std::make_unique<store::Database>(std::move(*db));
    use_content(std::move(*content));
    m_shown_install = installed->version;
    m_model.status.content_version = std::to_string(installed->version);
    m_model.status.content_created_s = installed->created_s;
    m_model.status.content_source = "bundle (" + installed->source + ")";
    return true;
}

Status KioskService::reload_if_installed_changed()
{
    if (!m_follow_installed) return {};
    auto installed = TRY(m_state.installed_content());
    if (!installed || installed->version == m_shown_install) return {};
    if (TRY(show_installed_content())) m_content_minute = -1;  // select what is visible now
    return {};
}

Status KioskService::open_shown_content(ContentSet content, const std::string& media_root)
{
    // Folder content (the demo, a preview) is written to its own database file, never over an
    // installed bundle's content.db; the ledger is then read page by page from there.
    std::string path = m_data_dir + "/preview.db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    TRY_STATUS(store::build_content_db(path, content, [&media_root](const MediaFile& media) {
        return media_root.empty() ? std::nullopt : decode_media(media_root, media);
    }));
    m_content_db = std::make_unique<store::Database>(TRY(store::open_content_db(path)));
    content.ledger.clear();
    content.ledger.shrink_to_fit();
    use_content(std::move(content));
    return {};
}

void KioskService::use_content(ContentSet content)
{
    m_content = std::move(content);
    m_finance = std::make_unique<LedgerFinance>(*m_content_db, trusted_now_s(),
                                                [this](const std::string& message) { report_error("finance", message); });
    m_model.finance = m_finance.get();
    m_model.status.ledger_entries = m_finance->count({});
    m_model.feedback.topics = m_content.feedback.topics.empty() ? default_feedback_topics() : m_content.feedback.topics;
    m_model.feedback.online_url = m_content.feedback.online_url;
    m_model.feedback.public_replies = m_content.public_replies;
    if (m_replies) m_replies->set_replies(std::move(m_content.locked_replies));
    m_content.locked_replies.clear();
    m_content_minute = -1;  // ballot counts and the visible items follow the new content
}

std::optional<store::StoredImage> KioskService::image(const std::string& path)
{
    if (!m_content_db) return std::nullopt;
    auto found = store::image(*m_content_db, path);
    if (!found) {
        report_error("content", found.error().message);
        return std::nullopt;
    }
    return std::move(found).value();
}

int64_t KioskService::trusted_now_s() const
{
    return std::max(m_clock.now_s(), m_clock_floor_s);
}

const AppModel& KioskService::model()
{
    int64_t now = trusted_now_s();
    // The clock floor follows a plausible clock, saved at most hourly to spare the SD card.
    int64_t clock_now = m_clock.now_s();
    if (clock_now >= k_plausible_time_s && clock_now >= m_clock_floor_s + k_floor_save_interval_s) {
        if (auto saved = m_state.raise_clock_floor_s(clock_now); saved) m_clock_floor_s = clock_now;
        else report_error("store", saved.error().message);
    }
    m_model.now_s = now;
    apply_sync_notices();
    if (now / 60 != m_content_minute) {
        m_content_minute = now / 60;
        select_visible(m_content, now, m_model);
        m_model.status.ballots = int(m_content.ballots.size());
        m_model.status.open_ballots = int(std::count_if(m_content.ballots.begin(), m_content.ballots.end(),
                                                        [&](const BallotDefinition& b) { return b.open_at(now); }));
        refresh_ballots();
    } else if (clock_trusted() != m_model.ballots.clock_trusted) {
        refresh_ballots();  // the clock was set back behind the floor (trusted time stands still), or mended
    }
    m_model.ballots.paused_until_s = pin_locked(m_code_gate, now, k_voting_code_limits) ? m_code_gate.locked_until_s : 0;
    if (now - m_status_refreshed_s >= 10 || m_status_refreshed_s < 0) refresh_status();
    m_model.admin.attempts_left = k_max_pin_attempts - m_pin_gate.failed_attempts;
    m_model.admin.clock_latest_s = clock_latest_s();
    m_model.admin.locked_until_s = pin_locked(m_pin_gate, now) ? m_pin_gate.locked_until_s : 0;
    if (m_replies) {
        if (auto answer = m_replies->take(now)) {
            m_model.feedback.reply.last = std::move(*answer);
            ++m_model.feedback.reply.answers;
        }
        m_model.feedback.reply.busy = m_replies->busy();
        m_model.feedback.reply.paused_until_s = m_replies->paused_until(now);
    }
    refresh_speech();
    return m_model;
}

void KioskService::attach_sync(std::unique_ptr<SyncWorker> worker)
{
    m_sync = std::move(worker);
    m_model.lan_sync_configured = !m_config.lan_url.empty();
}

void KioskService::set_speaker(Speaker* speaker)
{
    m_narrator.attach(speaker);
    m_speaker_attached = speaker != nullptr;
    refresh_speech();
}

void KioskService::stop_reading()
{
    m_narrator.stop();
    m_narrator.refresh(m_model.speech);
}

// The paragraph heard moves on its own: refreshed with every frame's model. A loudspeaker that
// goes missing (or is found missing after start) is put on the admin panel once per reason; a
// kiosk configured without sound is not in trouble and logs nothing.
void KioskService::refresh_speech()
{
    m_narrator.refresh(m_model.speech);
    const std::string& reason = m_model.speech.unavailable_reason;
    if (m_speaker_attached && m_config.audio_enabled && !reason.empty() && reason != m_reported_audio)
        report_error("audio", reason.starts_with("audio: ") ? reason.substr(7) : reason);
    m_reported_audio = reason;
}

void KioskService::apply_sync_notices()
{
    SyncOverlay& overlay = m_model.sync;
    if (overlay.visible && !overlay.running && m_model.now_s >= overlay.until_s) overlay = SyncOverlay{};
    if (!m_sync) return;
    for (SyncNotice& notice : m_sync->take_notices()) {
        const bool usb = notice.source == "usb";
        switch (notice.kind) {
        case SyncNotice::Kind::Started:
            if (usb) {
                overlay = SyncOverlay{true, true};
                overlay.export_only = notice.export_only;  // "saving residents' data", not "updating"
            }
            break;
        case SyncNotice::Kind::Progress:
            if (usb) overlay.percent = notice.percent;
            break;
        case SyncNotice::Kind::Finished:
            if (notice.installed) {
                if (auto reloaded = reload_if_installed_changed(); !reloaded)
                    report_error("content", reloaded.error().message);
            }
            if (usb && (overlay.running || notice.installed || !notice.ok || notice.stick_done)) {
                overlay = SyncOverlay{true, false, 100, notice.ok, notice.installed, notice.stick_done,
                                      notice.export_only, notice.text, m_model.now_s + k_sync_result_s};
            }
            // The installer logged installs and failures in kiosk.db; a quiet "up to date" poll is
            // only noted in memory, so the SD card is not written every few minutes.
            m_model.status.last_sync = {notice.source, notice.at_s, notice.text};
            log_line(notice.ok ? LogLevel::Info : LogLevel::Warning, "sync",
                     !notice.ok            ? "failed"
                     : notice.installed    ? "installed"
                     : notice.export_only  ? "exported"
                                           : "checked",
                     notice.source + ": " + notice.text);
            m_status_refreshed_s = -1;
            break;
        }
    }
}

void KioskService::refresh_status()
{
    // Another process (`linli-kiosk --import`) may have installed new content meanwhile.
    if (auto reloaded = reload_if_installed_changed(); !reloaded) report_error("content", reloaded.error().message);
    m_status_refreshed_s = trusted_now_s();
    if (auto sync = m_state.last_sync(); sync && *sync && (*sync)->at_s > m_model.status.last_sync.at_s)
        m_model.status.last_sync = {(*sync)->source, (*sync)->at_s, (*sync)->result};
    if (auto events = m_state.recent_events_of("sync", k_sync_lines)) {
        m_model.status.sync_events.clear();
        for (auto& e : *events) m_model.status.sync_events.push_back({e.at_s, e.component, e.message});
    }
    m_model.status.free_disk_bytes = free_disk_bytes(m_data_dir);
    if (m_content_minute >= 0) refresh_ballots();  // the disk, the database, a pause that ended
    m_model.status.clock_floor_s = m_clock_floor_s;
    // residents.db is not created just to count: a kiosk that never took any input has none.
    // -1 says "unknown"; not report_error(), which would refresh (and log) again at once.
    if (!m_residents && std::filesystem::exists(m_data_dir + "/residents.db"))
        if (auto residents = store::ResidentsDb::open(m_data_dir + "/residents.db"))
            m_residents = std::make_unique<store::ResidentsDb>(std::move(*residents));
    auto pending = m_residents ? m_residents->pending_count() : Result<int64_t>(int64_t(0));
    m_model.status.pending_exports = pending ? *pending : -1;
    if (!m_residents && std::filesystem::exists(m_data_dir + "/residents.db")) m_model.status.pending_exports = -1;
    // Shown so an administrator can compare it with the key collect names after a restore. Not
    // made here: the first export (or a restore) makes it; a key never changes once made.
    if (m_model.status.device_key.empty())
        if (auto key = existing_device_public_key(m_data_dir); key && *key)
            m_model.status.device_key = key_fingerprint(**key);
    m_model.status.recent_errors.clear();
    if (auto events = m_state.recent_events(k_error_lines))
        for (auto& e : *events) m_model.status.recent_errors.push_back({e.at_s, e.component, e.message});
}

void KioskService::report_error(const std::string& component, const std::string& message)
{
    log_line(LogLevel::Error, component, "error", message);
    (void)m_state.log_event(trusted_now_s(), component, message);
    m_status_refreshed_s = -1;
}

void KioskService::reset_session()
{
    // 朗读 ends with the resident who asked for it; the next one starts at 中.
    stop_reading();
    m_narrator.set_speed(SpeechSpeed::Medium);
    // The last voter's tracker and answers are gone before the next resident arrives (B8).
    // (The answer counts stay: a screen waiting for an answer compares against them.)
    m_model.ballots.code = {std::string(), CodeCheck::Wrong, 0, std::string(), m_model.ballots.code.answers};
    m_model.ballots.cast = {std::string(), CastOutcome{}, m_model.ballots.cast.answers};
    m_model.feedback.last = FeedbackOutcome{};
    if (m_replies) m_replies->forget();
    m_model.feedback.reply.last = ReplyAnswer{};
    if (m_feedback) m_model.feedback.availability = m_feedback->availability(local_day());
    m_model.language = m_config.locale == "en" ? Language::English : Language::Chinese;
    m_model.text_size = m_config.text_size;
    m_model.theme = m_config.theme;
    m_model.admin.unlocked = false;
    m_model.admin.last_attempt_wrong = false;
}

void KioskService::save_pin_gate()
{
    auto a = m_state.set_setting("admin.failed_attempts", std::to_string(m_pin_gate.failed_attempts));
    auto b = m_state.set_setting("admin.locked_until_s", std::to_string(m_pin_gate.locked_until_s));
    if (!a) report_error("store", a.error().message);
    if (!b) report_error("store", b.error().message);
}

void KioskService::submit_pin(const std::string& pin)
{
    int64_t now = trusted_now_s();
    // Argon2 runs only when the gate is open, so a locked kiosk does not burn CPU on guesses.
    bool correct = !pin_locked(m_pin_gate, now) && crypto::verify_pin(m_config.pin_hash, pin);
    PinAttempt attempt = attempt_pin(m_pin_gate, correct, now);
    save_pin_gate();
    m_model.admin.unlocked = attempt.outcome == PinOutcome::Accepted;
    m_model.admin.last_attempt_wrong = attempt.outcome != PinOutcome::Accepted;
    if (attempt.outcome == PinOutcome::Accepted) (void)m_state.log_event(now, "admin", "panel unlocked");
    else if (attempt.outcome == PinOutcome::LockedOut) report_error("admin", "PIN entry locked after wrong PINs");
}

void KioskService::apply(const Intent& intent)
{
    std::visit(
        [this](const auto& i) {
            using T = std::decay_t<decltype(i)>;
            if constexpr (std::is_same_v<T, intent::NextTextSize>) {
                m_model.text_size = next_text_size(m_model.text_size);
            } else if constexpr (std::is_same_v<T, intent::ToggleTheme>) {
                m_model.theme = m_model.theme == Theme::Normal ? Theme::HighContrast : Theme::Normal;
            } else if constexpr (std::is_same_v<T, intent::ToggleLanguage>) {
                m_model.language = m_model.language == Language::Chinese ? Language::English : Language::Chinese;
            } else if constexpr (std::is_same_v<T, intent::SubmitPin>) {
                submit_pin(i.pin);
            } else if constexpr (std::is_same_v<T, intent::LockAdmin>) {
                m_model.admin.unlocked = false;
                m_model.admin.last_attempt_wrong = false;
            } else if constexpr (std::is_same_v<T, intent::ExitKiosk>) {
                if (m_model.admin.unlocked) m_exit = ExitRequest::Exit;
            } else if constexpr (std::is_same_v<T, intent::RestartKiosk>) {
                if (m_model.admin.unlocked) m_exit = ExitRequest::Restart;
            } else if constexpr (std::is_same_v<T, intent::SyncNow>) {
                if (m_model.admin.unlocked && m_sync) m_sync->request_lan_sync();
            } else if constexpr (std::is_same_v<T, intent::ExportToUsb>) {
                if (m_model.admin.unlocked && m_sync) m_sync->request_usb_export();
            } else if constexpr (std::is_same_v<T, intent::SubmitFeedback>) {
                submit_feedback(i.draft);
            } else if constexpr (std::is_same_v<T, intent::LookUpReply>) {
                if (m_replies) m_replies->ask(i.code, trusted_now_s());
                m_model.feedback.reply.busy = m_replies && m_replies->busy();
            } else if constexpr (std::is_same_v<T, intent::CheckBallotCode>) {
                check_ballot_code(i);
            } else if constexpr (std::is_same_v<T, intent::SubmitBallot>) {
                submit_ballot(i);
            } else if constexpr (std::is_same_v<T, intent::SetClock>) {
                set_clock(i.unix_s);
            } else if constexpr (std::is_same_v<T, intent::ReadAloud>) {
                m_narrator.read(i.item, i.paragraphs);
                m_narrator.refresh(m_model.speech);
            } else if constexpr (std::is_same_v<T, intent::StopReading>) {
                stop_reading();
            } else if constexpr (std::is_same_v<T, intent::SetSpeechSpeed>) {
                m_narrator.set_speed(i.speed);
                m_narrator.refresh(m_model.speech);
            }
        },
        intent);
}

}  // namespace linli::services
