// The 适老化 audit (issue 13): every screen and item page of the demo, in all three text sizes,
// both themes and both languages, on a landscape and an upright 21.5" 1080p panel, scrolled to
// the end, must keep text big enough, in contrast, whole and apart, and touch targets big and
// apart (tests/support/screen_audit.hpp says the rules). The figures are printed by
// tests/bench/audit-bench.sh.
//
// tests/ui/audit_known.txt lists the screens and rules whose findings are known and not fixed
// yet: the audit fails on any other finding, and on a listed one that no longer occurs (so the
// list only shrinks).
#include "../support/screen_walk.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

using namespace linli;

namespace {

std::string rule_of(const std::string& what)
{
    return what.substr(0, what.find(':'));
}

// The known list's entries for one orientation (横屏 or 竖屏): (screen, rule) -> times seen.
std::map<std::pair<std::string, std::string>, int> known_findings(const std::string& orientation)
{
    std::map<std::pair<std::string, std::string>, int> known;
    std::ifstream in(std::string(LINLI_SOURCE_DIR) + "/tests/ui/audit_known.txt");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string where, screen, rule;
        if (std::getline(fields, where, '\t') && std::getline(fields, screen, '\t') && std::getline(fields, rule) &&
            where == orientation)
            known[{screen, rule}] = 0;
    }
    return known;
}

void walk_orientation(int width, int height, test::ScreenAudit& audit)
{
    test::HeadlessKiosk k(
        [](const std::string& dir, const Clock& clock) {
            // Feedback and the survey are sent once per setting: no pause between two.
            services::KioskConfig config = services::default_kiosk_config();
            config.survey_cooldown_s = 0;
            config.feedback_cooldown_s = 0;
            return test::demo_kiosk(config, dir, clock);
        },
        0, width, height);
    for (TextSize size : {TextSize::Standard, TextSize::Large, TextSize::ExtraLarge})
        for (Theme theme : {Theme::Normal, Theme::HighContrast}) {
            for (Language language : {Language::Chinese, Language::English})
                test::audit_all_routes(k, audit, {size, theme, language});
            // The steps behind taps (writing, voting, the admin panel), in both languages.
            test::audit_flows(k, audit, {size, theme, Language::Chinese}, test::demo_flows());
        }
}

// One orientation's walk, checked against its entries of the known list.
void audit_orientation(int width, int height)
{
#if defined(__SANITIZE_ADDRESS__)
    // 12 walks of every screen take ten times as long under ASan; the normal build audits them,
    // and the sanitizers see the same drawing code in the kiosk tests.
    WARN("the audit runs in the normal build only");
    return;
#endif
    const std::string orientation = height > width ? "竖屏" : "横屏";
    test::ScreenAudit audit;
    walk_orientation(width, height, audit);
    // LINLI_AUDIT_REPORT=FILE keeps every finding, one a line, for working through them
    // (FILE.横屏 and FILE.竖屏).
    if (const char* report = std::getenv("LINLI_AUDIT_REPORT")) {
        std::ofstream out(std::string(report) + "." + orientation);
        for (const auto& f : audit.findings()) out << f.where << ": " << f.what << "\n";
    }
    // LINLI_AUDIT_FIGURES=1 prints each screen's worst figures per text size
    // (tests/bench/audit-bench.sh).
    if (std::getenv("LINLI_AUDIT_FIGURES")) test::print_figures(audit, "demo, " + orientation);
    auto known = known_findings(orientation);
    size_t shown = 0, unknown = 0;
    for (const auto& f : audit.findings()) {
        auto it = known.find({test::screen_of(f.where), rule_of(f.what)});
        if (it != known.end()) {
            ++it->second;
            continue;
        }
        ++unknown;
        if (++shown <= 60) FAIL_CHECK(f.where << ": " << f.what);
    }
    for (const auto& [entry, seen] : known)
        if (seen == 0)
            FAIL_CHECK("fixed now: remove \"" << orientation << "\t" << entry.first << "\t" << entry.second
                                              << "\" from tests/ui/audit_known.txt");
    INFO(audit.findings().size() << " findings on " << audit.figures().size() << " views, " << unknown << " not known");
    CHECK(unknown == 0);
    CHECK(audit.figures().size() > 250);
}

}  // namespace

// Two test cases, so ctest runs the two walks side by side.
TEST_CASE("audit: every screen and step on a landscape panel, in every text size, theme and language", "[ui][audit]")
{
    audit_orientation(1920, 1080);
}

TEST_CASE("audit: every screen and step on an upright panel, in every text size, theme and language", "[ui][audit]")
{
    audit_orientation(1080, 1920);
}
