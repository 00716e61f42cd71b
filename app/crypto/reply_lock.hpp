// Replies that open only with their receipt code. Bundles are world-readable and served on the
// LAN, so a reply never travels next to its code: Argon2id of the code under a salt of its own
// gives 48 bytes, the first 16 a look-up id (is this the reply for that code?) and the last 32
// the key that decrypts it (XSalsa20-Poly1305, crypto_secretbox). A kiosk looking a code up
// derives once per reply; a thief of the bundle must try all 2^40 receipt codes per reply.
#pragma once

#include "core/content_model.hpp"
#include "core/replies.hpp"
#include "core/result.hpp"
#include "crypto/keys.hpp"

#include <array>
#include <cstdint>

#include <optional>
#include <span>
#include <string_view>

namespace linli::crypto {

// Argon2id cost for replies: t=2, 1 MiB, about 1 ms here, so a kiosk looks a code up against a
// few hundred replies in well under a second, and trying every code against one reply takes
// 2^40 ms (35 years of one core).
inline constexpr unsigned long long k_reply_ops = 2;
inline constexpr size_t k_reply_mem = 1024 * 1024;

// Where a reply's salt comes from. Without one, salt and nonce are random. With one (linli-admin
// build passes a key derived from the signing key), both are a keyed hash of the code and the
// reply: still unique per reply and unguessable, and the same for an unchanged reply, so a
// rebuilt bundle does not make every kiosk download the replies again.
using ReplySaltKey = std::array<uint8_t, 32>;
ReplySaltKey reply_salt_key(const SecretKey& sign_secret);

// reply (and its day) locked under code (normalized, as normalize_code gives it).
Result<LockedReply> lock_reply(std::string_view code, const OpenedReply& reply, const ReplySaltKey* salt_key = nullptr);

// The reply, if locked was locked under code; nothing for any other code (or a damaged box).
Result<std::optional<OpenedReply>> open_reply(std::string_view code, const LockedReply& locked);

// Locks every authored reply of content into its locked replies and forgets the written ones
// (and their codes): what a bundle or a kiosk keeps. Public replies stay listed as they are.
Status lock_replies(ContentSet& content, const ReplySaltKey* salt_key = nullptr);

// The first of replies that code opens, or nothing. One Argon2id per reply.
Result<std::optional<OpenedReply>> find_reply(std::string_view code, std::span<const LockedReply> replies);

}  // namespace linli::crypto
