// Notice: one announcement as residents see it. The content issue widens this to every content
// kind; the kiosk shell needs only what the home screen, the attract loop and the notice pages show.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace linli {

struct Notice {
    std::string id;        // the content file's stem: announcements/water-outage.md -> water-outage
    std::string title;
    std::string category;  // free text chosen by the administrators, e.g. 通知, 活动
    std::string body;      // paragraphs separated by blank lines
    int64_t publish_s = 0; // Unix seconds; 0 = always
    int64_t expire_s = 0;  // Unix seconds; 0 = never
    bool pinned = false;
    bool urgent = false;

    // Shown at time now_s (publish inclusive, expire exclusive).
    bool visible_at(int64_t now_s) const
    {
        return (publish_s == 0 || now_s >= publish_s) && (expire_s == 0 || now_s < expire_s);
    }
};

struct Board {
    std::string name;       // 幸福里社区居民自管会
    std::string community;  // 幸福里社区
    std::string contact;    // phone or office hours
};

}  // namespace linli
