// kiosk.toml parsing. Index:
//   [SECTION] Schema        which sections and keys exist
//   [SECTION] Wording       how values, types and near-miss names are shown to administrators
//   [SECTION] Reader        collects problems with their lines; typed reads of single keys
//   [SECTION] Values        checks of individual values (id, screen_off, URLs, ...)
//   [SECTION] Public API
#include "services/kiosk_config.hpp"

#include "core/wording.hpp"
#include "crypto/password.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <system_error>

namespace linli::services {

namespace {

//-----------------------------------------------------------------------------
// [SECTION] Schema
//-----------------------------------------------------------------------------

struct SectionSchema {
    std::string_view name;
    std::span<const std::string_view> keys;
};

constexpr std::string_view k_kiosk_keys[] = {"id", "name", "locale"};
constexpr std::string_view k_trust_keys[] = {"admin_keys", "seal_key"};
constexpr std::string_view k_idle_keys[] = {"attract_after_s", "reset_after_s"};
constexpr std::string_view k_display_keys[] = {"screen_off", "rotation", "large_text", "text_size", "theme", "launch", "diagonal_in"};
constexpr std::string_view k_sync_keys[] = {"usb_watch", "lan_url", "interval_s", "upload_url"};
constexpr std::string_view k_admin_keys[] = {"pin_hash"};
constexpr std::string_view k_content_keys[] = {"dir"};
constexpr std::string_view k_feedback_keys[] = {"cooldown_s", "daily_cap"};
constexpr std::string_view k_ballots_keys[] = {"survey_cooldown_s"};
constexpr std::string_view k_audio_keys[] = {"enabled", "volume"};

constexpr SectionSchema k_schema[] = {
    {"kiosk", k_kiosk_keys}, {"trust", k_trust_keys},     {"idle", k_idle_keys},
    {"display", k_display_keys}, {"sync", k_sync_keys}, {"admin", k_admin_keys},
    {"content", k_content_keys}, {"feedback", k_feedback_keys}, {"ballots", k_ballots_keys},
    {"audio", k_audio_keys},
};

// 21.5, 200, 0.5: a number as written, without trailing zeros.
std::string inches_text(double inches)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", inches);
    return text;
}

constexpr int64_t k_max_seconds = 86400;      // one day: beyond that a timer is surely a typo
constexpr size_t k_max_config_bytes = 1 << 20;  // a real kiosk.toml is a few KiB
constexpr size_t k_max_id_length = 64;

const SectionSchema* find_section(std::string_view name)
{
    for (const SectionSchema& s : k_schema)
        if (s.name == name)
            return &s;
    return nullptr;
}

// The section a key belongs to, for "put it under [kiosk]" hints.
const SectionSchema* section_of_key(std::string_view key)
{
    for (const SectionSchema& s : k_schema)
        if (std::find(s.keys.begin(), s.keys.end(), key) != s.keys.end())
            return &s;
    return nullptr;
}

//-----------------------------------------------------------------------------
// [SECTION] Wording
//-----------------------------------------------------------------------------


// What a TOML value is, in the words of "must be X, not <this>".
std::string_view type_name(const toml::node& node)
{
    switch (node.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "a whole number";
    case toml::node_type::floating_point: return "a decimal number";
    case toml::node_type::boolean: return "true/false";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date and time";
    case toml::node_type::array: return "a list";
    case toml::node_type::table: return "a table";
    case toml::node_type::none: break;
    }
    return "nothing";
}

// Names compare ignoring case and '-' versus '_', the usual slips.
std::string fold_name(std::string_view name)
{
    std::string out(name);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
        else if (c == '-')
            c = '_';
    }
    return out;
}

// Edit distance where swapping two neighbours costs one ("idel" -> "idle").
size_t edit_distance(std::string_view a, std::string_view b)
{
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i)
        d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j)
        d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}

