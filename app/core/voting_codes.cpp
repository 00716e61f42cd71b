#include "core/voting_codes.hpp"

#include <algorithm>
#include <cstring>

namespace linli {

std::string sorted_code_hashes(std::string_view hashes)
{
    std::vector<std::string_view> each;
    for (size_t i = 0; i + k_code_hash_bytes <= hashes.size(); i += k_code_hash_bytes)
        each.push_back(hashes.substr(i, k_code_hash_bytes));
    std::sort(each.begin(), each.end());
    std::string out;
    out.reserve(hashes.size());
    for (std::string_view h : each) out += h;
    return out;
}

bool code_hash_listed(std::string_view sorted_hashes, std::string_view hash)
{
    if (hash.size() != k_code_hash_bytes) return false;
    size_t lo = 0, hi = sorted_hashes.size() / k_code_hash_bytes;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        const int order = std::memcmp(sorted_hashes.data() + mid * k_code_hash_bytes, hash.data(), k_code_hash_bytes);
        if (order == 0) return true;
        if (order < 0) lo = mid + 1;
        else hi = mid;
    }
    return false;
}

}  // namespace linli
