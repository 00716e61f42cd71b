// Stroke shaping for handwriting recognition: turns what a finger leaves on the writing box (many
// unevenly spaced, jittery points; the character at any size and place) into what the Zinnia
// model recognises best: a few key points per stroke, on a character of a standard size in a
// standard place. Pure geometry without Zinnia, so tests and the benchmark can take it apart.
#pragma once

#include <cstddef>
#include <vector>

namespace linli::input {

// One point of a finger stroke in the writing box's own coordinates: 0-1000 on both axes, y down.
struct StrokePoint { float x = 0, y = 0; };
using Stroke = std::vector<StrokePoint>;

// The side of the writing box in its own coordinates; shaped strokes use the same box.
inline constexpr float k_writing_box = 1000;
// Bounds on what shape_strokes returns, whatever it is given. Zinnia splits each stroke
// recursively at its farthest point and numbers the pieces as a binary heap, so its memory grows
// with 2^(points in a stroke) in the worst case (a spiral): points must stay few. GB2312's
// most strokes is 30 (爨, in hanzi-writer-data); more are a scribble, not worth Zinnia's time.
inline constexpr std::size_t k_max_stroke_points = 12;
inline constexpr std::size_t k_max_strokes = 40;

// Which steps shape_strokes takes and with what. The defaults are the recognizer's, the best
// measured on GB2312 level 1 written by a simulated finger: top-1/top-10 79.6%/90.8%, against
// 64.6%/84.0% for the raw points (tests/bench/handwriting-bench.sh; --steps varies one at a time,
// and the figures below are what each variation scores instead).
struct StrokeShaping {
    // Scale the character's bounding box to `fill` of the box, centred at (500, centre_y):
    // without, 64.7%/83.6%. The model's characters are smaller than its box and sit a little
    // above its middle: fill 0.65-0.75 and centre_y 450-470 score alike, 0.9 78.3%/89.6%, the
    // middle (500) 76.8%/90.0%.
    bool normalise = true;
    float fill = 0.7f;
    float centre_y = 460;
    // Resample by arc length, then average out the finger's jitter: without, 79.3%/90.5%.
    bool smooth = true;
    // Box units a stroke may stray from its key points' polyline (after normalising). 40 keeps
    // the corners of a stroke and drops a finger's wobble; 20 scores 78.3%/90.2%, 60 78.6%/90.5%,
    // leaving the splitting to Zinnia (0: the point cap only) 78.5%/90.3%.
    float key_point_tolerance = 40;
};

// Strokes ready for Zinnia: empty strokes and non-finite points dropped, then the steps above, and
// at most k_max_strokes strokes of 1 to k_max_stroke_points points each.
std::vector<Stroke> shape_strokes(const std::vector<Stroke>& strokes, const StrokeShaping& shaping = {});

}  // namespace linli::input
