// Problems found in a content folder, collected (never thrown) so `linli-admin check` can report
// every one at once as FILE:LINE: what is wrong. Each message is written in both languages at the
// place it is found; the collector keeps the one the administrator reads.
#pragma once

#include "core/i18n.hpp"
#include "core/wording.hpp"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace linli::content {

// An error stops check and build. A warning is something residents would see as a problem; it is
// printed and never blocks, except a declared balance that does not reconcile (Mismatch), which
// build signs only with --publish-mismatch.
enum class Severity { Error, Warning, Mismatch };

struct Diagnostic {
    std::string file;  // relative to the content folder, '/' separated
    int line = 0;      // 1-based; 0 when the problem is about the file as a whole
    std::string message;  // a warning's starts with "warning: " (警告：)
    Severity severity = Severity::Error;
};

class Diagnostics {
public:
    explicit Diagnostics(Language language) : m_language(language) {}

    Language language() const { return m_language; }
    // Records one problem, keeping the wording in the collector's language.
    void add(const std::string& file, int line, std::string_view zh, std::string_view en);
    // Records a warning (Severity::Warning or Mismatch), prefixed "warning: " / "警告：".
    void warn(Severity severity, const std::string& file, int line, std::string_view zh, std::string_view en);
    // The problems sorted by file, then line (stable for problems on the same line).
    std::vector<Diagnostic> take_sorted();
    size_t count() const { return m_items.size(); }

private:
    Language m_language;
    std::vector<Diagnostic> m_items;
};

// "FILE:LINE: message" (or "FILE: message" for line 0), as compilers print it.
std::string format_diagnostic(const Diagnostic& d);


// The candidate closest to a mistyped name ("titel" -> "title"), or empty when none is close.
std::string_view closest_name(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace linli::content
