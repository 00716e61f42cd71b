// Screen rotation geometry: the picture's corners land on the right corners of the panel for
// each quarter turn, and a touch maps back to the point of the picture under the finger.
#include "core/screen_rotation.hpp"

#include <catch2/catch.hpp>

using namespace linli;

namespace {

bool same(Point2 a, Point2 b) { return a.x == Approx(b.x) && a.y == Approx(b.y); }

}  // namespace

TEST_CASE("a portrait picture on a landscape panel: sizes swap for quarter turns only", "[core]")
{
    ScreenRotation none(0, 1920, 1080), quarter(90, 1920, 1080), half(180, 1920, 1080), three(270, 1920, 1080);
    CHECK((none.logical_width() == 1920 && none.logical_height() == 1080));
    CHECK((quarter.logical_width() == 1080 && quarter.logical_height() == 1920));
    CHECK((half.logical_width() == 1920 && half.logical_height() == 1080));
    CHECK((three.logical_width() == 1080 && three.logical_height() == 1920));
    CHECK_FALSE(none.turned());
    CHECK(quarter.sideways());
    CHECK_FALSE(half.sideways());
    // A value the config would have refused is no rotation at all, not a garbled one.
    CHECK(ScreenRotation(45, 1920, 1080).degrees() == 0);
}

TEST_CASE("the picture's top-left corner lands where a turned screen shows its top-left", "[core]")
{
    // 90: turned clockwise, the picture's top edge runs down the panel's right edge.
    ScreenRotation quarter(90, 1920, 1080);
    CHECK(same(quarter.to_physical({0, 0}), {1920, 0}));
    CHECK(same(quarter.to_physical({1080, 0}), {1920, 1080}));
    CHECK(same(quarter.to_physical({0, 1920}), {0, 0}));
    ScreenRotation half(180, 1920, 1080);
    CHECK(same(half.to_physical({0, 0}), {1920, 1080}));
    CHECK(same(half.to_physical({1920, 1080}), {0, 0}));
    ScreenRotation three(270, 1920, 1080);
    CHECK(same(three.to_physical({0, 0}), {0, 1080}));
    CHECK(same(three.to_physical({1080, 0}), {0, 0}));
    CHECK(same(three.to_physical({0, 1920}), {1920, 1080}));
}

TEST_CASE("a touch maps back to the point of the picture under the finger", "[core]")
{
    for (int degrees : {0, 90, 180, 270}) {
        ScreenRotation r(degrees, 1280, 800);
        for (Point2 p : {Point2{0, 0}, Point2{100, 700}, Point2{799.5f, 3}, Point2{400, 640}}) {
            if (!r.sideways() && p.x > 1280) continue;
            INFO("rotation " << degrees << " at " << p.x << "," << p.y);
            CHECK(same(r.to_logical(r.to_physical(p)), p));
            CHECK(same(r.to_physical(r.to_logical(p)), p));
        }
    }
    // A touch near the panel's top-right corner is near the picture's top-left one at 90 degrees.
    CHECK(same(ScreenRotation(90, 1280, 800).to_logical({1270, 10}), {10, 10}));
}
