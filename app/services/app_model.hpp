// AppModel: the immutable snapshot every screen reads, and the intents screens emit instead of
// touching anything themselves (ARCHITECTURE.md, "Screens"). KioskService turns intents into
// changes and produces the next snapshot.
#pragma once

#include "core/i18n.hpp"
#include "core/notice.hpp"

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
};

struct ErrorLine {
    int64_t at_s = 0;
    std::string component;
    std::string message;
};

struct StatusInfo {
    std::string kiosk_id;
    std::string content_version;  // "demo" until a bundle is installed
    std::string data_dir;
    std::string config_source;
    int64_t free_disk_bytes = -1;
    int64_t clock_floor_s = 0;
    std::string graphics;         // "OpenGL 3 (llvmpipe ...)", set by the composition root
    std::vector<ErrorLine> recent_errors;
};

struct AppModel {
    int64_t now_s = 0;  // trusted time: never earlier than the clock floor
    Language language = Language::Chinese;
    bool large_text = false;
    Board board;
    std::string kiosk_name;
    std::vector<Notice> notices;  // visible now: pinned first, then newest
    std::vector<Notice> urgent;   // the visible urgent ones, newest first
    AdminStatus admin;
    StatusInfo status;

    const Notice* find_notice(const std::string& id) const
    {
        for (const auto& n : notices)
            if (n.id == id) return &n;
        return nullptr;
    }
};

// What a resident or administrator asked for by touch.
namespace intent {
struct ToggleLargeText {};
struct ToggleLanguage {};
struct SubmitPin { std::string pin; };
struct LockAdmin {};
struct ExitKiosk {};
struct RestartKiosk {};
}  // namespace intent

using Intent = std::variant<intent::ToggleLargeText, intent::ToggleLanguage, intent::SubmitPin, intent::LockAdmin,
                            intent::ExitKiosk, intent::RestartKiosk>;

}  // namespace linli::services
