"""Applying the platform's status feed: to the outbox, to the cases, and to waiting submissions.

Each page is applied in one transaction together with the new cursor, so every outcome is applied
exactly once, in the platform's order. An outcome moves an outbox row forward, never back. It
reaches the case only when it concerns the newest submission of that service (an old submission's
late answer never undoes a correction), through ``update_case``, which leaves alone a service the
clerk is editing. When a completion arrives, the submissions waiting for it get their payload,
built from the case as it now stands (with the USCC, the account number), and become due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from app.errors import BizdeskError
from app.syncing.model import PROGRESS, OutboxEntry, OutboxState, OutboxStore
from app.syncing.model import SyncUnitOfWork as UnitOfWork
from app.syncing.ports import StatusEvent

CaseUpdater = Callable[[UnitOfWork, OutboxEntry, StatusEvent], None]
# (unit of work, case id, services) -> service -> payload, built from the case as it stands; None: case gone.
PayloadBuilder = Callable[[UnitOfWork, str, Sequence[str]], Mapping[str, Mapping[str, Any]] | None]

FEED_STATE: Mapping[str, OutboxState] = {
    "accepted": "accepted",
    "needs_correction": "needs_correction",
    "rejected": "rejected",
    "completed": "completed",
}


class StatusApplier:
    def __init__(self, update_case: CaseUpdater | None, build_payload: PayloadBuilder | None) -> None:
        self._update_case = update_case
        self._build_payload = build_payload

    def apply(
        self, uow: UnitOfWork, store: OutboxStore, events: Sequence[StatusEvent], now: dt.datetime
    ) -> int:
        """Apply a page of events; returns how many waiting submissions got their payload."""
        entries = store.get_many([event.idempotency_key for event in events])
        latest = store.latest_keys({entry.case_id for entry in entries.values()})
        completed: dict[str, None] = {}
        for event in events:
            entry = entries.get(event.idempotency_key)
            if entry is None:
                continue  # not this desk's submission: nothing to update
            self._apply_one(uow, store, entry, event, now)
            if latest.get((entry.case_id, entry.service)) == entry.idempotency_key:
                self._to_case(uow, store, entry, event, now)
            if event.status == "completed":
                completed[entry.case_id] = None
        return self.build_ready(uow, store, list(completed), now)

    @staticmethod
    def _apply_one(
        uow: UnitOfWork, store: OutboxStore, entry: OutboxEntry, event: StatusEvent, now: dt.datetime
    ) -> None:
        target = FEED_STATE[event.status]
        if PROGRESS[target] >= PROGRESS[entry.state]:
            results = dict(event.results) or dict(entry.results)
            reasons = event.reasons or entry.reasons
            if (target, results, tuple(reasons)) == (entry.state, dict(entry.results), entry.reasons):
                return  # already so (an acceptance the batch answer recorded): nothing to write
            store.mark(
                entry.idempotency_key,
                target,
                now=now,
                results=results,
                reasons=reasons,
            )

    def _to_case(
        self, uow: UnitOfWork, store: OutboxStore, entry: OutboxEntry, event: StatusEvent, now: dt.datetime
    ) -> None:
        if self._update_case is None:
            return
        try:
            self._update_case(uow, entry, event)
        except BizdeskError as error:  # recorded on the submission; never blocks the feed
            store.mark(
                entry.idempotency_key,
                FEED_STATE[event.status],
                now=now,
                last_error=f"case not updated: {error.message_en}",
            )
            details = {"service": entry.service, "status": event.status, "code": error.code}
            uow.audit.append("sync.case_update_failed", actor=None, subject=entry.case_id, details=details)

    def build_ready(
        self, uow: UnitOfWork, store: OutboxStore, case_ids: Sequence[str], now: dt.datetime
    ) -> int:
        """Give their payload to the waiting submissions of these cases whose dependencies are completed."""
        if self._build_payload is None or not case_ids:
            return 0
        by_case: dict[str, list[OutboxEntry]] = {}
        for entry in store.ready_to_build(case_ids):
            by_case.setdefault(entry.case_id, []).append(entry)
        built = 0
        for case_id, entries in by_case.items():
            payloads = self._build_payload(uow, case_id, [entry.service for entry in entries])
            for entry in entries:
                payload = None if payloads is None else payloads.get(entry.service)
                if payload is None:
                    store.mark(
                        entry.idempotency_key,
                        "quarantined",
                        now=now,
                        last_error="no payload: the case is gone",
                    )
                    continue
                store.fill(entry.idempotency_key, payload, now=now)
                built += 1
        return built
