"""Syncing in the background of the desk: a worker thread running engine passes, with backoff.

The UI never waits on the network: it reads ``last_report`` (and the overview) and may call
``sync_now``. Callbacks run on the worker thread: UI code must hand them to its own loop, never
touch controls from them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

from app.clock import utc_now
from app.syncing.engine import SyncReport

IDLE_POLL_SECONDS = 30.0


class BackgroundSync:
    def __init__(
        self,
        run_once: Callable[[], SyncReport],
        *,
        on_report: Callable[[SyncReport], None] | None = None,
        idle_seconds: float = IDLE_POLL_SECONDS,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._run_once = run_once
        self._on_report = on_report
        self._idle = idle_seconds
        self._clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_report: SyncReport | None = None

    def start(self) -> None:
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(target=self._loop, name="bizdesk-sync", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def sync_now(self) -> None:
        """Run a pass as soon as the worker is free (the 同步中心's "sync now")."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            report = self._run_once()
            self.last_report = report
            if self._on_report is not None:
                self._on_report(report)
            self._wake.wait(pause_after(report, idle_seconds=self._idle, now=self._clock()))
            self._wake.clear()


def pause_after(report: SyncReport, *, idle_seconds: float, now: dt.datetime | None = None) -> float:
    """After a failure, wait as the backoff says; else poll for agency outcomes every ``idle_seconds``."""
    if not report.ok and report.next_attempt_at is not None:
        return max(0.5, (report.next_attempt_at - (now or utc_now())).total_seconds())
    return idle_seconds
