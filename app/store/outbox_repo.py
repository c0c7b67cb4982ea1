"""``OutboxRepository``: the sync outbox and state on the encrypted store, in the unit of work's session.

Build it from the unit of work's session, ``OutboxRepository(uow.session)``, so that a case's change
and its outbox rows commit together.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.store.tables_sync import OutboxRow, SyncStateRow
from app.sync_model import (
    PLATFORM_ACCEPTED,
    UNSENT,
    Enrolled,
    NewSubmission,
    OutboxEntry,
    OutboxState,
    SyncState,
)
from app.sync_ports import AttachmentRef, FieldProblem
from app.sync_rules import SERVICE_CODES, canonical_json, content_sha256, idempotency_key

STATE_ROW_ID = 1
_JSON_FIELDS = ("receipt", "results")


def _rank(service: str, depends_on: Sequence[str]) -> int:
    return 0 if not depends_on else 1 + (1 if service == "housing_fund" else 0)


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        idempotency_key=row.idempotency_key,
        case_id=row.case_id,
        service=row.service,
        case_revision=row.case_revision,
        content_sha256=row.content_sha256,
        payload=json.loads(row.payload),
        payload_bytes=row.payload_bytes,
        depends_on=tuple(json.loads(row.depends_on)),
        attachments=tuple(AttachmentRef(**a) for a in json.loads(row.attachments)),
        state=row.state,  # type: ignore[arg-type]  # written from OutboxState only
        attempts=row.attempts,
        failures=row.failures,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        last_attempt_at=row.last_attempt_at,
        last_error=row.last_error,
        receipt=json.loads(row.receipt) if row.receipt else None,
        problems=tuple(FieldProblem(**p) for p in json.loads(row.problems or "[]")),
        reasons=tuple(json.loads(row.reasons or "[]")),
        results=json.loads(row.results or "{}"),
    )


class OutboxRepository:
    """``app.sync_model.OutboxStore`` over one SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, submission: NewSubmission, *, now: dt.datetime) -> OutboxEntry:
        if submission.service not in SERVICE_CODES:
            raise ValueError(f"unknown service {submission.service!r}")
        payload = canonical_json(submission.payload).decode("utf-8")
        digest = content_sha256(submission.payload)
        key = idempotency_key(submission.case_id, submission.service, submission.case_revision, digest)
        existing = self._row(key)
        if existing is not None:  # the same content queued again: one submission, not two
            return _entry(existing)
        self._session.execute(
            update(OutboxRow)
            .where(
                OutboxRow.case_id == submission.case_id,
                OutboxRow.service == submission.service,
                OutboxRow.state.in_(UNSENT | {"quarantined"}),
            )
            .values(state="superseded", updated_at=now)
        )
        row = OutboxRow(
            idempotency_key=key,
            case_id=submission.case_id,
            service=submission.service,
            rank=_rank(submission.service, submission.depends_on),
            case_revision=submission.case_revision,
            content_sha256=digest,
            payload=payload,
            payload_bytes=len(payload.encode("utf-8")),
            depends_on=json.dumps(list(submission.depends_on)),
            attachments=json.dumps([asdict(a) for a in submission.attachments]),
            state="waiting" if submission.depends_on else "pending",
            attempts=0,
            failures=0,
            next_attempt_at=now,
            created_by=submission.created_by,
            created_at=now,
            updated_at=now,
        )
        self._session.add(row)
        self._session.flush()
        if submission.depends_on:
            self.release_waiting(submission.case_id, now=now)
        return _entry(row)

    def _row(self, key: str) -> OutboxRow | None:
        return self._session.scalar(select(OutboxRow).where(OutboxRow.idempotency_key == key))

    def get(self, idempotency_key: str) -> OutboxEntry | None:
        row = self._row(idempotency_key)
        return None if row is None else _entry(row)

    def latest(self, case_id: str, service: str) -> OutboxEntry | None:
        row = self._session.scalar(
            select(OutboxRow)
            .where(
                OutboxRow.case_id == case_id, OutboxRow.service == service, OutboxRow.state != "superseded"
            )
            .order_by(OutboxRow.id.desc())
            .limit(1)
        )
        return None if row is None else _entry(row)

    def for_case(self, case_id: str) -> list[OutboxEntry]:
        rows = self._session.scalars(
            select(OutboxRow).where(OutboxRow.case_id == case_id).order_by(OutboxRow.id)
        )
        return [_entry(r) for r in rows]

    def due(self, now: dt.datetime, limit: int) -> list[OutboxEntry]:
        rows = self._session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state == "pending", OutboxRow.next_attempt_at <= now)
            .order_by(OutboxRow.rank, OutboxRow.id)
            .limit(limit)
        )
        return [_entry(r) for r in rows]

    def mark(self, idempotency_key: str, state: OutboxState, *, now: dt.datetime, **changes: Any) -> None:
        row = self._row(idempotency_key)
        if row is None:
            raise KeyError(idempotency_key)
        row.state = state
        row.updated_at = now
        for name, value in changes.items():
            if name in _JSON_FIELDS:
                value = None if value is None else json.dumps(dict(value), ensure_ascii=False)
            elif name == "problems":
                value = json.dumps([asdict(p) for p in value], ensure_ascii=False)
            elif name == "reasons":
                value = json.dumps(list(value), ensure_ascii=False)
            elif not hasattr(OutboxRow, name):
                raise AttributeError(name)
            setattr(row, name, value)
        self._session.flush()

    def note_attempt(self, keys: Sequence[str], *, now: dt.datetime, error: str | None) -> None:
        if not keys:
            return
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.idempotency_key.in_(list(keys)))
            .values(attempts=OutboxRow.attempts + 1, last_attempt_at=now, last_error=error, updated_at=now)
        )

    def release_waiting(self, case_id: str, *, now: dt.datetime) -> int:
        rows = list(
            self._session.scalars(
                select(OutboxRow).where(OutboxRow.case_id == case_id).order_by(OutboxRow.id)
            )
        )
        latest = {r.service: r.state for r in rows if r.state != "superseded"}
        released = 0
        for row in rows:
            if row.state != "waiting":
                continue
            if all(latest.get(dep) in PLATFORM_ACCEPTED for dep in json.loads(row.depends_on)):
                # Due since it was queued: a pass that is running sends it too.
                row.state, row.next_attempt_at, row.updated_at = "pending", row.created_at, now
                released += 1
        self._session.flush()
        return released

    def counts(self) -> dict[str, int]:
        query = select(OutboxRow.state, func.count(OutboxRow.id)).group_by(OutboxRow.state)
        return {state: int(n) for state, n in self._session.execute(query)}

    def needing_attention(self, limit: int) -> list[OutboxEntry]:
        rows = self._session.scalars(
            select(OutboxRow)
            .where(OutboxRow.state.in_(("quarantined", "rejected", "needs_correction")))
            .order_by(OutboxRow.updated_at.desc(), OutboxRow.id.desc())
            .limit(limit)
        )
        return [_entry(r) for r in rows]

    def state(self) -> SyncState:
        row = self._session.get(SyncStateRow, STATE_ROW_ID)
        if row is None:
            return SyncState()
        enrolled = None
        if (
            row.device_id
            and row.platform_url
            and row.platform_key_id
            and row.platform_public_key
            and row.mode
        ):
            enrolled = Enrolled(
                row.device_id,
                row.platform_url,
                row.platform_key_id,
                row.platform_public_key,
                row.mode,
                row.enrolled_at or dt.datetime(1970, 1, 1, tzinfo=dt.UTC),
            )
        return SyncState(
            enrolled=enrolled,
            cursor=row.cursor,
            last_attempt_at=row.last_attempt_at,
            last_success_at=row.last_success_at,
            last_error=row.last_error,
            last_error_code=row.last_error_code,
            next_attempt_at=row.next_attempt_at,
            consecutive_failures=row.consecutive_failures,
        )

    def save_state(self, state: SyncState) -> None:
        row = self._session.get(SyncStateRow, STATE_ROW_ID)
        if row is None:
            row = SyncStateRow(id=STATE_ROW_ID)
            self._session.add(row)
        enrolled = state.enrolled
        row.device_id = enrolled.device_id if enrolled else None
        row.platform_url = enrolled.platform_url if enrolled else None
        row.platform_key_id = enrolled.platform_key_id if enrolled else None
        row.platform_public_key = enrolled.platform_public_key if enrolled else None
        row.mode = enrolled.mode if enrolled else None
        row.enrolled_at = enrolled.enrolled_at if enrolled else None
        row.cursor = state.cursor
        row.last_attempt_at, row.last_success_at = state.last_attempt_at, state.last_success_at
        row.last_error, row.last_error_code = state.last_error, state.last_error_code
        row.next_attempt_at, row.consecutive_failures = state.next_attempt_at, state.consecutive_failures
        self._session.flush()
