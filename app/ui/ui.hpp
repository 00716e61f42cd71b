// Ui: the per-frame drawing and touch context every widget and screen uses. ImGui supplies the
// draw list, fonts and clipping; touch handling is our own (ImGui 1.86 knows no touch): a tap
// goes to the control under it, a drag scrolls the view it started in and never presses a
// button, and nothing depends on hover. Every control and text drawn is recorded by label so
// UI scripts can find it (`tap "公告"`, `expect "停水"`), and every code point drawn is reported
// so the glyph atlas can grow.
#pragma once

#include "core/i18n.hpp"
#include "core/line_break.hpp"
#include "input/gesture.hpp"
#include "ui/theme.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace linli::ui {

struct Rect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
    bool contains(ImVec2 p) const { return p.x >= x0 && p.x < x1 && p.y >= y0 && p.y < y1; }
    bool overlaps(const Rect& o) const { return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1; }
    ImVec2 min() const { return {x0, y0}; }
    ImVec2 max() const { return {x1, y1}; }
    ImVec2 center() const { return {(x0 + x1) / 2, (y0 + y1) / 2}; }
    Rect inset(float d) const { return {x0 + d, y0 + d, x1 - d, y1 - d}; }
};

// One pointer event as it came, for what follows the finger itself (the handwriting box).
struct TouchPoint {
    enum class Kind { Down, Move, Up } kind = Kind::Move;
    ImVec2 pos;
};

// What the finger did since the last frame, from the gesture tracker.
struct TouchFrame {
    std::vector<TouchPoint> points;  // every pointer event since the last frame, in order
    std::optional<ImVec2> tap;     // a completed tap at this position (where it began)
    std::optional<ImVec2> tap_end; // where that tap's finger lifted
    bool pressed = false;          // a finger is down and has not started dragging
    ImVec2 press_pos{-1, -1};
    ImVec2 drag_delta{0, 0};       // finger movement while dragging
    std::optional<ImVec2> fling;   // release velocity after a drag, px/s
    int64_t pressed_ms = 0;        // how long the finger has been down
};

// A control or text recorded this frame (for scripts and tests).
struct Control {
    std::string label;
    Rect rect;
};

enum class ButtonStyle { Surface, Accent, Quiet, Danger };

// What the audit (tests/ui) measures: every run of text drawn, with its font, ink and where it
// went, and every touch target. Recorded only while Ui::set_recording(true).
struct TextRun {
    std::string text;
    FontRole role = Body;
    float font_px = 0;
    ImU32 color = 0;
    Rect rect;  // the glyphs' line box
    Rect clip;  // what drawing was clipped to
    bool in_scroll = false;           // inside a scroll view: cut at its top and bottom by design
    bool in_sideways_scroll = false;  // inside a sideways one: cut at its left and right
};
struct TouchTarget {
    std::string label;
    Rect rect;  // as drawn, before clipping
    Rect clip;
};

class ImageProvider;

class Ui {
public:
    // Where pictures come from (set once by the composition root; may be null in tests).
    void set_images(ImageProvider* images) { m_images = images; }
    ImageProvider* images() const { return m_images; }
    // Which characters the fonts can draw (set by the composition root; empty: all), so input
    // candidates never show as tofu.
    using GlyphFilter = std::function<bool(char32_t)>;
    void set_glyph_filter(GlyphFilter filter) { m_glyph_filter = std::move(filter); }
    const GlyphFilter& glyph_filter() const { return m_glyph_filter; }

    // Starts a frame: input, the size of a pixel (mm), language and time step (seconds), over
    // the whole screen.
    void begin(const TouchFrame& touch, float mm_per_px, Language language, float dt_s);
    // Ends the frame: the recorded controls become what scripts see.
    void end();

    ImDrawList* draw() const { return m_draw; }
    Rect screen() const { return m_screen; }
    float scale() const { return m_scale; }
    float mm_per_px() const { return m_mm_per_px; }
    // Spacing unit (16 px at 1080p), scaled.
    float unit() const { return 16.0f * m_scale; }
    // A touch target's least edge: 22 mm, and more with larger text so labels fit.
    float touch_px() const;
    // The least space between two touch targets: 2.5 mm (VVSG 7.2-I), and never under 0.75 unit.
    float target_gap() const { return std::max(unit() * 0.75f, std::ceil(2.6f / m_mm_per_px)); }
    Language language() const { return m_language; }
    const char* tr(const char* zh) const { return linli::tr(m_language, zh); }
    const TouchFrame& touch() const { return m_touch; }

    ImFont* font(FontRole role) const;
    float font_px(FontRole role) const;
    ImVec2 measure(FontRole role, std::string_view text);
    // One line of text at pos (top-left).
    void text(FontRole role, ImVec2 pos, ImU32 color, std::string_view text);
    // One line centred in rect.
    void text_centered(FontRole role, const Rect& rect, ImU32 color, std::string_view text);
    // Wrapped text with our CJK line breaker; returns its height. Layouts are cached.
    float paragraph(FontRole role, ImVec2 pos, float width, ImU32 color, std::string_view text);
    float paragraph_height(FontRole role, float width, std::string_view text);
    // The same, each line centred in width.
    float paragraph_centered(FontRole role, ImVec2 pos, float width, ImU32 color, std::string_view text);
    float line_height(FontRole role) const { return font_px(role) * 1.45f; }

