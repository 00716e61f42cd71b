#include "core/i18n.hpp"

#include <cstring>
#include <ctime>
#include <unordered_map>

namespace linli {

namespace {

// Every string the UI shows, Chinese -> English.
const std::unordered_map<std::string_view, const char*>& english_table()
{
    static const std::unordered_map<std::string_view, const char*> table = {
        {"公告", "Notices"},
        {"财务公示", "Finance"},
        {"招募", "Recruitment"},
        {"投票表决", "Voting"},
        {"意见箱", "Suggestions"},
        {"章程制度", "Charter & Rules"},
        {"会议", "Meetings"},
        {"工作进展", "Progress"},
        {"通知与公告", "Notices and announcements"},
        {"收支明细与报表", "Income, spending and statements"},
        {"加入我们", "Join the committee"},
        {"参与决定", "Take part in decisions"},
        {"匿名留言", "Leave an anonymous message"},
        {"章程与规章", "Charter and rules"},
        {"会议安排与纪要", "Meeting times and minutes"},
        {"任务与年度目标", "Tasks and annual goals"},
        {"返回首页", "Home"},
        {"屏幕", "Screen"}, {"可用", "free"}, {"英寸", "in"}, {"每像素", "per pixel"}, {"毫米", "mm"},
        // 投票表决 (ballots)
        {"正式表决", "Formal vote"}, {"选举", "Election"}, {"调查", "Survey"},
        {"不记名调查，不具约束力", "Anonymous survey, not binding"},
        {"未开始", "Not open yet"}, {"已结束", "Closed"}, {"已公布结果", "Results published"},
        {"正在投票", "Open now"}, {"即将开始", "Coming up"}, {"已结束的投票", "Closed ballots"}, {"暂无投票", "No ballots"},
        {"开始时间：", "Opens: "}, {"截止时间：", "Closes: "}, {"长期开放", "Open until further notice"},
        {"本机已投", "cast here:"}, {"票", "votes"}, {"已截止：", "Closed: "},
        {"，结果公布后可在这里查看", "; the results will be shown here once published"},
        {"本机暂未开放投票", "Voting is not open on this screen"},
        {"投票尚未开始，将于", "Voting has not started; it opens "},
        {"本机暂未开放投票，请联系管理员", "Voting is not open on this screen; please ask the administrators"},
        {"本机暂不能投票：管理员尚未设置加密密钥", "Voting is not possible here: no sealing key is set up"},
        {"本机暂时无法保存选票，请稍后再试或联系管理员", "Ballots cannot be saved here now; please try later or ask the administrators"},
        {"存储空间不足，本机暂停投票，请联系管理员", "The storage is full; voting is paused here. Please ask the administrators"},
        {"这个投票码已经投过票了，每个投票码只能投一次", "This code has voted already: each code votes once"},
        {"投票码无效，请重新输入", "The code is not valid; please type it again"},
        {"本机还没有收到这次投票的投票码，暂不能投票，请联系管理员", "This screen has no codes for this ballot yet; please ask the administrators"},
        {"刚刚有人提交过，请稍等片刻再提交", "Someone has just answered; please wait a moment"},
        {"人", "people"}, {"项", "options"},
        {"没有找到这项投票", "This ballot was not found"}, {"投票规则", "Rules"}, {"候选人", "Candidates"},
        {"开始投票", "Start voting"},
        {"投票码是 10 位，请把两组都输入完整", "A voting code has 10 characters: please type both groups"},
        {"投票码不正确，请对照选票逐位核对。", "That code is not right; please check it against your slip. "},
        {"还可以再试", "Tries left:"}, {"次", ""},
        {"这个投票码不是本机的，请到发给您选票的楼栋信息屏投票", "This code belongs to another building's screen; please vote there"},
        {"这个投票码属于另一项投票", "This code is for another ballot"},
        {"本机暂时无法核对投票码，请稍后再试或联系管理员", "Codes cannot be checked here now; please try later or ask the administrators"},
        {"请输入选票上的投票码（10 位，分两组）", "Type the voting code on your slip (10 characters, two groups)"},
        {"请输入第一组（前 5 位）", "Type the first group (5 characters)"},
        {"请输入第二组（后 5 位）", "Type the second group (5 characters)"}, {"还差", "left:"}, {"位", ""},
        {"已输完，请核对后点「确认」", "Done: check it, then press 确认 (OK)"},
        {"最多可选", "Choose up to"}, {"只能选", "Choose"},
        {"1 表示最低，5 表示最高", "1 is lowest, 5 is highest"}, {"还可以选", "Left to choose:"},
        {"上一步", "Back"}, {"下一步", "Next"}, {"改好后点「下一步」回到核对页", "When done, press Next to return to the review"},
        {"已选满", "Already chose "}, {"人，如需改选请先取消一个已选项", ": to change, first untick one of your choices"},
        {"项，如需改选请先取消一个已选项", ": to change, first untick one of your choices"},
        {"已选", "Chosen"}, {"不能再选", "Full"},
        {"请核对您的选择", "Please check your choices"},
        {"点任一题可以修改；确认无误后点「确认投票」。投出后不能更改。", "Tap a question to change it; then press Cast. A cast ballot cannot be changed."},
        {"未选择，将记为弃权", "Nothing chosen: counted as an abstention"}, {"确认投票", "Cast my vote"},
        {"投票成功", "Vote recorded"}, {"您的选票已加密保存，任何人都看不到您选了什么。", "Your ballot is sealed: nobody can see what you chose."},
        {"选票查询码", "Ballot tracker"},
        {"结果公布后，可在这次投票的页面点「查询我的选票」输入此码，确认您的选票已被计入。查询码只证明选票被计入，不显示您的选择。",
         "Once the results are published, type this tracker under 'Check my ballot' to see that your ballot was counted. It shows that, never your choices."},
        {"秒后返回投票列表", "s, then back to the ballots"}, {"查询我的选票", "Check my ballot"},
        {"查询我的选票：请输入投票成功时显示的 8 位查询码", "Check my ballot: type the 8-character tracker shown when you voted"},
        {"查询码只证明选票被计入，不显示任何人的选择。", "A tracker shows a ballot was counted, never anyone's choices."},
        {"已计入：这张选票在公布的计票结果之中。", "Counted: this ballot is in the published count."},
        {"未找到：请核对查询码。如确认无误，请联系管理员。", "Not found: please check the tracker; if it is right, ask the administrators."},
        {"您的选票还没有投出。如果您还在，请点「继续」。", "Your ballot has not been cast. If you are still here, press Continue."},
        {"秒后将清除已选的内容", "s, then your choices are cleared"},
        {"表决结果：通过", "Result: passed"}, {"表决结果：未通过", "Result: not passed"}, {"当选", "elected"},
        {"最后一个名额票数相同，需另行决定", "a tie for the last seat, to be decided separately"},
        {"无人当选", "Nobody elected"},
        {"调查结果", "Survey results"}, {"未选择（弃权）", "Nothing chosen (abstained)"},
        {"各信息屏投票人数", "Ballots per screen"}, {"共公布", "Published:"},
        {"张选票的查询码。投票时得到查询码的居民，可点「查询我的选票」确认自己的选票已被计入。", "ballot trackers. Type yours under 'Check my ballot' to see that your ballot was counted."},
        // 意见箱 (feedback) and its keyboard
        {"写意见", "Write a message"},
        {"请在下方输入您的意见", "Type your message below"},
        {"查看回复", "Read a reply"},
        {"最新回复", "Latest replies"},
        {"暂无公开回复", "No public replies yet"},
        {"您的意见是匿名的：不记录姓名、房号和提交时间。管理员回复后，凭回执码可在任一信息屏查看。",
         "Your message is anonymous: no name, flat number or time is kept. When the committee replies, "
         "read the reply at any kiosk with your receipt code."},
        {"请选择意见的主题", "Choose what your message is about"},
        {"主题：", "Topic: "},
        {"评价：", "Rating: "},
        {"很不满意", "Very unhappy"},
        {"不满意", "Unhappy"},
        {"满意", "Happy"},
        {"很满意", "Very happy"},
        {"提交", "Next"},
        {"请核对您的意见", "Please check your message"},
        {"修改", "Change"},
        {"确认提交", "Send"},
        {"（只有评价，没有文字）", "(a rating only, no text)"},
        {"提交后内容立即加密保存，本机无法读取，只有管理员能打开。",
         "Once sent, it is encrypted at once: this kiosk cannot read it, only the committee can."},
        {"已收到", "Received"},
        {"您的回执码", "Your receipt code"},
        {"请记下或拍下回执码：它是查看回复的唯一凭证。您的意见不记录任何能识别您身份的信息。",
         "Write down or photograph the code: it is the only way to read the reply. Nothing identifies you."},
        {"拍照保存回执码", "Photograph the code"},
        {"还在吗？", "Are you still there?"},
        {"您的意见还没有提交。如果您还在，请点「继续」。", "Your message has not been sent. If you are still here, tap Continue."},
        {"秒后将清除已写的内容", "s, then what you wrote is cleared"},
        {"继续", "Continue"},
        {"关于：", "About: "},
        {"对这条内容有意见或建议？可以匿名告诉我们。", "Anything to say about this? Tell us anonymously."},
        {"请输入您的回执码（提交意见时得到的 8 位码）", "Type your receipt code (the 8 characters you got when you sent the message)"},
        {"输错次数过多，请稍后再试", "Too many wrong codes: please wait"},
        {"正在查找回复…", "Looking for the reply…"},
        {"尚未回复：管理员还没有回复这条意见，请过几天再来查看。", "Not answered yet: the committee has not replied to this message. Please look again in a few days."},
        {"回执码是 8 位，请输入完整", "A receipt code has 8 characters: please type all of them"},
        {"没有找到这个回执码的回复：可能还没有回复，也可能输错了。", "No reply for this code: it may not be answered yet, or the code was mistyped."},
        {"管理员的回复", "The committee's reply"},
        {"查询其他回执码", "Another code"},
        {"确认", "OK"},
        {"留言：", "Message: "},
        {"回复：", "Reply: "},
        {"用手机填写", "Use your phone"},
        {"扫码在手机上提意见", "Scan to write on your phone"},
        {"完成", "Done"},
        {"上一页", "Back"},
        {"下一页", "More"},
        {"删除", "Delete"},
        {"空格", "Space"},
        {"空格：选第一个", "Space: the first word"},
        {"大写", "Caps"},
        {"手写", "Write"},
        {"重写", "Clear"},
        {"手写输入暂不可用", "Handwriting is not available"},
        {"请在下面的方框里一笔一笔写一个字，写完点选上面的字",
         "Write one character in the box below, stroke by stroke, then tap it above"},
        {"写完一个字后，在上面点选它。", "When a character is written, tap it above."},
        {"拼音输入暂不可用", "Pinyin input is not available"},
        {"已达到字数上限", "The message has reached its 500 characters"},
        {"拼音太长", "Too many letters"},
        {"请写下意见内容，或选择一个评价", "Write a message, or choose a rating"},
        {"意见太长了，最多500字", "The message is too long: 500 characters at most"},
        {"刚刚有人提交过意见，请稍等片刻再提交", "A message was sent here a moment ago: please wait a little"},
        {"今天本机收到的意见已满，请明天再来，或扫码在手机上提交",
         "This kiosk has taken all the messages it can today: please come back tomorrow"},
        {"意见箱暂未开放：管理员尚未设置加密密钥", "The suggestion box is not open yet: no encryption key is set"},
        {"意见箱暂时无法保存，请稍后再试或联系管理员", "The suggestion box cannot save right now: please try later"},
        {"存储空间不足，意见箱暂停收取，请联系管理员", "The kiosk's storage is full: the suggestion box is paused"},
        {"返回", "Back"},
        {"字号", "Text size"},
        {"朗读", "Read aloud"},
        {"声音", "Sound"},
        {"正常（朗读可用）", "working (read-aloud available)"},
        {"尚未使用", "not used yet"},
        {"停止", "Stop"},
        {"慢", "Slow"},
        {"中", "Medium"},
        {"快", "Fast"},
        {"标准", "Standard"},
        {"大", "Large"},
        {"特大", "Extra large"},
        {"高对比度", "High contrast"},
        {"开", "on"},
        {"关", "off"},
        {"English", "English"},
        {"中文", "中文"},
        {"紧急通知", "Urgent"},
        {"置顶", "Pinned"},
        {"轻触屏幕开始", "Touch the screen to begin"},
        {"轻触任意板块查看", "Touch a tile to open it"},
        {"暂无公告", "No notices at the moment"},
        {"这里还没有内容", "Nothing here yet"},
        {"财务公示将在这里公布收支明细和报表。", "Income, spending and statements will be published here."},
        {"招募公告将在这里发布。", "Recruitment notices will be published here."},
        {"投票开始后，您可以在这里投票。", "When a vote opens, you can vote here."},
        {"意见箱即将开放，您可以在这里匿名留言。", "The suggestion box opens soon: leave anonymous messages here."},
        {"章程草案和规章制度将在这里公示。", "The draft charter and the rules will be shown here."},
        {"会议安排和会议纪要将在这里公布。", "Meeting times and minutes will be published here."},
        {"工作进展和年度目标将在这里公布。", "Progress on tasks and annual goals will be shown here."},
        {"管理员", "Administrator"},
        {"请输入管理密码", "Enter the administrator PIN"},
        {"清除", "Clear"},
        {"确定", "OK"},
        {"密码错误", "Wrong PIN"},
        {"次机会", "tries left"},
        {"尝试次数过多，请稍后再试", "Too many wrong tries; please wait"},
        {"秒", "s"},
        {"状态", "Status"},
        {"内容版本", "Content version"},
        {"内置演示内容", "built-in demo content"},
        {"数据目录", "Data directory"},
        {"可用空间", "Free disk space"},
        {"信息屏编号", "Kiosk id"},
        {"图形", "Graphics"},
        {"最近的错误", "Recent errors"},
        {"没有错误", "No errors"},
        {"制作于", "made"},
        {"内容制作于", "Content made"},
        {"版本", "version"},
        {"从未同步", "never"},
        {"内容来源", "Content source"},
        {"上次同步", "Last sync"},
        {"同步结果", "Sync result"},
        {"待导出", "Pending exports"},
        {"设备密钥", "Device key"},
        {"首次导出时生成", "made at the first export"},
        {"时钟下限", "Clock floor"},
        {"同步记录", "Sync log"},
        {"还没有同步记录", "No syncs yet"},
        {"立即同步", "Sync now"},
        {"导出到U盘", "Export to USB"},
        {"居民数据已导出", "Residents' data exported"},
        {"导出失败", "Export failed"},
        {"U盘", "USB stick"},
        {"局域网", "LAN"},
        {"命令行导入", "--import"},
        {"其他", "other"},
        {"正在更新内容…", "Updating the content…"},
        {"正在导出居民数据…", "Saving residents' data…"},
        {"更新失败，内容没有改变", "Update failed; the content is unchanged"},
        {"内容已更新", "Content updated"},
        {"内容已是最新", "The content is already up to date"},
        {"请不要拔出U盘", "Please do not remove the USB stick"},
        {"现在可以拔出U盘", "You can remove the USB stick now"},
        {"退出信息屏", "Exit the kiosk"},
        {"重新启动", "Restart"},
        {"锁定并返回", "Lock and go back"},
        {"发布于", "Published"},
        {"有效期至", "Valid until"},
        {"上一条", "Previous"},
        {"下一条", "Next"},
        {"共", "Total"},
        {"暂无招募", "No recruitment at the moment"},
        {"暂无财务公示", "No accounts published yet"},
        {"收支报表", "Statement"},
        {"收支明细", "Entries"},
        {"申报的期间无法识别", "the declared period is not understood"},
        {"账面", "ledger"},
        {"申报", "declared"},
        {"差额", "difference"},
        {"期初余额", "Opening balance"},
        {"期末余额", "Closing balance"},
        {"本期收入", "Income"},
        {"本期支出", "Expense"},
        {"结转调整", "Carry-over adjustment"},
        {"上期结转", "Brought forward"},
        {"账目与申报余额核对一致", "The accounts agree with the declared balances"},
        {"账目核对不符，请向理事会了解原因", "The accounts do NOT agree with the declared balances: ask the committee why"},
        {"收入构成", "Income by category"},
        {"支出构成", "Expense by category"},
        {"每月收支", "income and expense by month"},
        {"收入", "Income"},
        {"支出", "Expense"},
        {"全部科目", "All categories"},
        {"日期", "Date"},
        {"科目", "Category"},
        {"摘要", "Description"},
        {"金额", "Amount"},
        {"凭证", "Voucher"},
        {"已截止", "Closed"},
        {"报名截止", "Apply by"},
        {"招募岗位", "Positions"},
        {"报名条件", "Requirements"},
        {"报名方式", "How to apply"},
        {"扫码报名", "Scan to apply"},
        {"暂无会议", "No meetings at the moment"},
        {"即将召开", "Coming up"},
        {"往期会议", "Past meetings"},
        {"临时会议", "Urgent meeting"},
        {"例会", "Regular meeting"},
        {"地点", "Place"},
        {"项决定", "decisions"},
        {"类型", "Type"},
        {"时间", "Time"},
        {"会议决定", "Decisions"},
        {"会议议题", "Agenda"},
        {"会议纪要", "Minutes"},
        {"暂无文件", "No documents at the moment"},
        {"目录", "Contents"},
        {"扫码查看", "Scan to open"},
        {"表格较宽，请左右滑动查看", "The table is wide: drag it sideways to see all of it"},
        {"图片", "Image"},
        {"凭证照片", "Voucher photo"},
        {"关闭", "Close"},
        {"章程草案", "Draft charter"},
        {"章程", "Charter"},
        {"规章制度", "Rules"},
        {"报告", "Report"},
        {"征求意见至", "Comments welcome until"},
        {"征求意见已结束", "The comment period has ended"},
        {"提意见", "Comment"},
        {"暂无工作进展", "No progress to report yet"},
        {"任务进度", "Tasks"},
        {"计划中", "Planned"},
        {"进行中", "In progress"},
        {"已完成", "Done"},
        {"受阻", "Blocked"},
        {"截止", "Due"},
        {"已逾期", "overdue"},
        {"年度目标", "Annual goals"},
        {"年度", "Year"},
        {"目标", "Goal"},
        {"指标", "Target"},
        {"结果", "Result"},
        {"条", "items"},
    };
    return table;
}

std::tm local_tm(int64_t unix_s)
{
    std::time_t t = std::time_t(unix_s);
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm;
}

constexpr const char* k_weekdays_zh[] = {"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"};
constexpr const char* k_weekdays_en[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr const char* k_months_en[] = {"January", "February", "March", "April", "May", "June", "July",
                                       "August", "September", "October", "November", "December"};

}  // namespace

const char* tr(Language language, const char* zh)
{
    if (language == Language::Chinese) return zh;
    auto it = english_table().find(zh);
    return it == english_table().end() ? zh : it->second;
}

bool has_translation(std::string_view zh)
{
    return english_table().count(zh) != 0;
}

std::string format_date(Language language, int64_t unix_s)
{
    std::tm tm = local_tm(unix_s);
    char buf[96];
    if (language == Language::Chinese)
        std::snprintf(buf, sizeof buf, "%d年%d月%d日 %s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                      k_weekdays_zh[tm.tm_wday]);
    else
        std::snprintf(buf, sizeof buf, "%s, %d %s %d", k_weekdays_en[tm.tm_wday], tm.tm_mday, k_months_en[tm.tm_mon],
                      tm.tm_year + 1900);
    return buf;
}

std::string format_time(int64_t unix_s)
{
    std::tm tm = local_tm(unix_s);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", tm.tm_hour, tm.tm_min);
    return buf;
}

std::string format_date_time(Language language, int64_t unix_s)
{
    std::tm tm = local_tm(unix_s);
    char buf[80];
    if (language == Language::Chinese)
        std::snprintf(buf, sizeof buf, "%d月%d日 %s %02d:%02d", tm.tm_mon + 1, tm.tm_mday, k_weekdays_zh[tm.tm_wday],
                      tm.tm_hour, tm.tm_min);
    else
        std::snprintf(buf, sizeof buf, "%.3s %d %.3s %02d:%02d", k_weekdays_en[tm.tm_wday], tm.tm_mday,
                      k_months_en[tm.tm_mon], tm.tm_hour, tm.tm_min);
    return buf;
}

std::string format_iso_date(int64_t unix_s)
{
    std::tm tm = local_tm(unix_s);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    return buf;
}

std::string format_short_date(Language language, int64_t unix_s)
{
    std::tm tm = local_tm(unix_s);
    char buf[48];
    if (language == Language::Chinese)
        std::snprintf(buf, sizeof buf, "%d年%d月%d日", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    else
        std::snprintf(buf, sizeof buf, "%d %.3s %d", tm.tm_mday, k_months_en[tm.tm_mon], tm.tm_year + 1900);
    return buf;
}

}  // namespace linli
