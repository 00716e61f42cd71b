// KioskService: the kiosk's use cases. Owns the kiosk's state database, the config and the
// content in use; turns intents from the screens into changes; produces the AppModel snapshot.
// Lives on the main thread (it holds the UI's SQLite connection).
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "services/app_model.hpp"
#include "services/ballot_box.hpp"
#include "services/content_source.hpp"
#include "services/finance_view.hpp"
#include "store/database.hpp"
#include "services/kiosk_config.hpp"
#include "services/narrator.hpp"
#include "services/pin_gate.hpp"
#include "services/reply_desk.hpp"
#include "services/sync_worker.hpp"
#include "store/kiosk_state.hpp"
#include "store/residents_db.hpp"

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace linli::services {

enum class ExitRequest { None, Exit, Restart };

class KioskService {
public:
    // Opens (creating if needed) DATA_DIR/kiosk.db and loads the content to show.
    static Result<std::unique_ptr<KioskService>> open(KioskConfig config, const std::string& data_dir,
                                                      const Clock& clock, LoadedContent content);
    // Shows the content installed from bundles (following later installs), or fallback() when
    // nothing is installed or the installed content cannot be read.
    static Result<std::unique_ptr<KioskService>> open_installed(KioskConfig config, const std::string& data_dir,
                                                                const Clock& clock,
                                                                const std::function<LoadedContent()>& fallback);
    // The same with the small built-in demo board (tests).
    static Result<std::unique_ptr<KioskService>> open(KioskConfig config, const std::string& data_dir,
                                                      const Clock& clock);

    // The current snapshot, refreshed for the clock (schedules take effect without a restart).
    const AppModel& model();
    void apply(const Intent& intent);
    // Idle reset: the next resident starts fresh (language, text size, admin locked).
    void reset_session();
    ExitRequest exit_request() const { return m_exit; }
    // The newest time the kiosk trusts: max(clock, clock floor).
    int64_t trusted_now_s() const;
    // Records a problem for the admin panel and the log (stderr, which journald keeps).
    void report_error(const std::string& component, const std::string& message);
    // The clock the kiosk runs on, when an administrator may set its time on the admin panel (an
    // offset over the system clock, kept in kiosk.db for this boot of the machine only: after a
    // reboot the system clock is what it is, and the clock floor still guards it). Must be the
    // clock this service was opened with.
    void attach_adjustable_clock(AdjustedClock& clock);
    // Takes the background sync worker (USB, LAN); its notices are applied in model().
    void attach_sync(std::unique_ptr<SyncWorker> worker);
    // Switches to newly installed content, if a bundle was installed since (any process).
    Status reload_if_installed_changed();
    const std::string& data_dir() const { return m_data_dir; }
    // The screen-off schedule darkened (true) or lit the screen: a healthy state, shown as such.
    void set_screen_off(bool off) { m_model.status.screen_off_by_schedule = off; }
    void set_graphics_info(std::string info) { m_model.status.graphics = std::move(info); }
    const KioskConfig& config() const { return m_config; }
    // Work running in the background whose answer a screen waits for (a reply look-up).
    bool busy() const { return m_replies && m_replies->busy(); }
    // A picture of the shown content (decoded RGBA), or nothing.
    std::optional<store::StoredImage> image(const std::string& path);
    // 朗读's loudspeaker, from the composition root (not owned: set nullptr before it goes).
    // Without one, readings are silent and AppModel::speech says why.
    void set_speaker(Speaker* speaker);
    // Stops a reading aloud: the UI calls it on every navigation; reset_session() does too.
    void stop_reading();

private:
    KioskService(KioskConfig config, store::KioskState state, const Clock& clock);
    void refresh_status();
    void submit_pin(const std::string& pin);
    void save_pin_gate();
    static Result<std::unique_ptr<KioskService>> create(KioskConfig config, const std::string& data_dir,
                                                        const Clock& clock);
    Status open_shown_content(ContentSet content, const std::string& media_root);
    Result<bool> show_installed_content();
    void use_content(ContentSet content);
    void apply_sync_notices();
    void open_feedback_box();
    void submit_feedback(const FeedbackDraft& draft);
    void refresh_ballots();
    void set_clock(int64_t unix_s);
    int64_t clock_latest_s() const;  // the latest time 设置时间 takes
    void check_ballot_code(const intent::CheckBallotCode& asked);
    void submit_ballot(const intent::SubmitBallot& asked);
    // Whether the system clock can be believed: plausible, and not behind the clock floor.
    bool clock_trusted() const;
    std::string local_day() const;  // the board's date by the trusted clock, YYYY-MM-DD
    void refresh_speech();

    KioskConfig m_config;
    store::KioskState m_state;
    const Clock& m_clock;
    std::string m_data_dir;
    AppModel m_model;
    ContentSet m_content;  // everything shown but the ledger; m_model holds what is visible now
    std::unique_ptr<store::Database> m_content_db;
    std::unique_ptr<FinanceView> m_finance;
    PinGateState m_pin_gate;
    std::unique_ptr<SyncWorker> m_sync;
    std::unique_ptr<store::ResidentsDb> m_residents;  // opened once residents.db exists (pending_exports)
    std::unique_ptr<FeedbackBox> m_feedback;
    std::unique_ptr<ReplyDesk> m_replies;  // after m_feedback: its look-ups ask the box
    std::unique_ptr<BallotBox> m_ballots;
    AdjustedClock* m_adjustable = nullptr;
    PinGateState m_code_gate;              // wrong voting codes (B3), for the whole kiosk
    std::map<std::string, int64_t> m_survey_ready_at_s;  // surveys without codes: the next answer
    int64_t m_clock_floor_s = 0;
    bool m_follow_installed = false;  // showing installed content (not a preview folder)
    int64_t m_shown_install = -1;     // the installed version shown
    int64_t m_content_minute = -1;  // the minute the visible content was last selected for
    int64_t m_status_refreshed_s = -1;
    ExitRequest m_exit = ExitRequest::None;
    Narrator m_narrator;
    bool m_speaker_attached = false;  // by the composition root (tests and one-shot commands have none)
    std::string m_reported_audio;     // the last reason for no sound put on the admin panel
};

}  // namespace linli::services
