// 管理员: the PIN pad (D5: five wrong PINs lock it for five minutes, shown as a countdown) and,
// once unlocked, the kiosk's status with the ways out: exit, restart, lock.
#include "core/i18n.hpp"
#include "ui/ballot_words.hpp"
#include "ui/clock_setter.hpp"
#include "ui/screen.hpp"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace linli::ui {

namespace {

constexpr size_t k_max_pin_digits = 12;

std::string human_bytes(int64_t bytes)
{
    if (bytes < 0) return "?";
    char buf[32];
    if (bytes >= (int64_t(1) << 30)) std::snprintf(buf, sizeof buf, "%.1f GB", double(bytes) / double(1 << 30));
    else std::snprintf(buf, sizeof buf, "%.0f MB", double(bytes) / double(1 << 20));
    return buf;
}

class AdminScreen final : public Screen {
public:
    const char* title(const Route&, const services::AppModel&) const override { return "管理员"; }
    // The PIN pad and the clock are keypads; the status page is for staff, who know the notice.
    bool hides_urgent_banner(const services::AppModel&) const override { return true; }
    void reset() override
    {
        m_digits.clear();
        m_setting_clock = false;
    }

    void draw(ScreenContext& ctx, const Rect& body) override
    {
        if (ctx.model.admin.unlocked) {
            m_digits.clear();
            if (m_setting_clock) return draw_clock(ctx, body);
            draw_status(ctx, body);
        } else {
            m_setting_clock = false;
            draw_pin_pad(ctx, body);
        }
    }

private:
    void draw_pin_pad(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        float u = ui.unit();
        const auto& admin = ctx.model.admin;
        float key = std::max(ui.touch_px() * 1.3f, 120 * ui.scale());
        const float key_h = std::max(key * 0.75f, ui.touch_px());
        float gap = 1.5f * u;
        float pad_w = 3 * key + 2 * gap;
        float x = body.center().x - pad_w / 2;
        // With large text the pad is taller than the screen: the page scrolls.
        const float offset = ui.begin_scroll("admin.pin", body);
        float y = body.y0 + 3 * u - offset;

        ui.text_centered(Heading, {body.x0, y, body.x1, y + ui.line_height(Heading)}, p.text, ui.tr("请输入管理密码"));
        y += ui.line_height(Heading) + u;
        // The digits themselves are never shown, only how many were typed.
        std::string dots;
        for (size_t i = 0; i < m_digits.size(); ++i) dots += "● ";
        Rect field{x, y, x + pad_w, y + ui.touch_px()};
        ui.draw()->AddRectFilled(field.min(), field.max(), p.surface, 10 * ui.scale());
        ui.draw()->AddRect(field.min(), field.max(), p.border, 10 * ui.scale(), 0, 2 * ui.scale());
        ui.text_centered(Heading, field, p.text, dots);
        y = field.y1 + u;

        bool locked = admin.locked_until_s > ctx.model.now_s;
        std::string status;
        if (locked) {
            status = std::string(ui.tr("尝试次数过多，请稍后再试")) + " (" +
                     std::to_string(admin.locked_until_s - ctx.model.now_s) + ui.tr("秒") + ")";
        } else if (admin.last_attempt_wrong) {
            status = std::string(ui.tr("密码错误")) + ", " + std::to_string(admin.attempts_left) + " " + ui.tr("次机会");
        }
        ui.text_centered(Body, {body.x0, y, body.x1, y + ui.line_height(Body)}, p.urgent, status);
        y += ui.line_height(Body) + u;

        static constexpr const char* k_keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "清除", "0", "确定"};
        for (int i = 0; i < 12; ++i) {
            float kx = x + float(i % 3) * (key + gap), ky = y + float(i / 3) * (key_h + gap);
            Rect r{kx, ky, kx + key, ky + key_h};
            const char* label = k_keys[i];
            bool ok = i == 11;
            if (!ui.button(ui.tr(label), r, ok ? ButtonStyle::Accent : ButtonStyle::Surface, i == 9 || ok ? Heading : Title))
                continue;
            if (locked) continue;
            if (i == 9) m_digits.clear();
            else if (ok) {
                if (!m_digits.empty()) ctx.intents.emplace_back(std::in_place_type<services::intent::SubmitPin>, m_digits);
                m_digits.clear();
            } else if (m_digits.size() < k_max_pin_digits) {
                m_digits += label;
            }
        }
        ui.end_scroll(y + 4 * (key_h + gap) + u + offset - body.y0);
    }

