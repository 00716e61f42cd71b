// progress/tasks.csv and progress/goals.csv: the 工作进展 report-back. Tasks have a status from a
// fixed set and a progress percentage; goals are the year's targets and how they turned out.
#include "content/dates.hpp"
#include "content/loaders.hpp"
#include "content/sheet.hpp"

#include <charconv>
#include <set>

namespace linli::content {

namespace {

enum TaskColumn : size_t { Id, Title, Group, Owner, Status, Progress, Due, Updated };

constexpr SheetColumn k_task_columns[] = {
    {"id", "编号"},          {"title", "标题"},       {"group", "小组"},     {"owner", "负责人"},
    {"status", "状态"},      {"progress", "进度"},    {"due", "截止", false}, {"updated", "更新", false},
};

enum GoalColumn : size_t { Year, GoalText, Target, ResultText, GoalStatus };

constexpr SheetColumn k_goal_columns[] = {
    {"year", "年度"}, {"goal", "目标"}, {"target", "指标"}, {"result", "结果", false}, {"status", "状态", false},
};

std::optional<TaskStatus> task_status(std::string_view text)
{
    if (text == "planned" || text == "计划")
        return TaskStatus::Planned;
    if (text == "doing" || text == "进行中")
        return TaskStatus::Doing;
    if (text == "done" || text == "完成" || text == "已完成")
        return TaskStatus::Done;
    if (text == "blocked" || text == "受阻")
        return TaskStatus::Blocked;
    return std::nullopt;
}

std::optional<int> whole_number(std::string_view text)
{
    int value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

// An optional date cell: empty is fine; anything else must parse.
void optional_date(Diagnostics& d, const std::string& file, int line, std::string_view name,
                   std::string_view text, int64_t& out)
{
    if (text.empty())
        return;
    if (auto t = parse_sheet_date(text))
        out = *t;
    else
        d.add(file, line, std::string(name) + " 日期无效 " + shown_value(text) + "（应写作 2026-11-25）",
              "bad " + std::string(name) + " date " + shown_value(text) + " (write 2026-11-25)");
}

}  // namespace

void load_tasks(ContentFolder& folder, ContentSet& content)
{
    const std::string file = "progress/tasks.csv";
    std::optional<Sheet> sheet = read_sheet(folder, file, k_task_columns);
    if (!sheet)
        return;
    Diagnostics& d = folder.diagnostics();
    std::set<std::string> ids;
    for (const CsvRow& row : sheet->rows) {
        Task task;
        bool ok = true;
        task.id = std::string(sheet->cell(row, Id));
        if (task.id.empty()) {
            d.add(file, row.line, "id 为空", "id is empty");
            ok = false;
        } else if (!ids.insert(task.id).second) {
            d.add(file, row.line, "id " + shown_value(task.id) + " 重复", "duplicate id " + shown_value(task.id));
            ok = false;
        }
        task.title = std::string(sheet->cell(row, Title));
        if (task.title.empty()) {
            d.add(file, row.line, "title 为空", "title is empty");
            ok = false;
        }
        task.group = std::string(sheet->cell(row, Group));
        task.owner = std::string(sheet->cell(row, Owner));
        std::string_view status = sheet->cell(row, Status);
        if (auto s = task_status(status)) {
            task.status = *s;
        } else {
            d.add(file, row.line, "status " + shown_value(status) + " 无效（应为 planned、doing、done 或 blocked）",
                  "unknown status " + shown_value(status) + " (must be planned, doing, done or blocked)");
            ok = false;
        }
        std::string_view progress = sheet->cell(row, Progress);
        if (progress.ends_with("%"))
            progress.remove_suffix(1);
        auto percent = whole_number(progress);
        if (percent && *percent >= 0 && *percent <= 100) {
            task.progress = *percent;
        } else {
            d.add(file, row.line, "progress " + shown_value(sheet->cell(row, Progress)) + " 应为 0 到 100 的整数",
                  "progress " + shown_value(sheet->cell(row, Progress)) + " must be a whole number from 0 to 100");
            ok = false;
        }
        optional_date(d, file, row.line, "due", sheet->cell(row, Due), task.due_s);
        optional_date(d, file, row.line, "updated", sheet->cell(row, Updated), task.updated_s);
        if (ok)
            content.tasks.push_back(std::move(task));
    }
}

void load_goals(ContentFolder& folder, ContentSet& content)
{
    const std::string file = "progress/goals.csv";
    std::optional<Sheet> sheet = read_sheet(folder, file, k_goal_columns);
    if (!sheet)
        return;
    Diagnostics& d = folder.diagnostics();
    for (const CsvRow& row : sheet->rows) {
        Goal goal;
        bool ok = true;
        std::string_view year = sheet->cell(row, Year);
        auto y = whole_number(year);
        if (y && *y >= 1970 && *y <= 9999) {
            goal.year = *y;
        } else {
            d.add(file, row.line, "year " + shown_value(year) + " 应为年份，如 2026",
                  "year " + shown_value(year) + " must be a year like 2026");
            ok = false;
        }
        goal.goal = std::string(sheet->cell(row, GoalText));
        if (goal.goal.empty()) {
            d.add(file, row.line, "goal 为空", "goal is empty");
            ok = false;
        }
        goal.target = std::string(sheet->cell(row, Target));
        goal.result = std::string(sheet->cell(row, ResultText));
        goal.status = std::string(sheet->cell(row, GoalStatus));
        if (ok)
            content.goals.push_back(std::move(goal));
    }
}

}  // namespace linli::content
