"""The desk's one background sync, shared by every page: which platform to sync with, when a pass
runs, and what the 同步中心 shows."""

from __future__ import annotations

import dataclasses
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from app.desk.api import SyncView
from app.wiring.outbox import sync_overview, sync_state
from app.wiring.sandbox import start_embedded_sandbox

if TYPE_CHECKING:
    from app.syncing.background import BackgroundSync
    from app.syncing.engine import SyncReport
    from app.wiring.profile import OpenedProfile


SyncPlan = Literal["enrolled", "sandbox", "not_enrolled"]


def sync_plan(*, training: bool, enrolled_url: str | None, answers: Callable[[str], bool]) -> SyncPlan:
    """Which platform the desk syncs with: its enrolled one; in training, the built-in sandbox
    when not enrolled or when the enrolled address no longer answers (an earlier run's sandbox)."""
    if enrolled_url is not None and (not training or answers(enrolled_url)):
        return "enrolled"
    return "sandbox" if training else "not_enrolled"


def url_answers(url: str, timeout: float = 1.0) -> bool:
    """A TCP connection to the URL's host and port succeeds (no request is sent)."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


def start_syncing(opened: OpenedProfile) -> DeskSyncHub:
    """The background sync of the desk; in training, first the built-in sandbox if it is needed."""
    enrolled = sync_state(opened).enrolled
    plan = sync_plan(
        training=opened.training,
        enrolled_url=enrolled.platform_url if enrolled else None,
        answers=url_answers,
    )
    stop_sandbox: Callable[[], None] | None = None
    if plan == "sandbox":
        url, stop_sandbox = start_embedded_sandbox(opened)
        print(f"内置政务平台沙箱: {url}", flush=True)
    hub = DeskSyncHub(opened, stop_sandbox=stop_sandbox)
    hub.start()
    return hub


class DeskSyncHub:
    """One background sync per desk process, shared by every page; knows when a pass is running."""

    def __init__(self, opened: OpenedProfile, *, stop_sandbox: Callable[[], None] | None = None) -> None:
        from app.syncing.background import BackgroundSync

        self._opened = opened
        self._stop_sandbox = stop_sandbox
        self._running = threading.Event()
        self.worker: BackgroundSync = BackgroundSync(self._one_pass)

    def start(self) -> None:
        self.worker.start()

    def stop(self) -> None:
        self.worker.stop()
        if self._stop_sandbox is not None:
            self._stop_sandbox()
            self._stop_sandbox = None

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No sync pass while the store is swapped under the desk (key rotation, restore)."""
        with self.worker.paused():
            yield

    def sync_now(self) -> None:
        self._running.set()  # shown at once; cleared when the pass it asked for ends
        self.worker.sync_now()

    def _one_pass(self) -> SyncReport:
        from app.wiring.desk_sync import desk_pass

        self._running.set()
        try:
            return desk_pass(self._opened)
        finally:
            self._running.clear()

    def view(self) -> SyncView:
        from app.wiring.audit import checkpoint_alarm_message
        from app.wiring.scans import damaged_scans_message

        seen = sync_overview(self._opened, running=self._running.is_set(), report=self.worker.last_report)
        problem = damaged_scans_message(self._opened) or seen.problem  # until the scans are taken again
        problem = checkpoint_alarm_message(self._opened) or problem  # stays until IT clears it
        return dataclasses.replace(seen, problem=problem)
