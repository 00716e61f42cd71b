// TextureCache: the ImageProvider of the running kiosk: pictures from the content database,
// uploaded to the GPU on first use and kept while they fit a memory budget (least recently used
// go first), so a page with photos costs one upload, not one per frame.
#pragma once

#include "platform/image_texture.hpp"
#include "services/kiosk_service.hpp"
#include "ui/image_provider.hpp"

#include <list>
#include <map>
#include <string>

namespace linli::kiosk {

class TextureCache final : public ui::ImageProvider {
public:
    static constexpr size_t k_budget_bytes = 48u << 20;

    explicit TextureCache(services::KioskService& service) : m_service(service) {}
    std::optional<ui::ImageRef> image(const std::string& path) override;

private:
    struct Entry {
        platform::ImageTexture texture;  // empty: the content has no such picture
        std::list<std::string>::iterator lru;
    };
    void evict_to_budget();

    services::KioskService& m_service;
    std::map<std::string, Entry> m_entries;
    std::list<std::string> m_lru;  // most recent first
    size_t m_bytes = 0;
};

}  // namespace linli::kiosk
