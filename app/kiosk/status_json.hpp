// The --status report (INTERFACES.md §2) as JSON.
#pragma once

#include "services/app_model.hpp"

#include <string>

namespace linli::kiosk {

std::string status_json(const services::AppModel& model);

}  // namespace linli::kiosk