    // A touch button: true on the frame it is tapped. Draws pressed while a finger rests on it.
    // shown, when given, is drawn instead of label (a state after the name: "字号：大"), while
    // scripts still tap the label.
    bool button(std::string_view label, const Rect& rect, ButtonStyle style = ButtonStyle::Surface,
                FontRole role = Body, std::string_view shown = {});
    // Where to put equal buttons left to right between x0 and x1, as many to a row as the widest
    // label allows and the rows evened out, rows row_h high stacked down from y with gap between
    // (a row of actions that wraps at 特大 or on an upright screen). One rect per label.
    std::vector<Rect> button_rows(const std::vector<std::string>& labels, FontRole role, float x0, float x1, float y,
                                  float row_h, float gap);
    // An invisible tappable area (cards, whole rows); label is what scripts tap.
    bool tap_area(std::string_view label, const Rect& rect);
    bool is_pressed(const Rect& rect) const;

    void push_clip(const Rect& rect);
    void pop_clip();
    // The rectangle drawing is clipped to now (widgets skip what lies outside it).
    Rect clip_rect() const { return clip(); }
    // Records text a widget drew itself, so scripts can find it (only if rect is visible).
    void note_text(std::string_view text, const Rect& rect) { record_text(text, rect); }
    // Draws one run of glyphs (widgets that lay text out themselves use it, so the audit sees it).
    void draw_run(FontRole role, ImVec2 pos, ImU32 color, const char* begin, const char* end);

    // The audit's records of the last finished frame (empty unless recording).
    void set_recording(bool on) { m_recording = on; }
    const std::vector<TextRun>& text_runs() const { return m_last_runs; }
    const std::vector<TouchTarget>& touch_targets() const { return m_last_targets; }

    // A vertical scroll view: returns the scroll offset to subtract from content positions.
    // Content drawn between begin_scroll and end_scroll is clipped to view.
    float begin_scroll(const std::string& id, const Rect& view);
    void end_scroll(float content_height);
    // The same sideways (a row of chips wider than the screen): the offset to subtract from x.
    // A thin bar under the row is the cue that it goes on.
    float begin_sideways_scroll(const std::string& id, const Rect& view);
    void end_sideways_scroll(float content_width);
    void reset_scroll(const std::string& id);
    // Jumps a scroll view to offset (clamped to its content on the next frame): tables of contents.
    void scroll_to(const std::string& id, float offset);
    void reset_all_scrolls() { m_scrolls.clear(); }
    // Moves every scroll view on screen down (or along) by a share of its length, as far as its content
    // goes; false when none could move (the audit's way to see whole pages, faster than drags).
    bool scroll_views_by(float share_of_view);
    // True while a fling is moving (the event loop keeps drawing frames).
    bool animating() const;

    // The handwriting box drawn this frame (scripts' `stroke` writes into it); set by the widget.
    void note_writing_box(const Rect& box) { m_writing_box = box; }
    // The box of the last finished frame, if one was on screen.
    const std::optional<Rect>& writing_box() const { return m_last_writing_box; }

    // Recorded at end(): controls (tappable, by label) and texts visible on screen.
    const std::vector<Control>& controls() const { return m_last_controls; }
    const std::vector<Control>& texts() const { return m_last_texts; }
    // Forgets every cached paragraph layout: the glyph atlas changed, and text measured while a
    // glyph was missing (measured with the fallback's width) must be broken into lines again.
    void invalidate_layouts();
    // Changes whenever cached layouts become stale (and differs between Ui objects), so
    // widgets with layout caches of their own know when to drop them.
    uint64_t layout_generation() const { return m_layout_generation; }
    // Makes text's glyphs part of the atlas before it is first drawn (no rebuild later).
    void prepare_text(FontRole role, std::string_view text) { note_glyphs(role, text); }
    // Forgets which texts were seen, so the next frame reports all its code points again (after
    // the glyph atlas dropped the passing ones).
    void forget_noted_text() { m_noted.clear(); }
    // Code points drawn since the last call, per font role (for the glyph atlas).
    std::vector<std::vector<char32_t>> take_new_code_points();

private:
    struct Layout {
        std::vector<LineSpan> lines;
    };
    struct ScrollState {
        input::KineticScroll scroll;
        Rect view;
        bool sideways = false;
        float length() const { return sideways ? view.width() : view.height(); }
    };
    float begin_view(const std::string& id, const Rect& view, bool sideways);
    ScrollState& end_view(float content_length);
    const Layout& layout(FontRole role, float width, std::string_view text);
    void note_glyphs(FontRole role, std::string_view text);
    Rect clip() const { return m_clips.empty() ? m_screen : m_clips.back(); }
    bool clipped_visible(const Rect& rect) const { return rect.overlaps(clip()); }
    void record_text(std::string_view text, const Rect& rect);
    static uint64_t next_layout_generation();

    ImDrawList* m_draw = nullptr;
    Rect m_screen;
    float m_scale = 1;
    float m_mm_per_px = 0.2479f;
    float m_dt_s = 0;
    Language m_language = Language::Chinese;
    TouchFrame m_touch;
    std::vector<Rect> m_clips;
    std::vector<Control> m_controls, m_texts, m_last_controls, m_last_texts;
    std::unordered_map<uint64_t, Layout> m_layouts;
    uint64_t m_layout_generation = next_layout_generation();
    std::unordered_set<uint64_t> m_noted;
    std::vector<std::vector<char32_t>> m_new_code_points = std::vector<std::vector<char32_t>>(FontRoleCount);
    std::map<std::string, ScrollState> m_scrolls;
    std::vector<std::string> m_scroll_stack;
    ImageProvider* m_images = nullptr;
    GlyphFilter m_glyph_filter;
    std::optional<Rect> m_writing_box, m_last_writing_box;
    bool m_recording = false;
    std::vector<TextRun> m_runs, m_last_runs;
    std::vector<TouchTarget> m_targets, m_last_targets;
};

}  // namespace linli::ui
