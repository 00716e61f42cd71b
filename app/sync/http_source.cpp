#include "sync/http_source.hpp"

namespace linli::sync {

HttpSource::HttpSource(HttpClient& client, std::string base_url) : m_client(client), m_base(std::move(base_url))
{
    if (m_base.empty() || m_base.back() != '/') m_base += '/';
}

Result<std::optional<std::string>> HttpSource::read_small(std::string_view name, size_t limit)
{
    if (auto primed = m_primed.find(std::string(name)); primed != m_primed.end()) {
        if (primed->second.size() > limit)
            return Error::rejected("bundle: " + m_base + std::string(name) + ": larger than " + std::to_string(limit) + " bytes");
        return std::optional<std::string>(primed->second);
    }
    ++m_requests;
    FetchedBytes fetched = TRY(m_client.get(m_base + std::string(name), limit, {}, WhenMissing::ReportAbsent));
    if (fetched.absent) return std::optional<std::string>();
    m_bytes += static_cast<int64_t>(fetched.body.size());
    return std::optional<std::string>(std::move(fetched.body));
}

Status HttpSource::fetch(std::string_view name, int64_t size, const std::string& dest_path,
                         const std::function<void(int64_t)>& on_bytes)
{
    ++m_requests;
    uint64_t got = TRY(m_client.get_to_file(m_base + std::string(name), dest_path, static_cast<uint64_t>(size)));
    m_bytes += static_cast<int64_t>(got);
    if (on_bytes) on_bytes(static_cast<int64_t>(got));
    return {};
}

bool is_http_url(std::string_view text)
{
    return text.starts_with("http://") || text.starts_with("https://");
}

}  // namespace linli::sync
