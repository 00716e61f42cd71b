// ContentFolder: all file system access of the content parsers, with the U10 checks in one place.
#include "content/paths.hpp"

#include <algorithm>
#include <fstream>
#include <system_error>

namespace fs = std::filesystem;

namespace linli::content {

ContentFolder::ContentFolder(fs::path root, Diagnostics& diagnostics)
    : m_root(std::move(root)), m_diagnostics(diagnostics)
{
    std::error_code ec;
    m_canonical_root = fs::canonical(m_root, ec);
    if (ec)
        m_canonical_root = fs::absolute(m_root, ec);
}

bool ContentFolder::exists(const std::string& rel) const
{
    std::error_code ec;
    return fs::exists(fs::symlink_status(m_root / rel, ec));
}

bool ContentFolder::is_inside(const std::string& rel) const
{
    std::error_code ec;
    fs::path resolved = fs::canonical(m_root / rel, ec);
    if (ec)
        return false;  // a dangling link, or a loop
    auto [root_end, _] = std::mismatch(m_canonical_root.begin(), m_canonical_root.end(),
                                       resolved.begin(), resolved.end());
    return root_end == m_canonical_root.end();
}

bool ContentFolder::check_entry(const std::string& rel)
{
    std::error_code ec;
    fs::file_status link_status = fs::symlink_status(m_root / rel, ec);
    if (ec || !fs::exists(link_status)) {
        m_diagnostics.add(rel, 0, "文件不存在", "file does not exist");
        return false;
    }
    if (fs::is_symlink(link_status) && !is_inside(rel)) {
        m_diagnostics.add(rel, 0, "拒绝：符号链接指向内容文件夹之外",
                          "refused: symbolic link pointing outside the content folder");
        return false;
    }
    fs::file_status target = fs::status(m_root / rel, ec);
    if (ec || !fs::is_regular_file(target)) {
        if (fs::is_directory(target))
            m_diagnostics.add(rel, 0, "这里应是文件，不是文件夹", "expected a file here, not a folder");
        else
            m_diagnostics.add(rel, 0, "拒绝：不是普通文件（设备、管道或套接字）",
                              "refused: not a regular file (device, pipe or socket)");
        return false;
    }
    return true;
}

std::vector<std::string> ContentFolder::folder_entries(const std::string& rel, bool report_not_folder)
{
    std::vector<std::string> names;
    std::error_code ec;
    fs::file_status dir_status = fs::symlink_status(m_root / rel, ec);
    if (ec || !fs::exists(dir_status))
        return names;
    if (fs::is_symlink(dir_status) && !is_inside(rel)) {
        m_diagnostics.add(rel, 0, "拒绝：符号链接指向内容文件夹之外",
                          "refused: symbolic link pointing outside the content folder");
        return names;
    }
    if (report_not_folder && !fs::is_directory(m_root / rel, ec)) {
        m_diagnostics.add(rel, 0, "这里应是文件夹", "expected a folder here");
        return names;
    }
    for (fs::directory_iterator it(m_root / rel, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (!name.starts_with("."))  // editor and OS litter (.DS_Store, .swp)
            names.push_back(rel + "/" + name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> ContentFolder::list_files(const std::string& rel)
{
    std::vector<std::string> out;
    for (const std::string& child : folder_entries(rel, true))
        if (check_entry(child))
            out.push_back(child);
    return out;
}

std::vector<std::string> ContentFolder::list_tree(const std::string& rel)
{
    std::vector<std::string> out;
    for (const std::string& child : folder_entries(rel, false)) {
        std::error_code ec;
        fs::file_status s = fs::symlink_status(m_root / child, ec);
        // Sub-folders are walked only when real directories: a linked folder could loop.
        if (!ec && fs::is_directory(s)) {
            std::vector<std::string> inner = list_tree(child);
            out.insert(out.end(), inner.begin(), inner.end());
        } else if (check_entry(child)) {
            out.push_back(child);
        }
    }
    return out;
}

std::optional<int64_t> ContentFolder::safe_size(const std::string& rel)
{
    if (!check_entry(rel))
        return std::nullopt;
    std::error_code ec;
    auto size = fs::file_size(m_root / rel, ec);
    if (ec)
        return std::nullopt;
    return static_cast<int64_t>(size);
}

std::optional<std::string> ContentFolder::read(const std::string& rel, int64_t max_bytes)
{
    std::optional<int64_t> size = safe_size(rel);
    if (!size)
        return std::nullopt;
    if (*size > max_bytes) {
        std::string mb = std::to_string(max_bytes / (1024 * 1024));
        m_diagnostics.add(rel, 0, "文件太大（上限 " + mb + " MB）", "file too large (limit " + mb + " MB)");
        return std::nullopt;
    }
    std::ifstream in(m_root / rel, std::ios::binary);
    std::string bytes(static_cast<size_t>(*size), '\0');
    if (!in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        m_diagnostics.add(rel, 0, "无法读取文件", "cannot read the file");
        return std::nullopt;
    }
    return bytes;
}

std::optional<std::string> ContentFolder::read_head(const std::string& rel, size_t n)
{
    std::ifstream in(m_root / rel, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::string bytes(n, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(n));
    bytes.resize(static_cast<size_t>(in.gcount()));
    return bytes;
}

bool is_plain_relative_path(std::string_view path)
{
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string_view::npos ||
        path.find('\0') != std::string_view::npos)
        return false;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        std::string_view part = path.substr(start, end - start);
        if (part.empty() || part == "." || part == "..")
            return false;
        start = end + 1;
    }
    return true;
}

}  // namespace linli::content
