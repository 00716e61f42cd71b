#include "services/feedback_report.hpp"

#include "core/codes.hpp"

#include <toml++/toml.h>

#include <map>

namespace linli::services {

// A field as CSV writes it: quoted when it holds a comma, a quote or a line break.
std::string csv_field(std::string text)
{
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t'))
        text.insert(0, "'");
    if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

const char* rating_word(int rating)
{
    static const char* k_words[] = {"", "很不满意", "不满意", "满意", "很满意"};
    return rating >= 0 && rating <= 4 ? k_words[rating] : "";
}

std::vector<FeedbackRow> feedback_rows(const Collection& collection)
{
    std::vector<FeedbackRow> rows;
    for (const CollectedRecord& r : collection.records) {
        if (r.record.kind != "feedback" || !r.opened) continue;
        FeedbackRow row;
        row.day = r.record.day;
        row.kiosk = r.kiosk;
        toml::table payload;
        try {
            payload = toml::parse(r.plaintext);
        } catch (const toml::parse_error&) {
            row.text = r.plaintext;  // sealed as plain text (not by a kiosk of ours)
            rows.push_back(std::move(row));
            continue;
        }
        row.topic = payload["topic"].value_or<std::string>("");
        const int64_t rating = payload["rating"].value_or<int64_t>(0);
        row.rating = rating >= 1 && rating <= 4 ? int(rating) : 0;
        row.about = payload["about_title"].value_or<std::string>("");
        row.text = payload["text"].value_or<std::string>("");
        const std::string receipt = payload["receipt"].value_or<std::string>("");
        row.receipt = receipt.empty() ? "" : format_code(receipt);
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string feedback_csv(const std::vector<FeedbackRow>& rows)
{
    std::string out = "\xEF\xBB\xBF收到日期,信息屏,主题,评价,关于,内容,回执码\r\n";
    for (const FeedbackRow& r : rows) {
        out += csv_field(r.day) + "," + csv_field(r.kiosk) + "," + csv_field(r.topic) + "," + csv_field(rating_word(r.rating)) +
               "," + csv_field(r.about) + "," + csv_field(r.text) + "," + csv_field(r.receipt) + "\r\n";
    }
    return out;
}

std::string feedback_summary(const std::vector<FeedbackRow>& rows)
{
    std::map<std::string, int> topics, items;
    int ratings[5] = {};
    for (const FeedbackRow& r : rows) {
        ++topics[r.topic.empty() ? "（无主题）" : r.topic];
        if (!r.about.empty()) ++items["《" + r.about + "》"];
        ++ratings[r.rating];
    }
    std::string out = "意见箱 feedback: " + std::to_string(rows.size()) + " message" + (rows.size() == 1 ? "" : "s") +
                      " (feedback.csv)\n";
    if (rows.empty()) return out;
    out += "  by topic:\n";
    for (const auto& [topic, n] : topics) out += "    " + topic + ": " + std::to_string(n) + "\n";
    if (!items.empty()) {
        out += "  about an item:\n";
        for (const auto& [item, n] : items) out += "    " + item + ": " + std::to_string(n) + "\n";
    }
    out += "  ratings:\n";
    for (int i = 4; i >= 1; --i) out += std::string("    ") + rating_word(i) + ": " + std::to_string(ratings[i]) + "\n";
    out += "    (no rating): " + std::to_string(ratings[0]) + "\n";
    return out;
}

}  // namespace linli::services
