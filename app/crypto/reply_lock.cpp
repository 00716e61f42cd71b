#include "crypto/reply_lock.hpp"

#include "crypto/sodium.hpp"

#include <sodium.h>

#include <array>
#include <charconv>
#include <initializer_list>

namespace linli::crypto {

namespace {

constexpr size_t k_salt = crypto_pwhash_SALTBYTES;  // 16
constexpr size_t k_lookup = 16;
constexpr size_t k_key = crypto_secretbox_KEYBYTES;  // 32
static_assert(k_salt == 16);

struct Derived {
    std::array<unsigned char, k_lookup + k_key> bytes{};
    ~Derived() { sodium_memzero(bytes.data(), bytes.size()); }
    std::string lookup() const { return std::string(reinterpret_cast<const char*>(bytes.data()), k_lookup); }
    const unsigned char* key() const { return bytes.data() + k_lookup; }
};

Status derive(std::string_view code, std::string_view salt, Derived& out)
{
    if (salt.size() != k_salt) return Error::rejected("crypto: a reply's salt is not 16 bytes");
    if (crypto_pwhash(out.bytes.data(), out.bytes.size(), code.data(), code.size(),
                      reinterpret_cast<const unsigned char*>(salt.data()), k_reply_ops, k_reply_mem,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::internal("crypto: Argon2id failed (out of memory?)");
    return {};
}

// The plain text: the day (seconds, decimal) on the first line, the reply after it.
std::string plain_text(const OpenedReply& reply) { return std::to_string(reply.day_s) + "\n" + reply.reply; }

std::optional<OpenedReply> parse_plain(std::string_view text)
{
    const size_t nl = text.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    OpenedReply r;
    auto [end, ec] = std::from_chars(text.data(), text.data() + nl, r.day_s);
    if (ec != std::errc() || end != text.data() + nl) return std::nullopt;
    r.reply = std::string(text.substr(nl + 1));
    return r;
}

// BLAKE2b of parts (each followed by a zero byte), keyed, into out.
void keyed_hash(unsigned char* out, size_t size, const ReplySaltKey& key, std::initializer_list<std::string_view> parts)
{
    crypto_generichash_state state;
    crypto_generichash_init(&state, key.data(), key.size(), size);
    for (std::string_view part : parts) {
        crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
        const unsigned char zero = 0;
        crypto_generichash_update(&state, &zero, 1);
    }
    crypto_generichash_final(&state, out, size);
}

}  // namespace

ReplySaltKey reply_salt_key(const SecretKey& sign_secret)
{
    (void)init_sodium();
    ReplySaltKey key{};
    constexpr std::string_view k_context = "linli feedback reply salt v1";
    crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(k_context.data()), k_context.size(),
                       sign_secret.bytes().data(), sign_secret.bytes().size());
    return key;
}

Result<LockedReply> lock_reply(std::string_view code, const OpenedReply& reply, const ReplySaltKey* salt_key)
{
    TRY_STATUS(init_sodium());
    LockedReply locked;
    locked.salt.resize(k_salt);
    const std::string day = std::to_string(reply.day_s);
    if (salt_key)
        keyed_hash(reinterpret_cast<unsigned char*>(locked.salt.data()), k_salt, *salt_key, {"salt", code, day, reply.reply});
    else
        randombytes_buf(locked.salt.data(), k_salt);
    Derived d;
    TRY_STATUS(derive(code, locked.salt, d));
    locked.lookup = d.lookup();
    const std::string plain = plain_text(reply);
    locked.box.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    auto* box = reinterpret_cast<unsigned char*>(locked.box.data());
    // The key is this reply's own (its salt), so a nonce fixed by the salt is never reused with
    // another text.
    if (salt_key) keyed_hash(box, crypto_secretbox_NONCEBYTES, *salt_key, {"nonce", locked.salt});
    else randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plain.data()),
                          plain.size(), box, d.key());
    return locked;
}

Result<std::optional<OpenedReply>> open_reply(std::string_view code, const LockedReply& locked)
{
    TRY_STATUS(init_sodium());
    if (locked.lookup.size() != k_lookup || locked.box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
        return std::optional<OpenedReply>();
    Derived d;
    TRY_STATUS(derive(code, locked.salt, d));
    if (sodium_memcmp(d.lookup().data(), locked.lookup.data(), k_lookup) != 0) return std::optional<OpenedReply>();
    const auto* box = reinterpret_cast<const unsigned char*>(locked.box.data());
    std::string plain(locked.box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), box + crypto_secretbox_NONCEBYTES,
                                   locked.box.size() - crypto_secretbox_NONCEBYTES, box, d.key()) != 0)
        return std::optional<OpenedReply>();
    return parse_plain(plain);
}

Status lock_replies(ContentSet& content, const ReplySaltKey* salt_key)
{
    for (const AuthoredReply& r : content.authored_replies)
        content.locked_replies.push_back(TRY(lock_reply(r.code, {r.reply, r.day_s}, salt_key)));
    for (AuthoredReply& r : content.authored_replies) sodium_memzero(r.code.data(), r.code.size());
    content.authored_replies.clear();
    return {};
}

Result<std::optional<OpenedReply>> find_reply(std::string_view code, std::span<const LockedReply> replies)
{
    for (const LockedReply& locked : replies) {
        auto opened = TRY(open_reply(code, locked));
        if (opened) return opened;
    }
    return std::optional<OpenedReply>();
}

}  // namespace linli::crypto
