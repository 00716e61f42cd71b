// Handwriting benchmark (not a test: prints figures, never fails on them). Every hanzi of GB2312
// level 1 (3,755) is drawn from hanzi-writer-data's stroke medians, once cleanly and once as a
// finger would write it, and recognised by raw Zinnia and by HandwritingRecognizer.
//   linli_handwriting_bench DATA_DIR [--every N] [--steps]
// DATA_DIR holds hanzi-writer-data (one JSON per character); tests/bench/handwriting-bench.sh
// fetches it. --every N tests every Nth character only; --steps also measures each shaping step.
#include "input/handwriting.hpp"

#include <iconv.h>
#include <nlohmann/json.hpp>
#include <zinnia.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

using namespace linli::input;

namespace {

constexpr unsigned k_seed = 20240607;
constexpr int k_candidates = 10;

// GB2312 level 1: rows 16-55 (lead bytes 0xB0-0xD7), 94 cells a row but 89 in row 55.
std::vector<std::string> gb2312_level1()
{
    iconv_t to_utf8 = iconv_open("UTF-8", "GB2312");
    if (to_utf8 == reinterpret_cast<iconv_t>(-1))
        return {};
    std::vector<std::string> hanzi;
    for (int lead = 0xB0; lead <= 0xD7; ++lead)
        for (int cell = 0xA1; cell <= (lead == 0xD7 ? 0xF9 : 0xFE); ++cell) {
            char in[2] = {static_cast<char>(lead), static_cast<char>(cell)}, out[8] = {};
            char* in_p = in;
            char* out_p = out;
            std::size_t in_left = 2, out_left = sizeof out;
            if (iconv(to_utf8, &in_p, &in_left, &out_p, &out_left) != static_cast<std::size_t>(-1))
                hanzi.emplace_back(out, out_p);
        }
    iconv_close(to_utf8);
    return hanzi;
}

// The medians of one character in the writing box: hanzi-writer-data draws in a 1024 box with
// y up and the baseline at y = -124 (y = 900 is the top), the writing box is 0-1000 with y down.
std::optional<std::vector<Stroke>> load_medians(const std::string& dir, const std::string& hanzi)
{
    std::ifstream in(dir + "/" + hanzi + ".json");
    if (!in)
        return std::nullopt;
    const auto json = nlohmann::json::parse(in, nullptr, false);
    if (json.is_discarded() || !json.contains("medians"))
        return std::nullopt;
    std::vector<Stroke> strokes;
    for (const auto& median : json["medians"]) {
        Stroke& stroke = strokes.emplace_back();
        for (const auto& point : median)
            stroke.push_back({point[0].get<float>() * 1000 / 1024, (900 - point[1].get<float>()) * 1000 / 1024});
    }
    return strokes;
}

float arc_length(const Stroke& stroke)
{
    float length = 0;
    for (std::size_t i = 1; i < stroke.size(); ++i)
        length += std::hypot(stroke[i].x - stroke[i - 1].x, stroke[i].y - stroke[i - 1].y);
    return length;
}

StrokePoint point_at(const Stroke& stroke, float along)
{
    for (std::size_t i = 1; i < stroke.size(); ++i) {
        const float segment = std::hypot(stroke[i].x - stroke[i - 1].x, stroke[i].y - stroke[i - 1].y);
        if (along <= segment && segment > 0) {
            const float t = along / segment;
            return {stroke[i - 1].x + (stroke[i].x - stroke[i - 1].x) * t, stroke[i - 1].y + (stroke[i].y - stroke[i - 1].y) * t};
        }
        along -= segment;
    }
    return stroke.back();
}

// The character as a finger writes it: smaller than the box (0.5-1.0 of its side) and anywhere
// in it, slanted (shear of up to 0.15), each stroke traced with the bell-shaped speed of a hand
// (minimum jerk: slow at both ends, fast in the middle) at 600-2500 units/s and sampled like a
// touchscreen at 60-120 Hz with uneven intervals, resting a sample or two at touch-down, each
// point off by the finger's and the panel's jitter (sigma 2.5 units).
std::vector<Stroke> write_like_a_finger(const std::vector<Stroke>& clean, std::mt19937& rng)
{
    auto uniform = [&](float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng); };
    std::normal_distribution<float> jitter(0, 2.5f);
    const float scale = uniform(0.5f, 1.0f);
    const float offset_x = uniform(0, 1000 * (1 - scale)), offset_y = uniform(0, 1000 * (1 - scale));
    const float shear = uniform(-0.15f, 0.15f);
    const float speed = uniform(600, 2500);
    const float interval = 1 / uniform(60, 120);
    auto place = [&](StrokePoint p) {
        const float x = p.x * scale, y = p.y * scale;
        return StrokePoint{x + shear * (y - 500 * scale) + offset_x, y + offset_y};
    };
    auto touch = [&](StrokePoint p) {
        return StrokePoint{std::clamp(p.x + jitter(rng), 0.0f, 1000.0f), std::clamp(p.y + jitter(rng), 0.0f, 1000.0f)};
    };
    std::vector<Stroke> written;
    for (const Stroke& median : clean) {
        Stroke path;
        for (StrokePoint p : median)
            path.push_back(place(p));
        const float length = arc_length(path);
        const float duration = std::max(0.04f, length / (speed * uniform(0.8f, 1.2f)));
        Stroke& stroke = written.emplace_back();
        for (int rest = std::uniform_int_distribution<int>(0, 2)(rng); rest > 0; --rest)
            stroke.push_back(touch(path.front()));
        for (float t = 0;; t += interval * uniform(0.8f, 1.2f)) {
            const float tau = std::min(t / duration, 1.0f);
            const float progress = tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
            stroke.push_back(touch(point_at(path, progress * length)));
            if (tau >= 1)
                break;
        }
    }
    return written;
}

