// The 适老化 audit (issue 13) of a large content folder: the demo plus 1,000 notices, a
// 100,000-row ledger in 20 categories (so the declared balances no longer agree and the kiosk
// says so in red), content at the limits of what an office writes (a very long urgent title, an
// unbroken web address, a wide table, a dozen decisions), and an election with eight candidates
// and long biographies whose voting codes are issued to this kiosk, so the code keypad, the
// candidate list, the review and the receipt are walked too. Every list screen, the extreme items,
// the first and the last of the 1,000 notices, in all three text sizes (in Chinese; in English at
// 特大, where its longer words are hardest to fit), on a landscape and an upright panel, must pass
// the same rules as the demo (screen_audit.hpp). The high-contrast theme is audited on the demo:
// it changes colours, not layout.
#include "../support/ballot_fixtures.hpp"
#include "../support/screen_walk.hpp"

#include "content/ballot_codes.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace linli;
namespace fs = std::filesystem;

namespace {

void write_file(const fs::path& path, const std::string& text)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << text;
    REQUIRE(out.good());
}

const char* const k_long_title =
    "关于2026年冬季3号楼、5号楼、7号楼及幸福里东区地下车库供暖管道更换、电梯年检和外墙保温层修缮期间"
    "居民出行、停车与用水安排的紧急通知（请各位居民务必仔细阅读并转告家中老人）";

std::string extreme_notice()
{
    std::string md = "+++\ntitle = \"" + std::string(k_long_title) +
                     "\"\npublish = 2026-11-24T08:00:00+08:00\nexpire = 2026-11-30T18:00:00+08:00\nurgent = true\n"
                     "category = \"紧急通知\"\nqr_url = \"https://www.example.org/xingfuli/notices/2026/winter-works-schedule-for-"
                     "buildings-3-5-7\"\nqr_label = \"扫码查看完整施工日程\"\n+++\n";
    md += "# 施工安排\n\n详情见 https://www.example.org/xingfuli/notices/2026/winter-works-schedule-for-buildings-3-5-7-and-the-"
          "east-garage?lang=zh-CN&print=1 或到社区服务中心查阅。\n\n";
    md += "| 楼栋 | 施工内容 | 开始日期 | 结束日期 | 影响 | 联系人 | 电话 |\n|---|---|---|---|---|---|---|\n";
    for (int b = 1; b <= 12; ++b)
        md += "| " + std::to_string(b) + "号楼 | 供暖管道更换及外墙保温层修缮 | 2026-12-0" + std::to_string(1 + b % 9) +
              " | 2026-12-2" + std::to_string(b % 9) + " | 停暖、停车位减少 | 王师傅 | 138 0000 12" + std::to_string(10 + b) +
              " |\n";
    md += "\n";
    for (int p = 0; p < 8; ++p)
        md += "施工期间，请居民朋友们尽量错峰出行，车辆请按照物业人员的引导停放到临时停车区，老人和行动不便的住户如需帮助，"
              "请提前一天联系楼长或拨打社区服务电话，我们会安排志愿者上门。\n\n";
    return md;
}

std::string extreme_meeting()
{
    std::string md = "+++\ntitle = \"2026年第12次居民自管会全体会议（扩大会议，含各楼栋楼长、志愿者代表和物业公司代表）\"\n"
                     "publish = 2026-11-20\ndate = 2026-11-19T19:00:00+08:00\n"
                     "location = \"社区服务中心二楼多功能活动室（东侧楼梯上楼，电梯暂停使用）\"\nkind = \"regular\"\ndecisions = [\n";
    for (int i = 1; i <= 12; ++i)
        md += "  \"第" + std::to_string(i) + "项：同意由环境组牵头，在12月底前完成" + std::to_string(i) +
              "号楼楼道杂物清理，费用从公益资金列支，不超过两千元。\",\n";
    md += "]\n+++\n会议由主任主持，应到 23 人，实到 21 人。\n";
    return md;
}

