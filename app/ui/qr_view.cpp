#include "ui/qr_view.hpp"

#include <qrencode.h>

#include <algorithm>
#include <cerrno>
#include <cmath>

namespace linli::ui {

namespace {

// Pure black on pure white: phone cameras in a dim lobby need all the contrast there is.
constexpr ImU32 k_dark = IM_COL32(0, 0, 0, 255);
constexpr ImU32 k_light = IM_COL32(255, 255, 255, 255);
// A screen shows a handful of codes; a cache this size is never cleared in practice but cannot
// grow without bound if content changes all day.
constexpr size_t k_max_cached_codes = 64;

}  // namespace

Result<QrModules> encode_qr(std::string_view text)
{
    if (text.empty()) return Error::rejected("qr: nothing to encode");
    // libqrencode takes a C string: an embedded NUL would silently cut the URL short.
    if (text.find('\0') != std::string_view::npos) return Error::rejected("qr: text contains a NUL byte");
    std::string copy(text);
    errno = 0;
    // Casesensitive = 1: otherwise libqrencode upper-cases letters to fit alphanumeric mode,
    // and case matters in URL paths and queries.
    QRcode* code = QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) {
        if (errno == ERANGE)
            return Error::rejected("qr: text is too long for a QR code (" + std::to_string(text.size()) + " bytes)");
        return Error::internal("qr: libqrencode failed (errno " + std::to_string(errno) + ")");
    }
    QrModules modules;
    modules.size = code->width;
    modules.dark.resize(size_t(code->width) * size_t(code->width));
    for (size_t i = 0; i < modules.dark.size(); ++i) modules.dark[i] = code->data[i] & 1;
    QRcode_free(code);
    return modules;
}

const Result<QrModules>& QrView::modules(const std::string& text)
{
    auto it = m_cache.find(text);
    if (it != m_cache.end()) return it->second;
    if (m_cache.size() >= k_max_cached_codes) m_cache.clear();
    ++m_encodes;
    return m_cache.emplace(text, encode_qr(text)).first->second;
}

int QrView::min_module_px(const Ui& ui)
{
    return std::max(1, int(std::lround(k_min_module_px * ui.scale())));
}

int QrView::module_px(const Ui& ui, const std::string& text, float side)
{
    const auto& code = modules(text);
    if (!code) return 0;
    int fitting = int(std::floor(side / float(code->size + 2 * k_quiet_modules)));
    return std::max(fitting, min_module_px(ui));
}

Rect QrView::draw(Ui& ui, const Rect& area, const std::string& text, std::string_view caption)
{
    const Palette& p = palette();
    // A caption wider than the area wraps under the code rather than run into what is beside it.
    const bool one_line = ui.measure(Body, caption).x <= area.width();
    const float caption_h = caption.empty() ? 0.0f : one_line ? ui.line_height(Body) : ui.paragraph_height(Body, area.width(), caption);
    const float side = std::min(area.width(), area.height() - caption_h);
    const auto& code = modules(text);
    ImDrawList* dl = ui.draw();

    if (!code) {
        // Say so where the code would be: an empty space would look like a rendering fault.
        float box = std::max(side, 8 * ui.unit());
        Rect r{std::floor(area.x0 + (area.width() - box) / 2), std::floor(area.y0), 0, 0};
        r.x1 = r.x0 + box;
        float pad = ui.unit();
        float text_h = ui.paragraph_height(Body, box - 2 * pad, ui.tr("无法生成二维码：链接太长或为空"));
        r.y1 = r.y0 + std::max(box / 2, text_h + 2 * pad);
        dl->AddRectFilled(r.min(), r.max(), p.surface, 8 * ui.scale());
        dl->AddRect(r.min(), r.max(), p.urgent, 8 * ui.scale(), 0, 2 * ui.scale());
        ui.paragraph(Body, {r.x0 + pad, std::floor(r.y0 + (r.height() - text_h) / 2)}, box - 2 * pad, p.urgent,
                     ui.tr("无法生成二维码：链接太长或为空"));
        return r;
    }

    const int quiet = k_quiet_modules;
    const int module = module_px(ui, text, side);
    const int total_px = module * (code->size + 2 * quiet);
    // Integer origin: with whole-pixel modules every edge falls on a pixel boundary, so no
    // module is smeared over two pixels (blurred edges cost scanners distance).
    const float x0 = std::floor(area.x0 + (area.width() - float(total_px)) / 2);
    const float y0 = std::floor(area.y0);
    dl->AddRectFilled({x0, y0}, {x0 + float(total_px), y0 + float(total_px)}, k_light);
    for (int y = 0; y < code->size; ++y) {
        const float top = y0 + float((y + quiet) * module);
        // One rectangle per horizontal run of dark modules: a third of the vertices of one per module.
        for (int x = 0; x < code->size;) {
            if (!code->is_dark(x, y)) {
                ++x;
                continue;
            }
            int end = x;
            while (end < code->size && code->is_dark(end, y)) ++end;
            dl->AddRectFilled({x0 + float((x + quiet) * module), top},
                              {x0 + float((end + quiet) * module), top + float(module)}, k_dark);
            x = end;
        }
    }

    Rect drawn{x0, y0, x0 + float(total_px), y0 + float(total_px)};
    if (!caption.empty() && !one_line) {
        ui.paragraph_centered(Body, {area.x0, y0 + float(total_px)}, area.width(), p.text, caption);
        drawn.x0 = std::min(drawn.x0, area.x0);
        drawn.x1 = std::max(drawn.x1, area.x1);
        drawn.y1 += caption_h;
    } else if (!caption.empty()) {
        ImVec2 size = ui.measure(Body, caption);
        float cx = x0 + float(total_px) / 2;
        float ty = y0 + float(total_px) + (caption_h - size.y) / 2;
        ui.text(Body, {std::floor(cx - size.x / 2), std::floor(ty)}, p.text, caption);
        drawn.x0 = std::min(drawn.x0, std::floor(cx - size.x / 2));
        drawn.x1 = std::max(drawn.x1, std::ceil(cx + size.x / 2));
        drawn.y1 += caption_h;
    }
    return drawn;
}

}  // namespace linli::ui
