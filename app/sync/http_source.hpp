// A bundle served over HTTP (`linli-admin serve`, nginx, any static web server): the LAN side of
// the one apply path. The manifest is usually fetched first by the poller with a conditional GET
// (prime() hands it over, so a changed bundle costs no second manifest request); files are
// downloaded only when the kiosk's object store lacks them (the installer asks for those only).
#pragma once

#include "bundle/source.hpp"
#include "sync/http_client.hpp"

#include <map>
#include <string>

namespace linli::sync {

class HttpSource final : public bundle::BundleSource {
public:
    // base_url: the bundle directory's URL; a missing trailing '/' is added.
    HttpSource(HttpClient& client, std::string base_url);
    std::string describe() const override { return m_base; }
    Result<std::optional<std::string>> read_small(std::string_view name, size_t limit) override;
    Status fetch(std::string_view name, int64_t size, const std::string& dest_path,
                 const std::function<void(int64_t)>& on_bytes) override;
    // Serves name from bytes already fetched instead of asking the server again.
    void prime(std::string name, std::string bytes) { m_primed[std::move(name)] = std::move(bytes); }
    // Requests made and bytes received so far (for the log and the incremental-sync test).
    int requests() const { return m_requests; }
    int64_t bytes_received() const { return m_bytes; }

private:
    HttpClient& m_client;
    std::string m_base;
    std::map<std::string, std::string> m_primed;
    int m_requests = 0;
    int64_t m_bytes = 0;
};

// Whether text looks like an http:// or https:// URL (for `--import PATH_OR_URL`).
bool is_http_url(std::string_view text);

}  // namespace linli::sync