// Zinnia as it comes: the points unchanged, in the 1000 box.
std::vector<std::string> raw_zinnia(zinnia_recognizer_t* recognizer, const std::vector<Stroke>& strokes)
{
    zinnia_character_t* character = zinnia_character_new();
    zinnia_character_set_width(character, 1000);
    zinnia_character_set_height(character, 1000);
    for (std::size_t id = 0; id < strokes.size(); ++id)
        for (StrokePoint p : strokes[id])
            zinnia_character_add(character, id, static_cast<int>(std::lround(p.x)), static_cast<int>(std::lround(p.y)));
    std::vector<std::string> candidates;
    if (zinnia_result_t* result = zinnia_recognizer_classify(recognizer, character, k_candidates)) {
        for (std::size_t i = 0; i < zinnia_result_size(result); ++i)
            candidates.emplace_back(zinnia_result_value(result, i));
        zinnia_result_destroy(result);
    }
    zinnia_character_destroy(character);
    return candidates;
}

struct Sample { std::string hanzi; std::vector<Stroke> clean, noisy; };

struct Score {
    int top1 = 0, top10 = 0, total = 0;
    std::vector<double> ms;

    void add(const std::string& hanzi, const std::vector<std::string>& candidates, double elapsed_ms)
    {
        ++total;
        top1 += !candidates.empty() && candidates[0] == hanzi;
        top10 += std::find(candidates.begin(), candidates.end(), hanzi) != candidates.end();
        ms.push_back(elapsed_ms);
    }
    double percentile(double q)
    {
        std::sort(ms.begin(), ms.end());
        return ms.empty() ? 0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))];
    }
};

using Recognize = std::function<std::vector<std::string>(const std::vector<Stroke>&)>;

Score measure(const std::vector<Sample>& samples, bool noisy, const Recognize& recognize)
{
    Score score;
    for (const Sample& sample : samples) {
        const auto start = std::chrono::steady_clock::now();
        const auto candidates = recognize(noisy ? sample.noisy : sample.clean);
        const std::chrono::duration<double, std::milli> elapsed = std::chrono::steady_clock::now() - start;
        score.add(sample.hanzi, candidates, elapsed.count());
    }
    return score;
}

