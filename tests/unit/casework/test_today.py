"""今日受理: today's cases with services in order, working time against 4 h, queue and last sync."""

from __future__ import annotations

import datetime as dt

from app.case.interchange import dump_case
from app.case.summary import case_summary, lookup_keys
from app.ports import CaseHit
from app.services.today import today_board, today_case
from app.working_hours import CHINA_TIME
from tests.integration.sync.support import DeskStore
from tests.unit.casework.support import cases

MONDAY_9 = dt.datetime(2026, 11, 30, 9, 0, tzinfo=CHINA_TIME)


def test_a_case_counts_working_time_until_completed() -> None:
    hit = CaseHit("SG1", "寿光市甲有限公司", "llc", "accepted", {"tax": "accepted", "license": "completed"})
    opened = CaseHit(**{**hit.__dict__, "created_at": MONDAY_9})
    running = today_case(opened, MONDAY_9 + dt.timedelta(hours=5))  # 14:00: 3 h morning + 0.5 h
    assert running.elapsed == dt.timedelta(hours=3, minutes=30)
    assert not running.late
    assert running.services == (("license", "completed"), ("tax", "accepted"))
    late = today_case(opened, MONDAY_9 + dt.timedelta(hours=6))
    assert late.late
    done = CaseHit(**{**opened.__dict__, "completed_at": MONDAY_9 + dt.timedelta(hours=1)})
    assert today_case(done, MONDAY_9 + dt.timedelta(days=3)).elapsed == dt.timedelta(hours=1)


def test_the_board_lists_only_cases_opened_today_with_the_queue(store: DeskStore) -> None:
    found = cases(6)
    today_ids = {found[0].case_id, found[1].case_id}
    with store.outbox() as (uow, _):
        for index, case in enumerate(found):
            opened = (
                MONDAY_9 + dt.timedelta(minutes=index)
                if case.case_id in today_ids
                else MONDAY_9 - dt.timedelta(days=3)
            )
            moved = case.model_copy(update={"created_at": opened})
            uow.cases.add(dump_case(moved), case_summary(moved), lookup_keys(moved))
        uow.commit()
    with store.outbox() as (uow, outbox):
        board = today_board(uow, outbox, now=MONDAY_9 + dt.timedelta(hours=1))
    assert board.day == dt.date(2026, 11, 30)
    assert [item.case.case_id for item in board.cases] == [found[1].case_id, found[0].case_id]
    assert board.queue_depth == 0
    assert board.last_sync_success_at is None
    assert board.working_hours == "08:30-12:00, 13:30-17:30"
