// `linli-admin codes --ballot ID --count N --kiosk KIOSK_ID --content CONTENT_DIR --out DIR`:
// N one-time voting codes valid for one ballot at one kiosk. The codes go only into DIR/slips.pdf
// (to print, cut and hand out); their Argon2id hashes, under a salt of this batch, go into
// CONTENT_DIR/codes/<ballot>/<kiosk>.toml with the ballot's fingerprint, for the next bundle.
// A second run for the same ballot and kiosk adds a batch.
#include "admin/command.hpp"
#include "admin/output_file.hpp"
#include "admin/slips_pdf.hpp"

#include "bundle/ballot_codes_check.hpp"
#include "content/ballot_codes.hpp"
#include "content/content_folder.hpp"
#include "crypto/codes.hpp"
#include "crypto/seal.hpp"
#include "crypto/sodium.hpp"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;

namespace linli::admin {

namespace {

constexpr const char* k_usage =
    "usage: linli-admin codes --ballot ID --count N --kiosk KIOSK_ID --content CONTENT_DIR --out DIR\n";

struct CodesOptions {
    std::string ballot, kiosk, content_dir, out_dir;
    int64_t count = 0;
};

Result<CodesOptions> parse_options(Args args)
{
    CodesOptions o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const bool has_value = i + 1 < args.size();
        if (arg == "--ballot" && has_value) o.ballot = args[++i];
        else if (arg == "--kiosk" && has_value) o.kiosk = args[++i];
        else if (arg == "--content" && has_value) o.content_dir = args[++i];
        else if (arg == "--out" && has_value) o.out_dir = args[++i];
        else if (arg == "--count" && has_value) {
            const std::string_view n = args[++i];
            auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), o.count);
            if (ec != std::errc() || end != n.data() + n.size() || o.count < 1 || o.count > int64_t(k_max_codes_per_file))
                return Error::rejected("codes: --count \"" + std::string(n) + "\": a number of codes, 1 to " +
                                       std::to_string(k_max_codes_per_file));
        } else return Error::rejected("codes: unexpected argument \"" + std::string(arg) + "\"\n" + k_usage);
    }
    if (o.ballot.empty() || o.kiosk.empty() || o.content_dir.empty() || o.out_dir.empty() || o.count == 0)
        return Error::rejected(std::string("codes: --ballot, --count, --kiosk, --content and --out are required\n") + k_usage);
    if (!content::is_kiosk_id(o.kiosk))
        return Error::rejected("codes: --kiosk \"" + o.kiosk + "\": a kiosk id is 1-64 letters, digits, '.', '_' or '-' (as in kiosk.toml)");
    return o;
}

// "12/100" on a terminal, rewritten in place; nothing when stdout is a file.
void show_progress(const char* what, size_t done, size_t total)
{
    static const bool tty = ::isatty(STDOUT_FILENO);
    if (!tty) return;
    std::printf("\r%s %zu/%zu", what, done, total);
    if (done == total) std::printf("\n");
    std::fflush(stdout);
}

// The codes' hashes, on every core: at about 1 ms each, 10,000 take seconds, not tens of them.
Result<std::string> hash_all(const std::vector<std::string>& codes, const CodeBatch& params)
{
    std::string hashes(codes.size() * k_code_hash_bytes, '\0');
    std::atomic<size_t> next{0}, done{0};
    std::atomic<bool> failed{false};
    const unsigned workers = std::max(1u, std::min(16u, std::thread::hardware_concurrency()));
    std::vector<std::thread> threads;
    for (unsigned w = 0; w < workers; ++w)
        threads.emplace_back([&] {
            for (size_t i; (i = next++) < codes.size() && !failed;) {
                auto hash = crypto::hash_voting_code(codes[i], params);
                if (!hash) {
                    failed = true;
                    return;
                }
                hashes.replace(i * k_code_hash_bytes, k_code_hash_bytes, *hash);
                ++done;
            }
        });
    for (size_t shown = 0; shown < codes.size() && !failed;) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (done != shown) show_progress("hashing codes", shown = done, codes.size());
        if (done == codes.size() && shown == codes.size()) break;
    }
    for (auto& t : threads) t.join();
    if (failed) return Error::internal("codes: Argon2id failed (out of memory?)");
    return hashes;
}

}  // namespace

