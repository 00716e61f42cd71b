// linli-kiosk: the composition root. Parses the command line, loads the config, opens the data
// directory, and either prints status, renders a screenshot, replays a script, or runs the
// fullscreen kiosk. Exit codes: 0 ok, 2 rejected input, 1 internal error (INTERFACES.md §2).
#include "bundle/source.hpp"
#include "crypto/sodium.hpp"
#include "services/backup.hpp"
#include "services/bundle_install.hpp"
#include "services/exports.hpp"
#include "services/sync_worker.hpp"
#include "sync/http_source.hpp"
#include "input/ui_script.hpp"
#include "kiosk/kiosk_app.hpp"
#include "platform/cage_session.hpp"
#include "platform/journal_log.hpp"
#include "kiosk/options.hpp"
#include "kiosk/read_aloud_speaker.hpp"
#include "kiosk/script_runner.hpp"
#include "kiosk/startup_trace.hpp"
#include "kiosk/status_json.hpp"
#include "services/kiosk_config.hpp"
#include "services/poll_status.hpp"

#include <imgui.h>
#include <malloc.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace linli;

namespace {

int exit_code(const Error& error)
{
    std::fprintf(stderr, "%s\n", error.message.c_str());
    return error.kind == ErrorKind::Rejected ? 2 : 1;
}

Result<services::KioskConfig> load_config(const kiosk::Options& options)
{
    if (!options.config_path.empty()) return services::load_kiosk_config(options.config_path);
    const char* system_config = "/etc/linli/kiosk.toml";
    if (std::filesystem::exists(system_config)) return services::load_kiosk_config(system_config);
    return services::default_kiosk_config();
}

Result<std::string> read_file(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error::rejected("script: " + path + ": cannot read the file");
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Root must not write into the installed kiosk's data (`sudo linli-kiosk --restore ...`): the
// databases, keys and content it would create belong to root, and the service, running as
// "linli", could then not open them and would fail at every start.
Status refuse_root_in_kiosk_data(const std::string& data_dir)
{
    struct stat st {};
    if (::geteuid() != 0 || ::stat(data_dir.c_str(), &st) != 0 || st.st_uid == 0) return {};
    const passwd* owner = ::getpwuid(st.st_uid);
    const std::string user = owner ? owner->pw_name : std::to_string(st.st_uid);
    return Error::rejected("linli-kiosk: " + data_dir + " belongs to the user " + user +
                           "; run this as that user (sudo -u " + user + " linli-kiosk ...), not as root, "
                           "or the kiosk could not open the files root makes there");
}

// Screenshots and scripts run on a fake clock: the real time unless LINLI_NOW fixes it, so
// tests can compare pictures.
int64_t start_time_ms()
{
    if (const char* fixed = std::getenv("LINLI_NOW")) return std::atoll(fixed) * 1000;
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

struct ImGuiContextGuard {
    ImGuiContextGuard()
    {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // nothing is written next to the kiosk
        io.LogFilename = nullptr;
        io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
    }
    ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};

// --import: the same verification and apply path as USB and LAN, once, then exit. One line on
// stdout on success; one line on stderr and exit 2 for a bundle that is refused.
Result<int> import_bundle(const std::string& from, const services::KioskConfig& config, const std::string& data_dir)
{
    std::unique_ptr<bundle::BundleSource> source;
    std::optional<sync::HttpClient> client;
    const int64_t now_s = start_time_ms() / 1000;  // LINLI_NOW lets tests set the kiosk's clock
    if (sync::is_http_url(from)) {
        sync::HttpOptions http;
        http.kiosk_id = config.id;
        // As a LAN poll does: the office console sees who fetched what.
        if (auto status = services::current_status_header({config.id, config.name, data_dir, config.interval_s}, now_s))
            http.status = std::move(*status);
        client = TRY(sync::HttpClient::create(std::move(http)));
        source = std::make_unique<sync::HttpSource>(*client, from);
    } else {
        source = std::make_unique<bundle::DirectorySource>(from);
    }
    auto report = TRY(services::install_for_kiosk(*source, config, data_dir, now_s, "import"));
    std::printf("linli-kiosk: %s\n", services::describe_install(report).c_str());
    return 0;
}

Result<int> run(const kiosk::Options& options, const std::vector<std::string>& args, char** argv)
{
    if (options.help) {
        std::fputs(kiosk::usage_text().c_str(), stdout);
        return 0;
    }
    if (options.version) {
        std::puts("linli-kiosk 0.1.0");
        return 0;
    }
    TRY_STATUS(crypto::init_sodium());
    platform::log_to_journal_if_connected();
    auto config = TRY(load_config(options));
    std::string data_dir = options.data_dir.empty() ? kiosk::default_data_dir() : options.data_dir;
    TRY_STATUS(refuse_root_in_kiosk_data(data_dir));
    if (!options.import_source.empty()) return import_bundle(options.import_source, config, data_dir);
    if (!options.export_dir.empty()) {
        // One export of every pending record (or an empty one: it keeps the chain), then exit.
        auto written = TRY(services::export_to_folder(config, data_dir, options.export_dir, start_time_ms() / 1000));
        std::printf("linli-kiosk: %s %s (%lld record%s)\n", written.recovered ? "completed" : "wrote",
                    written.path.c_str(), static_cast<long long>(written.records), written.records == 1 ? "" : "s");
        return 0;
    }
    if (!options.backup_dir.empty()) {
        std::error_code ec;
        if (!std::filesystem::is_directory(options.backup_dir, ec))
            return Error::rejected("linli-kiosk: --backup " + options.backup_dir + ": no such folder");
        auto written = TRY(services::write_backup(config, data_dir, options.backup_dir, start_time_ms() / 1000));
        std::printf("linli-kiosk: wrote the backup %s (%lld record%s, last export %lld, residents.db %lld bytes)\n",
                    written.dir.c_str(), static_cast<long long>(written.records), written.records == 1 ? "" : "s",
                    static_cast<long long>(written.last_export_seq), static_cast<long long>(written.db_bytes));
        return 0;
    }
    if (!options.restore_dir.empty()) {
        auto restored = TRY(services::restore_backup(config, data_dir, options.restore_dir));
        std::string text = services::describe_restore(restored);
        for (size_t start = 0; start < text.size();) {  // every line marked as ours
            size_t end = text.find('\n', start);
            std::printf("linli-kiosk: %s\n", text.substr(start, end - start).c_str());
            start = end + 1;
        }
        return 0;
    }

    bool headless = !options.screenshot_path.empty() || !options.script_path.empty();
    // The cage launch mode: this process starts cage with the kiosk inside and reports how it
    // ended. One-shot commands (--status, --screenshot, ...) never need a compositor.
    if (config.launch == services::DisplayLaunch::Cage && !headless && !options.status &&
        !platform::inside_cage_session())
        return TRY(platform::run_inside_cage(args));
    // LINLI_NOW sets the clock of every command (INTERFACES.md §2): headless runs stand still
    // until a script moves them; --status and a running kiosk start there and run on.
    SystemClock system_clock;
    FakeClock fake_clock(start_time_ms(), 0);
    ShiftedClock shifted_clock(start_time_ms());
    const Clock& base_clock = headless                  ? static_cast<const Clock&>(fake_clock)
                              : std::getenv("LINLI_NOW") ? static_cast<const Clock&>(shifted_clock)
                                                         : system_clock;
    // The time an administrator sets on the admin panel, as an offset over that clock.
    AdjustedClock adjusted_clock(base_clock);
    const Clock& clock = adjusted_clock;

    kiosk::trace_stage("config");
    // Content: an authoring folder to preview (--content, or [content] dir in the config), else the demo.
    Language messages = config.locale == "en" ? Language::English : Language::Chinese;
    std::string folder = !options.content_dir.empty() ? options.content_dir : config.content_dir;
    auto demo = [&clock] { return services::load_demo(services::default_demo_dir(), clock.now_s()); };
    auto preview = [&]() -> Result<services::LoadedContent> {
        services::LoadedContent loaded = TRY(services::load_preview_folder(folder, messages));
        // What residents would see as a problem (an unreconciled balance shows in red): said here
        // too, as `linli-admin check` says it. preview has printed them already with its check.
        if (!std::getenv("LINLI_PREVIEW_CHECKED"))
            for (const std::string& w : loaded.warnings) std::fprintf(stderr, "%s\n", w.c_str());
        return loaded;
    };
    auto service = folder.empty()
                       ? TRY(services::KioskService::open_installed(config, data_dir, clock, demo))
                       : TRY(services::KioskService::open(config, data_dir, clock, TRY(preview())));
    service->attach_adjustable_clock(adjusted_clock);
    kiosk::trace_stage("service");
    if (options.status) {
        std::fputs(kiosk::status_json(service->model()).c_str(), stdout);
        return 0;
    }

    std::vector<input::ScriptCommand> script;
    if (!options.script_path.empty()) {
        std::string text = TRY(read_file(options.script_path));
        script = TRY(input::parse_ui_script(text, options.script_path));
    }

    ImGuiContextGuard imgui;
    platform::DisplayOptions display_options;
    if (options.windowed) {
        display_options.mode = platform::WindowMode::Windowed;
        display_options.width = options.windowed->width;
        display_options.height = options.windowed->height;
    } else if (headless) {
        display_options.mode = platform::WindowMode::Offscreen;
        display_options.width = options.size ? options.size->width : 1920;
        display_options.height = options.size ? options.size->height : 1080;
    }
    display_options.rotation = config.rotation;
    auto display = TRY(platform::Display::open(display_options));
    kiosk::trace_stage("display");
    auto fonts = TRY(platform::FontAtlas::open());
    kiosk::trace_stage("fonts");
    service->set_graphics_info(std::string(display->api_name()) + " (" + display->renderer_name() + ", " +
                               display->video_driver() + ")");

    // 朗读's loudspeaker: after the display (SDL is started on this thread), taken back from the
    // service before it goes, and gone before the display (whose SDL_Quit ends SDL's audio).
    std::unique_ptr<services::Speaker> speaker = kiosk::make_speaker(config, headless);
    service->set_speaker(speaker.get());
    struct DetachSpeaker {
        services::KioskService& service;
        ~DetachSpeaker() { service.set_speaker(nullptr); }
    } detach_speaker{*service};

    kiosk::KioskApp app(*display, *fonts, *service, clock);
    if (!options.screen.empty()) TRY_STATUS(app.ui().go_to(options.screen));

    if (!options.screenshot_path.empty()) {
        kiosk::ScriptRunner runner(app, fake_clock, options.screenshot_path);
        TRY_STATUS(runner.settle());
        TRY_STATUS(app.render(false));
        TRY_STATUS(display->write_png(options.screenshot_path));
        return 0;
    }
    if (!options.script_path.empty()) {
        kiosk::ScriptRunner runner(app, fake_clock, options.script_path);
        TRY_STATUS(runner.run(script));
        kiosk::trace_stage("script done");
        kiosk::trace_frame_times(app.frame_times_us(), app.frames_drawn());
        kiosk::trace_durations("stroke to candidates", runner.stroke_to_candidates_us());
        return 0;
    }

    // Content updates by USB stick and LAN run on their own thread while the kiosk runs. The
    // worker is stopped before the display goes, so it never wakes an event loop that is gone.
    // A preview of an authoring folder (--content) takes no bundles and gives no exports.
    if (folder.empty()) {
        auto worker = std::make_unique<services::SyncWorker>(config, data_dir, clock, [] { platform::EventPump::post_wake(); });
        if (auto started = worker->start(); !started) service->report_error("sync", started.error().message);
        service->attach_sync(std::move(worker));
    }
    struct StopSync {
        services::KioskService& service;
        ~StopSync() { service.attach_sync(nullptr); }
    } stop_sync{*service};

    platform::EventPump pump(display->driver_can_wait(), options.windowed.has_value());
    platform::ServiceManager manager;
    TRY_STATUS(app.run(pump, &manager));
    // Quitting already. A second SIGTERM (a stop reaches every process of the service, and under
    // cage some twice) must not kill the kiosk halfway through its teardown, once SDL_Quit has put
    // the default handler back, before it has reported its exit code to the cage launcher.
    ::signal(SIGTERM, SIG_IGN);
    ::signal(SIGINT, SIG_IGN);
    kiosk::trace_frame_times(app.frame_times_us(), app.frames_drawn());
    if (service->exit_request() == services::ExitRequest::Restart) {
        // Start afresh in the same process slot, with the same arguments.
        service->set_speaker(nullptr);
        speaker.reset();
        fonts.reset();
        display.reset();
        ::signal(SIGTERM, SIG_DFL);  // ignored ones would stay ignored in the new image
        ::signal(SIGINT, SIG_DFL);
        execv("/proc/self/exe", argv);
        return Error::internal("linli-kiosk: restart failed");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    // Large blocks (glyph atlas pixels, texture uploads) are mapped and returned to the system
    // when freed; glibc's default raises this threshold after the first large free, after which
    // every atlas rebuild would leave its pixels on the heap for good.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    // A peer that went away (cage stopping before the kiosk has let go of its Wayland connection,
    // a server closing mid-transfer) is an error to handle, never a reason to die silently:
    // killed by SIGPIPE, the kiosk inside cage could not report its exit code.
    ::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);
    auto options = kiosk::parse_options(args);
    if (!options) return exit_code(options.error());
    auto result = run(*options, args, argv);
    const int code = result ? *result : exit_code(result.error());
    // Inside cage, which always exits 0, the launcher learns the code this way (cage_session.hpp).
    platform::report_exit_to_cage_launcher(code);
    return code;
}
