// Parser for the UI script language of `linli-kiosk --script` (INTERFACES.md §2): one command
// per line that taps, drags, types and checks the screen like a resident would. Parsing is
// separate from running so a bad script is rejected (exit 2) before the kiosk does anything.
// Scripts are outside input: every error names the file and line, and the parser is fuzzed.
#pragma once

#include "core/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace linli::input {

enum class ScriptOp { Tap, TapXY, LongPress, Drag, Wait, Type, Expect, ExpectNot, Screenshot, AdvanceClock, Stroke };

// text: the label (Tap), the keys (Type), the expected text (Expect) or the path (Screenshot).
// x1/y1: TapXY, LongPress and the drag start; x2/y2: the drag end. ms: Wait, LongPress and Drag
// durations; AdvanceClock's seconds times 1000.
// points: Stroke's finger path in the writing box's own coordinates (0-1000, y down).
struct ScriptPoint { float x = 0, y = 0; };
struct ScriptCommand {
    ScriptOp op;
    int line;
    std::string text;
    float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
    int64_t ms = 0;
    std::vector<ScriptPoint> points;
};
// Largest coordinate in a stroke: the writing box is 0-1000 on both axes.
constexpr float k_stroke_max_coordinate = 1000;

// Largest coordinate accepted (pixels); anything bigger is a typo, not a screen position.
constexpr float k_script_max_coordinate = 100000;
// Largest duration in ms (wait, drag, long-press) and largest advance-clock in seconds.
constexpr int64_t k_script_max_time = 1000000000;
// Longest line in bytes, line ending excluded.
constexpr size_t k_script_max_line_bytes = 4096;

// Parses a whole script; the first error comes back as
// Error::rejected("script: FILE:LINE: what is wrong"). A leading UTF-8 BOM and CRLF line ends
// are accepted; an empty script is valid and gives no commands.
Result<std::vector<ScriptCommand>> parse_ui_script(std::string_view text, std::string_view file_name);

}  // namespace linli::input
