#include "content/demo_content.hpp"

namespace linli::content {

namespace {

constexpr int64_t k_day = 24 * 3600;

// The short version of the community procedure, shown as a long notice residents can scroll.
const char* const k_procedure_text =
        "一、概述\" on, the source repeats the text in a longer, more detailed version,\n"
        "which breaks off in the middle of the charter section (\"(6)财务\"). Use it as domain material: what the\n"
        "organisation does, what residents must be shown, and realistic wording for demo content.\n"
        "\n"
        "---\n"
        "\n"
        "社区自管组织建设的操作规程\n";

}  // namespace

Board demo_board()
{
    return {"幸福里社区居民自管会", "幸福里社区", "社区服务中心 0571-8888 6666（工作日 9:00-17:00）"};
}

std::vector<Notice> demo_notices(int64_t now_s)
{
    std::vector<Notice> notices;
    notices.push_back({
        "water-outage", "关于3号楼、5号楼临时停水的紧急通知", "紧急通知",
        "因市政供水管道抢修，3号楼、5号楼将于明天上午8:00至下午6:00临时停水，共约10小时。\n\n"
        "请各位居民提前储备生活用水，关好家中水龙头，避免恢复供水时跑水。\n\n"
        "如有老人、行动不便的住户需要送水，请联系环境组志愿者王阿姨（电话 138 0000 1234），"
        "或到社区服务中心登记。给大家带来的不便，敬请谅解。",
        now_s - 2 * 3600, now_s + 3 * k_day, false, true});
    notices.push_back({
        "charter-draft", "《幸福里社区居民自管会章程（草案）》征求意见", "章程",
        "根据前期需求调研的结果，筹备小组起草了《幸福里社区居民自管会章程（草案）》，现向全体居民公示，征求意见。\n\n"
        "草案包括组织名称、宗旨、组织架构、成员资格、议事规则和财务管理等内容。组织宗旨为“服务居民、共建和谐社区”，"
        "拟设理事会、监事员和环境组、活动组、调解组三个功能小组。\n\n"
        "征求意见期为30天。您可以在本屏“意见箱”匿名留言，也可以扫描公告栏二维码填写线上问卷。"
        "修订后的章程将提交居民代表会议正式表决。",
        now_s - 5 * k_day, 0, true, false});
    notices.push_back({
        "recruit-environment", "环境组成员招募公告", "招募",
        "自管会环境组现招募成员5名，负责楼道卫生巡查、垃圾分类引导和绿化养护。\n\n"
        "报名条件：居住在本社区，热心公益事业，每月能参加1-2次例会和不少于4小时的志愿服务。\n\n"
        "报名方式：到社区服务中心填写报名表，或扫描招募页面的二维码在线报名。报名截止后将进行资格审查，"
        "并通过居民投票产生正式成员。",
        now_s - 3 * k_day, now_s + 20 * k_day, false, false});
    notices.push_back({
        "survey", "居民需求调研：您希望自管会做些什么？", "调研",
        "为了解大家对社区公共事务的关切和对自管会的期望，我们开展本次需求调研。"
        "问卷约10道题，包括环境维护、邻里互助、文化活动组织等方面，需要3-5分钟。\n\n"
        "调研结果将整理成需求调研报告，在本屏公示，并作为章程和年度工作计划的依据。",
        now_s - 10 * k_day, 0, false, false});
    notices.push_back({
        "meeting-november", "11月例会纪要：楼道堆物清理和停车秩序", "会议",
        "本月例会于周三晚7:30在社区活动室召开，理事会成员和居民代表共18人参加。\n\n"
        "会议决定：一、本月底前由环境组牵头清理各楼道堆放杂物，清理前三天张贴通知；"
        "二、地面停车位试行“先到先停、夜间不占消防通道”的规则，由调解组收集意见；"
        "三、下月例会通报本季度财务收支情况。\n\n会议记录：李明。",
        now_s - 7 * k_day, 0, false, false});
    notices.push_back({"procedure", "社区自管组织建设的操作规程", "制度", k_procedure_text, now_s - 30 * k_day, 0,
                       true, false});
    return notices;
}

}  // namespace linli::content