// The candidate an administrator most likely meant by name, if any is close enough: a few
// typos, a missing suffix ("attract_after" for "attract_after_s"), or a shared long stem.
std::optional<std::string_view> closest_name(std::string_view name,
                                             std::span<const std::string_view> candidates)
{
    const std::string typed = fold_name(name);
    std::optional<std::string_view> best;
    size_t best_distance = SIZE_MAX;
    for (std::string_view candidate : candidates) {
        size_t distance = edit_distance(typed, candidate);
        size_t common = 0;
        while (common < typed.size() && common < candidate.size() &&
               typed[common] == candidate[common])
            ++common;
        bool prefix = common >= 3 && (common == typed.size() || common == candidate.size());
        bool close = distance <= std::max<size_t>(1, std::max(typed.size(), candidate.size()) / 3);
        if ((close || prefix || common >= 5) && distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string joined(std::span<const std::string_view> names, std::string_view before,
                   std::string_view after)
{
    std::string out;
    for (std::string_view n : names) {
        if (!out.empty())
            out += ", ";
        out += before;
        out += n;
        out += after;
    }
    return out;
}

std::vector<std::string_view> section_names()
{
    std::vector<std::string_view> names;
    for (const SectionSchema& s : k_schema)
        names.push_back(s.name);
    return names;
}

// toml++ says "Error while parsing value: could not determine value type"; keep its words (they
// are accurate) but read as one sentence, and add the hint for the commonest cause.
std::string syntax_message(const toml::parse_error& error)
{
    std::string what(error.description());
    if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z')
        what[0] = static_cast<char>(what[0] - 'A' + 'a');
    if (what.find("could not determine value type") != std::string::npos)
        what += " (text must be in quotes, like name = \"1号楼大厅\")";
    return "not valid TOML: " + what;
}

//-----------------------------------------------------------------------------
// [SECTION] Reader
//-----------------------------------------------------------------------------

struct Problem {
    int64_t line;
    std::string what;
};

class ConfigReader {
public:
    ConfigReader(const std::string& path, const toml::table& root) : m_path(path), m_root(root)
    {
        std::error_code ec;
        std::filesystem::path absolute =
            std::filesystem::absolute(path.empty() ? std::filesystem::path(".") : std::filesystem::path(path), ec);
        m_base_dir = ec ? std::filesystem::path(path).parent_path() : absolute.parent_path();
    }

    void problem(const toml::source_region& where, std::string what)
    {
        m_problems.push_back({static_cast<int64_t>(where.begin.line), std::move(what)});
    }

    // The first problem in file order, as the administrator should fix them top to bottom.
    std::optional<Error> first_problem() const
    {
        if (m_problems.empty())
            return std::nullopt;
        auto first = std::min_element(m_problems.begin(), m_problems.end(),
                                      [](const Problem& a, const Problem& b) { return a.line < b.line; });
        return Error::rejected("config: " + m_path + ":" + std::to_string(first->line) + ": " +
                               first->what);
    }

    // Unknown sections and keys, and keys written outside or in the wrong section.
    void check_names()
    {
        const std::vector<std::string_view> sections = section_names();
        for (auto&& [key, node] : m_root) {
            std::string_view name = key.str();
            if (const SectionSchema* schema = find_section(name)) {
                if (const toml::table* table = node.as_table())
                    check_section_keys(*schema, *table);
                else
                    problem(node.source(), std::string(name) + " must be a section, written [" +
                                               std::string(name) + "] on its own line, not " +
                                               std::string(type_name(node)));
            } else if (node.is_table()) {
                std::string what = "unknown section [" + std::string(name) + "]";
                if (auto guess = closest_name(name, sections))
                    what += " (did you mean [" + std::string(*guess) + "]?)";
                else
                    what += " (the sections are " + joined(sections, "[", "]") + ")";
                problem(key.source(), std::move(what));
            } else if (const SectionSchema* home = section_of_key(name)) {
                problem(key.source(), std::string(name) + " must be inside a section: put it under [" +
                                          std::string(home->name) + "]");
            } else {
                problem(key.source(), "unknown key " + std::string(name) + " before the first section");
            }
        }
    }

    // The section's table, or nothing when absent or not a table (check_names reported that).
    const toml::table* section(std::string_view name) const { return m_root[name].as_table(); }

    // A key's node if present and of type T; a "must be <expected>" problem when of another type.
    template <typename T>
    const toml::value<T>* value(const toml::table* section, std::string_view key,
                                std::string_view expected)
    {
        const toml::node* node = section ? section->get(key) : nullptr;
        if (!node)
            return nullptr;
        if (const toml::value<T>* v = node->as<T>())
            return v;
        problem(node->source(), std::string(key) + " must be " + std::string(expected) + ", not " +
                                    std::string(type_name(*node)));
        return nullptr;
    }

    // Whole seconds within [min, k_max_seconds]; replaces out when valid.
    void seconds(const toml::table* section, std::string_view key, int64_t min, int& out)
    {
        auto* v = value<int64_t>(section, key, "a whole number of seconds");
        if (!v)
            return;
        int64_t n = v->get();
        if (n < min)
            problem(v->source(), std::string(key) + " must be at least " + std::to_string(min) +
                                     " seconds, not " + std::to_string(n));
        else if (n > k_max_seconds)
            problem(v->source(), std::string(key) + " must be at most " +
                                     std::to_string(k_max_seconds) + " seconds (one day), not " +
                                     std::to_string(n));
        else
            out = static_cast<int>(n);
    }

    // A list of strings; nothing (and a problem) if it or an entry has another type.
    std::optional<std::vector<std::string>> string_list(const toml::table* section,
                                                        std::string_view key,
                                                        std::string_view example)
    {
        const toml::node* node = section ? section->get(key) : nullptr;
        if (!node)
            return std::nullopt;
        const toml::array* array = node->as_array();
        if (!array) {
            problem(node->source(), std::string(key) + " must be a list like " + std::string(example) +
                                        ", not " + std::string(type_name(*node)));
            return std::nullopt;
        }
        std::vector<std::string> out;
        bool ok = true;
        for (size_t i = 0; i < array->size(); ++i) {
            const toml::node& entry = *array->get(i);
            if (const toml::value<std::string>* s = entry.as_string()) {
                out.push_back(s->get());
            } else {
                problem(entry.source(), std::string(key) + ": entry " + std::to_string(i + 1) +
                                            " must be a string in quotes, not " +
                                            std::string(type_name(entry)));
                ok = false;
            }
        }
        if (!ok)
            return std::nullopt;
        return out;
    }

    // A path from the file, made absolute against the config file's folder.
    std::string resolve(const std::string& path) const
    {
        std::filesystem::path p(path);
        if (p.is_absolute())
            return p.lexically_normal().string();
        return (m_base_dir / p).lexically_normal().string();
    }

private:
    void check_section_keys(const SectionSchema& schema, const toml::table& table)
    {
        for (auto&& [key, node] : table) {
            std::string_view name = key.str();
            if (std::find(schema.keys.begin(), schema.keys.end(), name) != schema.keys.end())
                continue;
            std::string what = "unknown key " + std::string(name) + " in [" + std::string(schema.name) + "]";
            const SectionSchema* home = section_of_key(name);
            if (home)
                what = std::string(name) + " belongs under [" + std::string(home->name) + "], not [" +
                       std::string(schema.name) + "]";
            else if (auto guess = closest_name(name, schema.keys))
                what += " (did you mean " + std::string(*guess) + "?)";
            else
                what += " (the keys there are " + joined(schema.keys, "", "") + ")";
            problem(key.source(), std::move(what));
        }
    }

    const std::string& m_path;
    const toml::table& m_root;
    std::filesystem::path m_base_dir;
    std::vector<Problem> m_problems;
};

//-----------------------------------------------------------------------------
// [SECTION] Values
//-----------------------------------------------------------------------------

// Kiosk ids appear in bundle scopes, export names and URLs: keep them to a safe alphabet.
std::optional<std::string> kiosk_id_problem(std::string_view id)
{
    if (id.empty())
        return "id must not be empty";
    if (id.size() > k_max_id_length)
        return "id must be at most " + std::to_string(k_max_id_length) + " characters long";
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok)
            return "id may contain only letters, digits, - and _, not " + shown_value(id);
    }
    return std::nullopt;
}

// "H:MM" or "HH:MM" at the front of text, as minutes after midnight; drops what it read.
std::optional<int> take_clock_time(std::string_view& text)
{
    size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() < colon + 3)
        return std::nullopt;
    int hours = 0;
    for (size_t i = 0; i < colon; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return std::nullopt;
        hours = hours * 10 + (text[i] - '0');
    }
    char m1 = text[colon + 1], m2 = text[colon + 2];
    if (m1 < '0' || m1 > '5' || m2 < '0' || m2 > '9' || hours > 23)
        return std::nullopt;
    text.remove_prefix(colon + 3);
    return hours * 60 + (m1 - '0') * 10 + (m2 - '0');
}

