// QrView: QR codes for sign-up forms and links (qr_url, apply_url), drawn so a phone held at a
// standing distance reads them: whole-pixel modules on integer pixels, a white 4-module quiet
// zone, and a caption under the code. Each text is encoded once (libqrencode, byte mode, level M,
// case kept) and its module matrix cached; frames only draw rectangles.
#pragma once

#include "core/result.hpp"
#include "ui/ui.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace linli::ui {

// A QR symbol's modules, row by row: size x size bytes, 1 = dark. No quiet zone.
struct QrModules {
    int size = 0;
    std::vector<uint8_t> dark;
    bool is_dark(int x, int y) const { return dark[size_t(y) * size_t(size) + size_t(x)] != 0; }
};

// Encodes text's bytes exactly (upper and lower case kept). Rejected when the text is empty or
// too long for any QR version.
Result<QrModules> encode_qr(std::string_view text);

class QrView {
public:
    // Quiet zone on each side, in modules (the QR standard's minimum).
    static constexpr int k_quiet_modules = 4;
    // Smallest module edge at 1080p, scaled with the screen: phones scan it from about a metre.
    static constexpr float k_min_module_px = 6.0f;

    // Draws text's code at the top of area, centred, with caption under it (wrapped to the area's
    // width when longer; recorded, so scripts can expect it). Modules are floor(side / (modules + 8)) pixels but never below the
    // minimum, so a too small area is overflowed rather than shrunk unreadable. A text that
    // cannot be encoded draws a note instead. Returns the rectangle drawn (code and caption).
    Rect draw(Ui& ui, const Rect& area, const std::string& text, std::string_view caption);

    // Module edge in pixels draw() uses for text in a square of side px (0: cannot be encoded).
    int module_px(const Ui& ui, const std::string& text, float side);
    // Smallest module edge on this screen.
    static int min_module_px(const Ui& ui);

    // How many times libqrencode ran (tests check it never runs per frame).
    int encodes() const { return m_encodes; }

private:
    const Result<QrModules>& modules(const std::string& text);

    std::unordered_map<std::string, Result<QrModules>> m_cache;
    int m_encodes = 0;
};

}  // namespace linli::ui
