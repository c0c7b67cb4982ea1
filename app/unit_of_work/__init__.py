"""The one unit-of-work port: a database transaction with every repository the services use.

Its repositories' own ports live with their owners (``app.ports`` for cases, audit, settings and
attachment keys; ``app.accounts.model`` for users; ``app.syncing.model`` for the outbox), so this
port sits above them all; the real one is ``app.store.uow.SqlUnitOfWork``, the fake one
``tests.fakes.FakeUnitOfWork``. The sync engine asks only for its part of it
(``app.syncing.model.SyncUnitOfWork``), which every ``UnitOfWork`` is.
"""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from app.accounts.model import UserStore
from app.clock import Clock
from app.ports import AttachmentKeys, AuditSink, CaseRepository, SettingsStore
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
