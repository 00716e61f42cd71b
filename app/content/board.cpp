// board.toml (who the board is) and finance/periods.toml (balances the treasurer declares, so the
// kiosk can reconcile the ledger against them and show any mismatch).
#include "content/encoding.hpp"
#include "content/loaders.hpp"
#include "content/toml_fields.hpp"

#include <algorithm>

namespace linli::content {

namespace {

constexpr int64_t k_max_toml_bytes = 1024 * 1024;
constexpr size_t k_max_topics = 12;
constexpr size_t k_max_topic_bytes = 60;

}  // namespace

std::optional<toml::table> read_toml_file(ContentFolder& folder, const std::string& rel)
{
    std::optional<std::string> bytes = folder.read(rel, k_max_toml_bytes);
    if (!bytes)
        return std::nullopt;
    return parse_toml_file(folder.diagnostics(), rel, *bytes);
}

namespace {

// [feedback]: the topics residents choose from, and the online form for those with a phone.
void read_feedback_settings(TomlFields& f, FeedbackSettings& out)
{
    constexpr std::string_view k_keys[] = {"topics", "online_url"};
    f.check_keys(k_keys);
    if (auto topics = f.text_list("topics")) {
        const int line = f.line("topics");
        for (const std::string& topic : *topics) {
            if (topic.empty() || topic.size() > k_max_topic_bytes)
                f.problem(line, topic.empty() ? "topics：有一个主题是空的" : "topics：主题 " + shown_value(topic) + " 太长（最多 20 个字）",
                          topic.empty() ? "topics: a topic is empty" : "topics: " + shown_value(topic) + " is too long (20 characters at most)");
            else if (std::find(out.topics.begin(), out.topics.end(), topic) != out.topics.end())
                f.problem(line, "topics：" + topic + " 重复了", "topics: " + topic + " is listed twice");
            else
                out.topics.push_back(topic);
        }
        if (out.topics.size() > k_max_topics) {
            f.problem(line, "topics：最多 12 个主题", "topics: 12 topics at most");
            out.topics.resize(k_max_topics);
        }
    }
    if (auto url = f.text("online_url")) {
        if (url->starts_with("https://") || url->starts_with("http://"))
            out.online_url = *url;
        else if (!url->empty())
            f.problem(f.line("online_url"), "online_url 应以 https:// 或 http:// 开头，而不是 " + shown_value(*url),
                      "online_url must start with https:// or http://, not " + shown_value(*url));
    }
}

bool valid_period(std::string_view p)
{
    auto digits = [&](size_t from, size_t n) {
        for (size_t i = from; i < from + n; ++i)
            if (i >= p.size() || p[i] < '0' || p[i] > '9')
                return false;
        return true;
    };
    if (p.size() == 4)
        return digits(0, 4);
    if (p.size() == 7 && p[4] == '-' && p[5] == 'Q')
        return digits(0, 4) && p[6] >= '1' && p[6] <= '4';
    if (p.size() == 7 && p[4] == '-' && digits(0, 4) && digits(5, 2)) {
        int month = (p[5] - '0') * 10 + (p[6] - '0');
        return month >= 1 && month <= 12;
    }
    return false;
}

// An amount in periods.toml: text in yuan ("1,234.50") or a whole number of yuan; a decimal
// number is refused because 0.1 is not exact in binary and the books must add up to the fen.
void read_amount(TomlFields& f, std::string_view key, bool& has, Money& out)
{
    const toml::node* n = f.node(key);
    if (!n)
        return;
    std::string k(key);
    if (const auto* s = n->as_string()) {
        if (auto m = Money::parse_yuan(s->get(), true)) {
            has = true;
            out = *m;
            return;
        }
        f.problem(f.line_of(*n), k + " 金额无法识别 " + shown_value(s->get()) + "（应写作 \"1,234.50\"）",
                  k + " is not an amount: " + shown_value(s->get()) + " (write \"1,234.50\")");
        return;
    }
    if (const auto* i = n->as_integer()) {
        if (i->get() > -1'000'000'000'000 && i->get() < 1'000'000'000'000) {
            has = true;
            out = Money::from_fen(i->get() * 100);
            return;
        }
    }
    f.wrong_type(*n, key, "加引号的金额（如 \"1,234.50\"）", "an amount in quotes (like \"1,234.50\")");
}

}  // namespace

void load_board(ContentFolder& folder, ContentSet& content)
{
    const std::string rel = "board.toml";
    if (!folder.exists(rel)) {
        folder.diagnostics().add(rel, 0, "缺少此文件（应有 [board]，写 name、community、contact）",
                                 "file is missing (it holds [board] with name, community, contact)");
        return;
    }
    std::optional<toml::table> root = read_toml_file(folder, rel);
    if (!root)
        return;
    TomlFields top(folder.diagnostics(), rel, *root, 0, 1);
    constexpr std::string_view k_top_keys[] = {"board", "feedback"};
    top.check_keys(k_top_keys);
    if (const toml::node* feedback = root->get("feedback")) {
        if (const toml::table* t = feedback->as_table()) {
            TomlFields f(folder.diagnostics(), rel, *t, 0, top.line_of(*feedback));
            read_feedback_settings(f, content.feedback);
        } else {
            top.wrong_type(*feedback, "feedback", "表 [feedback]", "a section [feedback]");
        }
    }
    const toml::node* board = root->get("board");
    if (!board) {
        top.missing("[board]");
        return;
    }
    const toml::table* table = board->as_table();
    if (!table) {
        top.wrong_type(*board, "board", "表 [board]", "a section [board]");
        return;
    }
    TomlFields f(folder.diagnostics(), rel, *table, 0, top.line_of(*board));
    constexpr std::string_view k_board_keys[] = {"name", "community", "contact", "locale"};
    f.check_keys(k_board_keys);
    content.board.board.name = f.text("name", true).value_or("");
    content.board.board.community = f.text("community").value_or("");
    content.board.board.contact = f.text("contact").value_or("");
    if (auto locale = f.text("locale")) {
        if (locale->starts_with("zh") || locale->starts_with("en"))
            content.board.locale = *locale;
        else
            f.problem(f.line("locale"), "locale 应为 \"zh-CN\" 或 \"en\"，而不是 " + shown_value(*locale),
                      "locale must be \"zh-CN\" or \"en\", not " + shown_value(*locale));
    }
}

void load_periods(ContentFolder& folder, ContentSet& content)
{
    const std::string rel = "finance/periods.toml";
    if (!folder.exists(rel))
        return;
    std::optional<toml::table> root = read_toml_file(folder, rel);
    if (!root)
        return;
    TomlFields top(folder.diagnostics(), rel, *root, 0, 1);
    constexpr std::string_view k_top_keys[] = {"period"};
    top.check_keys(k_top_keys);
    for (const toml::table* t : top.table_list("period")) {
        TomlFields f(folder.diagnostics(), rel, *t, 0, top.line_of(*t));
        constexpr std::string_view k_period_keys[] = {"period", "opening", "closing"};
        f.check_keys(k_period_keys);
        DeclaredPeriod period;
        if (auto name = f.text("period", true)) {
            if (valid_period(*name))
                period.period = *name;
            else
                f.problem(f.line("period"), "period 应写作 \"2026\"、\"2026-Q3\" 或 \"2026-10\"，而不是 " + shown_value(*name),
                          "period must be \"2026\", \"2026-Q3\" or \"2026-10\", not " + shown_value(*name));
        }
        read_amount(f, "opening", period.has_opening, period.opening);
        read_amount(f, "closing", period.has_closing, period.closing);
        period.line = f.header_line();
        period.opening_line = f.line("opening");
        period.closing_line = f.line("closing");
        if (!period.period.empty())
            content.periods.push_back(std::move(period));
    }
}

}  // namespace linli::content
