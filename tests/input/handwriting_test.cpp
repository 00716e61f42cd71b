// Handwriting recognition with the real Zinnia model, on 12 characters written from their stroke
// medians (tests/input/data/strokes.json) the way a finger would: small, off-centre, slanted,
// jittery and unevenly sampled. Fixed seeds, no network; the whole file runs in well under 2 s.
#include "input/handwriting.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <string>

using namespace linli::input;

namespace {

// The fixture's characters in the writing box (0-1000, y down), as hanzi-writer-data draws them
// (1024 box, y up, y = 900 at the top).
const std::map<std::string, std::vector<Stroke>>& fixture()
{
    static const auto characters = [] {
        std::ifstream in(LINLI_SOURCE_DIR "/tests/input/data/strokes.json");
        const auto json = nlohmann::json::parse(in);
        std::map<std::string, std::vector<Stroke>> out;
        for (const auto& [hanzi, medians] : json.items())
            for (const auto& median : medians) {
                Stroke& stroke = out[hanzi].emplace_back();
                for (const auto& p : median)
                    stroke.push_back({p[0].get<float>() * 1000 / 1024, (900 - p[1].get<float>()) * 1000 / 1024});
            }
        return out;
    }();
    return characters;
}

const HandwritingRecognizer& recognizer()
{
    static const HandwritingRecognizer opened = HandwritingRecognizer::open().value();
    return opened;
}

// Scaled by `scale` about the box's origin, then moved by (dx, dy).
std::vector<Stroke> placed(const std::vector<Stroke>& strokes, float scale, float dx, float dy)
{
    std::vector<Stroke> out = strokes;
    for (Stroke& stroke : out)
        for (StrokePoint& p : stroke)
            p = {p.x * scale + dx, p.y * scale + dy};
    return out;
}

// A finger's writing: 0.5-1.0 of the box anywhere in it, sheared by up to 0.15, the medians
// walked in steps of 3-40 units (a touchscreen samples in time; the finger's speed varies), every
// point off by up to 4 units.
std::vector<Stroke> written_by_finger(const std::vector<Stroke>& strokes, std::mt19937& rng)
{
    auto uniform = [&](float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng); };
    const float scale = uniform(0.5f, 1.0f), shear = uniform(-0.15f, 0.15f);
    const float dx = uniform(0, 1000 * (1 - scale)), dy = uniform(0, 1000 * (1 - scale));
    std::vector<Stroke> out;
    for (const Stroke& median : placed(strokes, scale, dx, dy)) {
        Stroke& stroke = out.emplace_back();
        auto touch = [&](StrokePoint p) {
            stroke.push_back({p.x + shear * (p.y - dy - 500 * scale) + uniform(-4, 4), p.y + uniform(-4, 4)});
        };
        touch(median.front());
        for (std::size_t i = 1; i < median.size(); ++i) {
            const StrokePoint a = median[i - 1], b = median[i];
            const float length = std::hypot(b.x - a.x, b.y - a.y);
            for (float along = uniform(3, 40); along < length; along += uniform(3, 40))
                touch({a.x + (b.x - a.x) * along / length, a.y + (b.y - a.y) * along / length});
            touch(b);
        }
    }
    return out;
}

bool contains(const std::vector<std::string>& candidates, const std::string& hanzi)
{
    return std::find(candidates.begin(), candidates.end(), hanzi) != candidates.end();
}

}  // namespace

TEST_CASE("handwriting: the model opens and nothing written gives no candidates", "[input]")
{
    REQUIRE(HandwritingRecognizer::open());
    CHECK(recognizer().recognize({}).empty());
    CHECK(recognizer().recognize({{}, {}}).empty());  // strokes without points
    CHECK(recognizer().recognize({{{NAN, 3}, {INFINITY, 4}}}).empty());
    CHECK(recognizer().recognize(fixture().at("口"), 0).empty());
}

TEST_CASE("handwriting: a bad model path is an error naming the path", "[input]")
{
    const auto opened = HandwritingRecognizer::open("/nonexistent/handwriting.model");
    REQUIRE_FALSE(opened);
    CHECK(opened.error().kind == linli::ErrorKind::Internal);
    CHECK_THAT(opened.error().message, Catch::Contains("/nonexistent/handwriting.model"));
    CHECK_THAT(opened.error().message, Catch::StartsWith("handwriting: "));
}

namespace {

long rss_file_kb()
{
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("RssFile:", 0) == 0) return std::stol(line.substr(8));
    return -1;
}

}  // namespace

TEST_CASE("handwriting: the 27 MB model leaves the kiosk's memory between strokes", "[input]")
{
    // Each recognition reads the whole model; kept mapped, it would sit in the kiosk's memory
    // while the glyph atlas grows for the candidates (issue 11's memory budget).
    const long before = rss_file_kb();
    REQUIRE(before > 0);
    auto opened = HandwritingRecognizer::open();
    REQUIRE(opened);
    for (int i = 0; i < 3; ++i) CHECK(opened.value().recognize(fixture().at("口"), 10).size() == 10);
    CHECK(rss_file_kb() - before < 4 * 1024);
}

