#include "admin/console/console_overview.hpp"

#include "bundle/ballot_codes_check.hpp"
#include "bundle/manifest.hpp"
#include "content/content_folder.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace linli::admin {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

json diagnostics_json(const std::vector<content::Diagnostic>& list)
{
    json out = json::array();
    for (const auto& d : list)
        out.push_back({{"file", d.file}, {"line", d.line}, {"message", d.message}, {"where", content::format_diagnostic(d)}});
    return out;
}

json content_json(const std::string& dir, Language language)
{
    auto loaded = content::load_content_folder(dir, language);
    if (!loaded) return {{"error", loaded.error().message}};
    content::ContentLoad& load = *loaded;
    bundle::check_ballot_codes(load, language);
    const ContentSet& c = load.content;
    return {{"board", c.board.board.name},
            {"community", c.board.board.community},
            {"counts",
             {{"announcements", c.announcements.size()},
              {"recruitment", c.recruitment.size()},
              {"documents", c.documents.size()},
              {"meetings", c.meetings.size()},
              {"tasks", c.tasks.size()},
              {"goals", c.goals.size()},
              {"ledger_entries", c.ledger.size()},
              {"ballots", c.ballots.size()},
              {"media", c.media.size()}}},
            {"problems", diagnostics_json(load.problems)},
            {"warnings", diagnostics_json(load.warnings)}};
}

json bundle_json(const fs::path& bundle)
{
    std::ifstream in(bundle / "manifest.toml", std::ios::binary);
    if (!in) return {{"published", false}};
    std::stringstream text;
    text << in.rdbuf();
    auto manifest = bundle::parse_manifest(text.str());
    if (!manifest) return {{"published", false}, {"error", manifest.error().message}};
    return {{"published", true},
            {"version", manifest->version},
            {"created", bundle::format_utc(manifest->created_s)},
            {"expires", bundle::format_utc(manifest->expires_s)},
            {"scope", manifest->scope},
            {"files", manifest->files.size()}};
}

json inbox_json(const fs::path& inbox)
{
    size_t files = 0;
    std::error_code ec;
    for (auto it = fs::directory_iterator(inbox, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        if (it->is_regular_file() && !it->path().filename().string().starts_with(".")) ++files;
    return {{"exports", files}};
}

}  // namespace

std::string overview_json(const std::string& workspace, Language language)
{
    const fs::path ws(workspace);
    json out = {{"workspace", workspace},
                {"content", content_json((ws / "content").string(), language)},
                {"bundle", bundle_json(ws / "bundle")},
                {"inbox", inbox_json(ws / "inbox")}};
    // Text from content files goes to the page as JSON strings and is put on it as text, never
    // as markup (console.js); invalid UTF-8 in a file is replaced rather than refused here.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace linli::admin