std::optional<ScreenOffWindow> parse_screen_off(std::string_view text)
{
    auto skip_spaces = [&] { while (!text.empty() && text.front() == ' ') text.remove_prefix(1); };
    skip_spaces();
    std::optional<int> start = take_clock_time(text);
    skip_spaces();
    if (!start || text.empty() || text.front() != '-')
        return std::nullopt;
    text.remove_prefix(1);
    skip_spaces();
    std::optional<int> end = take_clock_time(text);
    skip_spaces();
    if (!end || !text.empty())
        return std::nullopt;
    return ScreenOffWindow{*start, *end};
}

// "" (off) or an http(s) address with a host and nothing unprintable in it.
bool is_http_url(std::string_view url)
{
    if (url.empty())
        return true;
    std::string folded = fold_name(url.substr(0, std::min<size_t>(url.size(), 8)));
    size_t scheme = folded.starts_with("https://") ? 8 : folded.starts_with("http://") ? 7 : 0;
    if (scheme == 0 || url.size() == scheme || url[scheme] == '/')
        return false;
    for (char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return false;
    return true;
}

void read_config(ConfigReader& r, KioskConfig& cfg)
{
    if (const toml::table* kiosk = r.section("kiosk")) {
        if (auto* v = r.value<std::string>(kiosk, "id", "a string in quotes")) {
            if (auto what = kiosk_id_problem(v->get()))
                r.problem(v->source(), *what);
            else
                cfg.id = v->get();
        }
        if (auto* v = r.value<std::string>(kiosk, "name", "a string in quotes"))
            cfg.name = v->get();
        if (auto* v = r.value<std::string>(kiosk, "locale", "a string in quotes")) {
            if (v->get() == "zh-CN" || v->get() == "en")
                cfg.locale = v->get();
            else
                r.problem(v->source(), "locale must be \"zh-CN\" or \"en\", not " + shown_value(v->get()));
        }
    }

    if (const toml::table* trust = r.section("trust")) {
        if (auto keys = r.string_list(trust, "admin_keys", "[\"keys/sign.pub\"]")) {
            const toml::array& array = *trust->get("admin_keys")->as_array();
            for (size_t i = 0; i < keys->size(); ++i) {
                if ((*keys)[i].empty())
                    r.problem(array.get(i)->source(),
                              "admin_keys: entry " + std::to_string(i + 1) + " is empty");
                else
                    cfg.admin_keys.push_back(r.resolve((*keys)[i]));
            }
        }
        // "" leaves it unset: a kiosk without a sealing key simply takes no residents' data.
        if (auto* v = r.value<std::string>(trust, "seal_key", "a string in quotes"))
            cfg.seal_key = v->get().empty() ? std::string() : r.resolve(v->get());
    }

    if (const toml::table* idle = r.section("idle")) {
        r.seconds(idle, "attract_after_s", 5, cfg.attract_after_s);
        // 6: one more than attract_after_s can be, since the reset must come after the attract.
        r.seconds(idle, "reset_after_s", 6, cfg.reset_after_s);
        // Checked only when both values are otherwise fine (or defaults), at the later line.
        const toml::node* attract = idle->get("attract_after_s");
        const toml::node* reset = idle->get("reset_after_s");
        auto valid = [](const toml::node* node, int value) {
            return !node || (node->is_integer() && node->as_integer()->get() == value);
        };
        if ((attract || reset) && valid(attract, cfg.attract_after_s) &&
            valid(reset, cfg.reset_after_s) && cfg.reset_after_s <= cfg.attract_after_s) {
            const toml::node* at = !reset ? attract
                                 : !attract ? reset
                                 : attract->source().begin.line > reset->source().begin.line ? attract
                                                                                             : reset;
            r.problem(at->source(), "reset_after_s (" + std::to_string(cfg.reset_after_s) +
                                        (reset ? "" : ", the default") +
                                        ") must be greater than attract_after_s (" +
                                        std::to_string(cfg.attract_after_s) + ")");
        }
    }

    if (const toml::table* feedback = r.section("feedback")) {
        // 0 turns the cool-down off (a quiet building); a cap of 0 would close the box.
        r.seconds(feedback, "cooldown_s", 0, cfg.feedback_cooldown_s);
        if (auto* v = r.value<int64_t>(feedback, "daily_cap", "a whole number of messages")) {
            if (v->get() < 1 || v->get() > 100000)
                r.problem(v->source(), "daily_cap must be 1 to 100000 messages a day, not " + std::to_string(v->get()));
            else
                cfg.feedback_daily_cap = static_cast<int>(v->get());
        }
    }
    if (const toml::table* ballots = r.section("ballots")) {
        // 0 turns it off: a survey without codes then takes answers back to back.
        r.seconds(ballots, "survey_cooldown_s", 0, cfg.survey_cooldown_s);
    }
    if (const toml::table* display = r.section("display")) {
        if (auto* v = r.value<std::string>(display, "screen_off", "a string in quotes")) {
            if (v->get().empty())
                cfg.screen_off.reset();  // "" = never switch the screen off
            else if (auto window = parse_screen_off(v->get()); !window)
                r.problem(v->source(), "screen_off: expected HH:MM-HH:MM (like \"23:00-06:00\"), not " +
                                           shown_value(v->get()));
            else if (window->start_minute == window->end_minute)
                r.problem(v->source(), "screen_off starts and ends at the same time (" +
                                           shown_value(v->get()) + ")");
            else
                cfg.screen_off = window;
        }
        if (auto* v = r.value<int64_t>(display, "rotation", "a whole number of degrees")) {
            int64_t n = v->get();
            if (n == 0 || n == 90 || n == 180 || n == 270)
                cfg.rotation = static_cast<int>(n);
            else
                r.problem(v->source(), "rotation must be 0, 90, 180 or 270, not " + std::to_string(n));
        }
        // large_text = true is what kiosk.toml said before there were three sizes: it means "large".
        if (auto* v = r.value<bool>(display, "large_text", "true or false"))
            cfg.text_size = v->get() ? TextSize::Large : TextSize::Standard;
        if (auto* v = r.value<std::string>(display, "text_size", "a string in quotes")) {
            if (auto size = parse_text_size(v->get())) cfg.text_size = *size;
            else r.problem(v->source(), "text_size must be \"standard\", \"large\" or \"xlarge\", not " + shown_value(v->get()));
        }
        if (auto* v = r.value<std::string>(display, "theme", "a string in quotes")) {
            if (auto theme = parse_theme(v->get())) cfg.theme = *theme;
            else r.problem(v->source(), "theme must be \"normal\" or \"high-contrast\", not " + shown_value(v->get()));
        }
        // Inches, as panels are sold: 21.5 or 22 both read.
        if (const toml::node* n = display->get("diagonal_in")) {
            const std::optional<double> inches = n->is_integer()          ? std::optional<double>(double(n->as_integer()->get()))
                                                 : n->is_floating_point() ? std::optional<double>(n->as_floating_point()->get())
                                                                          : std::nullopt;
            if (!inches || !(*inches >= k_min_diagonal_in && *inches <= k_max_diagonal_in))
                r.problem(n->source(), "diagonal_in must be the screen's diagonal in inches, " + std::to_string(int(k_min_diagonal_in)) +
                                           " to " + std::to_string(int(k_max_diagonal_in)) + " (like 21.5), not " +
                                           (inches ? inches_text(*inches) : std::string(type_name(*n))));
            else
                cfg.diagonal_in = *inches;
        }
        if (auto* v = r.value<std::string>(display, "launch", "a string in quotes")) {
            if (v->get() == "kmsdrm") cfg.launch = DisplayLaunch::Kmsdrm;
            else if (v->get() == "cage") cfg.launch = DisplayLaunch::Cage;
            else r.problem(v->source(), "launch must be \"kmsdrm\" or \"cage\", not " + shown_value(v->get()));
        }
    }

    if (const toml::table* sync = r.section("sync")) {
        if (auto folders = r.string_list(sync, "usb_watch", "[\"/media\", \"/run/media\"]")) {
            const toml::array& array = *sync->get("usb_watch")->as_array();
            bool ok = true;
            for (size_t i = 0; i < folders->size(); ++i) {
                if (!std::filesystem::path((*folders)[i]).is_absolute()) {
                    r.problem(array.get(i)->source(),
                              "usb_watch: entry " + std::to_string(i + 1) +
                                  " must be an absolute folder like \"/media\", not " + shown_value((*folders)[i]));
                    ok = false;
                }
            }
            if (ok)
                cfg.usb_watch = std::move(*folders);
        }
        for (auto [key, out] : {std::pair{"lan_url", &cfg.lan_url}, std::pair{"upload_url", &cfg.upload_url}}) {
            if (auto* v = r.value<std::string>(sync, key, "a string in quotes")) {
                if (is_http_url(v->get()))
                    *out = v->get();
                else
                    r.problem(v->source(), std::string(key) +
                                               " must be an http:// or https:// address, or \"\" for none, not " +
                                               shown_value(v->get()));
            }
        }
        r.seconds(sync, "interval_s", 10, cfg.interval_s);
    }

    if (const toml::table* admin = r.section("admin")) {
        if (auto* v = r.value<std::string>(admin, "pin_hash", "a string in quotes")) {
            const std::string& hash = v->get();
            if (!hash.starts_with("$argon2id$"))
                r.problem(v->source(), "pin_hash must be an Argon2id hash starting with $argon2id$; "
                                       "make one with: linli-admin hash-pin");
            else if (!crypto::is_pin_hash(hash))
                r.problem(v->source(), "pin_hash is not a complete Argon2id hash (cut short when "
                                       "pasting?); make a new one with: linli-admin hash-pin");
            else
                cfg.pin_hash = hash;
        }
    }

    if (const toml::table* content = r.section("content")) {
        if (auto* v = r.value<std::string>(content, "dir", "a string in quotes"))
            cfg.content_dir = v->get().empty() ? std::string() : r.resolve(v->get());
    }

    if (const toml::table* audio = r.section("audio")) {
        if (auto* v = r.value<bool>(audio, "enabled", "true or false"))
            cfg.audio_enabled = v->get();
        if (auto* v = r.value<int64_t>(audio, "volume", "a whole number from 0 to 100")) {
            if (v->get() < 0 || v->get() > 100)
                r.problem(v->source(), "volume must be 0 (silent) to 100 (the voice's full loudness), not " +
                                           std::to_string(v->get()));
            else
                cfg.audio_volume = static_cast<int>(v->get());
        }
    }
}

}  // namespace