TEST_CASE("handwriting: each fixture character written by a finger is among the first 10 candidates", "[input]")
{
    REQUIRE(fixture().size() == 12);
    for (const auto& [hanzi, strokes] : fixture()) {
        CAPTURE(hanzi);
        CHECK(recognizer().recognize(strokes, 1).at(0) == hanzi);  // written cleanly: the first
        for (unsigned seed = 1; seed <= 3; ++seed) {
            CAPTURE(seed);
            std::mt19937 rng(seed);
            const auto candidates = recognizer().recognize(written_by_finger(strokes, rng), 10);
            CHECK(candidates.size() == 10);
            CHECK(contains(candidates, hanzi));
        }
    }
}

TEST_CASE("handwriting: candidates are single UTF-8 characters, at most as many as asked", "[input]")
{
    const auto candidates = recognizer().recognize(fixture().at("你"), 5);
    CHECK(candidates.size() == 5);
    for (const std::string& candidate : candidates) {
        CAPTURE(candidate);
        CHECK(candidate.size() == 3);  // every GB2312 hanzi is in the BMP's CJK block: 3 bytes
        CHECK((static_cast<unsigned char>(candidate[0]) & 0xF0) == 0xE0);
    }
    CHECK(recognizer().recognize(fixture().at("你")).size() == 20);
}

TEST_CASE("handwriting: where and how large a character is written does not change the best candidate", "[input]")
{
    for (const auto& [hanzi, strokes] : fixture()) {
        CAPTURE(hanzi);
        const std::string centred = recognizer().recognize(strokes, 1).at(0);
        CHECK(recognizer().recognize(placed(strokes, 0.4f, 10, 20), 1).at(0) == centred);     // small, top left
        CHECK(recognizer().recognize(placed(strokes, 0.6f, 390, 380), 1).at(0) == centred);   // bottom right
        CHECK(recognizer().recognize(placed(strokes, 2.0f, -500, -500), 1).at(0) == centred); // beyond the box
    }
}

TEST_CASE("handwriting: a moved-from recognizer answers nothing, the moved-to one recognises", "[input]")
{
    auto opened = HandwritingRecognizer::open();
    REQUIRE(opened);
    HandwritingRecognizer moved = std::move(*opened);
    CHECK(opened->recognize(fixture().at("马")).empty());
    CHECK(moved.recognize(fixture().at("马"), 1).at(0) == "马");
}

TEST_CASE("handwriting: a scribble of 60 strokes of 500 points each stays bounded", "[input]")
{
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> anywhere(-50, 1050);
    std::vector<Stroke> scribble(60);
    for (std::size_t s = 0; s < scribble.size(); ++s)
        for (int i = 0; i < 500; ++i) {
            if (s % 2 == 0) {  // a spiral: the worst case for Zinnia's recursive splitting
                const float angle = i * 0.3f, radius = 2 + i * 0.9f;
                scribble[s].push_back({500 + radius * std::cos(angle), 500 + radius * std::sin(angle)});
            } else {
                scribble[s].push_back({anywhere(rng), anywhere(rng)});
            }
        }
    const auto shaped = shape_strokes(scribble);
    CHECK(shaped.size() == k_max_strokes);
    for (const Stroke& stroke : shaped) {
        CHECK(!stroke.empty());
        CHECK(stroke.size() <= k_max_stroke_points);
    }
    CHECK(recognizer().recognize(scribble).size() == 20);
    scribble[3].push_back({1e30f, -1e30f});  // far outside the box: clamped, not overflowing
    CHECK(recognizer().recognize(scribble).size() == 20);
}

TEST_CASE("handwriting: shaping centres the character at a standard size and keeps its aspect", "[input]")
{
    // 一 written small in a corner: a horizontal line, as wide as any character, in the middle.
    const auto shaped = shape_strokes({{{10, 30}, {60, 31}, {110, 30}}});
    REQUIRE(shaped.size() == 1);
    const Stroke& line = shaped[0];
    REQUIRE(line.size() == 2);  // straight: its two ends are its key points
    const StrokeShaping defaults;
    CHECK(line[1].x - line[0].x == Approx(defaults.fill * k_writing_box).margin(1));
    CHECK(std::fabs(line[1].y - line[0].y) < 10);
    CHECK((line[0].x + line[1].x) / 2 == Approx(k_writing_box / 2).margin(1));
    // A tap is a stroke of one point, where the character's middle goes.
    const auto tap = shape_strokes({{{700, 700}, {700, 700}}});
    REQUIRE(tap.size() == 1);
    CHECK(tap[0].size() == 1);
}
