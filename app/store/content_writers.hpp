// Parts of replace_content kept in files of their own (content_db.cpp writes the rest). Internal
// to store/.
#pragma once

#include "core/content_model.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

#include <span>
#include <string_view>

namespace linli::store {

// Every table replace_content empties (content_schema.cpp); a new table must be added there too.
std::span<const std::string_view> content_tables();

// 意见箱: board.toml [feedback] and the replies (content_feedback.cpp). Refuses written replies:
// they carry receipt codes, and only locked ones may reach a kiosk's disk.
Status write_feedback(Database& db, const ContentSet& content);

}  // namespace linli::store
