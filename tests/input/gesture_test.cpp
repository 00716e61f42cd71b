// Gesture tracker and kinetic scroll, driven with made-up timestamps as the event loop would.
#include "input/gesture.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace linli::input;

namespace {

// A steady swipe from `from` with velocity (px/s) for duration_ms, one event every step_ms.
void swipe(GestureTracker& tracker, Vec2 from, Vec2 velocity, int64_t t0, int64_t duration_ms,
           int64_t step_ms = 8)
{
    tracker.pointer_down(from, t0);
    for (int64_t t = step_ms; t <= duration_ms; t += step_ms)
        tracker.pointer_move({from.x + velocity.x * t / 1000.0f, from.y + velocity.y * t / 1000.0f}, t0 + t);
}

}  // namespace

TEST_CASE("gesture: a touch that stays within the threshold is a tap at the press position", "[input]")
{
    GestureTracker tracker;
    tracker.pointer_down({100, 100}, 0);
    CHECK(tracker.phase() == GesturePhase::Pressed);
    tracker.pointer_move({110, 105}, 40);
    tracker.pointer_move({100, 116}, 60);  // exactly 16 px away: still within
    CHECK(tracker.phase() == GesturePhase::Pressed);
    tracker.pointer_up({108, 104}, 100);
    CHECK(tracker.phase() == GesturePhase::Idle);
    auto tap = tracker.take_tap();
    REQUIRE(tap);
    CHECK(tap->x == 100);
    CHECK(tap->y == 100);
    CHECK_FALSE(tracker.take_tap());  // taken once
    CHECK_FALSE(tracker.take_fling_velocity());
    const Vec2 delta = tracker.take_drag_delta();
    CHECK((delta.x == 0 && delta.y == 0));
}

TEST_CASE("gesture: moving past the threshold is a drag and never a tap", "[input]")
{
    GestureTracker tracker;
    tracker.pointer_down({100, 100}, 0);
    tracker.pointer_move({100, 116.5f}, 30);
    CHECK(tracker.phase() == GesturePhase::Dragging);
    tracker.pointer_move({100, 101}, 200);  // back near the start: still a drag
    tracker.pointer_up({100, 100}, 400);
    CHECK_FALSE(tracker.take_tap());

    // A jump past the threshold reported only with the lift is a drag too.
    tracker.pointer_down({10, 10}, 1000);
    tracker.pointer_up({40, 10}, 1050);
    CHECK_FALSE(tracker.take_tap());
}

TEST_CASE("gesture: drag deltas add up to the finger's travel, threshold jump included", "[input]")
{
    GestureTracker tracker;
    tracker.pointer_down({500, 800}, 0);
    Vec2 total;
    auto take = [&] {
        const Vec2 delta = tracker.take_drag_delta();
        total.x += delta.x;
        total.y += delta.y;
    };
    tracker.pointer_move({500, 790}, 10);
    take();
    CHECK(total.y == 0);  // within the threshold the content does not move yet
    tracker.pointer_move({503, 780}, 20);
    take();
    CHECK(total.y == -20);  // the whole way from the press point, so content sits under the finger
    CHECK(total.x == 3);
    for (int i = 1; i <= 50; ++i) {
        tracker.pointer_move({503.0f - i, 780.0f - 7.0f * i}, 20 + 10 * i);
        if (i % 3 == 0) take();  // frames come at their own pace
    }
    tracker.pointer_up({450, 420}, 600);
    take();
    CHECK(total.x == Approx(450 - 500));
    CHECK(total.y == Approx(420 - 800));
}

TEST_CASE("gesture: a steady swipe flings at its own speed", "[input]")
{
    GestureTracker tracker;
    swipe(tracker, {960, 900}, {0, -1200}, 1000, 240);
    tracker.pointer_up({960, 900 - 1200 * 0.248f}, 1248);
    auto velocity = tracker.take_fling_velocity();
    REQUIRE(velocity);
    CHECK(velocity->x == Approx(0).margin(1));
    CHECK(velocity->y == Approx(-1200).epsilon(0.01));
    CHECK_FALSE(tracker.take_fling_velocity());

    // Sparse events (one move per 100 ms) still give the right speed.
    swipe(tracker, {100, 500}, {800, 0}, 5000, 300, 100);
    tracker.pointer_up({100 + 800 * 0.35f, 500}, 5350);
    velocity = tracker.take_fling_velocity();
    REQUIRE(velocity);
    CHECK(velocity->x == Approx(800).epsilon(0.01));
}

TEST_CASE("gesture: no fling after the finger rested or moved slowly", "[input]")
{
    GestureTracker tracker;
    swipe(tracker, {960, 900}, {0, -1500}, 0, 200);
    const Vec2 end{960, 900 - 1500 * 0.2f};
    for (int64_t t = 208; t <= 320; t += 8) tracker.pointer_move(end, t);  // holds still
    tracker.pointer_up(end, 330);
    CHECK_FALSE(tracker.take_fling_velocity());

    // Resting without any events in between.
    swipe(tracker, {960, 900}, {0, -1500}, 1000, 200);
    tracker.pointer_up(end, 1000 + 200 + 150);
    CHECK_FALSE(tracker.take_fling_velocity());

    // A slow, deliberate drag (40 px/s) is below min_fling_velocity.
    swipe(tracker, {100, 100}, {40, 0}, 5000, 1000, 16);
    tracker.pointer_up({100 + 40 * 1.008f, 100}, 6008);
    CHECK_FALSE(tracker.take_fling_velocity());
}

