// The words the 投票表决 screens share: a ballot's kind, its state in the list, and why it cannot
// be voted on now, as a resident reads them (Chinese source text; callers translate with tr()).
#pragma once

#include "services/app_model.hpp"
#include "ui/ui.hpp"

#include <string>

namespace linli::ui {

// 正式表决 / 选举 / 调查 / 不记名调查，不具约束力
const char* ballot_kind_label(const BallotDefinition& ballot);
// 进行中 / 未开始 / 已结束 / 已公布结果
const char* ballot_state_label(services::BallotState state);
// The state's chip colour (the word always comes with it).
ImU32 ballot_state_color(services::BallotState state);
// One line under the title: when it opens or closes, and the turnout here while open.
std::string ballot_period_line(const Ui& ui, const services::BallotEntry& entry, int64_t now_s);
// Why 开始投票 leads nowhere now, in words for a resident; "" when it can.
std::string ballot_refusal_text(const Ui& ui, const services::BallotEntry& entry, services::BallotRefusal why,
                                int64_t now_s);
// "人" for elections, "项" for other ballots: what a choice is.
const char* choice_unit(const BallotDefinition& ballot);

}  // namespace linli::ui
