#include "core/contrast.hpp"

#include <catch2/catch.hpp>

using namespace linli;

TEST_CASE("contrast: black on white is 21:1, a colour on itself 1:1, and the order does not matter", "[core]")
{
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio({120, 72, 160}, {120, 72, 160}) == Approx(1.0));
    CHECK(contrast_ratio({255, 255, 255}, {0, 0, 0}) == Approx(21.0));
    // WCAG's own example values: #777777 on white is 4.48:1.
    CHECK(contrast_ratio({0x77, 0x77, 0x77}, {255, 255, 255}) == Approx(4.48).epsilon(0.005));
    CHECK(relative_luminance({255, 255, 255}) == Approx(1.0));
}
