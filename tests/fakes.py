"""The in-memory ``app.unit_of_work.UnitOfWork``: every repository of the real one, no database, no network.

Transactional like the real one: changes become visible to other units only on ``commit``, and
leaving the block rolls back. Service and sync-engine tests run on it; the SQLCipher store has its
own integration tests.
"""

from __future__ import annotations

import builtins
import copy
import datetime as dt
import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any, Self

from app.accounts.model import Role, UserRecord
from app.case.summary import opened_at
from app.clock import utc_now
from app.errors import InputRejected, ProfileError
from app.ports import AttachmentInfo, CaseHit, CaseQuery, CaseSummary, IntSetting, StaleRevision, StoredCase
from app.security.audit import AuditEntry, SignedHead, VerifyReport, head_message, make_entry, verify_chain
from app.security.device import DeviceIdentity
from app.store.user_repo import UNKNOWN_NAMES_SETTING
from app.syncing.model import (
    DEPENDENCY_MET,
    UNSENT,
    NewSubmission,
    OutboxEntry,
    OutboxState,
    SyncState,
)
from app.syncing.rules import canonical_json, content_sha256, new_idempotency_key

ATTENTION = ("quarantined", "rejected", "needs_correction")


@dataclass
class _Row:
    document: dict[str, Any]
    revision: int
    summary: CaseSummary
    keys: list[tuple[str, str]]


@dataclass
class FakeState:
    """What the fake "database" holds between units of work."""

    cases: dict[str, _Row] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)  # action, actor, subject, details
    audit_chain: list[AuditEntry] = field(default_factory=list)  # the same entries, hash-chained
    audit_head: SignedHead | None = None
    outbox: dict[str, OutboxEntry] = field(default_factory=dict)  # insertion order = row id order
    sync: SyncState = field(default_factory=SyncState)
    uploads: dict[str, dt.datetime] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    users: dict[str, UserRecord] = field(default_factory=dict)
    attachments: dict[tuple[str, str], AttachmentInfo] = field(default_factory=dict)
    case_keys: dict[str, bytes] = field(default_factory=dict)


