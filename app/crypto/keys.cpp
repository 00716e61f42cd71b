#include "crypto/keys.hpp"

#include "crypto/sodium.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>

namespace linli::crypto {

static_assert(sizeof(crypto_hash_sha256_state) <= 128, "Sha256Stream::m_state too small");
static_assert(crypto_sign_PUBLICKEYBYTES == 32 && crypto_sign_BYTES == 64);
static_assert(crypto_box_PUBLICKEYBYTES == 32);

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept
{
    if (this != &other) {
        if (!m_bytes.empty()) sodium_memzero(m_bytes.data(), m_bytes.size());
        m_bytes = std::move(other.m_bytes);
    }
    return *this;
}

SecretKey::~SecretKey()
{
    if (!m_bytes.empty()) sodium_memzero(m_bytes.data(), m_bytes.size());
}

Result<KeyPair> generate_sign_key()
{
    TRY_STATUS(init_sodium());
    KeyPair pair;
    std::vector<uint8_t> secret(crypto_sign_SECRETKEYBYTES);
    crypto_sign_keypair(pair.public_key.data(), secret.data());
    pair.secret_key = SecretKey(std::move(secret));
    return pair;
}

Result<KeyPair> generate_seal_key()
{
    TRY_STATUS(init_sodium());
    KeyPair pair;
    std::vector<uint8_t> secret(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(pair.public_key.data(), secret.data());
    pair.secret_key = SecretKey(std::move(secret));
    return pair;
}

PublicKey sign_public_key_of(const SecretKey& secret)
{
    assert(secret.bytes().size() == crypto_sign_SECRETKEYBYTES);
    PublicKey key{};
    crypto_sign_ed25519_sk_to_pk(key.data(), secret.bytes().data());
    return key;
}

Signature sign_detached(std::string_view message, const SecretKey& secret)
{
    assert(secret.bytes().size() == crypto_sign_SECRETKEYBYTES);
    (void)init_sodium();
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                         message.size(), secret.bytes().data());
    return signature;
}

bool verify_detached(std::string_view message, const Signature& signature, const PublicKey& public_key)
{
    if (!init_sodium()) return false;
    return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                       message.size(), public_key.data()) == 0;
}

std::string to_hex(const uint8_t* data, size_t size)
{
    static constexpr char k_digits[] = "0123456789abcdef";
    std::string out(size * 2, '0');
    for (size_t i = 0; i < size; ++i) {
        out[2 * i] = k_digits[data[i] >> 4];
        out[2 * i + 1] = k_digits[data[i] & 15];
    }
    return out;
}

bool from_hex(std::string_view hex, uint8_t* out, size_t out_size)
{
    if (hex.size() != out_size * 2) return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (size_t i = 0; i < out_size; ++i) {
        int hi = nibble(hex[2 * i]), lo = nibble(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return false;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return true;
}

Sha256 sha256(std::string_view data)
{
    Sha256Stream stream;
    stream.update(data.data(), data.size());
    return stream.finish();
}

Sha256Stream::Sha256Stream()
{
    (void)init_sodium();
    crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(m_state));
}

void Sha256Stream::update(const void* data, size_t size)
{
    crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(m_state),
                              static_cast<const unsigned char*>(data), size);
}

Sha256 Sha256Stream::finish()
{
    Sha256 out{};
    crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(m_state), out.data());
    return out;
}

namespace {

struct KindInfo {
    std::string_view tag;
    size_t size;
    std::string_view what;  // for messages
};

KindInfo kind_info(KeyKind kind)
{
    switch (kind) {
    case KeyKind::SignPublic: return {"LINLI-ED25519-PUBLIC", crypto_sign_PUBLICKEYBYTES, "signing public key"};
    case KeyKind::SignSecret: return {"LINLI-ED25519-SECRET", crypto_sign_SECRETKEYBYTES, "signing secret key"};
    case KeyKind::SealPublic: return {"LINLI-X25519-PUBLIC", crypto_box_PUBLICKEYBYTES, "sealing public key"};
    case KeyKind::SealSecret: return {"LINLI-X25519-SECRET", crypto_box_SECRETKEYBYTES, "sealing secret key"};
    }
    return {"?", 0, "key"};
}

constexpr size_t k_max_key_file_bytes = 4096;

Result<std::string> read_small_file(const std::string& path, std::string_view what)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return Error::rejected("keys: " + path + ": cannot read the " + std::string(what) + " (" +
                               std::strerror(errno) + ")");
    std::string text(k_max_key_file_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > k_max_key_file_bytes)
        return Error::rejected("keys: " + path + ": too large to be a " + std::string(what));
    return text;
}

}  // namespace

