// DATA_DIR/residents.db as the boxes that write to it (意见箱, 投票表决) reach it: opened on first
// use and again after a failed write, and the checks every submission needs first: a seal key
// to seal to, room on the disk (D3), and a database that is WAL + synchronous=FULL (D1).
#pragma once

#include "core/result.hpp"
#include "crypto/keys.hpp"
#include "store/residents_db.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace linli::services {

// Less free than this next to residents.db: no new submissions (D3).
inline constexpr int64_t k_min_free_bytes_for_residents = 32 * 1024 * 1024;

enum class ResidentsProblem { None, NoSealKey, DiskFull, NotDurable };

class ResidentsStore {
public:
    // How much room is left for it, in bytes (-1: unknown); by default the file system's.
    using FreeBytes = std::function<int64_t()>;
    ResidentsStore(std::string path, std::optional<crypto::PublicKey> seal_key, FreeBytes free_bytes = {});

    const std::optional<crypto::PublicKey>& seal_key() const { return m_seal_key; }
    // Whether the database exists (open, or its file is there): a kiosk that never took anything
    // has none, and asking must not make one.
    bool exists() const;
    Result<store::ResidentsDb*> db();
    // After a failed write: the connection may be what failed, so the next use opens it again.
    void drop() { m_db.reset(); }
    // The first reason nothing can be taken now, in this order: the seal key, the disk, the
    // database (opened, and made, only when open_db).
    ResidentsProblem problem(bool open_db = true);
    // The problem for the admin panel and the log ("feedback: the disk is nearly full").
    std::string detail(ResidentsProblem problem, std::string_view component);

private:
    std::string m_path;
    std::optional<crypto::PublicKey> m_seal_key;
    FreeBytes m_free_bytes;
    std::unique_ptr<store::ResidentsDb> m_db;
};

}  // namespace linli::services
