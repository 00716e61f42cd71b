// The small built-in demo board the kiosk shows when no content has been installed, so the run
// command shows a living board. Written from the community procedure (seed-procedures-zh.md).
// Dates are relative to "now" so the demo never goes stale.
#pragma once

#include "core/content_model.hpp"

#include <vector>

namespace linli::content {

Board demo_board();
std::vector<Notice> demo_notices(int64_t now_s);
// The built-in demo as a content set (announcements only), for when no folder is available.
ContentSet demo_content(int64_t now_s);

}  // namespace linli::content
