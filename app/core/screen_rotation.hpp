// ScreenRotation: how the picture is turned on a screen mounted sideways or upside down
// ([display] rotation). The UI is laid out in "logical" coordinates, the size the resident sees
// (1080x1920 on a landscape panel hung in portrait); the panel scans out "physical" pixels. The
// renderer maps logical to physical, touches come back from physical to logical.
#pragma once

namespace linli {

struct Point2 {
    float x = 0;
    float y = 0;
};

class ScreenRotation {
public:
    // degrees: 0, 90, 180 or 270, the clockwise quarter turns given to the picture (another value
    // counts as 0: the config checks it). physical_*: the panel's own size in pixels.
    ScreenRotation(int degrees, int physical_width, int physical_height);

    int degrees() const { return m_degrees; }
    bool turned() const { return m_degrees != 0; }
    bool sideways() const { return m_degrees == 90 || m_degrees == 270; }
    int logical_width() const { return sideways() ? m_height : m_width; }
    int logical_height() const { return sideways() ? m_width : m_height; }

    // Where a point of the picture lands on the panel, and back.
    Point2 to_physical(Point2 logical) const;
    Point2 to_logical(Point2 physical) const;

private:
    int m_degrees;
    int m_width;   // physical
    int m_height;  // physical
};

}  // namespace linli
