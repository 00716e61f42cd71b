// Diagnostics collector and the wording helpers shared by every parser of the content folder.
#include "content/diagnostics.hpp"

#include <algorithm>
#include <cstdio>

namespace linli::content {

void Diagnostics::add(const std::string& file, int line, std::string_view zh, std::string_view en)
{
    m_items.push_back({file, line, std::string(m_language == Language::Chinese ? zh : en)});
}

void Diagnostics::warn(Severity severity, const std::string& file, int line, std::string_view zh,
                       std::string_view en)
{
    std::string message = m_language == Language::Chinese ? "警告：" + std::string(zh) : "warning: " + std::string(en);
    m_items.push_back({file, line, std::move(message), severity});
}

std::vector<Diagnostic> Diagnostics::take_sorted()
{
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.file != b.file)
            return a.file < b.file;
        return a.line < b.line;
    });
    return std::move(m_items);
}

std::string format_diagnostic(const Diagnostic& d)
{
    if (d.line <= 0)
        return d.file + ": " + d.message;
    return d.file + ":" + std::to_string(d.line) + ": " + d.message;
}


namespace {

// Levenshtein distance with adjacent transpositions counted as one edit, the commonest typo.
size_t typo_distance(std::string_view a, std::string_view b)
{
    std::vector<size_t> prev2(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        prev2.swap(prev);
        prev.swap(cur);
    }
    return prev[b.size()];
}

}  // namespace

std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates)
{
    // Case and '-' versus '_' are slips, not different names.
    std::string folded(name);
    for (char& c : folded) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        else if (c == '-')
            c = '_';
    }
    std::string_view best;
    size_t best_distance = SIZE_MAX;
    for (std::string_view candidate : candidates) {
        size_t distance = typo_distance(folded, candidate);
        size_t limit = std::max<size_t>(1, std::max(folded.size(), candidate.size()) / 3);
        bool prefix = folded.size() >= 3 && (candidate.starts_with(folded) || folded.starts_with(candidate));
        if ((distance <= limit || prefix) && distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

}  // namespace linli::content