    void draw_clock(ScreenContext& ctx, const Rect& body)
    {
        const float u = ctx.ui.unit();
        const float width = std::min(body.width() - 6 * u, 1500 * ctx.ui.scale());
        const float x = body.center().x - width / 2;
        bool cancelled = false;
        if (auto chosen = m_clock.draw(ctx.ui, {x, body.y0 + 2 * u, x + width, body.y1 - 2 * u}, ctx.model, cancelled))
            ctx.intents.emplace_back(std::in_place_type<services::intent::SetClock>, *chosen);
        if (cancelled) m_setting_clock = false;
    }

    // "21.5 英寸 · 1920×1080 · 每像素 0.248 毫米": what sizes in millimetres are computed from.
    static std::string screen_words(const Ui& ui, double diagonal_in)
    {
        const Rect screen = ui.screen();
        const int w = int(screen.width() + 0.5f), h = int(screen.height() + 0.5f);
        char text[128];
        std::snprintf(text, sizeof text, "%g %s · %d×%d · %s %.3f %s", diagonal_in, ui.tr("英寸"), w, h, ui.tr("每像素"),
                      double(mm_per_px(w, h, diagonal_in)), ui.tr("毫米"));
        return text;
    }

    // "+31 天 1 小时 9 分（管理员设置）": the correction over the system clock.
    static std::string offset_words(const Ui& ui, int64_t offset_s)
    {
        if (offset_s == 0) return ui.tr("无（使用系统时钟）");
        const int64_t a = offset_s < 0 ? -offset_s : offset_s;
        std::string words = offset_s > 0 ? "+" : "-";
        if (a >= 86400) words += std::to_string(a / 86400) + " " + ui.tr("天") + " ";
        if (a >= 3600) words += std::to_string(a % 86400 / 3600) + " " + ui.tr("小时") + " ";
        words += std::to_string(a % 3600 / 60) + " " + ui.tr("分") + " " + std::to_string(a % 60) + " " + ui.tr("秒");
        return words + ui.tr("（管理员设置）");
    }

    // Whether residents can vote here now, and if not, why (the clock, the seal key, the disk,
    // missing codes), one open ballot after another.
    static std::string voting_line(const Ui& ui, const services::AppModel& model)
    {
        const auto& view = model.ballots;
        if (view.ballots.empty()) return ui.tr("没有投票");
        if (!view.clock_trusted) return ui.tr("时钟早于时钟下限（可能被调回），投票暂停：请核对并设置时间");
        std::string line;
        for (const auto& entry : view.ballots) {
            if (entry.state != services::BallotState::Open) continue;
            const std::string why = ballot_refusal_text(ui, entry, entry.refusal, model.now_s);
            line += (line.empty() ? "" : "；") + entry.ballot.title + "：" + (why.empty() ? std::string(ui.tr("可以投票")) : why);
        }
        return line.empty() ? std::string(ui.tr("没有进行中的投票")) : line;
    }

