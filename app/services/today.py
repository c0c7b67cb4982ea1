"""今日受理: the cases opened today, each service's state, and time against the half working day.

Time counts in working hours (``app.working_hours``): from the opening of the case until now, or
until the case is completed. A case past ``target`` (4 working hours) is ``late``. The board also
says how deep the sync queue is and when the last sync succeeded, read from the local outbox only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.case.enums import ServiceCode
from app.ports import CaseHit, CaseQuery
from app.syncing.model import UNSENT, OutboxStore
from app.unit_of_work import UnitOfWork
from app.working_hours import DESK_HOURS, WorkingHours

BOARD_LIMIT = 200  # more than any desk opens in a day


@dataclass(frozen=True)
class TodayCase:
    case: CaseHit
    services: tuple[tuple[str, str], ...]  # (service code, status) of requested services, in order
    elapsed: dt.timedelta  # working time since opening (until completion when completed)
    target: dt.timedelta
    finished: bool  # completed or rejected: the clock has stopped

    @property
    def late(self) -> bool:
        return self.elapsed > self.target

    @property
    def draft(self) -> bool:
        return self.case.status == "draft"


@dataclass(frozen=True)
class TodayBoard:
    day: dt.date  # the desk's local day
    cases: tuple[TodayCase, ...]  # newest opened first
    queue_depth: int  # submissions still to send (waiting or pending)
    last_sync_success_at: dt.datetime | None
    working_hours: str  # e.g. "08:30-12:00, 13:30-17:30"


def today_board(
    uow: UnitOfWork, outbox: OutboxStore, *, now: dt.datetime, hours: WorkingHours = DESK_HOURS
) -> TodayBoard:
    """Read only: call inside ``with uow:``."""
    start, end = hours.day_bounds(now)
    hits = uow.cases.search(CaseQuery(opened_from=start, opened_until=end), limit=BOARD_LIMIT)
    counts = outbox.counts()
    return TodayBoard(
        day=now.astimezone(hours.zone).date(),
        cases=tuple(today_case(hit, now, hours) for hit in hits),
        queue_depth=sum(counts.get(state, 0) for state in UNSENT),
        last_sync_success_at=outbox.state().last_success_at,
        working_hours=", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours.sessions),
    )


def today_case(hit: CaseHit, now: dt.datetime, hours: WorkingHours = DESK_HOURS) -> TodayCase:
    stop = hit.completed_at if hit.completed_at is not None else now
    order = {code.value: index for index, code in enumerate(ServiceCode)}
    services = tuple(sorted(hit.services.items(), key=lambda item: order.get(item[0], len(order))))
    return TodayCase(
        case=hit,
        services=services,
        elapsed=hours.elapsed(hit.created_at, stop),
        target=hours.target,
        finished=hit.completed_at is not None,
    )