//-----------------------------------------------------------------------------
// [SECTION] Public API
//-----------------------------------------------------------------------------

KioskConfig default_kiosk_config()
{
    KioskConfig cfg;
    cfg.source = "(built-in defaults)";
    cfg.pin_hash = std::string(k_default_pin_hash);
    return cfg;
}

Result<KioskConfig> parse_kiosk_config(std::string_view text, const std::string& path)
{
    try {
        toml::table root;
        try {
            root = toml::parse(text, std::string_view(path));
        } catch (const toml::parse_error& e) {
            return Error::rejected("config: " + path + ":" + std::to_string(e.source().begin.line) +
                                   ": " + syntax_message(e));
        }
        KioskConfig cfg = default_kiosk_config();
        cfg.source = path;
        ConfigReader reader(path, root);
        reader.check_names();
        read_config(reader, cfg);
        if (auto problem = reader.first_problem())
            return std::move(*problem);
        return cfg;
    } catch (const std::exception& e) {
        // Only allocation or filesystem failures can get here; none of them is the file's fault.
        return Error::internal("config: " + path + ": " + e.what());
    }
}

Result<KioskConfig> load_kiosk_config(const std::string& path)
{
    auto cannot_read = [&](int error) {
        return Error::rejected("config: " + path + ": cannot read the file (" +
                               std::generic_category().message(error) + ")");
    };
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!file)
        return cannot_read(errno);
    std::string text;
    char buffer[16384];
    while (true) {
        size_t n = std::fread(buffer, 1, sizeof buffer, file.get());
        text.append(buffer, n);
        if (text.size() > k_max_config_bytes)
            return Error::rejected("config: " + path + ": the file is too large for a kiosk config (over 1 MiB)");
        if (n < sizeof buffer) {
            if (std::ferror(file.get()))
                return cannot_read(errno != 0 ? errno : EIO);
            break;
        }
    }
    return parse_kiosk_config(text, path);
}

}  // namespace linli::services
