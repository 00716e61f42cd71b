#include "services/bundle_install.hpp"

#include "services/content_source.hpp"

namespace linli::services {

Result<bundle::TrustedKeys> pinned_keys(const KioskConfig& config)
{
    if (config.admin_keys.empty())
        return Error::rejected("config: " + config.source +
                               ": [trust] admin_keys is empty: this kiosk trusts no signing key, so it installs no bundle");
    bundle::TrustedKeys keys;
    for (const std::string& path : config.admin_keys) {
        auto key = crypto::read_public_key_file(path, crypto::KeyKind::SignPublic);
        if (!key) return Error::rejected("config: " + config.source + ": [trust] admin_keys: " + key.error().message);
        keys.keys.push_back(*key);
    }
    return keys;
}

Result<bundle::InstallReport> install_for_kiosk(bundle::BundleSource& source, const KioskConfig& config,
                                                const std::string& data_dir, int64_t now_s,
                                                const std::string& source_kind,
                                                std::function<void(const bundle::InstallProgress&)> on_progress)
{
    bundle::InstallTarget target;
    target.data_dir = data_dir;
    target.kiosk_id = config.id;
    target.pinned = TRY(pinned_keys(config));
    target.now_s = now_s;
    target.source_kind = source_kind;
    target.messages = config.locale == "en" ? Language::English : Language::Chinese;
    target.decode_image = [](const std::string& media_root, const MediaFile& media) {
        return decode_media(media_root, media);
    };
    target.on_progress = std::move(on_progress);
    return bundle::install_bundle(source, target);
}

std::string describe_install(const bundle::InstallReport& report)
{
    return bundle::describe(report);
}

}  // namespace linli::services
