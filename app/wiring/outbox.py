"""What the store's outbox says about syncing: its state and the 同步中心's overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.syncing.model import SyncState
from app.syncing.overview import SyncView, overview

if TYPE_CHECKING:
    from app.syncing.engine import SyncReport
    from app.wiring.profile import OpenedProfile


def sync_state(opened: OpenedProfile) -> SyncState:
    with opened.read_unit_of_work() as uow:
        return uow.outbox.state()


def sync_overview(
    opened: OpenedProfile, *, running: bool = False, report: SyncReport | None = None
) -> SyncView:
    with opened.read_unit_of_work() as uow:
        return overview(uow.outbox, running=running, report=report)