std::string election()
{
    std::string toml = "title = \"第三届居民自管会委员选举（选出 3 名委员，每位居民最多选 3 人）\"\nkind = \"multi\"\n"
                       "description = \"候选人经资格审查后公示七天无异议。请对照候选人简介，最多选择 3 人；少选有效，多选无效。\"\n"
                       "options = [";
    const char* names[] = {"王芳", "赵强", "周敏", "李明", "欧阳建国", "张华", "司马晓燕", "陈静"};
    for (int i = 0; i < 8; ++i) toml += std::string(i ? ", " : "") + "\"" + names[i] + "\"";
    toml += "]\nmax_choices = 3\nopens = 2026-11-20T08:00:00+08:00\ncloses = 2026-12-10T20:00:00+08:00\ncodes = \"required\"\nquorum = 100\n";
    for (int i = 0; i < 8; ++i)
        toml += "\n[[candidates]]\nname = \"" + std::string(names[i]) + "\"\nbio = \"" + std::to_string(i + 1) +
                "号楼居民，退休前在街道卫生院工作三十年，热心公益，组织过楼道大扫除、夏季纳凉晚会和老年人智能手机课堂，"
                "希望为社区的环境和邻里互助多做一些实事。\"\n";
    return toml;
}

// 100,000 entries through 2026 in 20 categories, on top of the demo's (so the declared
// balances no longer agree: the red reconciliation lines are part of what is audited).
void append_ledger(const fs::path& ledger)
{
    std::ofstream out(ledger, std::ios::app | std::ios::binary);
    const char* expense[] = {"保洁用品", "绿化养护", "活动经费", "办公费用", "设施维修", "敬老慰问", "楼道照明更换",
                             "消防器材检查", "化粪池清掏", "电梯维护保养", "监控设备维修", "垃圾分类宣传", "外墙保温修缮",
                             "志愿者保险", "文体活动器材", "会议茶水"};
    const char* income[] = {"公益资金", "居民捐赠", "回收收入", "活动赞助"};
    for (int i = 0; i < 100000; ++i) {
        const int month = 1 + i * 11 / 100000, day = 1 + i % 28;
        const bool in = i % 4 == 0;
        char line[200];
        std::snprintf(line, sizeof line, "2026-%02d-%02d,%s,%s,第%d笔 %s,%d.%02d,PZ%06d\n", month, day, in ? "收入" : "支出",
                      in ? income[i / 4 % 4] : expense[i % 16], i, in ? "收入登记" : "支出报销", 10 + i * 37 % 900, i % 100, i);
        out << line;
    }
    REQUIRE(out.good());
}

struct LargeFolder {
    fs::path root = fs::temp_directory_path() / ("linli-large-folder-" + std::to_string(std::random_device{}()));
    std::vector<std::string> codes;  // the election's codes for this kiosk, one per walk that votes

    LargeFolder()
    {
        fs::copy(services::default_demo_dir(), root, fs::copy_options::recursive);
        const std::string body = "社区公共事务公示。请各位居民关注，如有疑问请到社区服务中心咨询。\n\n";
        for (int i = 1; i <= 1000; ++i)
            write_file(root / "announcements" / ("n" + std::to_string(i) + ".md"),
                       "+++\ntitle = \"第" + std::to_string(i) + "号通知：社区公共事务公示\"\npublish = 2026-" +
                           (i % 11 + 1 < 10 ? "0" : "") + std::to_string(i % 11 + 1) + "-" +
                           (i % 28 + 1 < 10 ? "0" : "") + std::to_string(i % 28 + 1) + "\ncategory = \"通知\"\n+++\n" + body);
        write_file(root / "announcements" / "winter-works.md", extreme_notice());
        write_file(root / "meetings" / "big-meeting.md", extreme_meeting());
        write_file(root / "ballots" / "committee.toml", election());
        append_ledger(root / "finance" / "ledger.csv");
        // Codes for this kiosk, issued for the election as the kiosk reads it.
        auto loaded = services::load_preview_folder(root.string(), Language::English);
        REQUIRE(loaded.has_value());
        const BallotDefinition* committee = nullptr;
        for (const auto& b : loaded->content.ballots)
            if (b.id == "committee") committee = &b;
        REQUIRE(committee != nullptr);
        auto [file, issued] = test::issue_codes(*committee, services::default_kiosk_config().id, 12);
        write_file(root / content::ballot_codes_path("committee", file.kiosk), content::ballot_codes_text(file));
        codes = issued;
    }
    ~LargeFolder() { fs::remove_all(root); }
};

