// Which content residents see now: every item between its publish and expire time by the
// kiosk's trusted clock, in the order each screen lists it. Recomputed once a minute, so a
// schedule takes effect without a restart.
#pragma once

#include "core/content_model.hpp"
#include "services/app_model.hpp"

namespace linli::services {

// Fills model's content lists (announcements, urgent, recruitment, documents, meetings, tasks,
// goals) and board from content as visible at now_s.
void select_visible(const ContentSet& content, int64_t now_s, AppModel& model);

}  // namespace linli::services
