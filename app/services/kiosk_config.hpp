// The kiosk's own configuration (INTERFACES.md §6): kiosk.toml, installed as /etc/linli/kiosk.toml.
// Parsing checks every key and value and explains the first problem (in file order) the way an
// administrator can act on it: "config: kiosk.toml:12: unknown key attract_after in [idle] (did
// you mean attract_after_s?)". Missing keys keep the built-in defaults, which show the demo.
#pragma once

#include "core/display_prefs.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linli::services {

// Argon2id hash of the development PIN "1234" (made with crypto::hash_pin). Precomputed because
// starting the kiosk must not spend Argon2's time and memory. Production configs replace it.
inline constexpr std::string_view k_default_pin_hash =
    "$argon2id$v=19$m=32768,t=2,p=1$YAlwvEQ4yXdbXnPayvO+sg$vGXnwboS5kfqvqcqg8L4+DMp3AcWrH3npz9A69QdiXA";

struct ScreenOffWindow {
    int start_minute;  // minutes after local midnight, 0-1439
    int end_minute;    // may be smaller than start_minute: the window wraps midnight ("23:00-06:00")
};

// [display] launch: how the kiosk reaches the screen when it runs as the service.
enum class DisplayLaunch {
    Kmsdrm,  // SDL draws on the console itself (SDL_VIDEODRIVER=kmsdrm in the unit)
    Cage,    // the kiosk starts the cage Wayland compositor and runs inside it
};

// The screens a kiosk may have: a 5" panel to a 120" projection.
inline constexpr double k_min_diagonal_in = 5, k_max_diagonal_in = 120;

struct KioskConfig {
    std::string source;                 // file it came from, or "(built-in defaults)"
    std::string id = "dev-kiosk", name = "开发用信息屏", locale = "zh-CN";
    std::vector<std::string> admin_keys; std::string seal_key;   // resolved to absolute paths relative to the config file
    int attract_after_s = 60, reset_after_s = 120;
    std::optional<ScreenOffWindow> screen_off; int rotation = 0;
    TextSize text_size = TextSize::Standard;  // [display]: what a resident starts with, and gets back on idle
    Theme theme = Theme::Normal;
    double diagonal_in = 21.5;          // [display]: the panel's visible diagonal, for sizes in millimetres
    DisplayLaunch launch = DisplayLaunch::Kmsdrm;
    std::vector<std::string> usb_watch = {"/media", "/run/media"}; std::string lan_url, upload_url; int interval_s = 300;
    std::string pin_hash;               // Argon2id; in the built-in defaults the hash of "1234" (precomputed constant: startup must not run Argon2)
    int feedback_cooldown_s = 60;       // [feedback]: between two submissions at this kiosk (F5)
    int feedback_daily_cap = 200;       //   and at most this many a day
    int survey_cooldown_s = 60;         // [ballots]: between two answers to one survey without codes here
    std::string content_dir;            // optional [content] dir = "..." : authoring folder to show (development/preview); empty = built-in demo
    bool audio_enabled = true;          // [audio]: 朗读 through the loudspeaker; false: no sound at all
    int audio_volume = 80;              //   0..100, of the voice's own loudness
};

// The development defaults used when no config file exists (source "(built-in defaults)").
KioskConfig default_kiosk_config();

// Parses kiosk.toml text; path names the file in messages and anchors relative paths. The first
// problem becomes Error::rejected("config: PATH:LINE: what is wrong"). Reads no files.
Result<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& path);

// Reads and parses the file at path (at most 1 MiB). An unreadable file is rejected too:
// "config: PATH: cannot read the file (No such file or directory)".
Result<KioskConfig> load_kiosk_config(const std::string& path);

}  // namespace linli::services
