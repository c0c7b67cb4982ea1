"""What the sync engine keeps about each submission and about itself, as plain data.

Outbox states of one submission (one service of one case):

    waiting ──(what it needs is completed: payload built)──> pending ──(platform: accepted)──> accepted
    pending ──(rejected at the door)──> rejected           accepted ──> needs_correction | completed
    pending ──(conflict, invalid, or refused alone N times)──> quarantined ──(IT: requeue)──> pending
    any unsent ──(a newer submission of the same service)──> superseded

A service that needs another's results (the seal needs the USCC) is queued without a payload; the
payload is built from the case, and frozen, in the transaction that records the completion it
waited for. A submission's content never changes after that: a correction is a new submission.

``OutboxStore`` is the port the engine and the submission service use; ``app.store.outbox_repo``
implements it on the encrypted database, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Protocol, Self

from app.ports import AuditSink, CaseRepository
from app.syncing.ports import AttachmentRef, FieldProblem, OutgoingItem

OutboxState = Literal[
    "waiting", "pending", "accepted", "rejected", "quarantined", "needs_correction", "completed", "superseded"
]
# The platform holds these.
PLATFORM_ACCEPTED: frozenset[str] = frozenset({"accepted", "needs_correction", "completed"})
# What a waiting submission needs of each service it depends on.
DEPENDENCY_MET: frozenset[str] = frozenset({"completed"})
# Still to be sent by this desk.
UNSENT: frozenset[str] = frozenset({"waiting", "pending"})
# How far along a submission is: a status update never moves it back.
PROGRESS: Mapping[str, int] = {
    "waiting": 0,
    "pending": 0,
    "quarantined": 0,
    "accepted": 1,
    "needs_correction": 2,
    "rejected": 2,
    "completed": 3,
    "superseded": 4,
}


@dataclass(frozen=True)
class NewSubmission:
    case_id: str
    service: str
    case_revision: int
    payload: Mapping[str, Any] | None  # None: built once ``depends_on`` are completed
    depends_on: tuple[str, ...] = ()
    attachments: tuple[AttachmentRef, ...] = ()
    created_by: str | None = None


@dataclass(frozen=True)
class OutboxEntry:
    idempotency_key: str
    case_id: str
    service: str
    case_revision: int
    content_sha256: str | None
    payload: Mapping[str, Any] | None
    payload_bytes: int
    depends_on: tuple[str, ...]
    attachments: tuple[AttachmentRef, ...]
    state: OutboxState
    attempts: int
    failures: int
    next_attempt_at: dt.datetime
    created_at: dt.datetime
    last_attempt_at: dt.datetime | None = None
    last_error: str | None = None
    receipt: Mapping[str, Any] | None = None
    problems: tuple[FieldProblem, ...] = ()
    reasons: tuple[str, ...] = ()
    results: Mapping[str, Any] = field(default_factory=dict)
    updated_at: dt.datetime | None = None  # when the desk last recorded a change (the agency's outcome)

    def outgoing(self) -> OutgoingItem:
        if self.payload is None or self.content_sha256 is None:
            raise ValueError(f"{self.idempotency_key} has no payload yet")
        return OutgoingItem(
            idempotency_key=self.idempotency_key,
            case_id=self.case_id,
            service=self.service,
            content_sha256=self.content_sha256,
            payload=self.payload,
            depends_on=self.depends_on,
            attachments=self.attachments,
        )


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    platform_url: str
    platform_key_id: str
    platform_public_key: str
    mode: str
    enrolled_at: dt.datetime


@dataclass(frozen=True)
class SyncState:
    """Where syncing stands: persisted, so a restart (or the 同步中心 view) sees it."""

    enrolled: Enrolled | None = None
    cursor: str = ""
    last_attempt_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    last_error: str | None = None
    last_error_code: str | None = None
    next_attempt_at: dt.datetime | None = None
    consecutive_failures: int = 0


class OutboxStore(Protocol):
    """The outbox and the sync state, inside one unit of work's transaction."""

    def add(self, submission: NewSubmission, *, now: dt.datetime) -> OutboxEntry:
        """Queue a submission: ``pending`` with its payload, or ``waiting`` without one. Older unsent
        or quarantined rows of the same case and service become ``superseded``."""

    def add_many(self, submissions: Sequence[NewSubmission], *, now: dt.datetime) -> list[OutboxEntry]:
        """``add`` for several submissions at once (one case's services, say)."""

    def get(self, idempotency_key: str) -> OutboxEntry | None: ...

    def get_many(self, keys: Sequence[str]) -> dict[str, OutboxEntry]:
        """The known ones among ``keys``, in one read."""

    def prefetch(self, keys: Sequence[str]) -> None:
        """Read these submissions in one go, so that marking them needs no further read."""

    def latest(self, case_id: str, service: str) -> OutboxEntry | None:
        """The newest submission of one service of one case, superseded ones excluded."""

    def latest_keys(self, case_ids: Collection[str]) -> dict[tuple[str, str], str]:
        """(case_id, service) -> key of the newest submission, superseded ones excluded, in one read."""

    def for_case(self, case_id: str) -> list[OutboxEntry]:
        """Every submission of the case, oldest first."""

    def due(self, now: dt.datetime, limit: int) -> list[OutboxEntry]:
        """Pending submissions whose time has come: shallow dependency ranks first, then oldest."""

    def mark(self, idempotency_key: str, state: OutboxState, *, now: dt.datetime, **changes: Any) -> None:
        """Set the state and any of: attempts, failures, next_attempt_at, last_attempt_at, last_error,
        receipt, problems, reasons, results."""

    def note_attempt(self, keys: Sequence[str], *, now: dt.datetime, error: str | None) -> None:
        """Count one more attempt on each of ``keys``, with the error that ended it (or none)."""

    def ready_to_build(self, case_ids: Collection[str]) -> list[OutboxEntry]:
        """Waiting submissions of these cases whose dependencies are all completed."""

    def fill(self, idempotency_key: str, payload: Mapping[str, Any], *, now: dt.datetime) -> OutboxEntry:
        """Freeze the payload of a waiting submission and make it ``pending``."""

    def forget_cases(self, case_ids: Collection[str]) -> None:
        """Delete every row of these cases, sent or not: the training reset removes the cases themselves."""

    def unsent_cases(self) -> int:
        """How many cases hold a submission ready to send that the platform does not have yet
        (``pending``): the offline guard warns above 100 (``app.services.offline_guard``)."""

    def counts(self) -> dict[str, int]:
        """How many submissions are in each state (latest and older alike)."""

    def needing_attention(self, limit: int) -> list[OutboxEntry]:
        """Quarantined, rejected and needs_correction submissions, newest first."""

    def uploaded(self, sha256s: Collection[str]) -> set[str]:
        """Those of ``sha256s`` the platform holds completely, as recorded by an earlier upload."""

    def mark_uploaded(self, sha256s: Collection[str], *, now: dt.datetime) -> None:
        """Record that the platform holds these scans completely (idempotent)."""

    def forget_uploaded(self, sha256s: Collection[str]) -> None:
        """The platform says it lacks these after all: the next pass uploads them again."""

    def state(self) -> SyncState: ...

    def save_state(self, state: SyncState) -> None: ...


class SyncUnitOfWork(Protocol):
    """The part of the unit of work (``app.unit_of_work.UnitOfWork``) the sync engine uses: cases,
    audit and the outbox in one transaction. Every ``UnitOfWork`` is one."""

    @property
    def cases(self) -> CaseRepository: ...

    @property
    def audit(self) -> AuditSink: ...

    @property
    def outbox(self) -> OutboxStore: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