    // Status on the left, voting, sync and event history on the right (one below the other on a
    // narrow screen or with large text), scrolling above the actions, which flow into rows.
    void draw_status(ScreenContext& ctx, const Rect& body)
    {
        Ui& ui = ctx.ui;
        const float u = ui.unit();
        const bool lan = ctx.model.lan_sync_configured;
        std::vector<std::string> labels;
        if (lan) labels.push_back(ui.tr("立即同步"));
        for (const char* zh : {"导出到U盘", "设置时间", "锁定并返回", "重新启动", "退出信息屏"}) labels.push_back(ui.tr(zh));
        const float width = std::min(body.width() - 6 * u, 1760 * ui.scale());
        const float x = body.center().x - width / 2;
        const float bh = ui.touch_px() * 1.1f;
        const float gap = std::max(2 * u, ui.target_gap());
        std::vector<Rect> buttons = ui.button_rows(labels, Heading, x, x + width, 0, bh, gap);
        const float by = body.y1 - 2 * u - buttons.back().y1;

        const Rect view{body.x0, body.y0, body.x1, by - u};
        const float offset = ui.begin_scroll("admin.status", view);
        const float content = draw_status_text(ctx, x, width, view.y0 - offset) - (view.y0 - offset);
        ui.end_scroll(content);

        // 立即同步 is the usual errand (accent), 退出信息屏 the one to think twice about (danger).
        size_t next = 0;
        auto pressed = [&]() {
            const size_t i = next++;
            const Rect r{buttons[i].x0, by + buttons[i].y0, buttons[i].x1, by + buttons[i].y1};
            const ButtonStyle style = i + 1 == labels.size() ? ButtonStyle::Danger
                                      : lan && i == 0        ? ButtonStyle::Accent
                                                             : ButtonStyle::Surface;
            return ui.button(labels[i], r, style, Heading);
        };
        if (lan && pressed()) ctx.intents.emplace_back(std::in_place_type<services::intent::SyncNow>);
        if (pressed()) ctx.intents.emplace_back(std::in_place_type<services::intent::ExportToUsb>);
        if (pressed()) {
            m_clock.start(ctx.model.now_s);
            m_setting_clock = true;
        }
        if (pressed()) {
            ctx.intents.emplace_back(std::in_place_type<services::intent::LockAdmin>);
            ctx.go_to = Route{"home", ""};
        }
        if (pressed()) ctx.intents.emplace_back(std::in_place_type<services::intent::RestartKiosk>);
        if (pressed()) ctx.intents.emplace_back(std::in_place_type<services::intent::ExitKiosk>);
    }

