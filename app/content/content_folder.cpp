// load_content_folder: the order of loading matters only for media, which everything that
// references an image needs first.
#include "content/content_folder.hpp"

#include "content/loaders.hpp"
#include "content/paths.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

namespace fs = std::filesystem;

namespace linli::content {

namespace {

constexpr std::string_view k_top_entries[] = {"board.toml", "announcements", "recruitment", "documents",
                                              "meetings",   "progress",      "finance",     "ballots",
                                              "feedback",   "codes",         "results",     "media"};

std::string lower_ascii(std::string s)
{
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Unknown folders at the top are most likely misspelt kinds ("announcement/"), whose files
// would otherwise silently not show. Unknown files (README.txt) are harmless and left alone.
void check_top_level(const fs::path& root, ContentFolder& folder)
{
    std::error_code ec;
    std::vector<std::string> names;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec))
        names.push_back(it->path().filename().string());
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
        if (name.starts_with(".") || std::find(std::begin(k_top_entries), std::end(k_top_entries), name) != std::end(k_top_entries))
            continue;
        fs::file_status s = fs::symlink_status(root / name, ec);
        if (fs::is_symlink(s) && !folder.is_inside(name)) {
            folder.diagnostics().add(name, 0, "拒绝：符号链接指向内容文件夹之外",
                                     "refused: symbolic link pointing outside the content folder");
            continue;
        }
        if (!fs::is_directory(root / name, ec))
            continue;
        std::string_view guess = closest_name(name, k_top_entries);
        if (!guess.empty())
            folder.diagnostics().add(name, 0, "未知的文件夹（是不是 " + std::string(guess) + "？）",
                                     "unknown folder (did you mean " + std::string(guess) + "?)");
        else
            folder.diagnostics().add(name, 0, "未知的文件夹，其中的文件不会显示",
                                     "unknown folder: its files are not shown");
    }
}

}  // namespace

std::string file_stem(const std::string& rel)
{
    return fs::path(rel).stem().string();
}

std::vector<std::string> kind_files(ContentFolder& folder, const std::string& dir, std::string_view ext)
{
    std::vector<std::string> out;
    std::map<std::string, std::string> by_folded_id;
    for (const std::string& rel : folder.list_files(dir)) {
        std::string name = fs::path(rel).filename().string();
        if (!lower_ascii(name).ends_with(ext)) {
            std::string e(ext);
            folder.diagnostics().add(rel, 0, "这里只放 " + e + " 文件，此文件被忽略", "not a " + e + " file (ignored; only " + e + " files belong here)");
            continue;
        }
        std::string id = file_stem(rel);
        if (id.empty()) {
            folder.diagnostics().add(rel, 0, "文件名为空", "empty file name");
            continue;
        }
        auto [it, inserted] = by_folded_id.emplace(lower_ascii(id), rel);
        if (!inserted) {
            folder.diagnostics().add(rel, 0, "编号与 " + it->second + " 重复（文件名只差大小写）",
                                     "id clashes with " + it->second + " (names differ only in case)");
            continue;
        }
        out.push_back(rel);
    }
    return out;
}

Result<ContentLoad> load_content_folder(const std::string& dir, Language messages)
{
    std::error_code ec;
    fs::path root(dir);
    bool zh = messages == Language::Chinese;
    if (!fs::exists(root, ec))
        return Error::rejected("content: " + dir + (zh ? ": 文件夹不存在" : ": no such folder"));
    if (!fs::is_directory(root, ec))
        return Error::rejected("content: " + dir + (zh ? ": 不是文件夹" : ": not a folder"));
    fs::directory_iterator probe(root, ec);
    if (ec)
        return Error::rejected("content: " + dir + (zh ? ": 无法读取文件夹（" : ": cannot read the folder (") +
                               ec.message() + (zh ? "）" : ")"));

    Diagnostics diagnostics(messages);
    ContentFolder folder(root, diagnostics);
    ContentLoad load;
    try {
        check_top_level(root, folder);
        MediaIndex media = load_media(folder, load.content);
        load_board(folder, load.content);
        load_items(folder, media, load.content);
        load_tasks(folder, load.content);
        load_goals(folder, load.content);
        load_ledger(folder, media, load.content);
        load_periods(folder, load.content);
        check_finance(folder, load.content);
        load_ballots(folder, media, load.content);
        load_ballot_codes(folder, load.content);
        load_ballot_results(folder, load.content);
        load_replies(folder, load.content);
    } catch (const std::bad_alloc&) {
        return Error::internal("content: " + dir + ": out of memory while reading the folder");
    } catch (const std::exception& e) {
        // The parsers catch what they know; anything else here is our failure, not the folder's.
        return Error::internal("content: " + dir + ": " + e.what());
    }
    for (Diagnostic& d : diagnostics.take_sorted())
        (d.severity == Severity::Error ? load.problems : load.warnings).push_back(std::move(d));
    return load;
}

size_t ContentLoad::mismatches() const
{
    return size_t(std::count_if(warnings.begin(), warnings.end(),
                                [](const Diagnostic& d) { return d.severity == Severity::Mismatch; }));
}

}  // namespace linli::content
