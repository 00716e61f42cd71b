#include "services/residents_store.hpp"

#include "services/file_writes.hpp"

#include <filesystem>

namespace linli::services {

ResidentsStore::ResidentsStore(std::string path, std::optional<crypto::PublicKey> seal_key, FreeBytes free_bytes)
    : m_path(std::move(path)), m_seal_key(seal_key), m_free_bytes(std::move(free_bytes))
{
    if (!m_free_bytes) m_free_bytes = [path = m_path] { return free_bytes_beside(path); };
}

bool ResidentsStore::exists() const { return m_db || std::filesystem::exists(m_path); }

Result<store::ResidentsDb*> ResidentsStore::db()
{
    if (!m_db) m_db = std::make_unique<store::ResidentsDb>(TRY(store::ResidentsDb::open(m_path)));
    return m_db.get();
}

ResidentsProblem ResidentsStore::problem(bool open_db)
{
    if (!m_seal_key) return ResidentsProblem::NoSealKey;
    const int64_t free = m_free_bytes();
    if (free >= 0 && free < k_min_free_bytes_for_residents) return ResidentsProblem::DiskFull;
    if (open_db && !db()) return ResidentsProblem::NotDurable;
    return ResidentsProblem::None;
}

std::string ResidentsStore::detail(ResidentsProblem problem, std::string_view component)
{
    const std::string c(component);
    switch (problem) {
    case ResidentsProblem::None: return "";
    case ResidentsProblem::NoSealKey: return c + ": no [trust] seal_key: nothing can be sealed";
    case ResidentsProblem::DiskFull: return c + ": the disk is nearly full";
    case ResidentsProblem::NotDurable: {
        auto opened = db();
        return c + ": " + (opened ? std::string("residents.db is usable again") : opened.error().message);
    }
    }
    return "";
}

}  // namespace linli::services