class FakeCaseRepository:
    def __init__(self, rows: dict[str, _Row]) -> None:
        self._rows = rows

    def add(
        self, document: Mapping[str, Any], summary: CaseSummary, lookup_keys: Iterable[tuple[str, str]]
    ) -> None:
        if summary.case_id in self._rows:
            raise KeyError(summary.case_id)
        self._rows[summary.case_id] = _Row(copy.deepcopy(dict(document)), 1, summary, list(lookup_keys))

    def replace(
        self,
        document: Mapping[str, Any],
        summary: CaseSummary,
        lookup_keys: Iterable[tuple[str, str]],
        *,
        expected_revision: int,
    ) -> int:
        row = self._rows[summary.case_id]
        if row.revision != expected_revision:
            raise StaleRevision(summary.case_id)
        self._rows[summary.case_id] = _Row(
            copy.deepcopy(dict(document)), row.revision + 1, summary, list(lookup_keys)
        )
        return row.revision + 1

    def get(self, case_id: str) -> StoredCase | None:
        row = self._rows.get(case_id)
        if row is None:
            return None
        return StoredCase(copy.deepcopy(row.document), row.revision, row.summary)

    def list(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> builtins.list[CaseSummary]:
        rows = [r.summary for r in self._rows.values() if status is None or r.summary.status == status]
        rows.sort(key=lambda s: s.updated_at, reverse=True)
        return rows[offset : offset + limit]

    def find(self, kind: str, value: str) -> builtins.list[str]:
        return [cid for cid, r in self._rows.items() if (kind, value) in r.keys]

    def search(self, query: CaseQuery, *, limit: int = 50) -> builtins.list[CaseHit]:
        hits = [_hit(cid, row) for cid, row in self._rows.items() if _matches(cid, row, query)]
        hits.sort(key=lambda hit: (hit.created_at, hit.case_id), reverse=True)
        return hits[:limit]

    def count(self) -> int:
        return len(self._rows)

    def delete(self, case_id: str) -> None:
        self._rows.pop(case_id, None)

    def completed_before(self, cutoff: dt.datetime, *, limit: int = 500) -> builtins.list[str]:
        done = [r.summary for r in self._rows.values() if r.summary.status == "completed"]
        return [s.case_id for s in done if s.updated_at < cutoff][:limit]


def _hit(case_id: str, row: _Row) -> CaseHit:
    s = row.summary
    opened = opened_at(row.document, dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    return CaseHit(
        case_id,
        s.company_name,
        s.company_type,
        s.status,
        s.services,
        opened,
        s.updated_at,
        None,
        s.fictitious,
    )


def _matches(case_id: str, row: _Row, query: CaseQuery) -> bool:
    hit = _hit(case_id, row)
    if query.exact is not None:
        kinds, value = query.exact
        found = case_id == value if "case_id" in kinds else any((k, value) in row.keys for k in kinds)
        if not found:
            return False
    checks = [
        query.name_part is None or query.name_part.lower() in hit.company_name.lower(),
        query.opened_from is None or hit.created_at >= query.opened_from,
        query.opened_until is None or hit.created_at < query.opened_until,
        query.status is None or hit.status == query.status,
    ]
    return all(checks)


class FakeAudit:
    """``app.security.audit.AuditTrail`` in memory: entries chained and the head signed as the store does
    (signed only when the unit of work has a device)."""

    def __init__(
        self, state: FakeState, clock: Callable[[], dt.datetime], device: DeviceIdentity | None
    ) -> None:
        self._state, self._clock, self._device = state, clock, device

    def append(
        self,
        action: str,
        *,
        actor: str | None,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self._state.audit.append(
            {"action": action, "actor": actor, "subject": subject, "details": dict(details or {})}
        )
        chain = self._state.audit_chain
        entry = make_entry(
            chain[-1] if chain else None,
            ts=self._clock(),
            actor=actor,
            action=action,
            subject=subject,
            details=details,
        )
        chain.append(entry)
        if self._device is not None:
            signature = self._device.sign(head_message(self._device.device_id, entry.seq, entry.hash))
            self._state.audit_head = SignedHead(
                entry.seq, entry.hash, self._device.device_id, signature, self._clock()
            )

    def entries(self) -> Iterator[AuditEntry]:
        yield from self._state.audit_chain

    def about(self, subject: str, action: str) -> list[AuditEntry]:
        return [e for e in self._state.audit_chain if e.subject == subject and e.action == action]

    def subjects_of(self, actor: str, action: str) -> set[str]:
        return {
            e.subject
            for e in self._state.audit_chain
            if e.actor == actor and e.action == action and e.subject
        }

    def head(self) -> SignedHead | None:
        return self._state.audit_head

    def entry(self, seq: int) -> AuditEntry | None:
        return next((e for e in self._state.audit_chain if e.seq == seq), None)

    def verify(self) -> VerifyReport:
        if self._device is None:
            raise ProfileError("本机数据缺少设备身份。", "The profile has no device identity.")
        return verify_chain(self.entries(), self.head(), self._device.public_key, expect_entries=True)


class FakeOutbox:
    """``app.syncing.model.OutboxStore`` over a dict kept in insertion order (the row id order)."""

    def __init__(self, state: FakeState) -> None:
        self._state = state
        self._rows = state.outbox

    def add(self, submission: NewSubmission, *, now: dt.datetime) -> OutboxEntry:
        return self.add_many([submission], now=now)[0]

    def add_many(self, submissions: Sequence[NewSubmission], *, now: dt.datetime) -> list[OutboxEntry]:
        pairs = {(s.case_id, s.service) for s in submissions}
        for key, entry in list(self._rows.items()):
            if (entry.case_id, entry.service) in pairs and entry.state in UNSENT | {"quarantined"}:
                self._rows[key] = replace(entry, state="superseded")
        added = [self._new(submission, now) for submission in submissions]
        self._rows.update((entry.idempotency_key, entry) for entry in added)
        return added

    @staticmethod
    def _new(submission: NewSubmission, now: dt.datetime) -> OutboxEntry:
        entry = OutboxEntry(
            idempotency_key=new_idempotency_key(submission.case_id, submission.service),
            case_id=submission.case_id,
            service=submission.service,
            case_revision=submission.case_revision,
            content_sha256=None,
            payload=None,
            payload_bytes=0,
            depends_on=tuple(submission.depends_on),
            attachments=tuple(submission.attachments),
            state="waiting",
            attempts=0,
            failures=0,
            next_attempt_at=now,
            created_at=now,
            updated_at=now,
        )
        return entry if submission.payload is None else _frozen(entry, submission.payload)

    def get(self, idempotency_key: str) -> OutboxEntry | None:
        return self._rows.get(idempotency_key)

    def get_many(self, keys: Sequence[str]) -> dict[str, OutboxEntry]:
        return {key: self._rows[key] for key in keys if key in self._rows}

    def prefetch(self, keys: Sequence[str]) -> None:
        """Nothing to read ahead in memory."""

    def _live(self) -> list[OutboxEntry]:
        return [e for e in self._rows.values() if e.state != "superseded"]

    def latest(self, case_id: str, service: str) -> OutboxEntry | None:
        found = [e for e in self._live() if (e.case_id, e.service) == (case_id, service)]
        return found[-1] if found else None

    def latest_keys(self, case_ids: Collection[str]) -> dict[tuple[str, str], str]:
        wanted = set(case_ids)
        return {(e.case_id, e.service): e.idempotency_key for e in self._live() if e.case_id in wanted}

    def for_case(self, case_id: str) -> list[OutboxEntry]:
        return [e for e in self._rows.values() if e.case_id == case_id]

    def due(self, now: dt.datetime, limit: int) -> list[OutboxEntry]:
        order = {key: i for i, key in enumerate(self._rows)}
        due = [e for e in self._rows.values() if e.state == "pending" and e.next_attempt_at <= now]
        due.sort(key=lambda e: (len(e.depends_on), order[e.idempotency_key]))
        return due[:limit]

    def mark(self, idempotency_key: str, state: OutboxState, *, now: dt.datetime, **changes: Any) -> None:
        entry = self._rows[idempotency_key]
        for name in changes:
            if not hasattr(entry, name):
                raise AttributeError(name)
        frozen = {k: _plain(v) for k, v in changes.items()}
        self._rows[idempotency_key] = replace(entry, state=state, updated_at=now, **frozen)

    def note_attempt(self, keys: Sequence[str], *, now: dt.datetime, error: str | None) -> None:
        for key in keys:
            entry = self._rows[key]
            self._rows[key] = replace(
                entry, attempts=entry.attempts + 1, last_attempt_at=now, last_error=error, updated_at=now
            )

    def ready_to_build(self, case_ids: Collection[str]) -> list[OutboxEntry]:
        wanted = set(case_ids)
        latest = {(e.case_id, e.service): e.state for e in self._live() if e.case_id in wanted}
        return [
            e
            for e in self._rows.values()
            if e.case_id in wanted
            and e.state == "waiting"
            and e.payload is None
            and all(latest.get((e.case_id, dep), "completed") in DEPENDENCY_MET for dep in e.depends_on)
        ]

    def fill(self, idempotency_key: str, payload: Mapping[str, Any], *, now: dt.datetime) -> OutboxEntry:
        entry = self._rows[idempotency_key]
        if entry.state != "waiting" or entry.payload is not None:
            raise ValueError(f"{idempotency_key} is {entry.state}: its payload is frozen")
        filled = replace(_frozen(entry, payload), next_attempt_at=entry.created_at)
        self._rows[idempotency_key] = filled
        return filled

    def forget_cases(self, case_ids: Collection[str]) -> None:
        for key in [key for key, entry in self._rows.items() if entry.case_id in case_ids]:
            del self._rows[key]

    def unsent_cases(self) -> int:
        return len({entry.case_id for entry in self._rows.values() if entry.state == "pending"})

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self._rows.values():
            counts[entry.state] = counts.get(entry.state, 0) + 1
        return counts

    def needing_attention(self, limit: int) -> list[OutboxEntry]:
        found = [e for e in self._rows.values() if e.state in ATTENTION]
        return list(reversed(found))[:limit]

    def uploaded(self, sha256s: Collection[str]) -> set[str]:
        return {sha for sha in sha256s if sha in self._state.uploads}

    def mark_uploaded(self, sha256s: Collection[str], *, now: dt.datetime) -> None:
        for sha in sha256s:
            self._state.uploads.setdefault(sha, now)

    def forget_uploaded(self, sha256s: Collection[str]) -> None:
        for sha in sha256s:
            self._state.uploads.pop(sha, None)

    def state(self) -> SyncState:
        return self._state.sync

    def save_state(self, state: SyncState) -> None:
        self._state.sync = state


def _frozen(entry: OutboxEntry, payload: Mapping[str, Any]) -> OutboxEntry:
    text = canonical_json(payload)
    return replace(
        entry,
        payload=json.loads(text),
        content_sha256=content_sha256(payload),
        payload_bytes=len(text),
        state="pending",
    )


def _plain(value: Any) -> Any:
    """Stored values are copies, as a database round trip would make them."""
    if isinstance(value, Mapping):
        return json.loads(json.dumps(dict(value), ensure_ascii=False))
    return tuple(value) if isinstance(value, list) else value


class FakeSettings:
    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def get_int(self, setting: IntSetting) -> int:
        value = self._values.get(setting.key)
        in_range = isinstance(value, int) and setting.minimum <= value <= setting.maximum
        return value if in_range else setting.default  # type: ignore[return-value]

    def set_int(self, setting: IntSetting, value: int) -> None:
        if not setting.minimum <= value <= setting.maximum:
            raise InputRejected(f"{setting.key} 超出范围。", f"{setting.key} is out of range.")
        self._values[setting.key] = value

    def get_json(self, key: str) -> Any:
        return copy.deepcopy(self._values.get(key))

    def set_json(self, key: str, value: Any) -> None:
        self._values[key] = copy.deepcopy(value)


class FakeUsers:
    def __init__(self, rows: dict[str, UserRecord], settings: dict[str, Any] | None = None) -> None:
        self._rows = rows
        # failures under names with no account, by hash: in the settings, as the SQL store keeps them
        self._settings: dict[str, Any] = {} if settings is None else settings

    def get(self, username: str) -> UserRecord | None:
        return self._rows.get(username)

    def add(self, user: UserRecord) -> None:
        if user.username in self._rows:
            raise KeyError(user.username)
        self._rows[user.username] = user

    def save(self, user: UserRecord) -> None:
        self._rows[user.username] = user

    def all(self) -> list[UserRecord]:
        return [self._rows[name] for name in sorted(self._rows)]

    def count(self, role: Role | None = None) -> int:
        return sum(1 for user in self._rows.values() if role is None or user.role == role)

    def unknown_failures(self) -> dict[str, Any]:
        return dict(self._settings.get(UNKNOWN_NAMES_SETTING, {}))

    def save_unknown_failures(self, counts: dict[str, Any]) -> None:
        self._settings[UNKNOWN_NAMES_SETTING] = copy.deepcopy(counts)


class FakeAttachmentKeys:
    def __init__(self, state: FakeState) -> None:
        self._infos = state.attachments
        self._keys = state.case_keys

    def key_for(self, case_id: str, *, create: bool) -> bytes | None:
        if case_id not in self._keys and create:
            self._keys[case_id] = bytes(range(32))
        return self._keys.get(case_id)

    def record(self, info: AttachmentInfo) -> None:
        self._infos[(info.case_id, info.document_id)] = info

    def get(self, case_id: str, document_id: str) -> AttachmentInfo | None:
        return self._infos.get((case_id, document_id))

    def for_case(self, case_id: str) -> list[AttachmentInfo]:
        return [info for (case, _), info in sorted(self._infos.items()) if case == case_id]

    def every(self) -> list[AttachmentInfo]:
        return [info for _, info in sorted(self._infos.items())]

    def remove(self, case_id: str, document_id: str) -> None:
        self._infos.pop((case_id, document_id), None)

    def known_file_names(self) -> set[str]:
        return {info.file_name for info in self._infos.values()}


class FakeUnitOfWork:
    """``app.unit_of_work.UnitOfWork`` in memory. Units of one ``FakeState`` share its committed data."""

    def __init__(
        self,
        state: FakeState | None = None,
        *,
        device: DeviceIdentity | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        training: bool = False,
    ) -> None:
        self.state = state or FakeState()
        self.training = training  # the profile's kind, as the real unit of work says it
        self.clock = clock
        self._device = device
        self.commits = 0
        self._open(copy.deepcopy(self.state))

    def _open(self, working: FakeState) -> None:
        self._working = working
        self.cases = FakeCaseRepository(working.cases)
        self.audit = self.audit_trail = FakeAudit(working, self.clock, self._device)
        self.outbox = FakeOutbox(working)
        self.settings = FakeSettings(working.settings)
        self.users = FakeUsers(working.users, working.settings)
        self.attachment_keys = FakeAttachmentKeys(working)

    def device(self) -> DeviceIdentity:
        if self._device is None:
            raise ProfileError("本机数据缺少设备身份。", "The profile has no device identity.")
        return self._device

    def __enter__(self) -> Self:
        self._open(copy.deepcopy(self.state))
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        committed = copy.deepcopy(self._working)
        for name in FakeState.__dataclass_fields__:
            setattr(self.state, name, getattr(committed, name))
        self.commits += 1

    def rollback(self) -> None:
        self._open(copy.deepcopy(self.state))


class FakeStore:
    """``app.unit_of_work.UnitsOfWork`` in memory: every unit it hands out shares one ``FakeState``;
    ``unit`` are the units' ``device``, ``clock`` and ``training``."""

    def __init__(self, state: FakeState | None = None, **unit: Any) -> None:
        self.state, self._unit = state or FakeState(), unit
        self.generation = 0  # bumped by a test that plays a restore
        self.commits = 0

    @property
    def training(self) -> bool:
        return bool(self._unit.get("training", False))

    @property
    def clock(self) -> Callable[[], dt.datetime]:
        clock: Callable[[], dt.datetime] = self._unit.get("clock", utc_now)
        return clock

    def unit_of_work(self) -> FakeUnitOfWork:
        return _Counted(self, **self._unit)

    def read_unit_of_work(self) -> FakeUnitOfWork:
        return _Counted(self, **self._unit)


class _Counted(FakeUnitOfWork):
    """A unit of ``FakeStore`` that counts its commits on the store too."""

    def __init__(self, store: FakeStore, **unit: Any) -> None:
        super().__init__(store.state, **unit)
        self._store = store

    def commit(self) -> None:
        super().commit()
        self._store.commits += 1