Status run_codes(Args args)
{
    if (wants_help(args)) {
        std::fputs(k_usage, stdout);
        std::fputs("\nMakes N one-time voting codes (10 characters, printed XXXXX-XXXXX) for ballot ID, each valid\n"
                   "once, at the kiosk KIOSK_ID only (one batch per building). The codes are written only into\n"
                   "DIR/slips.pdf: A4 pages of 10 slips with cut lines. Their Argon2id hashes go into\n"
                   "CONTENT_DIR/codes/ID/KIOSK_ID.toml with a fingerprint of the ballot as it is now; `check`\n"
                   "then refuses the ballot if its options, kind or counting rules change. Running it again for\n"
                   "the same ballot and kiosk adds codes; the earlier ones stay valid. Build and publish the\n"
                   "next bundle to take the codes to the kiosk.\n",
                   stdout);
        return {};
    }
    const CodesOptions o = TRY(parse_options(args));
    const Language language = message_language();
    content::ContentLoad load = TRY(content::load_content_folder(o.content_dir, language));
    bundle::check_ballot_codes(load, language);
    if (!load.problems.empty()) {
        for (const content::Diagnostic& d : load.problems) std::fprintf(stderr, "%s\n", content::format_diagnostic(d).c_str());
        return Error::rejected("codes: " + o.content_dir + " has problems (listed above); fix them first (linli-admin check)");
    }
    const auto ballot = std::find_if(load.content.ballots.begin(), load.content.ballots.end(),
                                     [&](const BallotDefinition& b) { return b.id == o.ballot; });
    if (ballot == load.content.ballots.end())
        return Error::rejected("codes: there is no ballot \"" + o.ballot + "\" in " + o.content_dir + " (ballots/" +
                               o.ballot + ".toml)");
    if (!ballot->codes_required)
        return Error::rejected("codes: ballot \"" + o.ballot + "\" takes no codes (codes = \"none\" in ballots/" + o.ballot + ".toml)");
    const char* fixed = std::getenv("LINLI_NOW");
    const int64_t now = fixed ? std::atoll(fixed) : int64_t(std::time(nullptr));
    if (ballot->closed_at(now))
        return Error::rejected("codes: ballot \"" + o.ballot + "\" has closed (" + format_date_time(Language::Chinese, ballot->closes_s) + ")");

    BallotCodes codes;
    for (const BallotCodes& existing : load.content.ballot_codes)
        if (existing.ballot == o.ballot && existing.kiosk == o.kiosk) codes = existing;
    if (codes.count() + size_t(o.count) > k_max_codes_per_file)
        return Error::rejected("codes: at most " + std::to_string(k_max_codes_per_file) + " codes per ballot and kiosk (" +
                               std::to_string(codes.count()) + " issued already)");
    codes.ballot = o.ballot;
    codes.kiosk = o.kiosk;
    codes.fingerprint = crypto::ballot_fingerprint(*ballot);

    std::error_code ec;
    fs::create_directories(o.out_dir, ec);
    const std::string pdf = (fs::path(o.out_dir) / "slips.pdf").string();
    if (fs::exists(pdf, ec))
        return Error::rejected("codes: " + pdf + " exists: it may hold the only copy of earlier codes; choose another --out");

    TRY_STATUS(crypto::init_sodium());
    CodeBatch batch;
    batch.salt.resize(k_code_salt_bytes);
    randombytes_buf(batch.salt.data(), batch.salt.size());
    batch.ops = crypto::k_voting_code_ops;
    batch.mem_kib = crypto::k_voting_code_mem_kib;
    std::vector<std::string> fresh;
    std::set<std::string> seen;
    while (fresh.size() < size_t(o.count))
        if (std::string code = crypto::random_code(k_voting_code_length); seen.insert(code).second) fresh.push_back(code);
    // The slips are set while the hashes are computed: the PDF needs only the codes.
    SlipSheet sheet{load.content.board.board.name, o.kiosk, &*ballot, {}};
    for (const auto& code : fresh) sheet.codes.push_back(format_code(code));
    const auto started = std::chrono::steady_clock::now();
    Status slips;
    std::chrono::steady_clock::time_point slips_done;
    std::thread slip_writer([&] {
        slips = write_slips_pdf(pdf, sheet);
        slips_done = std::chrono::steady_clock::now();
    });
    auto hashes = hash_all(fresh, batch);
    const auto hashed = std::chrono::steady_clock::now();
    slip_writer.join();
    if (!hashes) ::unlink(pdf.c_str());
    batch.hashes = TRY(std::move(hashes));
    TRY_STATUS(slips);
    if (std::getenv("LINLI_TRACE")) {
        auto ms = [](auto d) { return (long long)std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
        std::fprintf(stderr, "trace: codes hashing %lld ms, slips %lld ms (at the same time)\n", ms(hashed - started),
                     ms(slips_done - started));
    }
    // The file keeps no trace of the slips' order: hashes are shuffled (Fisher-Yates).
    for (size_t i = fresh.size(); i > 1; --i) {
        const size_t j = crypto::random_below(uint32_t(i));
        std::swap_ranges(batch.hashes.begin() + long((i - 1) * k_code_hash_bytes), batch.hashes.begin() + long(i * k_code_hash_bytes),
                         batch.hashes.begin() + long(j * k_code_hash_bytes));
    }
    codes.batches.push_back(std::move(batch));
    const fs::path file = fs::path(o.content_dir) / content::ballot_codes_path(o.ballot, o.kiosk);
    fs::create_directories(file.parent_path(), ec);
    TRY_STATUS(replace_file(file.string(), content::ballot_codes_text(codes), 0644, "codes"));

    const size_t pages = (fresh.size() + k_slips_per_page - 1) / k_slips_per_page;
    std::printf("%lld voting codes for ballot %s at kiosk %s (%zu in all for this kiosk)\n", (long long)o.count,
                o.ballot.c_str(), o.kiosk.c_str(), codes.count());
    std::printf("slips: %s (%zu A4 pages of %d)\n", pdf.c_str(), pages, k_slips_per_page);
    std::printf("hashes: %s (build and publish the next bundle to take them to the kiosk)\n", file.string().c_str());
    std::printf("The codes exist only in that PDF: print it, cut the slips, then delete it.\n"
                "Hand the slips out so that nobody records which household got which code.\n");
    return {};
}

}  // namespace linli::admin
