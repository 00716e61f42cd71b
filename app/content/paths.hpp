// Safe access to the content folder (SECURITY.md U10): every file read goes through here, so a
// name from the folder can never reach outside it: no "..", no absolute paths, no symbolic link
// to elsewhere, no device or pipe. Paths in messages are relative to the folder.
#pragma once

#include "content/diagnostics.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace linli::content {

class ContentFolder {
public:
    // root must exist and be a directory (the caller checks; see load_content_folder).
    ContentFolder(std::filesystem::path root, Diagnostics& diagnostics);

    // Whether rel (e.g. "finance/ledger.csv") exists at all, even if it would be refused.
    bool exists(const std::string& rel) const;
    // Regular files directly in directory rel ("announcements"), sorted by name; refused entries
    // (links outside, devices, sub-folders) are reported and left out. Empty when rel is absent.
    std::vector<std::string> list_files(const std::string& rel);
    // Every regular file below rel, recursively, sorted; refused entries reported and left out.
    std::vector<std::string> list_tree(const std::string& rel);
    // The bytes of rel if it is a safe regular file of at most max_bytes; otherwise reported.
    std::optional<std::string> read(const std::string& rel, int64_t max_bytes);
    // Size of a safe regular file, or nothing (reported) when refused.
    std::optional<int64_t> safe_size(const std::string& rel);
    // The first bytes of rel (at most n), for magic numbers; nothing when unreadable.
    std::optional<std::string> read_head(const std::string& rel, size_t n);
    // Whether a top-level entry is a symbolic link or directory that leaves the folder.
    bool is_inside(const std::string& rel) const;

    Diagnostics& diagnostics() { return m_diagnostics; }

private:
    // The entries of folder rel ("rel/name", sorted, no dot-files); nothing, with a problem
    // recorded, for a link leading outside or (report_not_folder) something that is not a folder.
    std::vector<std::string> folder_entries(const std::string& rel, bool report_not_folder);
    bool check_entry(const std::string& rel);  // reports and returns false when refused

    std::filesystem::path m_root;
    std::filesystem::path m_canonical_root;
    Diagnostics& m_diagnostics;
};

// Whether a reference written in content ("media/a.jpg") is a plain relative path with no ".."
// component, no backslash and no empty component: the only shape we look up.
bool is_plain_relative_path(std::string_view path);

}  // namespace linli::content
