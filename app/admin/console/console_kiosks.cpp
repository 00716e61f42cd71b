#include "admin/console/console_kiosks.hpp"

#include "bundle/manifest.hpp"
#include "crypto/keys.hpp"
#include "services/poll_status.hpp"

#include <cstdio>
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

json kiosks_json(const std::string& workspace, int64_t published_version, int64_t now_s)
{
    json list = json::array();
    std::error_code ec;
    std::lock_guard lock(g_mutex);
    for (auto it = fs::directory_iterator(fs::path(workspace) / "kiosks", ec); !ec && it != fs::directory_iterator();
         it.increment(ec)) {
        if (it->path().extension() != ".json" || it->path().filename().string().starts_with(".")) continue;
        json k = read_json(it->path());
        if (!k.is_object()) continue;
        json warnings = json::array();
        const int64_t seen = k.value("seen_s", int64_t(0)), interval = std::max<int64_t>(k.value("interval_s", int64_t(300)), 60);
        if (now_s - seen > 2 * interval)
            warnings.push_back("已超过两个同步周期（" + std::to_string(2 * interval / 60) + " 分钟）没有联系");
        if (published_version > 0 && k.value("content_version", int64_t(0)) < published_version)
            warnings.push_back("仍是旧版本，尚未取得最新发布的内容");
        if (k.value("clock_s", int64_t(0)) + 300 < k.value("clock_floor_s", int64_t(0)))
            warnings.push_back("时钟比可信时间慢，请在信息屏的管理面板里设置时间");
        if (k.contains("other_key"))
            warnings.push_back("有设备用同一编号但另一把设备密钥联系过控制台（换过 SD 卡？），请核实");
        const int64_t drift = k.value("clock_s", int64_t(0)) - seen;
        if (drift > 600 || drift < -600)
            warnings.push_back("时钟与办公电脑相差约 " + std::to_string((drift < 0 ? -drift : drift) / 60) + " 分钟");
        k["warnings"] = warnings;
        k["device_key"] = k.value("device_key", std::string()).substr(0, 16);
        list.push_back(std::move(k));
    }
    return list;
}

}  // namespace linli::admin
