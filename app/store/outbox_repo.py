"""``OutboxRepository``: the sync outbox and state on the encrypted store, in the unit of work's session.

The unit of work builds it on its own session (``uow.outbox``), so that a case's change and its
outbox rows commit together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from app.case.enums import ServiceCode
from app.store.tables_sync import OutboxRow, SyncStateRow, UploadRow
from app.syncing.model import (
    DEPENDENCY_MET,
    UNSENT,
    Enrolled,
    NewSubmission,
    OutboxEntry,
    OutboxState,
    SyncState,
)
from app.syncing.ports import AttachmentRef, FieldProblem
from app.syncing.rules import CanonicalPayload, canonical_json, new_idempotency_key

STATE_ROW_ID = 1
_BUILD_COLUMNS = (
    OutboxRow.idempotency_key,
    OutboxRow.case_id,
    OutboxRow.service,
    OutboxRow.state,
    OutboxRow.depends_on,
    OutboxRow.payload.is_(None),
)
SERVICE_CODES = frozenset(code.value for code in ServiceCode)
_JSON_FIELDS = ("receipt", "results")


def _freeze(row: OutboxRow, payload: Mapping[str, Any]) -> None:
    encoded = canonical_json(payload)
    row.payload, row.content_sha256 = encoded.decode("utf-8"), hashlib.sha256(encoded).hexdigest()
    row.payload_bytes, row.state = len(encoded), "pending"


def _new_row(submission: NewSubmission, now: dt.datetime) -> OutboxRow:
    row = OutboxRow(
        idempotency_key=new_idempotency_key(submission.case_id, submission.service),
        case_id=submission.case_id,
        service=submission.service,
        rank=len(submission.depends_on),
        case_revision=submission.case_revision,
        payload_bytes=0,
        depends_on=json.dumps(list(submission.depends_on)),
        attachments=json.dumps([asdict(a) for a in submission.attachments]),
        state="waiting",
        attempts=0,
        failures=0,
        next_attempt_at=now,
        created_by=submission.created_by,
        created_at=now,
        updated_at=now,
    )
    if submission.payload is not None:
        _freeze(row, submission.payload)
    return row


_EMPTY: dict[str | None, Any] = {None: None, "": None, "[]": [], "{}": {}}


def _json(text: str | None) -> Any:
    """``json.loads``, skipping the parser for the empty values most rows hold."""
    if text in _EMPTY:
        empty = _EMPTY[text]
        return type(empty)() if empty is not None else None
    return json.loads(text)  # type: ignore[arg-type]  # not None: None is in _EMPTY


def _entry(row: OutboxRow) -> OutboxEntry:
    return OutboxEntry(
        idempotency_key=row.idempotency_key,
        case_id=row.case_id,
        service=row.service,
        case_revision=row.case_revision,
        content_sha256=row.content_sha256,
        payload=None if row.payload is None else CanonicalPayload(row.payload),
        payload_bytes=row.payload_bytes,
        depends_on=tuple(_json(row.depends_on)),
        attachments=tuple(AttachmentRef(**a) for a in _json(row.attachments)),
        state=row.state,  # type: ignore[arg-type]  # written from OutboxState only
        attempts=row.attempts,
        failures=row.failures,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        last_attempt_at=row.last_attempt_at,
        last_error=row.last_error,
        receipt=_json(row.receipt) or None,
        problems=tuple(FieldProblem(**p) for p in _json(row.problems or "[]")),
        reasons=tuple(_json(row.reasons or "[]")),
        results=_json(row.results or "{}"),
        updated_at=row.updated_at,
    )


class OutboxRepository:
    """``app.syncing.model.OutboxStore`` over one SQLAlchemy session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._rows: dict[str, OutboxRow] = {}  # read in this transaction: marks need no second read

    def _keep(self, rows: Iterable[OutboxRow]) -> list[OutboxRow]:
        kept = list(rows)
        self._rows.update((row.idempotency_key, row) for row in kept)
        return kept

    def add(self, submission: NewSubmission, *, now: dt.datetime) -> OutboxEntry:
        return self.add_many([submission], now=now)[0]

    def add_many(self, submissions: Sequence[NewSubmission], *, now: dt.datetime) -> list[OutboxEntry]:
        unknown = {s.service for s in submissions} - SERVICE_CODES
        if unknown:
            raise ValueError(f"unknown services {sorted(unknown)}")
        pairs = {(s.case_id, s.service) for s in submissions}
        cases = sorted({case_id for case_id, _ in pairs})
        for start in range(0, len(cases), 500):
            older = self._session.execute(
                select(OutboxRow.id, OutboxRow.case_id, OutboxRow.service).where(
                    OutboxRow.case_id.in_(cases[start : start + 500]),
                    OutboxRow.state.in_(UNSENT | {"quarantined"}),
                )
            ).all()
            superseded = [row_id for row_id, case_id, service in older if (case_id, service) in pairs]
            if superseded:
                self._session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.id.in_(superseded))
                    .values(state="superseded", updated_at=now)
                )
        rows = [_new_row(submission, now) for submission in submissions]
        self._session.add_all(self._keep(rows))
        return [_entry(row) for row in rows]

    def fill(self, idempotency_key: str, payload: Mapping[str, Any], *, now: dt.datetime) -> OutboxEntry:
        row = self._row(idempotency_key)
        if row is None:
            raise KeyError(idempotency_key)
        if row.state != "waiting" or row.payload is not None:
            raise ValueError(f"{idempotency_key} is {row.state}: its payload is frozen")
        _freeze(row, payload)
        row.next_attempt_at = row.created_at  # due since it was queued: a running pass sends it too
        row.updated_at = now
        return _entry(row)

    def _row(self, key: str) -> OutboxRow | None:
        if key in self._rows:
            return self._rows[key]
        found = self._session.scalar(select(OutboxRow).where(OutboxRow.idempotency_key == key))
        return None if found is None else self._keep([found])[0]

    def prefetch(self, keys: Sequence[str]) -> None:
        missing = [key for key in dict.fromkeys(keys) if key not in self._rows]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            self._keep(self._session.scalars(select(OutboxRow).where(OutboxRow.idempotency_key.in_(chunk))))

    def get_many(self, keys: Sequence[str]) -> dict[str, OutboxEntry]:
        wanted = list(dict.fromkeys(keys))  # a feed page names most keys twice (accepted, completed)
        self.prefetch(wanted)
        return {key: _entry(self._rows[key]) for key in wanted if key in self._rows}

    def latest_keys(self, case_ids: Collection[str]) -> dict[tuple[str, str], str]:
        latest: dict[tuple[str, str], str] = {}
        ids = list(case_ids)
        for start in range(0, len(ids), 500):
            query = (
                select(OutboxRow.case_id, OutboxRow.service, OutboxRow.idempotency_key)
                .where(OutboxRow.case_id.in_(ids[start : start + 500]), OutboxRow.state != "superseded")
                .order_by(OutboxRow.id)
            )
            for case_id, service, key in self._session.execute(query):
                latest[(case_id, service)] = key  # ascending ids: the last one wins
        return latest

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
        return [_entry(r) for r in self._keep(rows)]

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

    def note_attempt(self, keys: Sequence[str], *, now: dt.datetime, error: str | None) -> None:
        if not keys:
            return
        self._session.execute(
            update(OutboxRow)
            .where(OutboxRow.idempotency_key.in_(list(keys)))
            .values(attempts=OutboxRow.attempts + 1, last_attempt_at=now, last_error=error, updated_at=now)
        )

    def ready_to_build(self, case_ids: Collection[str]) -> list[OutboxEntry]:
        """Reads the few columns that decide it, then whole rows only for the submissions it returns
        (after a feed page, the cases asked about rarely have any waiting)."""
        ids = list(case_ids)
        rows: list[Any] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows += self._session.execute(
                select(*_BUILD_COLUMNS).where(OutboxRow.case_id.in_(chunk)).order_by(OutboxRow.id)
            ).all()
        latest = {
            (case_id, service): state for _, case_id, service, state, _, _ in rows if state != "superseded"
        }
        ready = [
            key
            for key, case_id, _, state, depends_on, unbuilt in rows
            if state == "waiting"
            and unbuilt
            and all(
                latest.get((case_id, dep), "completed") in DEPENDENCY_MET for dep in json.loads(depends_on)
            )
        ]
        return list(self.get_many(ready).values())

    def forget_cases(self, case_ids: Collection[str]) -> None:
        """Delete every row of these cases, sent or not: the training reset removes the cases themselves."""
        chosen = sorted(case_ids)
        for start in range(0, len(chosen), 500):
            self._session.execute(delete(OutboxRow).where(OutboxRow.case_id.in_(chosen[start : start + 500])))
        self._rows.clear()

    def unsent_cases(self) -> int:
        query = select(func.count(func.distinct(OutboxRow.case_id))).where(OutboxRow.state == "pending")
        return int(self._session.scalar(query) or 0)

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

    def uploaded(self, sha256s: Collection[str]) -> set[str]:
        wanted = list(dict.fromkeys(sha256s))
        held: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            held.update(self._session.scalars(select(UploadRow.sha256).where(UploadRow.sha256.in_(chunk))))
        return held

    def mark_uploaded(self, sha256s: Collection[str], *, now: dt.datetime) -> None:
        for sha in set(sha256s) - self.uploaded(sha256s):
            self._session.add(UploadRow(sha256=sha, uploaded_at=now))
        self._session.flush()

    def forget_uploaded(self, sha256s: Collection[str]) -> None:
        if sha256s:
            self._session.execute(delete(UploadRow).where(UploadRow.sha256.in_(list(sha256s))))

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
