#include "crypto/seal.hpp"

#include "crypto/sodium.hpp"

#include <sodium.h>

namespace linli::crypto {

static_assert(crypto_box_SEALBYTES == k_seal_overhead);

Result<std::string> seal(std::string_view plaintext, const PublicKey& seal_pub)
{
    TRY_STATUS(init_sodium());
    std::string out(plaintext.size() + crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        seal_pub.data()) != 0)
        return Error::internal("crypto: sealing failed");
    return out;
}

Result<std::string> open_sealed(std::string_view ciphertext, const PublicKey& seal_pub, const SecretKey& seal_secret)
{
    TRY_STATUS(init_sodium());
    if (seal_secret.bytes().size() != crypto_box_SECRETKEYBYTES)
        return Error::rejected("crypto: not a sealing secret key");
    if (ciphertext.size() < crypto_box_SEALBYTES)
        return Error::rejected("crypto: a sealed record is too short to be one");
    std::string out(ciphertext.size() - crypto_box_SEALBYTES, '\0');
    if (crypto_box_seal_open(reinterpret_cast<unsigned char*>(out.data()),
                             reinterpret_cast<const unsigned char*>(ciphertext.data()), ciphertext.size(),
                             seal_pub.data(), seal_secret.bytes().data()) != 0)
        return Error::rejected("crypto: a sealed record does not open with this key (another key, or changed)");
    return out;
}

std::string to_base64(std::string_view bytes)
{
    (void)init_sodium();
    const int variant = sodium_base64_VARIANT_ORIGINAL;
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      variant);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

bool from_base64(std::string_view text, std::string& out)
{
    (void)init_sodium();
    if (text.size() % 4 != 0) return false;
    out.assign(text.size() / 4 * 3, '\0');
    size_t length = 0;
    const char* end = nullptr;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                          nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size())
        return false;
    out.resize(length);
    // libsodium accepts non-zero bits after the last symbol; only the canonical text is ours.
    return to_base64(out) == text;
}

uint32_t random_below(uint32_t upper)
{
    (void)init_sodium();
    return randombytes_uniform(upper);
}

}  // namespace linli::crypto
