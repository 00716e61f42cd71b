// The 意见箱's promises under stress: messages leave the kiosk in an order unrelated to when they
// were written (F3: |Spearman rho| < 0.2 over 200 submissions), and a crash or power cut at any
// I/O point of a submission (the fault-injecting VFS, tests/support) loses no message the
// resident was told is 已收到, and keeps none twice or one they were told failed (D2).
#include "services/exports.hpp"
#include "services/feedback_box.hpp"

#include "crypto/seal.hpp"
#include "../bundle/bundle_test_support.hpp"
#include "../store/store_test_support.hpp"
#include "../support/fault_vfs.hpp"
#include "../support/test_helpers.hpp"

#include <toml++/toml.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <future>
#include <map>

using namespace linli;
using linli::test::spearman;
using namespace linli::services;
using linli::store::test::TempDir;
using Mode = linli::test::ScopedFaultVfs::Mode;

namespace {

constexpr FeedbackLimits k_no_limits{0, 100000};


std::string text_of(const std::string& sealed, const crypto::KeyPair& keys)
{
    auto opened = crypto::open_sealed(sealed, keys.public_key, keys.secret_key);
    if (!opened) return "";
    return toml::parse(*opened)["text"].value_or<std::string>("");
}

// One kiosk taking 200 messages "n 0" ... "n 199", then its export: |rho| of the export's order
// against the order they were written.
double export_rho_of_200()
{
    TempDir dir;
    const crypto::KeyPair keys = crypto::generate_seal_key().value();
    const std::string data = dir.file("data"), stick = dir.file("stick");
    std::filesystem::create_directories(data);
    std::filesystem::create_directories(stick);
    {
        FeedbackBox box(data + "/residents.db", keys.public_key, k_no_limits, "lobby-1");
        for (int i = 0; i < 200; ++i) {
            FeedbackDraft d;
            d.topic = "其他";
            d.text = "n " + std::to_string(i);
            if (!box.submit(d, "2026-11-25", 1000 + i).taken()) return 2;
        }
    }
    KioskConfig config = default_kiosk_config();
    config.id = "lobby-1";
    auto written = export_to_folder(config, data, stick, 1795572030);
    if (!written || written->records != 200) return 2;
    auto file = parse_export(bundle::test::read_all(written->path));
    if (!file) return 2;
    std::vector<int> ranks;
    for (const ExportRecord& r : file->records) ranks.push_back(std::stoi(text_of(r.sealed, keys).substr(2)));
    return std::abs(spearman(ranks));
}

}  // namespace

TEST_CASE("feedback: 200 messages leave in an order unrelated to when they were written (F3)", "[services]")
{
    // Three kiosks at once; the median must be small (one random order misses 0.2 once in ~200).
    std::vector<std::future<double>> runs;
    for (int i = 0; i < 3; ++i) runs.push_back(std::async(std::launch::async, export_rho_of_200));
    std::vector<double> rho;
    for (auto& r : runs) rho.push_back(r.get());
    std::sort(rho.begin(), rho.end());
    INFO("|rho| " << rho[0] << " " << rho[1] << " " << rho[2]);
    CHECK(rho[2] <= 1.0);  // every run took and exported its 200 messages
    CHECK(rho[1] < 0.2);
}

TEST_CASE("feedback: a crash at any I/O point of a submission loses no acknowledged message and duplicates none (D2)",
          "[services]")
{
    const crypto::KeyPair keys = crypto::generate_seal_key().value();
    FeedbackDraft first, second, third;
    first.topic = second.topic = third.topic = "其他";
    first.text = "first";
    second.text = "second";
    third.text = "third";

    // How many I/O points one submission has, on a box that already took a message.
    int64_t points = 0;
    {
        TempDir dir;
        linli::test::ScopedFaultVfs vfs;
        FeedbackBox box(dir.file("residents.db"), keys.public_key, k_no_limits, "lobby-1");
        REQUIRE(box.submit(first, "2026-11-25", 1000).taken());
        const int64_t before = vfs.io_points();
        REQUIRE(box.submit(second, "2026-11-25", 2000).taken());
        points = vfs.io_points() - before;
    }
    REQUIRE(points > 0);

    int acknowledged = 0, refused = 0;
    for (int64_t n = 0; n <= points; ++n) {
        for (Mode mode : {Mode::DropUnsynced, Mode::TornSectors}) {
            TempDir dir;
            const std::string path = dir.file("residents.db");
            linli::test::ScopedFaultVfs vfs;
            FeedbackOutcome outcome;
            {
                FeedbackBox box(path, keys.public_key, k_no_limits, "lobby-1");
                REQUIRE(box.submit(first, "2026-11-25", 1000).taken());
                vfs.arm_crash_after(n);
                outcome = box.submit(second, "2026-11-25", 2000);
            }
            vfs.power_cut(mode, uint64_t(n));
            std::map<std::string, int> seen;
            {
                auto db = store::ResidentsDb::open(path);
                REQUIRE(db);
                auto records = db->pending_records();
                REQUIRE(records);
                for (const auto& r : *records) ++seen[text_of(r.sealed, keys)];
            }
            INFO("crash after " << n << " of " << points << " I/O points, mode " << int(mode));
            auto count = [&](const std::string& text) { return seen.contains(text) ? seen.at(text) : 0; };
            CHECK(count("first") == 1);
            CHECK(count("second") == (outcome.taken() ? 1 : 0));
            CHECK(seen.size() == (outcome.taken() ? 2u : 1u));  // nothing else, nothing torn
            (outcome.taken() ? acknowledged : refused)++;
            // After the reboot the box takes messages again, and knows the acknowledged code.
            FeedbackBox box(path, keys.public_key, k_no_limits, "lobby-1");
            if (outcome.taken()) CHECK(*box.knows_receipt(outcome.receipt));
            CHECK(box.submit(third, "2026-11-25", 3000).taken());
        }
    }
    INFO(acknowledged << " acknowledged, " << refused << " refused");
    CHECK(refused > 0);       // the crash points did hit the submission
    CHECK(acknowledged > 0);  // and the last one comes after its commit
}
