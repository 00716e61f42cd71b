#include "admin/console/console_overview.hpp"

#include "admin/console/console_files.hpp"
#include "admin/console/console_kiosks.hpp"

#include "bundle/ballot_codes_check.hpp"
#include "bundle/manifest.hpp"
#include "content/content_folder.hpp"

#include <nlohmann/json.hpp>

#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>
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

json content_json(const Result<std::shared_ptr<const content::ContentLoad>>& loaded)
{
    if (!loaded) return {{"error", loaded.error().message}};
    const content::ContentLoad& load = **loaded;
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

// Every file's name, size and modification time under dir: any edit, by the console or by hand,
// changes it. A walk of stat calls (a few ms for 1,000 notices) instead of parsing them all.
uint64_t folder_fingerprint(const fs::path& dir)
{
    uint64_t h = 1469598103934665603ull;
    auto mix = [&h](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        struct stat st {};
        if (::lstat(it->path().c_str(), &st) != 0) continue;
        mix(std::hash<std::string>{}(it->path().string()));
        mix(uint64_t(st.st_size));
        mix(uint64_t(st.st_mtim.tv_sec) * 1000000000ull + uint64_t(st.st_mtim.tv_nsec));
        mix(uint64_t(st.st_ino));
    }
    return h;
}

}  // namespace

std::string overview_json(const std::string& workspace, Language language, int64_t now_s)
{
    const fs::path ws(workspace);
    json bundle = bundle_json(ws / "bundle");
    json out = {{"workspace", workspace},
                {"content", content_json(workspace_content(workspace, language))},
                {"bundle", bundle},
                {"inbox", inbox_json(ws / "inbox")},
                {"kiosks", kiosks_json(workspace, bundle.value("version", int64_t(0)), now_s, language)},
                {"now_s", now_s}};
    // Text from content files goes to the page as JSON strings and is put on it as text, never
    // as markup (console.js); invalid UTF-8 in a file is replaced rather than refused here.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::shared_ptr<const content::ContentLoad>> workspace_content(const std::string& workspace, Language language)
{
    // The check of a large folder (100,000 ledger rows) takes a few hundred ms: it is done again
    // only when a file changed.
    static std::mutex mutex;
    static std::optional<std::pair<uint64_t, std::shared_ptr<const content::ContentLoad>>> last;
    const std::string dir = (fs::path(workspace) / "content").string();
    const uint64_t fingerprint = folder_fingerprint(dir) ^ uint64_t(language);
    std::lock_guard lock(mutex);
    if (last && last->first == fingerprint) return last->second;
    content::ContentLoad load = TRY(content::load_content_folder(dir, language));
    bundle::check_ballot_codes(load, language);
    last.emplace(fingerprint, std::make_shared<const content::ContentLoad>(std::move(load)));
    return last->second;
}

Result<content::ContentLoad> content_with_file(const std::string& workspace, const std::string& rel, std::string_view bytes,
                                               Language language)
{
    const fs::path ws(workspace), content = ws / "content";
    std::string staging = (ws / ".staging-XXXXXX").string();
    if (!::mkdtemp(staging.data())) return Error::internal("console: cannot make a staging folder in " + workspace);
    const RemovedAtEnd remove{staging};
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(content, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::path r = fs::relative(it->path(), content, ec);
        if (it->is_directory()) fs::create_directories(fs::path(staging) / r, ec);
        else if (it->is_regular_file() && r != fs::path(rel)) fs::create_hard_link(it->path(), fs::path(staging) / r, ec);
        if (ec) return Error::internal("console: staging " + r.string() + ": " + ec.message());
    }
    fs::create_directories((fs::path(staging) / rel).parent_path(), ec);
    {
        std::ofstream out(fs::path(staging) / rel, std::ios::binary);
        out << bytes;
        if (!out) return Error::internal("console: cannot write the staging copy of " + rel);
    }
    return content::load_content_folder(staging, language);
}

}  // namespace linli::admin
