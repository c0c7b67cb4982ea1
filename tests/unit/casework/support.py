"""Realistic fictitious cases stored in the real store, for the case-screen services' tests."""

from __future__ import annotations

import datetime as dt

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case, parse_case
from app.case.model import Case
from app.case.summary import case_summary, lookup_keys
from app.seed import generate_cases
from app.services.submission import submit_case
from app.syncing.apply import update_case
from app.syncing.ports import StatusEvent
from tests.integration.sync.support import DeskStore

TODAY = dt.date(2026, 11, 26)
REASON = "住所（经营场所）门牌号与不动产登记信息不一致，请核对后重新提交。"


def cases(n: int = 24, *, seed: int = 5) -> list[Case]:
    return generate_cases(n, seed=seed, today=TODAY)


def store_cases(store: DeskStore, found: list[Case]) -> None:
    with store.outbox() as (uow, _):
        for case in found:
            uow.cases.add(dump_case(case), case_summary(case), lookup_keys(case))
        uow.commit()


def load(store: DeskStore, case_id: str) -> Case:
    with store.outbox() as (uow, _):
        stored = uow.cases.get(case_id)
    assert stored is not None
    return parse_case(stored.document)


def licence_needing_correction(store: DeskStore) -> Case:
    """A ready case submitted, its licence sent back for 补正 by the agency (as the sync applies it)."""
    ready = next(c for c in cases(48, seed=11) if c.status is Status.READY)
    store_cases(store, [ready])
    with store.unit() as uow:
        submit_case(uow, ready.case_id, by="clerk1")
    with store.outbox() as (uow, outbox):
        entry = outbox.latest(ready.case_id, ServiceCode.LICENSE.value)
        assert entry is not None
        outbox.mark(entry.idempotency_key, "needs_correction", now=dt.datetime.now(dt.UTC), reasons=[REASON])
        event = StatusEvent(1, entry.idempotency_key, ready.case_id, "license", "needs_correction", (REASON,))
        update_case(uow, entry, event)
        uow.commit()
    return load(store, ready.case_id)