std::string key_file_text(KeyKind kind, const uint8_t* key, size_t size)
{
    KindInfo info = kind_info(kind);
    std::string comment;
    switch (kind) {
    case KeyKind::SignPublic:
        comment = "# Linli signing public key: list it in each kiosk's kiosk.toml [trust] admin_keys.\n";
        break;
    case KeyKind::SignSecret:
        comment = "# Linli signing SECRET key: signs bundles. Keep it on the administrators' PC only; never copy it to a kiosk.\n";
        break;
    case KeyKind::SealPublic:
        comment = "# Linli sealing public key: kiosks seal residents' feedback and ballots to it ([trust] seal_key).\n";
        break;
    case KeyKind::SealSecret:
        comment = "# Linli sealing SECRET key: opens residents' feedback and ballots (linli-admin collect). Keep it private.\n";
        break;
    }
    return comment + std::string(info.tag) + " " + to_hex(key, size) + "\n";
}

Result<std::vector<uint8_t>> parse_key_text(std::string_view text, KeyKind kind, std::string_view source)
{
    KindInfo info = kind_info(kind);
    auto fail = [&](int line, std::string what) {
        return Error::rejected("keys: " + std::string(source) + (line > 0 ? ":" + std::to_string(line) : "") +
                               ": " + what);
    };
    std::optional<std::vector<uint8_t>> found;
    int line_no = 0;
    while (!text.empty()) {
        ++line_no;
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        if (line.empty() || line.front() == '#') continue;
        if (found) return fail(line_no, "more than one key in the file");
        size_t space = line.find(' ');
        std::string_view tag = line.substr(0, space);
        if (tag != info.tag) {
            for (KeyKind other : {KeyKind::SignPublic, KeyKind::SignSecret, KeyKind::SealPublic, KeyKind::SealSecret})
                if (tag == kind_info(other).tag)
                    return fail(line_no, "this is a " + std::string(kind_info(other).what) + ", expected a " +
                                             std::string(info.what));
            return fail(line_no, "not a Linli key file (expected a line starting with " + std::string(info.tag) + ")");
        }
        std::string_view hex = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
        std::vector<uint8_t> bytes(info.size);
        if (!from_hex(hex, bytes.data(), bytes.size()))
            return fail(line_no, "the " + std::string(info.what) + " must be " + std::to_string(info.size * 2) +
                                     " hex digits");
        found = std::move(bytes);
    }
    if (!found) return fail(0, "no key in the file (expected a line starting with " + std::string(info.tag) + ")");
    return std::move(*found);
}

Result<PublicKey> read_public_key_file(const std::string& path, KeyKind kind)
{
    std::string text = TRY(read_small_file(path, kind_info(kind).what));
    std::vector<uint8_t> bytes = TRY(parse_key_text(text, kind, path));
    PublicKey key{};
    std::memcpy(key.data(), bytes.data(), key.size());
    return key;
}

Result<SecretKey> read_secret_key_file(const std::string& path, KeyKind kind)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && (st.st_mode & 077) != 0)
        return Error::rejected("keys: " + path + ": others can read this secret key (mode " +
                               std::to_string((st.st_mode >> 6) & 7) + std::to_string((st.st_mode >> 3) & 7) +
                               std::to_string(st.st_mode & 7) + "); run: chmod 600 " + path);
    std::string text = TRY(read_small_file(path, kind_info(kind).what));
    std::vector<uint8_t> bytes = TRY(parse_key_text(text, kind, path));
    sodium_memzero(text.data(), text.size());
    return SecretKey(std::move(bytes));
}

}  // namespace linli::crypto
