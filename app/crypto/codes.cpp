#include "crypto/codes.hpp"

#include "crypto/keys.hpp"
#include "crypto/sodium.hpp"

#include <sodium.h>

namespace linli::crypto {

std::string random_code(size_t length)
{
    (void)init_sodium();  // randombytes works before it too; this only picks the implementation
    std::string code;
    code.reserve(length);
    for (size_t i = 0; i < length; ++i)
        code += k_code_alphabet[randombytes_uniform(uint32_t(k_code_alphabet.size()))];
    return code;
}


Result<CodeHash> hash_code(std::string_view code, const std::array<uint8_t, 16>& salt)
{
    static_assert(crypto_pwhash_SALTBYTES == 16);
    TRY_STATUS(init_sodium());
    CodeHash hash{};
    if (crypto_pwhash(hash.data(), hash.size(), code.data(), code.size(), salt.data(), 2, 8u * 1024u * 1024u,
                      crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::internal("crypto: Argon2id failed (out of memory?)");
    return hash;
}

Result<std::string> hash_voting_code(std::string_view code, const CodeBatch& batch)
{
    TRY_STATUS(init_sodium());
    if (batch.salt.size() != crypto_pwhash_SALTBYTES || batch.ops < 1 || batch.mem_kib < 8)
        return Error::internal("crypto: a voting-code batch with a bad salt or parameters");
    std::string hash(k_code_hash_bytes, '\0');
    if (crypto_pwhash(reinterpret_cast<unsigned char*>(hash.data()), hash.size(), code.data(), code.size(),
                      reinterpret_cast<const unsigned char*>(batch.salt.data()), uint64_t(batch.ops),
                      size_t(batch.mem_kib) * 1024u, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return Error::internal("crypto: Argon2id failed (out of memory?)");
    return hash;
}

std::string ballot_tracker(std::string_view sealed_ballot)
{
    const Sha256 digest = sha256(sealed_ballot);
    // 40 bits, 5 to a character.
    uint64_t bits = 0;
    for (int i = 0; i < 5; ++i) bits = bits << 8 | digest[size_t(i)];
    std::string tracker(k_receipt_code_length, ' ');
    for (size_t i = 0; i < tracker.size(); ++i) tracker[i] = k_code_alphabet[(bits >> (35 - 5 * i)) & 31];
    return tracker;
}

std::string ballot_fingerprint(const BallotDefinition& ballot)
{
    return to_hex(sha256(ballot_canonical_text(ballot)));
}

}  // namespace linli::crypto
