#include "core/screen_rotation.hpp"

namespace linli {

ScreenRotation::ScreenRotation(int degrees, int physical_width, int physical_height)
    : m_degrees(degrees == 90 || degrees == 180 || degrees == 270 ? degrees : 0),
      m_width(physical_width), m_height(physical_height)
{
}

// A quarter turn clockwise sends the picture's top edge to the panel's right edge: its top-left
// corner lands top-right, and going right in the picture is going down on the panel.
Point2 ScreenRotation::to_physical(Point2 p) const
{
    const float w = float(m_width), h = float(m_height);
    switch (m_degrees) {
    case 90: return {w - p.y, p.x};
    case 180: return {w - p.x, h - p.y};
    case 270: return {p.y, h - p.x};
    default: return p;
    }
}

Point2 ScreenRotation::to_logical(Point2 p) const
{
    const float w = float(m_width), h = float(m_height);
    switch (m_degrees) {
    case 90: return {p.y, w - p.x};
    case 180: return {w - p.x, h - p.y};
    case 270: return {h - p.y, p.x};
    default: return p;
    }
}

}  // namespace linli
