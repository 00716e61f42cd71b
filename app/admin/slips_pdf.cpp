#include "admin/slips_pdf.hpp"

#include "core/i18n.hpp"
#include "core/line_break.hpp"

#include <cairo-pdf.h>
#include <cairo.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

namespace linli::admin {

namespace {

constexpr double k_page_w = 595.276, k_page_h = 841.89;  // A4 in points
constexpr double k_margin = 28;
constexpr int k_columns = 2, k_rows = k_slips_per_page / k_columns;
constexpr double k_pad = 13;
const char* const k_font = "Noto Sans CJK SC";
const char* const k_mono = "Noto Sans Mono CJK SC";

// The faces, made once: selecting a toy font by name asks fontconfig every time.
struct Fonts {
    cairo_font_face_t* regular = cairo_toy_font_face_create(k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_font_face_t* bold = cairo_toy_font_face_create(k_font, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    cairo_font_face_t* mono = cairo_toy_font_face_create(k_mono, CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
    ~Fonts()
    {
        cairo_font_face_destroy(regular);
        cairo_font_face_destroy(bold);
        cairo_font_face_destroy(mono);
    }
};

// One line of text at its place on the slip, relative to the slip's top left corner.
struct Run {
    cairo_font_face_t* face;
    double size, x, y;
    std::string text;
    double grey = 0;
};

// What every slip of the sheet has in common, laid out once (the text is the same on each).
class SlipLayout {
public:
    explicit SlipLayout(cairo_t* cr) : m_cr(cr) {}

    double width(cairo_font_face_t* face, double size, std::string_view text)
    {
        cairo_set_font_face(m_cr, face);
        cairo_set_font_size(m_cr, size);
        cairo_text_extents_t e;
        cairo_text_extents(m_cr, std::string(text).c_str(), &e);
        return e.x_advance;
    }
    // Wrapped at w, at most max_lines (the last one cut with "…"); returns the y below it.
    double paragraph(cairo_font_face_t* face, double size, double x, double y, double w, double line_h,
                     std::string_view text, int max_lines, double grey = 0)
    {
        const auto lines = break_lines(text, float(w), [&](std::string_view run) { return float(width(face, size, run)); });
        for (size_t i = 0; i < lines.size() && int(i) < max_lines; ++i) {
            std::string line(text.substr(lines[i].begin, lines[i].end - lines[i].begin));
            if (int(i) == max_lines - 1 && i + 1 < lines.size()) line += "…";
            runs.push_back({face, size, x, y, line, grey});
            y += line_h;
        }
        return y;
    }
    void draw(double x0, double y0) const
    {
        for (const Run& r : runs) {
            cairo_set_source_rgb(m_cr, r.grey, r.grey, r.grey);
            cairo_set_font_face(m_cr, r.face);
            cairo_set_font_size(m_cr, r.size);
            cairo_move_to(m_cr, x0 + r.x, y0 + r.y);
            cairo_show_text(m_cr, r.text.c_str());
        }
    }

    std::vector<Run> runs;
    double code_y = 0;

private:
    cairo_t* m_cr;
};

// "投票时间：2027年1月5日 08:00 至 1月15日 20:00" (the year once: slips are kept for weeks).
std::string period_text(const BallotDefinition& b)
{
    auto day = [](int64_t t, bool year) {
        std::string d = format_date(Language::Chinese, t);  // "2027年1月5日 星期二"
        d = d.substr(0, d.find(' '));
        if (!year && d.find("年") != std::string::npos) d = d.substr(d.find("年") + std::string("年").size());
        return d + " " + format_time(t);
    };
    std::string out = "投票时间：";
    if (b.opens_s) out += day(b.opens_s, true) + " 至 ";
    else out += "即日起至 ";
    if (b.closes_s) out += day(b.closes_s, !b.opens_s);
    return out;
}

constexpr double k_code_size = 27;

SlipLayout lay_out_slip(cairo_t* cr, const Fonts& fonts, double w, const SlipSheet& sheet)
{
    const BallotDefinition& b = *sheet.ballot;
    const double x = k_pad, inner = w - 2 * k_pad;
    SlipLayout l(cr);
    double y = k_pad + 9;
    l.paragraph(fonts.regular, 9.5, x, y, inner, 12, sheet.board_name + " · 投票码", 1, 0.2);
    y += 19;
    y = l.paragraph(fonts.bold, 13, x, y, inner, 16, b.title, 2);
    l.paragraph(fonts.regular, 9.5, x, y, inner, 12, period_text(b), 1);
    y += 33;
    l.code_y = y;
    y += 20;
    const std::string lines[] = {
        "1. 到大堂触摸屏（终端 " + sheet.kiosk + "）点“投票表决”，选本投票，点“开始投票”。",
        "2. 输入上面的投票码（不分大小写，可不输横线），按提示选择后确认投票。",
        "3. 此码只能用一次，只在本终端有效。投票不记名，无人能知道您投了什么。",
    };
    for (const auto& line : lines) y = l.paragraph(fonts.regular, 9.5, x, y, inner, 12.5, line, 2);
    return l;
}

void draw_slip(cairo_t* cr, const Fonts& fonts, SlipLayout& layout, double x0, double y0, double w, const std::string& code)
{
    layout.draw(x0, y0);
    cairo_set_source_rgb(cr, 0, 0, 0);
    const double code_w = layout.width(fonts.mono, k_code_size, code);
    cairo_move_to(cr, x0 + (w - code_w) / 2, y0 + layout.code_y);
    cairo_show_text(cr, code.c_str());
}

void draw_cut_lines(cairo_t* cr, double slip_w, double slip_h)
{
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
    cairo_set_line_width(cr, 0.6);
    const double dash[] = {4, 3};
    cairo_set_dash(cr, dash, 2, 0);
    for (int c = 0; c <= k_columns; ++c) {
        cairo_move_to(cr, k_margin + c * slip_w, k_margin);
        cairo_line_to(cr, k_margin + c * slip_w, k_margin + k_rows * slip_h);
    }
    for (int r = 0; r <= k_rows; ++r) {
        cairo_move_to(cr, k_margin, k_margin + r * slip_h);
        cairo_line_to(cr, k_margin + k_columns * slip_w, k_margin + r * slip_h);
    }
    cairo_stroke(cr);
    cairo_restore(cr);
}

cairo_status_t write_to_fd(void* closure, const unsigned char* data, unsigned int length)
{
    const int fd = *static_cast<int*>(closure);
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n <= 0) return CAIRO_STATUS_WRITE_ERROR;
        data += n;
        length -= unsigned(n);
    }
    return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Status write_slips_pdf(const std::string& path, const SlipSheet& sheet, const std::function<void(size_t, size_t)>& progress)
{
    // Created 0600 before a byte is written: the codes must not be readable by anyone else.
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Error::rejected("codes: " + path + ": cannot create it (does it exist already?)");
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write_to_fd, &fd, k_page_w, k_page_h);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, ("投票码：" + sheet.ballot->title).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "linli-admin codes");
    cairo_t* cr = cairo_create(surface);
    const Fonts fonts;
    const double slip_w = (k_page_w - 2 * k_margin) / k_columns, slip_h = (k_page_h - 2 * k_margin) / k_rows;
    SlipLayout layout = lay_out_slip(cr, fonts, slip_w, sheet);
    const size_t pages = (sheet.codes.size() + k_slips_per_page - 1) / k_slips_per_page;
    for (size_t pg = 0; pg < pages; ++pg) {
        draw_cut_lines(cr, slip_w, slip_h);
        for (size_t i = 0; i < size_t(k_slips_per_page); ++i) {
            const size_t n = pg * k_slips_per_page + i;
            if (n >= sheet.codes.size()) break;
            const double x = k_margin + double(i % k_columns) * slip_w, y = k_margin + double(i / k_columns) * slip_h;
            draw_slip(cr, fonts, layout, x, y, slip_w, sheet.codes[n]);
        }
        cairo_show_page(cr);
        if (progress) progress(pg + 1, pages);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    const bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (status != CAIRO_STATUS_SUCCESS || !synced) {
        ::unlink(path.c_str());
        return Error::internal("codes: " + path + ": writing the PDF failed (" + cairo_status_to_string(status) + ")");
    }
    return {};
}

}  // namespace linli::admin
