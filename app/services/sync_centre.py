"""The desk's one background sync, shared by every page, and what the 同步中心 shows of it.

``SyncCentre`` is the ``app.desk.api.SyncControl`` the pages hold: a worker running the desk's pass
(``DeskSync.background_pass``), knowing when a pass runs; ``sync_view`` is the picture: the outbox's
overview, with a damaged scan (until it is taken again) and the audit alarm (until IT clears it)
put before any other problem, and the offline guard's refusal and warnings.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.errors import describe
from app.security.scan_check import damaged_scans
from app.services.checkpoints import checkpoint_alarm_message
from app.services.offline_guard import offline_guard
from app.services.sync_pass import DeskSync
from app.syncing.background import BackgroundSync
from app.syncing.overview import SyncView, overview
from app.syncing.report import SyncReport
from app.unit_of_work import UnitOfWork


def sync_view(uow: UnitOfWork, *, running: bool = False, report: SyncReport | None = None) -> SyncView:
    """What the 同步中心 shows (read inside ``with uow:``)."""
    seen = overview(uow.outbox, running=running, report=report)
    scans = damaged_scans(uow)
    problem = describe(scans) if scans is not None else seen.problem
    problem = checkpoint_alarm_message(uow) or problem
    return dataclasses.replace(seen, problem=problem, warnings=offline_guard(uow).messages)


class SyncCentre:
    """One background sync per desk process; ``on_stop`` ends what it syncs with (a training sandbox)."""

    def __init__(self, desk: DeskSync, *, on_stop: Callable[[], None] | None = None) -> None:
        self._desk, self._on_stop = desk, on_stop
        self._running = threading.Event()
        self.worker = BackgroundSync(self._one_pass)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
        if self._on_stop is not None:
            self._on_stop()
            self._on_stop = None

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No sync pass while the store is swapped under the desk (key rotation, restore)."""
        with self.worker.paused():
            yield

    def sync_now(self) -> None:
        self._running.set()  # shown at once; cleared when the pass it asked for ends
        self.worker.sync_now()

    def _one_pass(self) -> SyncReport:
        self._running.set()
        try:
            return self._desk.background_pass()
        finally:
            self._running.clear()

    def view(self) -> SyncView:
        with self._desk.units.read_unit_of_work() as uow:
            return sync_view(uow, running=self._running.is_set(), report=self.worker.last_report)
