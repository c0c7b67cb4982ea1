"""The desk's working hours and the "half a working day" target of a case (半个工作日办结).

The 企业开办专区 counts time in working hours, in the desk's local time (Asia/Shanghai for
Shouguang): Monday to Friday, 08:30-12:00 and 13:30-17:30, 7.5 hours a day. Half a working day is
taken as 4 working hours. A case opened at 16:00 on Friday has used 1.5 h by the close and reaches
its target at 11:00 on Monday (``deadline``: the receipt's 预计办结). Public holidays and swapped
working weekends (调休) are not known to the desk and count as ordinary days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.clock import DESK_ZONE

CHINA_TIME = DESK_ZONE
_DAYS_SEARCHED = 366
_WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


@dataclass(frozen=True)
class WorkingHours:
    """Working sessions of a weekday, the weekdays (Monday = 0) and the time zone they are in."""

    sessions: tuple[tuple[dt.time, dt.time], ...] = (
        (dt.time(8, 30), dt.time(12, 0)),
        (dt.time(13, 30), dt.time(17, 30)),
    )
    weekdays: frozenset[int] = frozenset(range(5))
    zone: dt.tzinfo = CHINA_TIME
    target: dt.timedelta = dt.timedelta(hours=4)  # half a working day

    def elapsed(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Working time between two aware moments (zero when ``end`` is not after ``start``)."""
        first, last = start.astimezone(self.zone), end.astimezone(self.zone)
        total = dt.timedelta()
        day = first.date()
        while day <= last.date():
            if day.weekday() in self.weekdays:
                total += self._overlap(day, first, last)
            day += dt.timedelta(days=1)
        return total

    def deadline(self, start: dt.datetime, work: dt.timedelta | None = None) -> dt.datetime:
        """The moment ``work`` (default: ``target``) of working time has passed since ``start``.

        Work left at a session's close goes on at the next session (after lunch, the next working
        day); a start outside the working hours begins at the next opening. The answer is local time.
        """
        left = self.target if work is None else work
        moment = start.astimezone(self.zone)
        day = moment.date()
        for _ in range(_DAYS_SEARCHED):
            if day.weekday() in self.weekdays:
                for opens, closes in self.sessions:
                    begin = max(moment, dt.datetime.combine(day, opens, self.zone))
                    end = dt.datetime.combine(day, closes, self.zone)
                    if end <= begin:
                        continue
                    if left <= end - begin:
                        return begin + left
                    left -= end - begin
            day += dt.timedelta(days=1)
        raise ValueError("no working hours in a year: the desk's working hours are empty")

    def describe(self) -> str:
        """The hours as the founder reads them: 周一至周五 08:30-12:00、13:30-17:30."""
        days = (
            "周一至周五"
            if self.weekdays == frozenset(range(5))
            else "、".join(_WEEKDAY_NAMES[d] for d in sorted(self.weekdays))
        )
        return f"{days} " + "、".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.sessions)

    def _overlap(self, day: dt.date, first: dt.datetime, last: dt.datetime) -> dt.timedelta:
        found = dt.timedelta()
        for opens, closes in self.sessions:
            begin = max(first, dt.datetime.combine(day, opens, self.zone))
            end = min(last, dt.datetime.combine(day, closes, self.zone))
            if end > begin:
                found += end - begin
        return found

    def day_bounds(self, moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
        """The local calendar day holding ``moment``, as [start, next start) in UTC."""
        local = moment.astimezone(self.zone).date()
        start = dt.datetime.combine(local, dt.time(0), self.zone)
        return start.astimezone(dt.UTC), (start + dt.timedelta(days=1)).astimezone(dt.UTC)

    def date_bounds(self, first: dt.date | None, last: dt.date | None) -> tuple[dt.datetime | None, ...]:
        """Local dates [first, last] (both inclusive) as UTC [from, until); None stays open."""
        start = dt.datetime.combine(first, dt.time(0), self.zone).astimezone(dt.UTC) if first else None
        end = (
            dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), self.zone).astimezone(dt.UTC)
            if last
            else None
        )
        return start, end


DESK_HOURS = WorkingHours()
