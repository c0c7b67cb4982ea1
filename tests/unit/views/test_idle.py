"""The idle timer that locks the desk."""

from __future__ import annotations

from views.idle import IdleTimer


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_expires_after_the_limit_and_activity_restarts_it() -> None:
    clock = Clock()
    timer = IdleTimer(300, clock)
    clock.now += 299
    assert not timer.expired()
    assert timer.seconds_left() == 1
    timer.touch()
    clock.now += 299
    assert not timer.expired()
    clock.now += 1
    assert timer.expired()
    assert timer.seconds_left() == 0


def test_zero_limit_never_locks() -> None:
    clock = Clock()
    timer = IdleTimer(0, clock)
    clock.now += 10**6
    assert not timer.expired()
    assert timer.seconds_left() is None


def test_clock_going_backwards_counts_as_no_idle_time() -> None:
    clock = Clock()
    timer = IdleTimer(60, clock)
    clock.now -= 500
    assert timer.idle_seconds() == 0
    assert not timer.expired()