void print(const char* input, const std::string& how, Score& score)
{
    std::printf("%-6s %-44s top-1 %5.1f%%  top-10 %5.1f%%  time median %5.1f ms, p90 %5.1f ms\n", input, how.c_str(),
                100.0 * score.top1 / score.total, 100.0 * score.top10 / score.total, score.percentile(0.5),
                score.percentile(0.9));
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s HANZI_WRITER_DATA_DIR [--every N] [--steps]\n", argv[0]);
        return 2;
    }
    std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure as soon as it is measured
    const std::string dir = argv[1];
    int every = 1;
    bool steps = false;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--every") == 0 && i + 1 < argc)
            every = std::max(1, std::atoi(argv[++i]));
        else if (std::strcmp(argv[i], "--steps") == 0)
            steps = true;
    }

    const std::vector<std::string> level1 = gb2312_level1();
    std::vector<Sample> samples;
    int skipped = 0;
    for (std::size_t i = 0; i < level1.size(); i += every) {
        auto clean = load_medians(dir, level1[i]);
        if (!clean) {
            ++skipped;
            continue;
        }
        std::mt19937 rng(k_seed + static_cast<unsigned>(i));  // the same writing of a character in every run
        auto noisy = write_like_a_finger(*clean, rng);
        samples.push_back({level1[i], std::move(*clean), std::move(noisy)});
    }
    std::size_t points = 0, strokes = 0;
    for (const Sample& sample : samples)
        for (const Stroke& stroke : sample.noisy)
            points += stroke.size(), ++strokes;
    std::printf("characters: %zu of GB2312 level 1 (%zu) tested, %d skipped (no data in %s)\n", samples.size(),
                level1.size(), skipped, dir.c_str());
    if (samples.empty())
        return 1;
    std::printf("noisy writing: %.1f points per stroke on average, seed %u\n", double(points) / strokes, k_seed);

    zinnia_recognizer_t* zinnia = zinnia_recognizer_new();
    if (!zinnia_recognizer_open(zinnia, k_zinnia_model)) {
        std::fprintf(stderr, "bench: %s: %s\n", k_zinnia_model, zinnia_recognizer_strerror(zinnia));
        return 1;
    }
    auto ours = [](const StrokeShaping& shaping) -> Recognize {
        auto recognizer = std::make_shared<HandwritingRecognizer>(HandwritingRecognizer::open(k_zinnia_model, shaping).value());
        return [recognizer](const std::vector<Stroke>& strokes) { return recognizer->recognize(strokes, k_candidates); };
    };
    const Recognize raw = [zinnia](const std::vector<Stroke>& strokes) { return raw_zinnia(zinnia, strokes); };

    for (bool noisy : {false, true}) {
        const char* input = noisy ? "noisy" : "clean";
        Score raw_score = measure(samples, noisy, raw);
        print(input, "raw Zinnia", raw_score);
        Score our_score = measure(samples, noisy, ours({}));
        print(input, "HandwritingRecognizer", our_score);
    }

    if (steps) {
        struct Variant { std::string name; StrokeShaping shaping; };
        std::vector<Variant> variants;
        auto with = [&](std::string name, auto change) {
            StrokeShaping shaping;
            change(shaping);
            variants.push_back({std::move(name), shaping});
        };
        with("without normalising", [](StrokeShaping& s) { s.normalise = false; });
        with("normalised to fill 0.9", [](StrokeShaping& s) { s.fill = 0.9f; });
        with("normalised to the box's middle (y 500)", [](StrokeShaping& s) { s.centre_y = 500; });
        with("without resampling and smoothing", [](StrokeShaping& s) { s.smooth = false; });
        with("key points: Zinnia's own (12-point cap only)", [](StrokeShaping& s) { s.key_point_tolerance = 0; });
        with("key point tolerance 20", [](StrokeShaping& s) { s.key_point_tolerance = 20; });
        with("key point tolerance 60", [](StrokeShaping& s) { s.key_point_tolerance = 60; });
        for (const Variant& variant : variants)
            for (bool noisy : {false, true}) {
                Score score = measure(samples, noisy, ours(variant.shaping));
                print(noisy ? "noisy" : "clean", variant.name, score);
            }
    }
    zinnia_recognizer_destroy(zinnia);
    return 0;
}
