// Small helpers many tests share (one copy: copies clashed in unity builds): a file's bytes, and
// Spearman's rank correlation for the ordering tests (B4, F3).
#pragma once

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace linli::test {

// The whole file, or "" when it cannot be read.
inline std::string file_bytes(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Spearman's rank correlation of positions 0..n-1 against ranks (a permutation of 0..n-1).
inline double spearman(const std::vector<int>& ranks)
{
    const double n = static_cast<double>(ranks.size());
    double d2 = 0;
    for (size_t i = 0; i < ranks.size(); ++i) d2 += std::pow(static_cast<double>(ranks[i]) - static_cast<double>(i), 2);
    return 1 - 6 * d2 / (n * (n * n - 1));
}

// One day, and the kiosk scripts' "now": 2026-11-25 10:00:30 in Beijing, a Wednesday morning.
inline constexpr int64_t k_day_s = 86400;
inline constexpr int64_t k_script_now_s = 1795572030;

}  // namespace linli::test
