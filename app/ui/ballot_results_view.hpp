// A ballot's published result as residents read it: the outcome in words (表决结果：通过 /
// 未通过, 当选 beside each winner, a tie said as a tie), why (the rule that decided it), a bar
// per option with its votes and share, and the turnout per kiosk (never choices per kiosk).
#pragma once

#include "services/app_model.hpp"
#include "ui/ui.hpp"

namespace linli::ui {

// Draws entry's result (entry.result must be set) from y in a column of width w; returns the
// height used.
float draw_ballot_results(Ui& ui, const services::BallotEntry& entry, float x, float y, float w);

}  // namespace linli::ui