// Open an election with a code, choose three candidates, review and cast.
test::Flow vote_with(const std::string& code)
{
    return {"ballot:committee",
            {{"code", "tap \"开始投票\"\nexpect \"请输入第一组\"\n"},
             {"candidates", "type \"" + code + "\"\ntap \"确认\"\nexpect \"还可以选 3 人\"\n"},
             {"chosen", "tap \"王芳\"\ntap \"欧阳建国\"\ntap \"陈静\"\nexpect \"还可以选 0 人\"\n"},
             {"review", "tap \"下一步\"\nexpect \"请核对您的选择\"\n"},
             {"receipt", "tap \"确认投票\"\nexpect \"投票成功\"\n"}}};
}

void audit_large_folder(int width, int height)
{
#if defined(__SANITIZE_ADDRESS__)
    WARN("the audit runs in the normal build only");
    return;
#endif
    LargeFolder folder;
    test::HeadlessKiosk k(
        [&](const std::string& dir, const Clock& clock) {
            auto loaded = services::load_preview_folder(folder.root.string(), Language::English);
            REQUIRE(loaded.has_value());
            auto opened = services::KioskService::open(services::default_kiosk_config(), dir, clock, std::move(*loaded));
            REQUIRE(opened.has_value());
            return std::move(*opened);
        },
        0, width, height);
    const auto& model = k.service->model();
    REQUIRE(model.announcements.size() > 900);  // a few are published later this month
    std::vector<std::string> routes;
    for (const auto& name : ui::route_names())
        if (ui::parse_route(name)) routes.push_back(name);
    for (const char* item : {"announcement:winter-works", "announcement:n1", "announcement:n1000", "meeting:big-meeting",
                             "ballot:committee", "finance:2026"})
        routes.push_back(item);

    test::ScreenAudit audit;
    const bool portrait = height > width;
    size_t code = 0;
    for (TextSize size : {TextSize::Standard, TextSize::Large, TextSize::ExtraLarge}) {
        // English at 特大 only, where its longer words are hardest to fit: the demo's audit walks
        // English at every size, and this folder's walks are the suite's longest (CI's budget).
        std::vector<Language> languages{Language::Chinese};
        if (size == TextSize::ExtraLarge) languages.push_back(Language::English);
        for (Language language : languages) {
            const test::WalkSetting s{size, Theme::Normal, language};
            test::apply_setting(k, s);
            for (const auto& route : routes)
                test::audit_route(k, audit, route, s.name(portrait), test::audit_rules(size, Theme::Normal), 6);
        }
        REQUIRE(code < folder.codes.size());
        test::audit_flows(k, audit, {size, Theme::Normal, Language::Chinese}, {vote_with(folder.codes[code++])});
    }
    const std::string orientation = portrait ? "竖屏" : "横屏";
    if (const char* report = std::getenv("LINLI_AUDIT_REPORT")) {
        std::ofstream out(std::string(report) + ".large." + orientation);
        for (const auto& f : audit.findings()) out << f.where << ": " << f.what << "\n";
    }
    if (std::getenv("LINLI_AUDIT_FIGURES")) test::print_figures(audit, "large folder, " + orientation);
    size_t shown = 0;
    for (const auto& f : audit.findings())
        if (++shown <= 60) FAIL_CHECK(f.where << ": " << f.what);
    INFO(audit.findings().size() << " findings on " << audit.figures().size() << " views");
    CHECK(audit.findings().empty());
    CHECK(audit.figures().size() > 150);
}

}  // namespace

TEST_CASE("audit: a large content folder and a ballot's code entry on a landscape panel, in every text size",
          "[ui][audit]")
{
    audit_large_folder(1920, 1080);
}

TEST_CASE("audit: a large content folder and a ballot's code entry on an upright panel, in every text size",
          "[ui][audit]")
{
    audit_large_folder(1080, 1920);
}
