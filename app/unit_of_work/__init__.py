"""The one unit-of-work port: a database transaction with every repository the services use.

Its repositories' own ports live with their owners (``app.ports`` for cases, audit, settings and
attachment keys; ``app.accounts.model`` for users; ``app.security.audit`` for the audit trail;
``app.syncing.model`` for the outbox), so this port sits above them all; the real one lives in
``app.store``, the fake one is ``tests.fakes.FakeUnitOfWork``. The sync engine asks only for its part
of it (``app.syncing.model.SyncUnitOfWork``), which every ``UnitOfWork`` is.

``UnitsOfWork`` is where they come from, one per transaction: a service whose intent spans several
transactions (a sync pass, an update check) takes it, never the composition root's open profile.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from app.accounts.model import UserStore
from app.clock import Clock
from app.ports import AttachmentKeys, AuditSink, CaseRepository, SettingsStore
from app.security.audit import AuditTrail
from app.security.device import DeviceIdentity
from app.syncing.model import OutboxStore


class UnitOfWork(Protocol):
    """One database transaction. Nothing is stored until ``commit``; leaving the block rolls back.

    The repositories are valid inside the ``with`` block only; all of them share its transaction,
    so a case change, its outbox rows and its audit entry commit together or not at all.
    """

    @property
    def cases(self) -> CaseRepository: ...

    @property
    def audit(self) -> AuditSink: ...

    @property
    def audit_trail(self) -> AuditTrail:
        """The same trail as ``audit``, with its reading and verifying side."""

    @property
    def outbox(self) -> OutboxStore:
        """The sync outbox and sync state (``app.syncing.model``)."""

    @property
    def settings(self) -> SettingsStore: ...

    @property
    def users(self) -> UserStore: ...

    @property
    def attachment_keys(self) -> AttachmentKeys: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def training(self) -> bool:
        """The profile's kind: a training profile's store takes fictitious cases only, a desk's real ones."""

    def device(self) -> DeviceIdentity:
        """The desk's identity (raises ``ProfileError`` when the profile has none)."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...


class UnitsOfWork(Protocol):
    """Where units of work come from (the open profile's store; ``tests.fakes.FakeStore``)."""

    def unit_of_work(self) -> UnitOfWork:
        """A unit of work that may write (it takes the write lock at once)."""

    def read_unit_of_work(self) -> UnitOfWork:
        """A unit of work for reading: it takes no write lock until it writes."""
