// 投票表决's figures (issue 12), printed, never judged (tests/bench/ballot-bench.sh runs it):
//   cast DIR N       N ballots at one kiosk into DIR/residents.db: the code checked against a
//                    batch of 1,000 real codes (Argon2id t=2, 1 MiB), the ballot and its used code
//                    sealed and committed (synchronous=FULL): median, p90, max ms
//   collect DIR K N  K kiosks of N ballots each, cast into DIR (cheap codes: this is not what is
//                    measured) and exported after the close; then collect's part: verify and open
//                    every export, count, check ballots against used codes and issued codes: ms
#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "services/ballot_box.hpp"
#include "services/ballot_count.hpp"
#include "services/exports.hpp"
#include "../support/ballot_fixtures.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

void print_stats(const char* what, std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    std::printf("%s: n %zu, median %.2f ms, p90 %.2f ms, max %.2f ms\n", what, v.size(), at(0.5), at(0.9), v.back());
}

constexpr int64_t k_closes = test::k_ballot_closes, k_during = test::k_ballot_during;

BallotDefinition election()
{
    return test::test_election("leader", {"王芳", "赵强", "周敏", "李娜", "陈刚"});
}

int cast(const std::string& dir, int n)
{
    const BallotDefinition b = election();
    auto keys = crypto::generate_seal_key().value();
    auto [codes, slips] = test::issue_codes(b, "bench", std::max(n, 1000), crypto::k_voting_code_ops, crypto::k_voting_code_mem_kib);
    const std::vector<BallotCodes> all{codes};
    services::BallotBox box(dir + "/residents.db", keys.public_key, "bench");
    std::vector<double> check_ms, cast_ms;
    for (int i = 0; i < n; ++i) {
        auto t = Clock::now();
        const auto answer = box.check_code(b, all, slips[size_t(i)]);
        check_ms.push_back(ms_since(t));
        t = Clock::now();
        const auto outcome = box.cast(b, answer, {{{i % 5}}}, k_during, true);
        cast_ms.push_back(ms_since(t));
        if (!outcome.taken()) {
            std::fprintf(stderr, "bench: refused: %s\n", outcome.detail.c_str());
            return 1;
        }
    }
    print_stats("code check (确认: Argon2id under the kiosk's batch, 1,000 codes)", check_ms);
    print_stats("cast (确认投票 to 投票成功: seal + commit, synchronous=FULL)", cast_ms);
    return 0;
}

int collect(const std::string& dir, int kiosks, int n)
{
    const BallotDefinition b = election();
    auto keys = crypto::generate_seal_key().value();
    ContentSet content;
    content.ballots = {b};
    std::vector<services::ExportInput> exports;
    for (int k = 0; k < kiosks; ++k) {
        const std::string id = "lobby-" + std::to_string(k + 1), data = dir + "/" + id;
        std::filesystem::create_directories(data);
        auto [codes, slips] = test::issue_codes(b, id, n, 1, 8);
        content.ballot_codes.push_back(codes);
        services::BallotBox box(data + "/residents.db", keys.public_key, id);
        for (int i = 0; i < n; ++i)
            if (!box.cast(b, box.check_code(b, content.ballot_codes, slips[size_t(i)]), {{{i % 4, 4}}}, k_during, true).taken())
                return 1;
        services::KioskConfig config = services::default_kiosk_config();
        config.id = id;
        auto written = services::export_to_folder(config, data, data, k_closes + 60);
        if (!written) return 1;
        std::ifstream in(written->path, std::ios::binary);
        exports.push_back({written->path, {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()}});
    }
    const auto t = Clock::now();
    auto collection = services::collect_exports(exports, keys.public_key, keys.secret_key);
    if (!collection) return 1;
    const services::BallotCollection counted = services::count_collected_ballots(*collection, &content);
    const double ms = ms_since(t);
    if (counted.ballots.size() != 1 || !counted.ok()) return 1;
    std::printf("collect %d kiosks x %d ballots (verify, open, count, check codes): %.0f ms; %lld counted\n", kiosks, n, ms,
                static_cast<long long>(counted.ballots[0].count.cast));
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::vector<std::string> a(argv + 1, argv + argc);
    if (a.size() == 3 && a[0] == "cast") return cast(a[1], std::stoi(a[2]));
    if (a.size() == 4 && a[0] == "collect") return collect(a[1], std::stoi(a[2]), std::stoi(a[3]));
    std::fprintf(stderr, "usage: linli_ballot_bench cast DIR N | collect DIR KIOSKS N\n");
    return 2;
}
