#include "bundle/manifest.hpp"

#include "content/ballot_codes.hpp"
#include "content/paths.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <set>

namespace linli::bundle {

namespace {

Error problem(int line, const std::string& what)
{
    return Error::rejected("bundle: manifest.toml" + (line > 0 ? ":" + std::to_string(line) : std::string()) +
                           ": " + what);
}

int line_of(const toml::node& node) { return static_cast<int>(node.source().begin.line); }

constexpr int64_t k_max_manifest_time_s = 253402300799;  // 9999-12-31T23:59:59Z

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's civil algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Result<int64_t> required_time(const toml::table& root, std::string_view key)
{
    const toml::node* node = root.get(key);
    if (!node) return problem(1, "missing \"" + std::string(key) + "\"");
    const auto* value = node->as_date_time();
    if (!value || !value->get().offset)
        return problem(line_of(*node), "\"" + std::string(key) +
                                           "\" must be a date-time with a time zone, e.g. 2026-11-25T02:00:00Z");
    const toml::date_time& t = value->get();
    int64_t days = days_from_civil(t.date.year, t.date.month, t.date.day);
    const int64_t unix_s = days * 86400 + t.time.hour * 3600 + t.time.minute * 60 + t.time.second - t.offset->minutes * 60;
    // Within what format_utc writes back as TOML (a four-digit year, no sign): 0448-11-25 would
    // come back as "448-11-25", which is not TOML, and so would 9999-12-31T23:59:59-01:00.
    if (unix_s < 0 || unix_s > k_max_manifest_time_s)
        return problem(line_of(*node), "\"" + std::string(key) + "\" must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z");
    return unix_s;
}

Result<int64_t> required_integer(const toml::table& root, std::string_view key)
{
    const toml::node* node = root.get(key);
    if (!node) return problem(1, "missing \"" + std::string(key) + "\"");
    auto value = node->value<int64_t>();
    if (!node->is_integer() || !value) return problem(line_of(*node), "\"" + std::string(key) + "\" must be a whole number");
    return *value;
}

// Paths name files of the authoring folder. Beyond U10's plain relative path: no hidden
// components, no control characters, bounded length, so nothing odd reaches the disk.
bool is_bundle_path(std::string_view path)
{
    if (path.size() > 512 || !content::is_plain_relative_path(path)) return false;
    size_t start = 0;
    while (start < path.size()) {
        if (path[start] == '.') return false;
        size_t slash = path.find('/', start);
        start = slash == std::string_view::npos ? path.size() : slash + 1;
    }
    return std::none_of(path.begin(), path.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// A TOML basic string: quotes and backslashes escaped, and control characters too (TOML allows
// none but tab raw), since a board name may hold any that its own TOML file escaped.
std::string toml_string(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\u%04X", byte);
            out += escaped;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

std::string stored_name(const crypto::Sha256& hash)
{
    return std::string(k_files_dir) + "/" + crypto::to_hex(hash);
}

bool is_kiosk_id(std::string_view id)
{
    return content::is_kiosk_id(id);
}

std::string format_utc(int64_t unix_s)
{
    std::time_t t = static_cast<std::time_t>(unix_s);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string write_manifest(const Manifest& manifest)
{
    // Board names are free text (TOML basic strings); paths never hold quotes or backslashes in
    // practice, but toml_string() escapes them anyway so the text always parses back.
    std::string out = "# Linli bundle manifest: signed in manifest.sig; any edit breaks the signature.\n";
    out += "format = " + std::to_string(manifest.format) + "\n";
    out += "version = " + std::to_string(manifest.version) + "\n";
    out += "created = " + format_utc(manifest.created_s) + "\n";
    out += "expires = " + format_utc(manifest.expires_s) + "\n";
    out += "scope = [";
    for (size_t i = 0; i < manifest.scope.size(); ++i) out += (i ? ", " : "") + toml_string(manifest.scope[i]);
    out += "]\n";
    if (!manifest.board.empty()) out += "board = " + toml_string(manifest.board) + "\n";
    for (const ManifestFile& file : manifest.files) {
        out += "\n[[file]]\npath = " + toml_string(file.path) + "\nsize = " + std::to_string(file.size) +
               "\nsha256 = \"" + crypto::to_hex(file.sha256) + "\"\n";
    }
    return out;
}

Result<Manifest> parse_manifest(std::string_view text)
{
    if (text.size() > k_max_manifest_bytes)
        return problem(0, "larger than " + std::to_string(k_max_manifest_bytes) + " bytes");
    toml::table root;
    try {
        root = toml::parse(text, std::string_view("manifest.toml"));
    } catch (const toml::parse_error& e) {
        return problem(static_cast<int>(e.source().begin.line), "not valid TOML: " + std::string(e.description()));
    }
    static const std::set<std::string_view> k_keys = {"format", "version", "created", "expires", "scope", "board", "file"};
    for (const auto& [key, node] : root)
        if (!k_keys.contains(key.str())) return problem(line_of(node), "unknown key \"" + std::string(key.str()) + "\"");

    Manifest m;
    m.format = TRY(required_integer(root, "format"));
    if (m.format != k_format_version)
        return problem(line_of(*root.get("format")), "bundle format " + std::to_string(m.format) +
                                                         " is not known to this kiosk (it reads format " +
                                                         std::to_string(k_format_version) + "); update the kiosk software");
    m.version = TRY(required_integer(root, "version"));
    if (m.version <= 0) return problem(line_of(*root.get("version")), "\"version\" must be a positive number");
    m.created_s = TRY(required_time(root, "created"));
    m.expires_s = TRY(required_time(root, "expires"));
    if (m.expires_s <= m.created_s) return problem(line_of(*root.get("expires")), "\"expires\" is not after \"created\"");

    if (const toml::node* scope = root.get("scope")) {
        const toml::array* list = scope->as_array();
        if (!list) return problem(line_of(*scope), "\"scope\" must be a list of kiosk ids");
        for (const toml::node& item : *list) {
            auto id = item.value<std::string>();
            if (!item.is_string() || !id || !is_kiosk_id(*id))
                return problem(line_of(item), "a kiosk id in \"scope\" must be 1-64 letters, digits, '.', '_' or '-'");
            m.scope.push_back(*id);
        }
    }
    if (const toml::node* board = root.get("board")) {
        auto name = board->value<std::string>();
        if (!board->is_string() || !name) return problem(line_of(*board), "\"board\" must be text");
        m.board = *name;
    }

    const toml::node* files = root.get("file");
    if (!files) return problem(0, "no [[file]] entries: an empty bundle");
    const toml::array* list = files->as_array();
    if (!list || !list->is_array_of_tables()) return problem(line_of(*files), "\"file\" must be [[file]] tables");
    if (list->size() > k_max_files)
        return problem(line_of(*files), "more than " + std::to_string(k_max_files) + " files");
    std::set<std::string> seen;
    int64_t total = 0;
    for (const toml::node& node : *list) {
        const toml::table& entry = *node.as_table();
        const int line = line_of(node);
        for (const auto& [key, value] : entry)
            if (key != "path" && key != "size" && key != "sha256")
                return problem(line_of(value), "unknown key \"" + std::string(key.str()) + "\" in [[file]]");
        auto path = entry["path"].value<std::string>();
        auto size = entry["size"].value<int64_t>();
        auto hash = entry["sha256"].value<std::string>();
        if (!path || !entry["path"].is_string()) return problem(line, "[[file]] without a \"path\"");
        if (!is_bundle_path(*path))
            return problem(line, "file path \"" + *path + "\" is not a plain relative path inside the folder");
        if (!seen.insert(*path).second) return problem(line, "file \"" + *path + "\" is listed twice");
        if (!size || !entry["size"].is_integer() || *size < 0 || *size > k_max_file_bytes)
            return problem(line, "file \"" + *path + "\": \"size\" must be 0 to " + std::to_string(k_max_file_bytes));
        ManifestFile file{*path, *size, {}};
        if (!hash || !crypto::from_hex(*hash, file.sha256.data(), file.sha256.size()))
            return problem(line, "file \"" + *path + "\": \"sha256\" must be 64 hex digits");
        total += *size;
        if (total > k_max_total_bytes)
            return problem(line, "the files add up to more than " + std::to_string(k_max_total_bytes) + " bytes");
        m.files.push_back(std::move(file));
    }
    std::sort(m.files.begin(), m.files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return m;
}

}  // namespace linli::bundle
