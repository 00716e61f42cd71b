// The keypad for receipt and voting codes (INTERFACES.md §4): one large key per character of the
// code alphabet (no 0, 1, I or O, so nothing can be mistyped as a look-alike), 删除 and 清除, and
// the typed code shown large in its dashed groups. Scripts type on it with `type "ABCD2345"`.
#pragma once

#include "ui/ui.hpp"

#include <functional>
#include <string>

namespace linli::ui {

class CodeKeypad {
public:
    explicit CodeKeypad(size_t length) : m_length(length) {}

    // The typed characters so far (no dash), and whether all of them are there.
    const std::string& code() const { return m_code; }
    bool complete() const { return m_code.size() == m_length; }
    void clear() { m_code.clear(); }

    // The code as typed, in boxes grouped as printed ("ABCD-23__"); returns the height used.
    float draw_field(Ui& ui, ImVec2 pos, float max_width);
    // The keys inside rect (8 columns, or 11 when rect is too short for 8, as tall as rect allows
    // up to a comfortable shape, never below the touch minimum); returns true when 确认 was
    // pressed with a complete code.
    // enabled = false: keys are drawn, presses are ignored (a pause after wrong codes).
    bool draw_keys(Ui& ui, const Rect& rect, bool enabled);
    // A page for typing the code inside body, in the column x..x+w: head(y) draws what goes above
    // the keys from y (a prompt, the field, a status line) and returns the y below it. One screen
    // when it fits; with large text on a short screen the page scrolls (scroll_id), the keys after
    // the head and never below a touch target a row. Returns true as draw_keys does.
    bool draw_page(Ui& ui, const Rect& body, const std::string& scroll_id, float x, float w,
                   const std::function<float(float y)>& head, bool enabled);
    // The height the keys want at width w.
    static float keys_height(const Ui& ui, float w);
    // The least height the keys can take at width w: every row a touch target tall.
    static float min_keys_height(const Ui& ui, float w);

private:
    size_t m_length;
    std::string m_code;
};

}  // namespace linli::ui
