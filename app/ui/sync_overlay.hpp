// The panel shown over every screen while a USB stick updates the content, and for a few seconds
// after with the result: the administrator at the kiosk sees progress, the outcome, and when the
// stick may be removed. Residents tapping meanwhile change nothing underneath.
#pragma once

#include "services/app_model.hpp"
#include "ui/ui.hpp"

namespace linli::ui {

void draw_sync_overlay(Ui& ui, const services::AppModel& model);

}  // namespace linli::ui
