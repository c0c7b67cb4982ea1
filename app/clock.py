"""The one clock port: ``Clock`` is any callable giving an aware UTC time; ``utc_now`` is the real one.

Services, the store, the sync engine and the sandbox take a ``Clock`` argument (default ``utc_now``),
so tests pass a fixed or stepping clock instead of waiting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """Now, in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)
