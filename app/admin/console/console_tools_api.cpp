// The console's 预览 and 收集: thin over what the command line does. A preview is linli-kiosk's
// own --screenshot of the workspace's content (exactly what a kiosk draws, when linli-kiosk is on
// this PC; the page says so when it is not); collecting is `linli-admin collect` of the inbox
// into a new folder under results/, with its report shown.
#include "admin/console/console_http.hpp"

#if __has_include(<httplib.h>) && defined(CPPHTTPLIB_OPENSSL_SUPPORT)

#include "admin/command.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

extern char** environ;

namespace linli::admin {

namespace {

constexpr auto k_preview_limit = std::chrono::seconds(30);
std::mutex g_preview_mutex;  // one kiosk at a time on the previews' data folder
std::mutex g_collect_mutex;

// Runs argv with its stderr into err_path; the exit status, or -1 when it could not start or
// ran past the limit (then it is killed).
int run_program(const std::vector<std::string>& args, const std::string& err_path)
{
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    // The console's environment (LINLI_NOW, TZ, ...), and offscreen drawing unless another video
    // driver is named: the console may run without a desktop, and a preview never opens a window.
    std::vector<char*> env;
    bool video = false;
    for (char** e = environ; *e; ++e) {
        env.push_back(*e);
        video = video || std::string_view(*e).starts_with("SDL_VIDEODRIVER=");
    }
    std::string offscreen = "SDL_VIDEODRIVER=offscreen";
    if (!video) env.push_back(offscreen.data());
    env.push_back(nullptr);
    pid_t pid = 0;
    const int started = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (started != 0) return -1;
    const auto deadline = std::chrono::steady_clock::now() + k_preview_limit;
    int status = 0;
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            return -1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void preview(const ConsoleRoutes& r, const Request& req, Response& res)
{
    static const std::regex k_screen(R"([a-z]+(:[A-Za-z0-9_-]{1,64})?)");
    static const std::regex k_size(R"((\d{3,4})x(\d{3,4}))");
    const std::string screen = req.has_param("screen") ? req.get_param_value("screen") : "home";
    const std::string size = req.has_param("size") ? req.get_param_value("size") : "1920x1080";
    std::smatch m;
    if (!std::regex_match(screen, k_screen)) return reply_error(res, 400, "没有这个画面", "no such screen");
    if (!std::regex_match(size, m, k_size) || std::stoi(m[1]) > 4096 || std::stoi(m[2]) > 4096)
        return reply_error(res, 400, "尺寸应写作 宽x高，如 1920x1080", "a size is WxH, like 1920x1080");
    const std::string kiosk = find_kiosk();
    std::lock_guard lock(g_preview_mutex);
    const fs::path dir = fs::path(preview_data_dir());
    std::error_code ec;
    fs::create_directories(dir, ec);
    const std::string png = (dir / "console-preview.png").string(), err = (dir / "console-preview.err").string();
    fs::remove(png, ec);
    const int rc = run_program({kiosk, "--content", (fs::path(r.options.workspace) / "content").string(), "--data-dir",
                                (dir / "data").string(), "--screenshot", png, "--screen", screen, "--size", size},
                               err);
    if (rc < 0 && !fs::exists(png))
        return reply_error(res, 503, "无法预览：本机没有可用的 linli-kiosk（" + kiosk + "），请安装 linli-kiosk 软件包",
                           "no preview: linli-kiosk (" + kiosk + ") cannot run on this PC; install the linli-kiosk package");
    if (rc != 0) {
        std::string why = read_whole_file(err);
        if (why.size() > 4000) why.resize(4000);
        return reply_error(res, 422, "无法预览：" + why, "no preview: " + why);
    }
    res.status = 200;
    res.set_content(read_whole_file(png), "image/png");
}

void collect(const ConsoleRoutes& r, const Request& req, int session, Response& res)
{
    std::lock_guard lock(g_collect_mutex);
    const fs::path ws(r.options.workspace);
    size_t waiting = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator(ws / "inbox", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        waiting += it->path().filename().string().ends_with(".linli-export");
    if (waiting == 0) return reply_json(res, 200, {{"collected", false}, {"message", "收件箱里没有待收集的数据"}});
    std::time_t now = std::time(nullptr);
    struct tm t {};
    ::localtime_r(&now, &t);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "collect-%Y%m%d-%H%M%S", &t);
    const fs::path out = ws / "results" / stamp;
    const std::array<std::string, 7> args_text{(ws / "inbox").string(), "--key",     (ws / "keys").string(), "--out",
                                               out.string(),          "--content", (ws / "content").string()};
    std::vector<std::string_view> args(args_text.begin(), args_text.end());
    Status collected = run_collect(args);
    if (!collected) return reply_json(res, 422, {{"collected", false}, {"message", collected.error().message}});
    json results = json::array();
    for (auto it = fs::directory_iterator(out / "results", ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        results.push_back("results/" + std::string(stamp) + "/results/" + it->path().filename().string());
    r.actions.record(req, session, "collected " + std::to_string(waiting) + " export(s) into results/" + stamp);
    reply_json(res, 200,
               {{"collected", true},
                {"exports", waiting},
                {"folder", "results/" + std::string(stamp)},
                {"report", read_whole_file((out / "report.txt").string())},
                {"results", results}});
}

}  // namespace

void install_tool_routes(httplib::Server& server, const ConsoleRoutes& routes)
{
    server.Get("/api/preview.png", [routes](const Request& req, Response& res) {
        if (routes.authorise(req, res)) preview(routes, req, res);
    });
    server.Post("/api/collect", [routes](const Request& req, Response& res) {
        if (auto session = routes.authorise(req, res)) collect(routes, req, *session, res);
    });
}

}  // namespace linli::admin

#endif