    // The status words from top; returns the bottom of what was drawn.
    float draw_status_text(ScreenContext& ctx, float x, float width, float top)
    {
        Ui& ui = ctx.ui;
        const Palette& p = palette();
        const float u = ui.unit();
        const auto& s = ctx.model.status;
        const Language lang = ui.language();
        auto when = [&](int64_t at_s) { return format_short_date(lang, at_s) + " " + format_time(at_s); };
        std::string version = s.content_version == "demo" ? ui.tr("内置演示内容") : s.content_version;
        if (s.content_created_s > 0) version += "  (" + std::string(ui.tr("制作于")) + " " + when(s.content_created_s) + ")";
        std::string last_sync = ui.tr("从未同步");
        if (!s.last_sync.source.empty())
            last_sync = std::string(ui.tr(source_label(s.last_sync.source))) + "  " + when(s.last_sync.at_s);
        const std::pair<const char*, std::string> rows[] = {
            // What the office asks about first (content, sync, exports, the clock) at the top.
            {"信息屏编号", s.kiosk_id + "  (" + ctx.model.kiosk_name + ")"},
            {"内容版本", version},
            {"上次同步", last_sync},
            {"同步结果", s.last_sync.result.empty() ? "-" : s.last_sync.result},
            {"待导出", s.pending_exports < 0 ? std::string("?") : std::to_string(s.pending_exports)},
            {"时间校正", offset_words(ui, ctx.model.admin.clock_offset_s)},
            {"时钟下限", s.clock_floor_s > 0 ? when(s.clock_floor_s) : "-"},
            // 朗读: why there is no sound, in the words the speaker gave ([audio] off, no device).
            {"声音", ctx.model.speech.available ? std::string(ui.tr("正常（朗读可用）"))
                     : ctx.model.speech.unavailable_reason.empty() ? std::string(ui.tr("尚未使用"))
                                                                   : ctx.model.speech.unavailable_reason},
            // After a restore, collect names the new key: the administrator compares it with this.
            {"设备密钥", s.device_key.empty() ? std::string(ui.tr("首次导出时生成")) : s.device_key},
            {"内容来源", s.content_source},
            {"数据目录", s.data_dir + "  (" + ui.tr("可用") + " " + human_bytes(s.free_disk_bytes) + ")"},
            {"屏幕", screen_words(ui, s.diagonal_in)},
            {"图形", s.graphics},
        };
        float label_w = 0;
        for (const auto& row : rows) label_w = std::max(label_w, ui.measure(Body, ui.tr(row.first)).x);
        label_w += 2 * u;
        // Two columns while a value still gets 14 characters a line beside its label.
        const float col_gap = 3 * u;
        const bool two_columns = (width - col_gap) / 2 - label_w >= 14 * ui.font_px(Body);
        const float col_w = two_columns ? (width - col_gap) / 2 : width;
        // A label above its value when the label would take more than 40% of the line.
        const bool label_beside = label_w <= col_w * 0.4f;

        float y = top + 2 * u;
        ui.text(Title, {x, y}, p.text, ui.tr("状态"));
        y += ui.line_height(Title) + u / 2;
        for (const auto& [label, value] : rows) {
            // Drawn as a paragraph like its value, so both sit on one baseline.
            ui.paragraph(Body, {x, y}, label_w, p.text_muted, ui.tr(label));
            if (label_beside) {
                y += ui.paragraph(Body, {x + label_w, y}, col_w - label_w, p.text, value);
            } else {
                y += ui.line_height(Body);
                y += ui.paragraph(Body, {x + 2 * u, y}, col_w - 2 * u, p.text, value) + u / 2;
            }
        }
        const float left_bottom = y;

        // Right (or below): whether residents can vote here (and why not), the sync events, then
        // the other recent events.
        const float rx = two_columns ? x + col_w + col_gap : x;
        float ry = two_columns ? top + 2 * u : y + 2 * u;
        ui.text(Heading, {rx, ry}, p.text, ui.tr("投票"));
        ry += ui.line_height(Heading);
        ry += ui.paragraph(Body, {rx, ry}, col_w, p.text, voting_line(ui, ctx.model)) + u;
        auto event_list = [&](const char* heading, const std::vector<services::ErrorLine>& lines, const char* none) {
            ui.text(Heading, {rx, ry}, p.text, ui.tr(heading));
            ry += ui.line_height(Heading);
            if (lines.empty()) {
                ui.text(Small, {rx, ry}, p.text_muted, ui.tr(none));
                ry += ui.line_height(Small);
            }
            for (const auto& e : lines) ry += ui.paragraph(Small, {rx, ry}, col_w, p.text, when(e.at_s) + "  " + e.message);
            ry += u;
        };
        event_list("同步记录", s.sync_events, "还没有同步记录");
        std::vector<services::ErrorLine> others;
        for (const auto& e : s.recent_errors)
            if (e.component != "sync") others.push_back(e);
        event_list("最近的错误", others, "没有错误");
        return std::max(left_bottom, ry) + u;
    }

    static const char* source_label(const std::string& source)
    {
        if (source == "usb") return "U盘";
        if (source == "lan") return "局域网";
        if (source == "import") return "命令行导入";
        return "其他";
    }

    std::string m_digits;
    bool m_setting_clock = false;
    ClockSetter m_clock;
};

}  // namespace

std::unique_ptr<Screen> make_admin_screen() { return std::make_unique<AdminScreen>(); }

}  // namespace linli::ui
