#include "admin/console/console_kiosks.hpp"

#include "bundle/manifest.hpp"
#include "crypto/keys.hpp"
#include "services/exports.hpp"
#include "services/poll_status.hpp"

#include <sys/stat.h>

#include <cstdio>
#include <map>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>

namespace linli::admin {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// Ids come signed but from the LAN: no more than this many files.
constexpr size_t k_max_kiosks = 1000;
std::mutex g_mutex;

json read_json(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    return json::parse(in, nullptr, false);
}

// What an export in the inbox says of its kiosk, read (and its signature checked) once per file:
// kept while the file's size and time stay the same.
struct ExportSummary {
    int64_t size = -1, mtime_ns = 0;
    bool valid = false;
    std::string kiosk, device_key, day;
    int64_t seq = 0, content_version = 0;
};
std::map<std::string, ExportSummary> g_exports;  // by path, under g_mutex

// The newest valid export of each kiosk in the inbox.
std::map<std::string, ExportSummary> newest_exports(const fs::path& inbox)
{
    std::map<std::string, ExportSummary> newest;
    std::map<std::string, ExportSummary> seen;
    std::error_code ec;
    for (auto it = fs::directory_iterator(inbox, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        struct stat st {};
        if (name.starts_with(".") || !name.ends_with(".linli-export") || ::lstat(it->path().c_str(), &st) != 0 ||
            !S_ISREG(st.st_mode))
            continue;
        const int64_t mtime_ns = int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
        ExportSummary summary;
        if (auto cached = g_exports.find(it->path().string());
            cached != g_exports.end() && cached->second.size == st.st_size && cached->second.mtime_ns == mtime_ns) {
            summary = cached->second;
        } else {
            summary.size = st.st_size;
            summary.mtime_ns = mtime_ns;
            std::ifstream in(it->path(), std::ios::binary);
            std::stringstream bytes;
            bytes << in.rdbuf();
            if (auto file = services::parse_export(bytes.str(), name)) {
                summary.valid = true;
                summary.kiosk = file->kiosk;
                summary.device_key = crypto::to_hex(file->device_key);
                summary.seq = file->seq;
                summary.day = file->day;
                summary.content_version = file->content_version;
            }
        }
        seen[it->path().string()] = summary;
        if (summary.valid && (!newest.count(summary.kiosk) || newest[summary.kiosk].seq < summary.seq))
            newest[summary.kiosk] = summary;
    }
    g_exports = std::move(seen);  // files gone from the inbox are forgotten
    return newest;
}

std::string words(Language language, const std::string& zh, const std::string& en)
{
    return language == Language::English ? en : zh;
}

}  // namespace

void record_kiosk_status(const std::string& workspace, const std::string& address, const std::string& header, int64_t now_s)
{
    auto status = services::parse_status_header(header);
    if (!status) {
        std::printf("console: kiosks: a status from %s was dropped: %s\n", address.c_str(), status.error().message.c_str());
        std::fflush(stdout);
        return;
    }
    const fs::path dir = fs::path(workspace) / "kiosks";
    const fs::path path = dir / (status->kiosk + ".json");
    std::lock_guard lock(g_mutex);
    std::error_code ec;
    fs::create_directories(dir, ec);
    const json before = read_json(path);
    if (before.is_null()) {
        size_t known = 0;
        for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++known;
        if (known >= k_max_kiosks) return;
    }
    const std::string key = crypto::to_hex(status->device_key);
    // The first key a kiosk id came with is the one it keeps (trust on first use); a status
    // signed by another is recorded apart, as a warning, and does not replace the kiosk's.
    std::string first_key = before.is_object() ? before.value("device_key", key) : key;
    json out = {{"kiosk", status->kiosk},
                {"name", status->name},
                {"content_version", status->content_version},
                {"pending", status->pending},
                {"clock_s", status->clock_s},
                {"clock_floor_s", status->clock_floor_s},
                {"interval_s", status->interval_s},
                {"device_key", first_key},
                {"address", address},
                {"seen_s", now_s}};
    if (first_key != key) {
        out = before;
        out["other_key"] = key;
        out["other_key_seen_s"] = now_s;
    }
    const std::string temp = (dir / ("." + status->kiosk + ".json.saving")).string();
    {
        std::ofstream file(temp, std::ios::binary | std::ios::trunc);
        file << out.dump(2) << "\n";
    }
    fs::rename(temp, path, ec);
}

json kiosks_json(const std::string& workspace, int64_t published_version, int64_t now_s, Language language)
{
    json list = json::array();
    std::error_code ec;
    std::lock_guard lock(g_mutex);
    std::map<std::string, ExportSummary> exports = newest_exports(fs::path(workspace) / "inbox");
    for (auto it = fs::directory_iterator(fs::path(workspace) / "kiosks", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        if (it->path().extension() != ".json" || it->path().filename().string().starts_with(".")) continue;
        json k = read_json(it->path());
        if (!k.is_object()) continue;
        json warnings = json::array();
        const int64_t seen = k.value("seen_s", int64_t(0)), interval = std::max<int64_t>(k.value("interval_s", int64_t(300)), 60);
        const std::string minutes = std::to_string(2 * interval / 60);
        if (now_s - seen > 2 * interval)
            warnings.push_back(words(language, "已超过两个同步周期（" + minutes + " 分钟）没有联系",
                                     "not heard from for two sync intervals (" + minutes + " minutes)"));
        if (published_version > 0 && k.value("content_version", int64_t(0)) < published_version)
            warnings.push_back(words(language, "仍是旧版本，尚未取得最新发布的内容", "still on an old version: it has not taken the newest publish"));
        if (k.value("clock_s", int64_t(0)) + 300 < k.value("clock_floor_s", int64_t(0)))
            warnings.push_back(words(language, "时钟比可信时间慢，请在信息屏的管理面板里设置时间",
                                     "its clock is behind the trusted time: set the time in the kiosk's admin panel"));
        const std::string key = k.value("device_key", std::string());
        auto exported = exports.find(k.value("kiosk", std::string()));
        if (k.contains("other_key") || (exported != exports.end() && exported->second.device_key != key))
            warnings.push_back(words(language, "有设备用同一编号但另一把设备密钥联系过控制台（换过 SD 卡？），请核实",
                                     "a device with this id but another device key has reached the console (a new SD card?): please check"));
        const int64_t drift = k.value("clock_s", int64_t(0)) - seen;
        const std::string off = std::to_string((drift < 0 ? -drift : drift) / 60);
        if (drift > 600 || drift < -600)
            warnings.push_back(words(language, "时钟与办公电脑相差约 " + off + " 分钟", "its clock is about " + off + " minutes off the office PC's"));
        if (exported != exports.end()) {
            k["last_export"] = {{"seq", exported->second.seq}, {"day", exported->second.day}};
            exports.erase(exported);
        }
        k["warnings"] = warnings;
        k["device_key"] = key.substr(0, 16);
        list.push_back(std::move(k));
    }
    // Kiosks known only by their exports (a USB-only kiosk, or one whose polls never reached here).
    for (const auto& [id, e] : exports) {
        json warnings = json::array();
        if (published_version > 0 && e.content_version < published_version)
            warnings.push_back(words(language, "最近一份数据来自旧版本的内容", "its newest export was made on an old version"));
        list.push_back({{"kiosk", id},
                        {"name", ""},
                        {"content_version", e.content_version},
                        {"from_exports", true},
                        {"last_export", {{"seq", e.seq}, {"day", e.day}}},
                        {"device_key", e.device_key.substr(0, 16)},
                        {"warnings", warnings}});
    }
    return list;
}

}  // namespace linli::admin
