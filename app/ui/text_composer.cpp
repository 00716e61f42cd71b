#include "ui/text_composer.hpp"

#include "core/utf8.hpp"

#include <algorithm>

namespace linli::ui {

namespace {

constexpr const char* k_letter_rows[3] = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
// 符号: digits, then the punctuation Chinese text uses (full-width), then a few ASCII signs
// addresses and phone numbers need.
const std::vector<std::vector<std::string>> k_symbol_rows = {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
    {"，", "。", "？", "！", "、", "：", "；", "“", "”", "…"},
    {"（", "）", "《", "》", "—", "-", "#", "@", "%"},
};

size_t char_count(std::string_view text)
{
    size_t n = 0;
    for (size_t pos = 0; pos < text.size(); ++n) decode_utf8(text, pos);
    return n;
}

void drop_last_char(std::string& text)
{
    if (text.empty()) return;
    size_t pos = text.size() - 1;
    while (pos > 0 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
    text.erase(pos);
}

float key_height(const Ui& ui) { return std::max(ui.touch_px() * 1.3f, 76 * ui.scale()); }
float bar_height(const Ui& ui) { return std::max(ui.touch_px() * 1.25f, 72 * ui.scale()); }
// Keys stand apart by the targets' gap (VVSG 7.2-I: 2.5 mm).
float key_gap(const Ui& ui) { return std::max(ui.unit() * 0.5f, ui.target_gap()); }
// The least a key or the candidate bar shrinks to on a short screen (大 and 特大 on a landscape
// panel): 15 mm, and room for a label at heading size.
float key_floor(const Ui& ui) { return std::max(std::ceil(15.0f / ui.mm_per_px()), ui.font_px(Heading) * 1.15f); }

}  // namespace

float TextComposer::keyboard_height(const Ui& ui)
{
    return bar_height(ui) + key_gap(ui) + 4 * (key_height(ui) + key_gap(ui));
}

float TextComposer::compact_keyboard_height(const Ui& ui)
{
    return key_floor(ui) + key_gap(ui) + 4 * (key_floor(ui) + key_gap(ui));
}

void TextComposer::clear()
{
    m_strokes.clear();
    m_stroke.reset();
    m_written.clear();
    m_text.clear();
    m_notice.clear();
    m_page = 0;
    m_page_starts.clear();
    m_mode = ComposeMode::Pinyin;
    m_upper = false;
    if (m_pinyin) {
        if (auto reset = m_pinyin->reset(); !reset) {
            m_pinyin.reset();  // opened afresh on next use
            m_pinyin_error = reset.error().message;
        }
    }
}

input::PinyinEngine* TextComposer::pinyin(Ui& ui)
{
    if (!m_pinyin && m_pinyin_error.empty()) {
        auto opened = input::PinyinEngine::open(input::default_pinyin_dictionary(), ui.glyph_filter());
        if (opened) m_pinyin = std::move(opened).value();
        else m_pinyin_error = opened.error().message;
    }
    return m_pinyin.get();
}

const input::HandwritingRecognizer* TextComposer::recognizer()
{
    if (!m_recognizer && m_recognizer_error.empty()) {
        auto opened = input::HandwritingRecognizer::open();
        if (opened) m_recognizer.emplace(std::move(opened).value());
        else m_recognizer_error = opened.error().message;
    }
    return m_recognizer ? &*m_recognizer : nullptr;
}

void TextComposer::commit(const std::string& text)
{
    if (char_count(m_text) + char_count(text) > m_max_chars) {
        m_notice = "已达到字数上限";
        return;
    }
    m_text += text;
}

void TextComposer::backspace()
{
    if (m_mode == ComposeMode::Pinyin && m_pinyin && m_pinyin->remove_letter()) return;
    drop_last_char(m_text);
}

void TextComposer::press(const std::string& key)
{
    m_notice.clear();
    if (key == "删除") return backspace();
    if (m_mode == ComposeMode::Pinyin && m_pinyin) {
        if (key == " ") {
            // Space takes the first candidate; with nothing typed it is a space.
            if (!m_pinyin->candidates().empty()) {
                if (auto phrase = m_pinyin->choose(0)) commit(*phrase);
            } else {
                commit(" ");
            }
        } else if (key.size() == 1 && key[0] >= 'a' && key[0] <= 'z') {
            if (!m_pinyin->add_letter(key[0])) m_notice = "拼音太长";
        } else {
            commit(key);
        }
        m_page = 0;
        m_page_starts.clear();
        return;
    }
    commit(key);
}

std::vector<std::string> TextComposer::bar_items(Ui& ui)
{
    if (m_mode == ComposeMode::Handwriting) {
        if (!m_strokes.empty()) return m_written;
        // After a commit: the next words the pinyin decoder predicts.
        return pinyin(ui) ? m_pinyin->predictions(m_text, 24) : std::vector<std::string>{};
    }
    if (m_mode != ComposeMode::Pinyin || !m_pinyin) return {};
    if (!m_pinyin->letters().empty()) return m_pinyin->candidates();
    // After a commit: what usually comes next.
    return m_pinyin->predictions(m_text, 24);
}

void TextComposer::draw_field(Ui& ui, const Rect& field)
{
    const Palette& p = palette();
    const float u = ui.unit();
    ui.draw()->AddRectFilled(field.min(), field.max(), p.surface, 12 * ui.scale());
    ui.draw()->AddRect(field.min(), field.max(), p.accent, 12 * ui.scale(), 0, 3 * ui.scale());
    const float counter_h = ui.line_height(Small);
    const std::string counter = std::to_string(char_count(m_text)) + " / " + std::to_string(m_max_chars);
    const ImVec2 cs = ui.measure(Small, counter);
    // A field of one line (a short screen at 特大) has the counter at its right, beside the text.
    // There a notice ("已达到500字上限", until the next key) takes the counter's place.
    const bool one_line = field.height() < ui.line_height(Heading) + counter_h + u;
    const std::string notice = m_notice.empty() ? std::string() : std::string(ui.tr(m_notice.c_str()));
    const float side_w = one_line && !notice.empty() ? ui.measure(Small, notice).x : cs.x;
    Rect text_area{field.x0 + u, field.y0 + u * 0.6f, field.x1 - u, field.y1 - counter_h - u * 0.4f};
    if (one_line) text_area = {field.x0 + u, field.y0 + u * 0.6f, field.x1 - 2 * u - side_w, field.y1 - u * 0.4f};
    std::string shown = m_text;
    if (m_pinyin && m_mode == ComposeMode::Pinyin) shown += m_pinyin->chosen();
    const std::string letters = m_pinyin && m_mode == ComposeMode::Pinyin ? m_pinyin->pending_letters() : "";
    const float offset = ui.begin_scroll("composer-field", text_area);
    float h = 0;
    if (shown.empty() && letters.empty()) {
        ui.text(Body, {text_area.x0, text_area.y0 - offset}, p.text_muted, ui.tr("请在下方输入您的意见"));
        h = ui.line_height(Body);
    } else {
        h = ui.paragraph(Heading, {text_area.x0, text_area.y0 - offset}, text_area.width(), p.text,
                         shown + (letters.empty() ? "▏" : " " + letters + "▏"));
    }
    ui.end_scroll(h);
    const float counter_y = one_line ? text_area.y0 + (ui.line_height(Heading) - counter_h) / 2 : field.y1 - counter_h;
    if (one_line && !notice.empty()) {
        ui.text(Small, {field.x1 - u - side_w, counter_y}, p.urgent, notice);
        return;
    }
    ui.text(Small, {field.x1 - u - cs.x, counter_y}, p.text_muted, counter);
    if (!notice.empty()) ui.text(Small, {field.x0 + u, field.y1 - counter_h}, p.urgent, notice);
}

void TextComposer::draw_keyboard(Ui& ui, const Rect& keys)
{
    const float gap = key_gap(ui);
    // Given less than its full height, the bar gives up its share like the keys, to its floor.
    const float share = std::min(1.0f, keys.height() / keyboard_height(ui));
    Rect bar{keys.x0, keys.y0, keys.x1, keys.y0 + std::max(key_floor(ui), bar_height(ui) * share)};
    draw_bar(ui, bar);
    draw_keys(ui, {keys.x0, bar.y1 + gap, keys.x1, keys.y1});
}

void TextComposer::draw_bar(Ui& ui, const Rect& bar)
{
    const Palette& p = palette();
    const float u = ui.unit();
    ui.draw()->AddRectFilled(bar.min(), bar.max(), p.code_fill, 10 * ui.scale());
    if (m_mode == ComposeMode::Pinyin && !pinyin(ui)) {
        ui.text(Body, {bar.x0 + u, bar.center().y - ui.font_px(Body) / 2}, p.urgent, ui.tr("拼音输入暂不可用"));
        return;
    }
    if (m_mode == ComposeMode::Handwriting && !recognizer()) {
        ui.text(Body, {bar.x0 + u, bar.center().y - ui.font_px(Body) / 2}, p.urgent, ui.tr("手写输入暂不可用"));
        return;
    }
    if (m_mode == ComposeMode::Handwriting && m_strokes.empty() && m_text.empty()) {
        ui.text(Body, {bar.x0 + u, bar.center().y - ui.font_px(Body) / 2}, p.text_muted,
                ui.tr("请在下面的方框里一笔一笔写一个字，写完点选上面的字"));
        return;
    }
    const std::vector<std::string> items = bar_items(ui);
    if (items.empty()) return;
    if (m_page >= items.size()) m_page = 0;
    // Paging buttons at the right; candidates fill the rest, as many whole cells as fit.
    const float page_w = std::max(ui.touch_px() * 1.6f, 120 * ui.scale());
    const float cell_min = std::max(ui.touch_px() * 1.05f, 56 * ui.scale());
    const float gap = key_gap(ui);  // candidates are targets too: 2.5 mm apart
    const float right = bar.x1 - 2 * page_w - 2 * gap;
    float x = bar.x0 + u * 0.5f;
    size_t i = m_page;
    for (; i < items.size(); ++i) {
        const float w = std::max(cell_min, ui.measure(Heading, items[i]).x + 1.4f * u);
        if (x + w > right) break;
        Rect cell{x, bar.y0 + u * 0.3f, x + w, bar.y1 - u * 0.3f};
        const bool tapped = ui.button(items[i], cell, ButtonStyle::Surface, Heading);
        // The first candidate (what space takes) stands out; all read dark on light.
        if (i == 0 && (m_mode == ComposeMode::Handwriting ? !m_strokes.empty() : !m_pinyin->letters().empty()))
            ui.draw()->AddRect(cell.min(), cell.max(), palette().accent, 10 * ui.scale(), 0, 3 * ui.scale());
        if (tapped) {
            if (m_mode == ComposeMode::Handwriting) {
                commit(items[i]);  // a written character, or a prediction after one
                m_strokes.clear();
                m_written.clear();
            } else if (!m_pinyin->letters().empty()) {
                if (auto phrase = m_pinyin->choose(i)) commit(*phrase);
            } else {
                commit(items[i]);  // a prediction
            }
            m_page = 0;
            m_page_starts.clear();
            return;
        }
        x += w + gap;
    }
    const size_t next = i;
    Rect prev_r{right + gap, bar.y0 + u * 0.3f, right + gap + page_w, bar.y1 - u * 0.3f};
    Rect next_r{prev_r.x1 + gap, prev_r.y0, prev_r.x1 + gap + page_w, prev_r.y1};
    if (!m_page_starts.empty() && ui.button(ui.tr("上一页"), prev_r, ButtonStyle::Surface, Body)) {
        m_page = m_page_starts.back();
        m_page_starts.pop_back();
    }
    if (next < items.size() && ui.button(ui.tr("下一页"), next_r, ButtonStyle::Surface, Body)) {
        m_page_starts.push_back(m_page);
        m_page = next;
    }
}

void TextComposer::take_strokes(Ui& ui, const Rect& box)
{
    // Points in the box's own 0-1000 coordinates (y down): the model sees the same character
    // whatever the box's size on this screen.
    auto to_box = [&](ImVec2 pos) {
        return input::StrokePoint{std::clamp((pos.x - box.x0) / box.width() * 1000.0f, 0.0f, 1000.0f),
                                  std::clamp((pos.y - box.y0) / box.height() * 1000.0f, 0.0f, 1000.0f)};
    };
    bool finished = false;
    for (const TouchPoint& point : ui.touch().points) {
        switch (point.kind) {
        case TouchPoint::Kind::Down:
            if (box.contains(point.pos)) m_stroke = input::Stroke{to_box(point.pos)};
            break;
        case TouchPoint::Kind::Move:
            if (m_stroke && m_stroke->size() < 2000) m_stroke->push_back(to_box(point.pos));
            break;
        case TouchPoint::Kind::Up:
            if (m_stroke) {
                m_stroke->push_back(to_box(point.pos));
                if (m_strokes.size() < 64) m_strokes.push_back(std::move(*m_stroke));
                m_stroke.reset();
                finished = true;
            }
            break;
        }
    }
    // Once per finished stroke, never on a timer: a slow writer's character is never cut in two.
    if (finished && recognizer()) {
        m_written = m_recognizer->recognize(m_strokes, 20);
        if (ui.glyph_filter())
            std::erase_if(m_written, [&](const std::string& c) {
                size_t pos = 0;
                return c.empty() || !ui.glyph_filter()(decode_utf8(c, pos));
            });
        m_page = 0;
        m_page_starts.clear();
        m_notice.clear();
    }
}

void TextComposer::draw_writing_box(Ui& ui, const Rect& area, float key_h)
{
    const Palette& p = palette();
    const float u = ui.unit();
    const float side = area.height();
    const Rect box{area.center().x - side / 2 - 2 * key_h, area.y0, area.center().x + side / 2 - 2 * key_h, area.y1};
    ui.note_writing_box(box);
    take_strokes(ui, box);
    ui.draw()->AddRectFilled(box.min(), box.max(), p.surface, 12 * ui.scale());
    ui.draw()->AddRect(box.min(), box.max(), p.accent, 12 * ui.scale(), 0, 3 * ui.scale());
    // 田字格: the centre lines help to write a character whole and in the middle.
    const ImU32 guide = IM_COL32(200, 190, 170, 255);
    for (float t = 0; t < 1; t += 0.04f) {
        ui.draw()->AddLine({box.x0 + box.width() * t, box.center().y}, {box.x0 + box.width() * (t + 0.02f), box.center().y},
                           guide, 2 * ui.scale());
        ui.draw()->AddLine({box.center().x, box.y0 + box.height() * t}, {box.center().x, box.y0 + box.height() * (t + 0.02f)},
                           guide, 2 * ui.scale());
    }
    auto draw_stroke = [&](const input::Stroke& stroke) {
        for (size_t i = 1; i < stroke.size(); ++i)
            ui.draw()->AddLine({box.x0 + stroke[i - 1].x / 1000 * box.width(), box.y0 + stroke[i - 1].y / 1000 * box.height()},
                               {box.x0 + stroke[i].x / 1000 * box.width(), box.y0 + stroke[i].y / 1000 * box.height()}, p.text,
                               7 * ui.scale());
        if (stroke.size() == 1)
            ui.draw()->AddCircleFilled({box.x0 + stroke[0].x / 1000 * box.width(), box.y0 + stroke[0].y / 1000 * box.height()},
                                       4 * ui.scale(), p.text);
    };
    for (const auto& stroke : m_strokes) draw_stroke(stroke);
    if (m_stroke) draw_stroke(*m_stroke);
    // 重写 beside the box: clears it (删除 below deletes the last character of the message).
    const float bw = std::max(ui.touch_px() * 2.4f, 2 * key_h);
    Rect rewrite{box.x1 + 2 * u, box.y0, box.x1 + 2 * u + bw, box.y0 + key_h};
    if (ui.button(ui.tr("重写"), rewrite, ButtonStyle::Surface, Heading)) {
        m_strokes.clear();
        m_written.clear();
        m_stroke.reset();
    }
    ui.paragraph(Small, {rewrite.x0, rewrite.y1 + u}, bw * 1.6f, p.text_muted,
                 ui.tr("写完一个字后，在上面点选它。"));
}

void TextComposer::draw_keys(Ui& ui, const Rect& area)
{
    const Palette& p = palette();
    const float gap = key_gap(ui);
    // As tall as the area allows, up to key_height, never below the floor; letters at title size
    // while the key has room for them.
    const float kh = std::max(key_floor(ui), std::min(key_height(ui), (area.height() - 4 * gap) / 4));
    const FontRole letter_role = kh >= ui.font_px(Title) * 1.25f ? Title : Heading;
    if (m_mode == ComposeMode::Handwriting) {
        draw_writing_box(ui, {area.x0, area.y0, area.x1, area.y0 + 3 * kh + 2 * gap}, kh);
    }
    std::vector<std::vector<std::string>> rows;
    if (m_mode == ComposeMode::Handwriting) {
        // the box takes the three rows of keys
    } else if (m_mode == ComposeMode::Symbols) {
        rows = k_symbol_rows;
    } else {
        for (const char* row : k_letter_rows) {
            std::vector<std::string> keys;
            for (const char* c = row; *c; ++c)
                keys.emplace_back(1, m_mode == ComposeMode::Latin && m_upper ? char(*c - 'a' + 'A') : *c);
            rows.push_back(std::move(keys));
        }
    }
    // Ten keys across the widest row; the others centred under it.
    const float kw = std::min((area.width() - 9 * gap) / 10, kh * 1.8f);
    const float row_w = 10 * kw + 9 * gap;
    const float x0 = area.center().x - row_w / 2;
    float y = m_mode == ComposeMode::Handwriting ? area.y0 + 3 * (kh + gap) : area.y0;
    for (size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        float x = x0 + (row_w - (float(row.size()) * (kw + gap) - gap)) / 2;
        if (r == 2 && m_mode == ComposeMode::Latin) {
            // 大写 where a shift key is, left of the last row of letters.
            Rect shift{x0, y, x - gap, y + kh};
            if (ui.button(ui.tr("大写"), shift, m_upper ? ButtonStyle::Accent : ButtonStyle::Surface, Body)) m_upper = !m_upper;
        }
        for (const std::string& key : row) {
            // The label is what the key types: scripts press it by that.
            if (ui.button(key, {x, y, x + kw, y + kh}, ButtonStyle::Surface, letter_role)) press(key);
            x += kw + gap;
        }
        y += kh + gap;
    }
    // Bottom row: the four ways of writing (the current one filled), space, 删除.
    struct ModeButton {
        const char* label;
        ComposeMode mode;
    };
    const ModeButton modes[] = {{"拼音", ComposeMode::Pinyin},
                                {"手写", ComposeMode::Handwriting},
                                {"符号", ComposeMode::Symbols},
                                {"ABC", ComposeMode::Latin}};
    // The mode keys as wide as their words need (特大 on an upright screen), space takes the rest.
    float mode_w = kw;
    for (const auto& m : modes) mode_w = std::max(mode_w, ui.measure(Body, m.label).x + ui.unit());
    mode_w = std::min(mode_w, (row_w - 3 * kw - 6 * gap) / 4);
    float x = x0;
    for (const auto& m : modes) {
        if (ui.button(m.label, {x, y, x + mode_w, y + kh}, m_mode == m.mode ? ButtonStyle::Accent : ButtonStyle::Surface,
                      Body)) {
            m_mode = m.mode;
            m_notice.clear();
            m_page = 0;
            m_page_starts.clear();
        }
        x += mode_w + gap;
    }
    Rect space{x, y, x0 + 8 * (kw + gap) - gap, y + kh};
    ui.draw()->AddRectFilled(space.min(), space.max(), ui.is_pressed(space) ? p.surface_pressed : p.surface, 10 * ui.scale());
    ui.draw()->AddRect(space.min(), space.max(), p.border, 10 * ui.scale(), 0, 2 * ui.scale());
    // "空格：选第一个" while pinyin is pending, when the key is wide enough for it; else "空格".
    std::string space_label = ui.tr(m_mode == ComposeMode::Pinyin && m_pinyin && !m_pinyin->letters().empty() ? "空格：选第一个" : "空格");
    if (ui.measure(Body, space_label).x > space.width() - ui.unit()) space_label = ui.tr("空格");
    ui.text_centered(Body, space, p.text_muted, space_label);
    if (ui.tap_area(" ", space)) press(" ");
    Rect del{x0 + 8 * (kw + gap), y, x0 + row_w, y + kh};
    if (ui.button(ui.tr("删除"), del, ButtonStyle::Surface, Heading)) press("删除");
}

}  // namespace linli::ui
