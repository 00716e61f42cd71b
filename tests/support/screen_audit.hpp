// The 适老化 audit (issue 13): checks one drawn frame against the rules residents' comfort asks
// for, from what the Ui recorded (text runs, touch targets) and the frame's real pixels:
//   - every text's capital height >= the text size's minimum (4.8 / 6.4 / 8.5 mm),
//   - every text >= 7:1 (normal theme) or 15:1 (high contrast) against the pixels around it,
//   - no text cut off by its clip (sideways outside sideways scroll views; up or down outside
//     scroll views) or by the screen, no two texts overlapping,
//   - every touch target >= 12.7 mm both ways, >= 2.5 mm from the next, none overlapping.
// Findings name the screen, the text and the measured value.
#pragma once

#include "ui/ui.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace linli::test {

struct AuditRules {
    float min_cap_mm = 4.8f;
    double min_contrast = 7.0;
    float min_target_mm = 12.7f;
    float min_gap_mm = 2.5f;
};

// The rules for a text size and theme.
AuditRules audit_rules(TextSize size, Theme theme);

struct AuditFinding {
    std::string where;  // the screen and configuration
    std::string what;   // the rule broken, the text or target, and the measured value
};

// What the audit measured on one screen: its worst figures.
struct ScreenFigures {
    std::string where;
    int texts = 0, targets = 0;
    float min_cap_mm = 1e9f;
    double min_contrast = 1e9;
    std::string lowest_contrast_text;
    float min_target_mm = 1e9f;
    float min_gap_mm = 1e9f;
};

class ScreenAudit {
public:
    // Audits the frame ui recorded last; rgba is that frame's pixels (rows from the top).
    void check(const std::string& where, const ui::Ui& ui, const std::vector<uint8_t>& rgba, int width, int height,
               const AuditRules& rules);
    const std::vector<AuditFinding>& findings() const { return m_findings; }
    const std::vector<ScreenFigures>& figures() const { return m_figures; }

private:
    std::vector<AuditFinding> m_findings;
    std::vector<ScreenFigures> m_figures;
};

// The screen a finding or figure names after its setting:
// "大 标准配色 中文 横屏 reply (scrolled 1)" -> "reply"; "... announcement:water-outage" -> "announcement".
std::string screen_of(const std::string& where);
// Prints each screen's worst figures per text size under a title line (tests/bench/audit-bench.sh).
void print_figures(const ScreenAudit& audit, const std::string& title);

}  // namespace linli::test
