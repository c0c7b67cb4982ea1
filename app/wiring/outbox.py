"""The store's outbox as the sync engine's port, and what it says about syncing (state, overview)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.ports import UnitOfWork
from app.syncing.model import OutboxStore, SyncState
from app.syncing.overview import SyncOverview, overview

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


def outbox_of(uow: UnitOfWork) -> OutboxStore:
    from app.store.outbox_repo import OutboxRepository

    return OutboxRepository(uow.session)  # type: ignore[attr-defined]  # the store's unit of work


def sync_state(opened: OpenedProfile) -> SyncState:
    with opened.read_unit_of_work() as uow:
        return outbox_of(uow).state()


def sync_overview(opened: OpenedProfile) -> SyncOverview:
    with opened.read_unit_of_work() as uow:
        return overview(outbox_of(uow))
