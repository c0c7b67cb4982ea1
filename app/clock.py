"""The one clock port: ``Clock`` is any callable giving an aware UTC time; ``utc_now`` is the real one.

Services, the store, the sync engine and the sandbox take a ``Clock`` argument (default ``utc_now``),
so tests pass a fixed or stepping clock instead of waiting.

The desk's calendar is Shouguang's (``DESK_ZONE``, China Standard Time, UTC+8, no daylight saving),
whatever time zone the PC is set to: "today" for the rules, a case's number, 今日受理 and the receipt
are one day, ``desk_date``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

Clock = Callable[[], dt.datetime]

DESK_ZONE = dt.timezone(dt.timedelta(hours=8), "CST")  # 寿光: China Standard Time


def utc_now() -> dt.datetime:
    """Now, in UTC (timezone-aware)."""
    return dt.datetime.now(dt.UTC)


def desk_date(moment: dt.datetime) -> dt.date:
    """The desk's calendar day holding the aware ``moment``."""
    return moment.astimezone(DESK_ZONE).date()


def desk_time(moment: dt.datetime) -> dt.datetime:
    """The aware ``moment`` on the desk's clock face (for display)."""
    return moment.astimezone(DESK_ZONE)


def desk_today(clock: Clock = utc_now) -> dt.date:
    """Today on the desk's calendar."""
    return desk_date(clock())