TEST_CASE("gesture: cancel forgets the touch and what it left pending", "[input]")
{
    GestureTracker tracker;
    tracker.pointer_down({50, 50}, 0);
    tracker.cancel();
    CHECK(tracker.phase() == GesturePhase::Idle);
    tracker.pointer_up({50, 50}, 100);
    CHECK_FALSE(tracker.take_tap());

    tracker.pointer_down({50, 50}, 200);
    tracker.pointer_up({50, 50}, 250);
    tracker.cancel();  // an idle reset before the frame took the tap
    CHECK_FALSE(tracker.take_tap());

    swipe(tracker, {0, 0}, {0, 2000}, 1000, 100);
    tracker.cancel();
    const Vec2 delta = tracker.take_drag_delta();
    CHECK((delta.x == 0 && delta.y == 0));
    CHECK_FALSE(tracker.take_fling_velocity());
}

TEST_CASE("gesture: press duration for the long press, moves while idle ignored", "[input]")
{
    GestureTracker tracker;
    CHECK(tracker.pressed_for_ms(5000) == 0);
    tracker.pointer_move({10, 10}, 10);  // a mouse hovering
    CHECK(tracker.phase() == GesturePhase::Idle);
    tracker.pointer_down({1900, 20}, 1000);
    CHECK(tracker.pressed_for_ms(1000) == 0);
    CHECK(tracker.pressed_for_ms(4000) >= GestureConfig{}.long_press_ms);
    CHECK(tracker.press_pos().x == 1900);
    tracker.pointer_move({1905, 22}, 2000);
    CHECK(tracker.current_pos().x == 1905);
    tracker.pointer_up({1905, 22}, 4100);
    CHECK(tracker.pressed_for_ms(4200) == 0);
}

TEST_CASE("gesture: timestamps going backwards never give a nonsense velocity", "[input]")
{
    GestureTracker tracker;
    tracker.pointer_down({0, 0}, 1000);
    tracker.pointer_move({0, 100}, 990);
    tracker.pointer_move({0, 200}, 980);
    tracker.pointer_up({0, 300}, 970);
    if (auto velocity = tracker.take_fling_velocity()) CHECK(std::isfinite(velocity->y));
}

TEST_CASE("kinetic scroll: a fling decays and stops in a finite number of frames", "[input]")
{
    KineticScroll scroll;
    scroll.fling(3000);
    CHECK(scroll.moving());
    int frames = 0;
    float previous = scroll.offset();
    while (scroll.step(1.0f / 60)) {
        CHECK(scroll.offset() > previous);
        previous = scroll.offset();
        REQUIRE(++frames < 600);
    }
    CHECK_FALSE(scroll.moving());
    CHECK(frames > 30);
    // Travel until the velocity falls to stop_velocity: (v0 - v_stop) / friction.
    CHECK(scroll.offset() == Approx((3000.0f - 20.0f) / 4.0f).epsilon(0.02));
    CHECK_FALSE(scroll.step(1.0f / 60));

    KineticScroll slow;
    slow.fling(10);  // below stop_velocity: nothing to do
    CHECK_FALSE(slow.moving());
}

TEST_CASE("kinetic scroll: the distance does not depend on the frame rate", "[input]")
{
    KineticScroll at60, at20;
    at60.fling(-2000);
    at20.fling(-2000);
    for (int i = 0; i < 30; ++i) at60.step(1.0f / 60);
    for (int i = 0; i < 10; ++i) at20.step(1.0f / 20);
    CHECK(at60.offset() == Approx(at20.offset()).epsilon(0.001));
}

TEST_CASE("kinetic scroll: limits clamp the offset and stop a fling at the edge", "[input]")
{
    KineticScroll scroll;
    scroll.set_limits(0, 500);
    scroll.fling(5000);
    while (scroll.step(1.0f / 60)) {}
    CHECK(scroll.offset() == 500);
    scroll.fling(3000);  // pushing against the edge goes nowhere
    CHECK_FALSE(scroll.moving());

    scroll.drag_by(-800);
    CHECK(scroll.offset() == 0);
    scroll.drag_by(120);
    CHECK(scroll.offset() == 120);

    scroll.fling(-4000);
    scroll.step(1.0f / 60);
    scroll.set_limits(0, 50);  // the content got shorter
    CHECK(scroll.offset() <= 50);

    scroll.set_limits(0, -100);  // content shorter than the view: pinned at the top
    CHECK(scroll.offset() == 0);
    scroll.set_offset(30);
    CHECK(scroll.offset() == 0);
}

TEST_CASE("kinetic scroll: a finger on the content stops the fling", "[input]")
{
    KineticScroll scroll;
    scroll.fling(1500);
    scroll.step(0.1f);
    const float at = scroll.offset();
    scroll.drag_by(-10);
    CHECK_FALSE(scroll.moving());
    CHECK(scroll.offset() == Approx(at - 10));
    scroll.fling(1500);
    scroll.stop();
    CHECK_FALSE(scroll.step(0.1f));
    scroll.set_offset(42);
    CHECK(scroll.offset() == 42);
}
