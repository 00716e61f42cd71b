#include "kiosk/texture_cache.hpp"

namespace linli::kiosk {

std::optional<ui::ImageRef> TextureCache::image(const std::string& path)
{
    auto it = m_entries.find(path);
    if (it == m_entries.end()) {
        Entry entry;
        if (auto stored = m_service.image(path)) {
            auto uploaded = platform::ImageTexture::upload(stored->rgba, stored->width, stored->height);
            if (uploaded) entry.texture = std::move(uploaded).value();
            else m_service.report_error("display", uploaded.error().message);
        }
        m_bytes += size_t(entry.texture.width()) * size_t(entry.texture.height()) * 4;
        m_lru.push_front(path);
        entry.lru = m_lru.begin();
        it = m_entries.emplace(path, std::move(entry)).first;
        evict_to_budget();
        it = m_entries.find(path);
        if (it == m_entries.end()) return std::nullopt;
    } else {
        m_lru.splice(m_lru.begin(), m_lru, it->second.lru);
    }
    const auto& texture = it->second.texture;
    if (texture.empty()) return std::nullopt;
    return ui::ImageRef{texture.id(), texture.width(), texture.height()};
}

void TextureCache::evict_to_budget()
{
    // Never evict the picture just asked for (the front): a single huge one may exceed the budget.
    while (m_bytes > k_budget_bytes && m_lru.size() > 1) {
        auto victim = m_entries.find(m_lru.back());
        m_bytes -= size_t(victim->second.texture.width()) * size_t(victim->second.texture.height()) * 4;
        m_entries.erase(victim);
        m_lru.pop_back();
    }
}

}  // namespace linli::kiosk
