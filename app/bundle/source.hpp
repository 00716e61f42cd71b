// Where a bundle's bytes come from. One interface for a directory (`--import DIR`, a USB stick's
// linli/bundle/) and for HTTP (sync/http_source, LAN), so every source goes through the same
// verification and apply path. Every read is bounded (U5): small files by a limit, content
// files by the length the signed manifest declares.
#pragma once

#include "core/result.hpp"

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace linli::bundle {

class BundleSource {
public:
    virtual ~BundleSource() = default;
    // For messages and the log: the directory or URL.
    virtual std::string describe() const = 0;
    // The whole of a small file ("manifest.toml"); nothing when it does not exist; Rejected
    // when it is longer than limit, not a regular file, or unreadable.
    virtual Result<std::optional<std::string>> read_small(std::string_view name, size_t limit) = 0;
    // Copies name ("files/<hash>") to dest_path (created 0600), exactly size bytes (durable only
    // after the caller syncs: the installer syncs the whole object store once, not each file):
    // Rejected when it is missing, shorter or longer. on_bytes(n) reports progress as data arrives.
    virtual Status fetch(std::string_view name, int64_t size, const std::string& dest_path,
                         const std::function<void(int64_t)>& on_bytes) = 0;
};

// A bundle directory on a local file system or a mounted stick. Symbolic links, devices, pipes
// and directories are refused wherever a file is expected (U10), and never followed.
class DirectorySource final : public BundleSource {
public:
    explicit DirectorySource(std::string dir) : m_dir(std::move(dir)) {}
    std::string describe() const override { return m_dir; }
    Result<std::optional<std::string>> read_small(std::string_view name, size_t limit) override;
    Status fetch(std::string_view name, int64_t size, const std::string& dest_path,
                 const std::function<void(int64_t)>& on_bytes) override;

private:
    // An fd of name opened for reading without following links anywhere along the path; -1 and
    // errno ENOENT when it is absent; Rejected for anything that is not a plain regular file.
    Result<int> open_file(std::string_view name);
    std::string m_dir;
};

// fsyncs a directory, so the names created or renamed in it are durable.
Status sync_dir(const std::string& dir);

// Writes all of data to a new file at path and fsyncs it; for fetch() implementations and build.
// Creates (or truncates) path with data, fsynced, with exactly this mode whatever the umask: a
// kiosk's own copies are private (0600), a bundle for web servers and sticks is public (0644).
Status write_new_file(const std::string& path, std::string_view data, mode_t mode = 0600);

}  // namespace linli::bundle
