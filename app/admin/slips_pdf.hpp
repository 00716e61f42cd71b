// slips.pdf for `linli-admin codes`: A4 pages of voting slips with cut lines, each slip with the
// board's name, the ballot's title and period, the kiosk, the code (large, as real text that
// pdftotext reads) and three lines of instructions. Cairo, fonts by fontconfig (Noto Sans CJK).
#pragma once

#include "core/ballot.hpp"
#include "core/result.hpp"

#include <functional>
#include <string>
#include <vector>

namespace linli::admin {

struct SlipSheet {
    std::string board_name;
    std::string kiosk;  // the kiosk's id: the only place the code is valid
    const BallotDefinition* ballot = nullptr;
    std::vector<std::string> codes;  // formatted, "XXXXX-XXXXX"
};

inline constexpr int k_slips_per_page = 8;  // 2 columns of 4: room for large print

// Writes path (mode 0600: the codes exist only in it); progress(done, total) after each page.
Status write_slips_pdf(const std::string& path, const SlipSheet& sheet,
                       const std::function<void(size_t, size_t)>& progress = {});

}  // namespace linli::admin
