#include "ui/ballot_words.hpp"

#include "core/i18n.hpp"

namespace linli::ui {

using services::BallotRefusal;
using services::BallotState;

namespace {

// A close at midnight (a date-only `closes`) is the end of the day before: "12月31日 星期四 24:00",
// not the first minute of a day on which nobody can vote any more.
std::string closing_time(Language lang, int64_t closes_s)
{
    if (format_time(closes_s) != "00:00") return format_date_time(lang, closes_s);
    std::string day_before = format_date_time(lang, closes_s - 60);
    return day_before.substr(0, day_before.size() - 5) + "24:00";
}

}  // namespace

const char* ballot_kind_label(const BallotDefinition& ballot)
{
    switch (ballot.kind) {
    case BallotKind::Motion: return "正式表决";
    case BallotKind::Single:
    case BallotKind::Multi: return "选举";
    case BallotKind::Survey: return ballot.codes_required ? "调查" : "不记名调查，不具约束力";
    }
    return "";
}

const char* ballot_state_label(BallotState state)
{
    switch (state) {
    case BallotState::Upcoming: return "未开始";
    case BallotState::Open: return "进行中";
    case BallotState::Ended: return "已结束";
    case BallotState::Published: return "已公布结果";
    }
    return "";
}

ImU32 ballot_state_color(BallotState state)
{
    // White text on each keeps at least 7:1 (dark green, slate, dark grey, dark blue); the words
    // say the state, so the high-contrast theme draws them all black.
    if (current_theme() == Theme::HighContrast) return palette().neutral_chip;
    switch (state) {
    case BallotState::Open: return IM_COL32(22, 94, 60, 255);
    case BallotState::Upcoming: return IM_COL32(70, 78, 92, 255);
    case BallotState::Ended: return IM_COL32(84, 84, 84, 255);
    case BallotState::Published: return IM_COL32(20, 70, 130, 255);
    }
    return IM_COL32(84, 84, 84, 255);
}

std::string ballot_period_line(const Ui& ui, const services::BallotEntry& entry, int64_t now_s)
{
    const Language lang = ui.language();
    const BallotDefinition& b = entry.ballot;
    switch (entry.state) {
    case BallotState::Upcoming:
        return b.opens_s > now_s ? std::string(ui.tr("开始时间：")) + format_date_time(lang, b.opens_s)
                                 : std::string(ui.tr("本机暂未开放投票"));
    case BallotState::Open: {
        std::string line = b.closes_s ? std::string(ui.tr("截止时间：")) + closing_time(lang, b.closes_s)
                                      : std::string(ui.tr("长期开放"));
        if (entry.turnout >= 0)
            line += std::string("  ·  ") + ui.tr("本机已投") + " " + std::to_string(entry.turnout) + " " + ui.tr("票");
        return line;
    }
    case BallotState::Ended:
        return std::string(ui.tr("已截止：")) + closing_time(lang, b.closes_s) + ui.tr("，结果公布后可在这里查看");
    case BallotState::Published:
        return std::string(ui.tr("已截止：")) + closing_time(lang, b.closes_s) + "  ·  " +
               ui.tr("共") + " " + std::to_string(entry.result ? entry.result->count.cast : 0) + " " + ui.tr("票");
    }
    return "";
}

std::string ballot_refusal_text(const Ui& ui, const services::BallotEntry& entry, BallotRefusal why, int64_t now_s)
{
    switch (why) {
    case BallotRefusal::None: return "";
    case BallotRefusal::NotOpen:
        return entry.ballot.opens_s > now_s
                   ? std::string(ui.tr("投票尚未开始，将于")) + format_date_time(ui.language(), entry.ballot.opens_s) +
                         (ui.language() == Language::Chinese ? "开始" : "")
                   : std::string(ui.tr("本机暂未开放投票，请联系管理员"));
    case BallotRefusal::Closed:
        // 投票已于……截止 (the words scripts look for).
        return ui.language() == Language::Chinese ? "投票已于" + closing_time(ui.language(), entry.ballot.closes_s) + "截止"
                                                  : "Voting closed " + closing_time(ui.language(), entry.ballot.closes_s);
    case BallotRefusal::NoSealKey: return ui.tr("本机暂不能投票：管理员尚未设置加密密钥");
    case BallotRefusal::NotDurable: return ui.tr("本机暂时无法保存选票，请稍后再试或联系管理员");
    case BallotRefusal::DiskFull: return ui.tr("存储空间不足，本机暂停投票，请联系管理员");
    case BallotRefusal::CodeUsed: return ui.tr("这个投票码已经投过票了，每个投票码只能投一次");
    case BallotRefusal::Invalid: return ui.tr("投票码无效，请重新输入");
    case BallotRefusal::NoCodes: return ui.tr("本机还没有收到这次投票的投票码，暂不能投票，请联系管理员");
    case BallotRefusal::CoolingDown:
        return std::string(ui.tr("刚刚有人提交过，请稍等片刻再提交")) + "（" +
               std::to_string(std::max<int64_t>(1, entry.ready_at_s - now_s)) + ui.tr("秒") + "）";
    }
    return "";
}

const char* choice_unit(const BallotDefinition& ballot) { return ballot.is_election() ? "人" : "项"; }

}  // namespace linli::ui
