// The 意见箱's figures (issue 11), printed, never judged (tests/bench/feedback-bench.sh runs it):
//   submit DIR N     N submissions (Argon2id of the receipt code, seal, commit with
//                    synchronous=FULL) into DIR/residents.db: median, p90, max ms
//   lookup N         查看回复 over N locked replies for a code that matches none (the longest
//                    wait): median of 5, ms
//   pinyin           key press to the new candidates, per letter, over typical words: median,
//                    p90, max microseconds
//   script N FILE    writes a UI script that types N distinct characters by pinyin (for the
//                    kiosk-level memory and glyph atlas figures)
#include "core/codes.hpp"
#include "crypto/reply_lock.hpp"
#include "crypto/seal.hpp"
#include "input/pinyin_engine.hpp"
#include "platform/font_atlas.hpp"
#include "services/feedback_box.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

using namespace linli;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

void print_stats(const char* what, std::vector<double> v, const char* unit)
{
    std::sort(v.begin(), v.end());
    auto at = [&](double q) { return v[std::min(v.size() - 1, size_t(q * double(v.size())))]; };
    std::printf("%s: n %zu, median %.2f %s, p90 %.2f %s, max %.2f %s\n", what, v.size(), at(0.5), unit, at(0.9), unit,
                v.back(), unit);
}

int submit(const std::string& dir, int n)
{
    auto keys = crypto::generate_seal_key();
    if (!keys) return 1;
    services::FeedbackBox box(dir + "/residents.db", keys->public_key, {0, 1000000}, "bench");
    std::vector<double> times;
    for (int i = 0; i < n; ++i) {
        services::FeedbackDraft d;
        d.topic = "环境卫生";
        d.rating = 2;
        d.text = "三号楼门口的垃圾桶每天傍晚都满出来，希望增加清运次数。第" + std::to_string(i) + "条";
        const auto t = Clock::now();
        const auto outcome = box.submit(d, "2026-11-25", 1000 + i);
        times.push_back(ms_since(t));
        if (!outcome.taken()) {
            std::fprintf(stderr, "bench: submission refused: %s\n", outcome.detail.c_str());
            return 1;
        }
    }
    print_stats("submit (Argon2id + seal + commit, synchronous=FULL)", times, "ms");
    return 0;
}

int lookup(int n)
{
    std::vector<LockedReply> replies;
    for (int i = 0; i < n; ++i) {
        std::string code = "ABCD";
        code += k_code_alphabet[size_t(i) % 32];
        code += k_code_alphabet[size_t(i / 32) % 32];
        code += "23";
        replies.push_back(crypto::lock_reply(code, {"已处理，谢谢您的意见。", 0}).value());
    }
    std::vector<double> times;
    for (int i = 0; i < 5; ++i) {
        const auto t = Clock::now();
        auto found = crypto::find_reply("ZZZZ9999", replies);
        times.push_back(ms_since(t));
        if (!found || found->has_value()) return 1;
    }
    print_stats(("reply look-up over " + std::to_string(n) + " replies, code not found").c_str(), times, "ms");
    return 0;
}

int pinyin()
{
    auto engine = input::PinyinEngine::open();
    if (!engine) {
        std::fprintf(stderr, "bench: %s\n", engine.error().message.c_str());
        return 1;
    }
    const char* words[] = {"shequ", "wuyeguanli", "dianti", "lajitong", "tingchewei", "xiexie", "wygl",
                           "zhongguorenmin", "louti", "zhaoming", "anquan", "huodongshi"};
    std::vector<double> times;
    for (int round = 0; round < 20; ++round) {
        for (const char* w : words) {
            for (const char* c = w; *c; ++c) {
                const auto t = Clock::now();
                (*engine)->add_letter(*c);
                volatile size_t n = (*engine)->candidates().size();
                (void)n;
                times.push_back(ms_since(t) * 1000);
            }
            (*engine)->choose(0);
            while ((*engine)->remove_letter()) {}
        }
    }
    print_stats("pinyin key press to candidates", times, "us");
    return 0;
}

// The first candidates of every syllable, one character each, until n distinct ones.
int script(int n, const std::string& path)
{
    // Candidates as the kiosk offers them: only characters its font draws.
    auto fonts = platform::FontAtlas::open();
    if (!fonts) return 1;
    auto engine = input::PinyinEngine::open(input::default_pinyin_dictionary(),
                                            [&](char32_t c) { return (*fonts)->can_draw(c); });
    if (!engine) return 1;
    const char* initials[] = {"", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "zh", "ch", "sh", "r", "z", "c", "s", "y", "w"};
    const char* finals[] = {"a", "o", "e", "i", "u", "ai", "ei", "ao", "ou", "an", "en", "ang", "eng", "ong", "er", "ia", "ie", "iao", "iu", "ian", "in", "iang", "ing", "iong", "ua", "uo", "uai", "ui", "uan", "un", "uang", "ue"};
    std::set<std::string> used;
    std::ofstream out(path);
    out << "# Types " << n << " distinct characters by pinyin (made by linli_feedback_bench script).\n"
           "tap \"意见箱\"\ntap \"写意见\"\ntap \"其他\"\n";
    int written = 0;
    for (int pass = 0; pass < 2; ++pass)
    for (const char* i : initials)
        for (const char* f : finals) {
            if (written >= n) break;
            const std::string syllable = std::string(i) + f;
            for (char c : syllable) (*engine)->add_letter(c);
            const auto& cands = (*engine)->candidates();
            // One character (3 bytes of UTF-8) not yet used, among the first four (the bar shows
            // them); chosen here as the kiosk will, so both engines learn the same and agree on
            // the next candidates.
            bool chose = false;
            for (size_t k = 0; k < std::min<size_t>(cands.size(), 4) && written < n; ++k) {
                const std::string cand = cands[k];
                if (cand.size() != 3 || used.contains(cand)) continue;
                // A candidate for only part of the letters (an invalid syllable split in two)
                // leaves the rest pending: not one tap, so not used.
                auto committed = (*engine)->choose(k);
                if (!committed || !(*engine)->letters().empty()) break;
                used.insert(cand);
                out << "type \"" << syllable << "\"\ntap \"" << cand << "\"\n";
                ++written;
                chose = true;
                break;
            }
            if (!chose) while ((*engine)->remove_letter()) {}
        }
    out << "expect \"" << written << " / 500\"\n";
    std::printf("script: %d distinct characters\n", written);
    return written == n ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv)
{
    const std::string what = argc > 1 ? argv[1] : "";
    if (what == "submit" && argc == 4) return submit(argv[2], std::atoi(argv[3]));
    if (what == "lookup" && argc == 3) return lookup(std::atoi(argv[2]));
    if (what == "pinyin") return pinyin();
    if (what == "script" && argc == 4) return script(std::atoi(argv[2]), argv[3]);
    std::fprintf(stderr, "usage: linli_feedback_bench submit DIR N | lookup N | pinyin | script N FILE\n");
    return 2;
}
