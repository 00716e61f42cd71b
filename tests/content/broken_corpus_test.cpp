// The broken-folder corpus (tests/content/corpus/broken/<case>/), SQLite fault-table style: each
// row is one small content folder and the exact messages `linli-admin check` must print for it,
// in order, in English and (for some) in Chinese. A new check comes with a new row.
#include "content/content_folder.hpp"
#include "content_test_support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace linli;
using namespace linli::content;
using linli::content::testing::formatted;
using linli::content::testing::load;

namespace {

struct BrokenCase {
    const char* folder;
    Language language;
    std::vector<std::string> messages;
};

const std::vector<BrokenCase> k_broken_cases = {
    {"bad_dates", Language::English, {
        "announcements/a.md:3: publish is not a valid date \"2026-13-01\" (write 2026-11-25 or 2026-11-25T08:00:00)",
        "announcements/a.md:4: expire is not a valid date \"tomorrow\" (write 2026-11-25 or 2026-11-25T08:00:00)",
        "announcements/b.md:3: publish is not a valid date \"2026-02-30T08:00:00\" (write 2026-11-25 or 2026-11-25T08:00:00)",
        "announcements/b.md:4: expire must be a date (like 2026-11-25 or 2026-11-25T08:00:00), not a whole number",
    }},
    {"bad_toml", Language::English, {
        "announcements/a.md:3: not valid TOML: error while parsing value: could not determine value type (text must be in quotes, like title = \"Water outage\")",
        "board.toml:3: unknown key nmae (did you mean name?)",
        "board.toml:4: unknown key extra",
    }},
    {"ballot_codes", Language::English, {
        "codes/gone/lobby-1.toml:1: there is no ballot \"gone\" (ballots/gone.toml)",
        "codes/notes.txt: only codes/<ballot id>/<kiosk id>.toml belongs in codes/ (linli-admin codes writes them)",
        "codes/survey/lobby-1.toml:1: ballot \"survey\" takes no codes (codes = \"none\"): this file does not belong",
        "codes/vote/bad id.toml:1: the file name is not a valid kiosk id (1 to 64 of A-Z a-z 0-9 . _ -)",
        "codes/vote/bad id.toml:9: hashes must be 32 hex digits (1 × 16 bytes)",
        "codes/vote/lobby-1.toml:2: kiosk must be \"lobby-1\" (the file's name)",
        "codes/vote/lobby-1.toml:10: 1 hashes appear twice in this file (a batch copied twice?)",
        "codes/vote/lobby-1.toml:14: ops must be from 1 to 10",
    }},
    {"ballot_results", Language::English, {
        "results/gone.toml:1: there is no ballot \"gone\" (ballots/gone.toml)",
        "results/leader.toml:4: \"张三\" is not a candidate of this ballot",
        "results/leader.toml:5: kiosk is not a valid kiosk id",
        "results/leader.toml:7: the votes (4) and unanswered (0) do not add up to cast (5)",
        "results/motion.toml:3: outcome \"tie\" does not fit this ballot (motions: passed or failed; elections: passed, failed or tie; surveys: \"\")",
        "results/motion.toml:4: tracker \"short\" must be 8 code characters",
        "results/motion.toml:13: option 2 must be \"反对\"",
    }},
    {"ballot_fields", Language::English, {
        "ballots/a.toml:2: kind must be one of motion | single | multi | survey, not \"poll\"",
        "ballots/a.toml:4: closes must be after opens",
        "ballots/a.toml:5: codes must be one of required | none, not \"maybe\"",
        "ballots/b.toml:4: max_choices must be from 1 to the number of options (2)",
        "ballots/b.toml:7: threshold is only for kind = \"motion\"",
        "ballots/c.toml:1: missing title",
        "ballots/c.toml:1: missing closes",
        "ballots/c.toml:2: threshold must be written like \">1/2\" (more than half) or \">=2/3\" (at least two thirds), not \"half\"",
        "ballots/c.toml:3: quorum must be a whole number of at least 0",
        "ballots/d.toml:5: kind must be one of single | multi | scale, not \"pick\"",
        "ballots/d.toml:5: missing text",
        "ballots/d.toml:5: a choice question needs at least two options",
        "ballots/e.toml:3: options lists \"王芳\" twice",
        "ballots/e.toml:5: seats must be from 1 to one less than the number of options (2)",
        "ballots/e.toml:6: only a kind = \"survey\" may go without voting codes (codes = \"none\")",
        "ballots/e.toml:11: candidate \"周敏\" is not one of the options",
        "ballots/e.toml:12: image \"media/nobody.jpg\" does not exist",
        "ballots/f.toml:3: a motion's options are always 赞成 / 反对 / 弃权: leave options out",
        "ballots/f.toml:4: threshold must be written like \">1/2\" (more than half) or \">=2/3\" (at least two thirds), not \">=3/2\"",
        "ballots/f.toml:7: candidates is only for kind = \"single\" or \"multi\"",
        "ballots/g.toml:6: a kind = \"scale\" question has no options (it is always 1 to 5)",
        "ballots/g.toml:6: max_choices is only for kind = \"multi\" questions",
    }},
    {"document_kind", Language::English, {
        "documents/d.md:3: kind must be one of charter-draft | charter | rule | report, not \"draft\"",
        "documents/e.md:4: comment_until is only for kind = \"charter-draft\"",
    }},
    {"expire_before_publish", Language::English, {
        "announcements/a.md:4: expire must be after publish (otherwise this is never shown)",
    }},
    {"files_and_folders", Language::English, {
        "announcement: unknown folder (did you mean announcements?)",
        "announcements/notes.txt: not a .md file (ignored; only .md files belong here)",
        "announcements/same.md: id clashes with announcements/Same.md (names differ only in case)",
    }},
    {"front_matter", Language::English, {
        "announcements/a.md:1: the file must start with a +++ line and TOML front matter (title = \"...\")",
        "announcements/b.md:1: front matter opened with +++ is never closed with +++",
    }},
    {"invalid_utf8", Language::English, {
        "announcements/a.md:3: invalid UTF-8 (save the file as UTF-8)",
        "ballots/b.toml:1: invalid UTF-8 (save the file as UTF-8)",
    }},
    {"ledger_header", Language::English, {
        "finance/ledger.csv:1: unknown column \"amont\" in the header (did you mean amount?)",
        "finance/ledger.csv:1: the header lacks the column amount (金额)",
    }},
    {"ledger_rows", Language::English, {
        "finance/ledger.csv:3: row has 4 columns, the header has 6",
        "finance/ledger.csv:4: bad date \"2026-13-02\" (write 2026-11-25)",
        "finance/ledger.csv:5: unknown type \"refund\" (must be income, expense or carry-forward, or 收入, 支出 or 结转)",
        "finance/ledger.csv:6: unparsable amount \"12.345\" (write 1234.50 or 1,234.50)",
        "finance/ledger.csv:7: negative amount \"-5\" (a correction is an entry of the other type)",
        "finance/ledger.csv:8: unparsable amount \"五元\" (write 1234.50 or 1,234.50)",
    }},
    {"media_refs", Language::English, {
        "announcements/a.md:3: image \"media/missing.jpg\" does not exist",
        "announcements/a.md:3: path \"../secret.jpg\" leaves the content folder (absolute paths and .. are refused)",
        "announcements/a.md:3: path \"/etc/passwd\" leaves the content folder (absolute paths and .. are refused)",
        "announcements/a.md:3: image \"photos/x.jpg\" must be under media/",
        "finance/ledger.csv:2: image \"media/nope.png\" does not exist",
        "finance/ledger.csv:3: image \"receipt.jpg\" must be under media/",
        "media/fake.jpg: not a JPEG or PNG image",
    }},
    {"meeting_fields", Language::English, {
        "meetings/m.md:1: missing date",
        "meetings/m.md:3: kind must be one of regular | urgent, not \"emergency\"",
        "meetings/m.md:4: decisions must be a list of text (like [\"a\", \"b\"]), not text",
    }},
    {"missing_board", Language::English, {
        "board.toml: file is missing (it holds [board] with name, community, contact)",
    }},
    {"missing_title", Language::English, {
        "announcements/a.md:1: missing title",
    }},
    {"periods", Language::English, {
        "finance/periods.toml:2: period must be \"2026\", \"2026-Q3\" or \"2026-10\", not \"2026-13\"",
        "finance/periods.toml:3: opening must be an amount in quotes (like \"1,234.50\"), not a decimal number",
        "finance/periods.toml:4: closing is not an amount: \"abc\" (write \"1,234.50\")",
        "finance/periods.toml:6: missing period",
        "finance/periods.toml:7: unknown key perod (did you mean period?)",
    }},
    {"recruitment_fields", Language::English, {
        "recruitment/r.md:3: positions must be a table (like { name = \"...\" }), not text",
        "recruitment/r.md:3: count must be a positive whole number",
        "recruitment/r.md:3: missing name",
        "recruitment/r.md:4: deadline is not a valid date \"soon\" (write 2026-11-25 or 2026-11-25T08:00:00)",
        "recruitment/r.md:5: requirements must be text, not a whole number",
    }},
    {"tasks_rows", Language::English, {
        "progress/goals.csv:2: year \"26\" must be a year like 2026",
        "progress/goals.csv:3: goal is empty",
        "progress/tasks.csv:2: unknown status \"started\" (must be planned, doing, done or blocked)",
        "progress/tasks.csv:3: duplicate id \"t1\"",
        "progress/tasks.csv:3: progress \"120\" must be a whole number from 0 to 100",
        "progress/tasks.csv:3: bad due date \"2026-99-01\" (write 2026-11-25)",
        "progress/tasks.csv:4: id is empty",
        "progress/tasks.csv:4: progress \"abc\" must be a whole number from 0 to 100",
    }},
    {"unknown_keys", Language::English, {
        "announcements/a.md:1: missing title",
        "announcements/a.md:2: unknown key titel (did you mean title?)",
        "announcements/a.md:3: unknown key publsh (did you mean publish?)",
        "announcements/a.md:4: unknown key colour",
    }},
    {"urgent_without_expire", Language::English, {
        "announcements/a.md:3: urgent = true requires expire, or the red banner never goes away",
    }},
    {"wrong_types", Language::English, {
        "announcements/a.md:3: pinned must be true or false, not text",
        "announcements/a.md:4: images must be a list of text (like [\"a\", \"b\"]), not text",
    }},
    {"bad_toml", Language::Chinese, {
        "announcements/a.md:3: TOML 语法错误：error while parsing value: could not determine value type（文本要加引号，如 title = \"停水通知\"）",
        "board.toml:3: 未知的键 nmae（是不是 name？）",
        "board.toml:4: 未知的键 extra",
    }},
    {"ledger_rows", Language::Chinese, {
        "finance/ledger.csv:3: 这一行有 4 列，表头有 6 列",
        "finance/ledger.csv:4: 日期无效 \"2026-13-02\"（应写作 2026-11-25）",
        "finance/ledger.csv:5: 类型 \"refund\" 无效（应为 收入、支出 或 结转）",
        "finance/ledger.csv:6: 金额无法识别 \"12.345\"（应写作 1234.50 或 1,234.50）",
        "finance/ledger.csv:7: 金额不能为负数 \"-5\"（更正请记一笔相反类型的账）",
        "finance/ledger.csv:8: 金额无法识别 \"五元\"（应写作 1234.50 或 1,234.50）",
    }},
    {"unknown_keys", Language::Chinese, {
        "announcements/a.md:1: 缺少 title",
        "announcements/a.md:2: 未知的键 titel（是不是 title？）",
        "announcements/a.md:3: 未知的键 publsh（是不是 publish？）",
        "announcements/a.md:4: 未知的键 colour",
    }},
    {"tasks_rows", Language::Chinese, {
        "progress/goals.csv:2: year \"26\" 应为年份，如 2026",
        "progress/goals.csv:3: goal 为空",
        "progress/tasks.csv:2: status \"started\" 无效（应为 planned、doing、done 或 blocked）",
        "progress/tasks.csv:3: id \"t1\" 重复",
        "progress/tasks.csv:3: progress \"120\" 应为 0 到 100 的整数",
        "progress/tasks.csv:3: due 日期无效 \"2026-99-01\"（应写作 2026-11-25）",
        "progress/tasks.csv:4: id 为空",
        "progress/tasks.csv:4: progress \"abc\" 应为 0 到 100 的整数",
    }},
    {"media_refs", Language::Chinese, {
        "announcements/a.md:3: 找不到图片 \"media/missing.jpg\"",
        "announcements/a.md:3: 路径 \"../secret.jpg\" 超出内容文件夹（不允许绝对路径和 ..）",
        "announcements/a.md:3: 路径 \"/etc/passwd\" 超出内容文件夹（不允许绝对路径和 ..）",
        "announcements/a.md:3: 图片 \"photos/x.jpg\" 应放在 media/ 下",
        "finance/ledger.csv:2: 找不到图片 \"media/nope.png\"",
        "finance/ledger.csv:3: 图片 \"receipt.jpg\" 应放在 media/ 下",
        "media/fake.jpg: 不是 JPEG 或 PNG 图片",
    }},
    {"urgent_without_expire", Language::Chinese, {
        "announcements/a.md:3: 紧急内容（urgent = true）必须设置 expire，否则红色横幅永不消失",
    }},
    {"periods", Language::Chinese, {
        "finance/periods.toml:2: period 应写作 \"2026\"、\"2026-Q3\" 或 \"2026-10\"，而不是 \"2026-13\"",
        "finance/periods.toml:3: opening 应为加引号的金额（如 \"1,234.50\"），而不是小数",
        "finance/periods.toml:4: closing 金额无法识别 \"abc\"（应写作 \"1,234.50\"）",
        "finance/periods.toml:6: 缺少 period",
        "finance/periods.toml:7: 未知的键 perod（是不是 period？）",
    }},
    {"ballot_codes", Language::Chinese, {
        "codes/gone/lobby-1.toml:1: 没有编号为 \"gone\" 的投票（ballots/gone.toml）",
        "codes/notes.txt: codes/ 下只放 codes/<投票编号>/<终端编号>.toml（由 linli-admin codes 生成）",
        "codes/survey/lobby-1.toml:1: 投票 \"survey\" 不用投票码（codes = \"none\"），不应有此文件",
        "codes/vote/bad id.toml:1: 文件名不是有效的终端编号（1 到 64 个 A-Z a-z 0-9 . _ -）",
        "codes/vote/bad id.toml:9: hashes 应为 32 位十六进制数字（1 个投票码，各 16 字节）",
        "codes/vote/lobby-1.toml:2: kiosk 应为 \"lobby-1\"（与文件名相同）",
        "codes/vote/lobby-1.toml:10: 1 个散列在本文件中重复出现（同一批码被复制了两次？）",
        "codes/vote/lobby-1.toml:14: ops 应在 1 到 10 之间",
    }},
    {"ballot_fields", Language::Chinese, {
        "ballots/a.toml:2: kind 应为 motion | single | multi | survey 之一，而不是 \"poll\"",
        "ballots/a.toml:4: closes 必须晚于 opens",
        "ballots/a.toml:5: codes 应为 required | none 之一，而不是 \"maybe\"",
        "ballots/b.toml:4: max_choices 应在 1 到选项数 2 之间",
        "ballots/b.toml:7: threshold 只用于 kind = \"motion\"",
        "ballots/c.toml:1: 缺少 title",
        "ballots/c.toml:1: 缺少 closes",
        "ballots/c.toml:2: threshold 应写作 \">1/2\"（超过一半）或 \">=2/3\"（达到三分之二），而不是 \"half\"",
        "ballots/c.toml:3: quorum 应为不小于 0 的整数",
        "ballots/d.toml:5: kind 应为 single | multi | scale 之一，而不是 \"pick\"",
        "ballots/d.toml:5: 缺少 text",
        "ballots/d.toml:5: 选择题至少要有两个 options",
        "ballots/e.toml:3: options 中 \"王芳\" 出现了两次",
        "ballots/e.toml:5: seats 应在 1 到选项数减一 2 之间",
        "ballots/e.toml:6: 只有 kind = \"survey\" 的调查可以不用投票码（codes = \"none\"）",
        "ballots/e.toml:11: 候选人 \"周敏\" 不在 options 中",
        "ballots/e.toml:12: 找不到图片 \"media/nobody.jpg\"",
        "ballots/f.toml:3: motion 的选项固定为 赞成 / 反对 / 弃权，不写 options",
        "ballots/f.toml:4: threshold 应写作 \">1/2\"（超过一半）或 \">=2/3\"（达到三分之二），而不是 \">=3/2\"",
        "ballots/f.toml:7: candidates 只用于 kind = \"single\" 或 \"multi\"",
        "ballots/g.toml:6: kind = \"scale\" 的问题不写 options（固定为 1 到 5 分）",
        "ballots/g.toml:6: max_choices 只用于 kind = \"multi\" 的问题",
    }},
};


}  // namespace

TEST_CASE("every broken folder of the corpus gives exactly its expected messages", "[content]")
{
    // Dates in the corpus have no offset: the result must not depend on the machine's zone.
    linli::test::ScopedTimeZone zone("Asia/Shanghai");
    const std::filesystem::path corpus = std::filesystem::path(LINLI_SOURCE_DIR) / "tests/content/corpus/broken";
    for (const BrokenCase& c : k_broken_cases) {
        INFO("case " << c.folder << (c.language == Language::Chinese ? " (Chinese)" : " (English)"));
        auto load = load_content_folder((corpus / c.folder).string(), c.language);
        REQUIRE(load.has_value());
        CHECK(formatted(load->problems) == c.messages);
    }
}

TEST_CASE("every folder of the broken corpus has a row in the table", "[content]")
{
    const std::filesystem::path corpus = std::filesystem::path(LINLI_SOURCE_DIR) / "tests/content/corpus/broken";
    for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
        std::string name = entry.path().filename().string();
        bool listed = false;
        for (const BrokenCase& c : k_broken_cases)
            listed = listed || name == c.folder;
        INFO("folder " << name);
        CHECK(listed);
    }
}
