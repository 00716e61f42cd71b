// TextComposer: where a resident writes Chinese by touch (意见箱). A text field with a counter,
// the four ways of writing as large buttons (拼音, 手写, 符号, ABC), the candidate bar with paging,
// and the keyboard or the square handwriting box (a 田字格 guide; after every stroke the bar shows
// the best characters; a tap commits one and clears the box; no timer ever commits by itself). Keys are labelled
// with what they type, so `type "shequ"` in a UI script presses them as a finger would; the space
// key's label is " " and 删除 deletes. The pinyin decoder is opened on first use and wiped by
// clear() (idle reset, after sending), so the next resident finds nothing of this one.
#pragma once

#include "input/handwriting.hpp"
#include "input/pinyin_engine.hpp"
#include "ui/ui.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace linli::ui {

enum class ComposeMode { Pinyin, Handwriting, Symbols, Latin };

class TextComposer {
public:
    explicit TextComposer(size_t max_chars) : m_max_chars(max_chars) {}

    // The field (text, pending pinyin, counter) in field; the bar and the keys in keys.
    void draw_field(Ui& ui, const Rect& field);
    void draw_keyboard(Ui& ui, const Rect& keys);
    // The height draw_keyboard wants at this scale (mode row, candidate bar, four key rows).
    static float keyboard_height(const Ui& ui);
    // The least it shrinks to when the screen is short (keys of 15 mm or a heading's room).
    static float compact_keyboard_height(const Ui& ui);

    const std::string& text() const { return m_text; }
    bool empty() const { return m_text.empty() && (!m_pinyin || m_pinyin->letters().empty()); }
    // Anything written: text, pinyin letters, or strokes in the writing box.
    bool holds_input() const { return !empty() || !m_strokes.empty(); }
    // Forgets everything typed: the text, the letters, the candidates and what the decoder learnt.
    void clear();

private:
    void press(const std::string& key);
    void commit(const std::string& text);
    void backspace();
    input::PinyinEngine* pinyin(Ui& ui);
    std::vector<std::string> bar_items(Ui& ui);
    void draw_bar(Ui& ui, const Rect& bar);
    void draw_keys(Ui& ui, const Rect& area);
    void draw_writing_box(Ui& ui, const Rect& area, float key_h);
    void take_strokes(Ui& ui, const Rect& box);
    const input::HandwritingRecognizer* recognizer();

    size_t m_max_chars;
    std::string m_text;
    ComposeMode m_mode = ComposeMode::Pinyin;
    bool m_upper = false;              // ABC: capitals
    std::unique_ptr<input::PinyinEngine> m_pinyin;
    std::string m_pinyin_error;        // why pinyin is unavailable (shown instead of candidates)
    size_t m_page = 0;                 // first candidate shown
    std::vector<size_t> m_page_starts; // for 上一页
    std::string m_notice;              // "已达到500字上限" and the like, until the next key
    // 手写: the recognizer (opened on first use), the strokes in the box (0-1000 box coordinates),
    // the one being written, and the candidates for what is in the box.
    std::optional<input::HandwritingRecognizer> m_recognizer;
    std::string m_recognizer_error;
    std::vector<input::Stroke> m_strokes;
    std::optional<input::Stroke> m_stroke;
    std::vector<std::string> m_written;
};

}  // namespace linli::ui
