"""Failed sign-ins under names that have no account, counted and locked like an account's.

Without this, five wrong tries lock a real account ("账户已被暂时锁定") and never an invented one, so
anyone at the PC could tell which names exist. The count lives in memory (at most ``LIMIT`` names,
the oldest forgotten first; a restart forgets them): nothing about a name that was never an account
is written to the store.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict

from app.accounts.passwords import lock_seconds, remaining_seconds

LIMIT = 1000


class UnknownNames:
    def __init__(self, limit: int = LIMIT) -> None:
        self._limit = limit
        self._failures: OrderedDict[str, tuple[int, dt.datetime | None]] = OrderedDict()
        self._lock = threading.Lock()

    def waiting(self, name: str, now: dt.datetime) -> int:
        """Seconds ``name`` is still locked for (0: not locked)."""
        with self._lock:
            _, until = self._failures.get(_key(name), (0, None))
        return remaining_seconds(until, now)

    def fail(self, name: str, now: dt.datetime) -> int:
        """Count one more failure of ``name``; the seconds it is now locked for (0: not locked)."""
        key = _key(name)
        with self._lock:
            failures = self._failures.pop(key, (0, None))[0] + 1
            seconds = lock_seconds(failures)
            self._failures[key] = (failures, now + dt.timedelta(seconds=seconds) if seconds else None)
            while len(self._failures) > self._limit:
                self._failures.popitem(last=False)
        return seconds


def _key(name: str) -> str:
    return name.strip().casefold()
