"""When the desk locks itself: a plain idle timer with an injectable clock."""

from __future__ import annotations

import time
from collections.abc import Callable

# How often the UI asks the timer whether it is time to lock.
CHECK_INTERVAL_SECONDS = 1.0


class IdleTimer:
    """Counts seconds since the last activity; ``limit_seconds <= 0`` means never lock."""

    def __init__(self, limit_seconds: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit_seconds = int(limit_seconds)
        self._clock = clock
        self._last_activity = clock()

    def touch(self) -> None:
        """Record activity (a key, a click, a field change)."""
        self._last_activity = self._clock()

    def idle_seconds(self) -> float:
        return max(0.0, self._clock() - self._last_activity)

    def expired(self) -> bool:
        return self.limit_seconds > 0 and self.idle_seconds() >= self.limit_seconds

    def seconds_left(self) -> float | None:
        """Seconds until the lock, or None when the desk never locks."""
        if self.limit_seconds <= 0:
            return None
        return max(0.0, self.limit_seconds - self.idle_seconds())
