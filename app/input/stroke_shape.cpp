#include "input/stroke_shape.hpp"

#include <algorithm>
#include <cmath>

namespace linli::input {

namespace {

// Resampling step in box units, after normalising: a few samples even across a dot (~40 units).
constexpr float k_resample_spacing = 10;
// A scribble of any length is resampled to at most this many points, so the work stays bounded.
constexpr std::size_t k_max_resampled_points = 256;
constexpr float k_far_outside = 100 * k_writing_box;

float distance(StrokePoint a, StrokePoint b) { return std::hypot(a.x - b.x, a.y - b.y); }

float distance_to_segment(StrokePoint p, StrokePoint a, StrokePoint b)
{
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float length2 = dx * dx + dy * dy;
    const float t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0f, 1.0f) : 0.0f;
    return distance(p, {a.x + t * dx, a.y + t * dy});
}

float arc_length(const Stroke& stroke)
{
    float length = 0;
    for (std::size_t i = 1; i < stroke.size(); ++i)
        length += distance(stroke[i - 1], stroke[i]);
    return length;
}

// Moves the character's bounding box to where the model's characters are and scales its longer
// side to `fill` of the box, keeping the aspect ratio: the model's features are positions and
// lengths relative to the box, while a finger writes anywhere at any size. A dot is only moved.
void normalise(std::vector<Stroke>& strokes, const StrokeShaping& shaping)
{
    float min_x = INFINITY, min_y = INFINITY, max_x = -INFINITY, max_y = -INFINITY;
    for (const Stroke& stroke : strokes)
        for (StrokePoint p : stroke) {
            min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
            min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
        }
    const float extent = std::max(max_x - min_x, max_y - min_y);
    const float scale = extent > 1 ? shaping.fill * k_writing_box / extent : 1;
    const float middle_x = (min_x + max_x) / 2, middle_y = (min_y + max_y) / 2;
    for (Stroke& stroke : strokes)
        for (StrokePoint& p : stroke)
            p = {(p.x - middle_x) * scale + k_writing_box / 2, (p.y - middle_y) * scale + shaping.centre_y};
}

// Points at equal arc-length steps, both ends kept. A touchscreen samples in time, so the points
// crowd where the finger slows (the ends of a stroke) and thin out where it is fast; equal steps
// make the smoothing below act the same along the whole stroke.
Stroke resample(const Stroke& stroke)
{
    const float length = arc_length(stroke);
    const float step = std::max(k_resample_spacing, length / k_max_resampled_points);
    Stroke out{stroke.front()};
    float to_next = step;  // arc length still to go to the next sample
    for (std::size_t i = 1; i < stroke.size(); ++i) {
        const StrokePoint a = stroke[i - 1], b = stroke[i];
        const float segment = distance(a, b);
        float along = to_next;
        for (; along <= segment; along += step)
            out.push_back({a.x + (b.x - a.x) * along / segment, a.y + (b.y - a.y) * along / segment});
        to_next = along - segment;
    }
    // End exactly where the finger lifted: it replaces a sample that fell close to it.
    if (out.size() > 1 && distance(out.back(), stroke.back()) < step / 2)
        out.back() = stroke.back();
    else if (distance(out.back(), stroke.back()) > 0)
        out.push_back(stroke.back());
    return out;
}

// Two passes of a [1 2 1] average ([1 4 6 4 1] in all), the ends held: evens out the finger's
// and the panel's jitter, and blunts a stray point, which key_points would otherwise keep as a
// corner; the kernel spans 40 units, so the corners of a stroke stay.
void smooth(Stroke& stroke)
{
    for (int pass = 0; pass < 2; ++pass) {
        StrokePoint previous = stroke.front();
        for (std::size_t i = 1; i + 1 < stroke.size(); ++i) {
            const StrokePoint here = stroke[i];
            stroke[i] = {(previous.x + 2 * here.x + stroke[i + 1].x) / 4, (previous.y + 2 * here.y + stroke[i + 1].y) / 4};
            previous = here;
        }
    }
}

// The points where the stroke turns (Douglas-Peucker, most significant first, at most
// max_points). Zinnia itself splits a stroke at the point farthest from its chord until the
// pieces are straight within ~32 units and takes features from every piece: given a finger's
// dense points, its splits land on wobble and hooks. Given these, it splits at the corners only.
Stroke key_points(const Stroke& stroke, float tolerance, std::size_t max_points)
{
    if (stroke.size() <= 2)
        return stroke;
    std::vector<std::size_t> kept{0, stroke.size() - 1};  // indices, in order
    while (kept.size() < max_points) {
        float farthest = tolerance;
        std::size_t farthest_index = 0, insert_at = 0;
        for (std::size_t k = 0; k + 1 < kept.size(); ++k)
            for (std::size_t i = kept[k] + 1; i < kept[k + 1]; ++i) {
                const float d = distance_to_segment(stroke[i], stroke[kept[k]], stroke[kept[k + 1]]);
                if (d > farthest)
                    farthest = d, farthest_index = i, insert_at = k + 1;
            }
        if (insert_at == 0)
            break;
        kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(insert_at), farthest_index);
    }
    Stroke out;
    for (std::size_t i : kept)
        out.push_back(stroke[i]);
    return out;
}

}  // namespace

std::vector<Stroke> shape_strokes(const std::vector<Stroke>& strokes, const StrokeShaping& shaping)
{
    std::vector<Stroke> shaped;
    for (const Stroke& stroke : strokes) {
        if (shaped.size() == k_max_strokes)
            break;
        Stroke clean;
        for (StrokePoint p : stroke) {
            if (!std::isfinite(p.x) || !std::isfinite(p.y))
                continue;
            // Far outside the box is a bug upstream; clamped, the arithmetic below cannot overflow.
            p = {std::clamp(p.x, -k_far_outside, k_far_outside), std::clamp(p.y, -k_far_outside, k_far_outside)};
            if (clean.empty() || distance(clean.back(), p) > 0)
                clean.push_back(p);
        }
        if (!clean.empty())
            shaped.push_back(std::move(clean));
    }
    if (shaping.normalise)
        normalise(shaped, shaping);
    for (Stroke& stroke : shaped) {
        if (shaping.smooth) {
            stroke = resample(stroke);
            smooth(stroke);
        }
        stroke = key_points(stroke, shaping.key_point_tolerance, k_max_stroke_points);
    }
    return shaped;
}

}  // namespace linli::input
