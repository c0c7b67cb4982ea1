"""Syncing in the background of the desk: a worker thread running engine passes, with backoff.

The UI never waits on the network: it reads ``last_report`` (and the overview) and may call
``sync_now``. Callbacks run on the worker thread: UI code must hand them to its own loop, never
touch controls from them.

The worker never dies. A pass that raises (a bug, a database that cannot be written, anything the
engine does not turn into a report itself) becomes a failed report with code ``sync.crashed``,
which the 同步中心 shows as its problem; it is logged with the error's type and code locations
only (messages may hold personal data), and the next pass comes after a full-jitter backoff that
grows with consecutive crashes. ``sync_now`` cuts the wait short, as always.

``paused()`` holds the worker between passes while the store is swapped under it (a data-key
rotation, a restore): it waits for a running pass to end, no pass starts until it is left, and a
pass asked for meanwhile runs right after.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from app.clock import utc_now
from app.masking import MaskingFilter
from app.syncing.engine import SyncReport
from app.syncing.rules import backoff_seconds

IDLE_POLL_SECONDS = 30.0
CRASH_RETRY_BASE = 2.0
CRASH_RETRY_CAP = 300.0
CRASHED = "sync.crashed"

log = logging.getLogger("bizdesk.sync")
log.addFilter(MaskingFilter())  # belt and braces: nothing logged here carries a message anyway


def crashed_report() -> SyncReport:
    """What a pass that raised reports: no detail of the error, which may hold personal data."""
    return SyncReport(
        ok=False,
        counts={},
        error_code=CRASHED,
        error_zh="同步意外中断，已记录日志，稍后自动重试；已保存的数据不受影响。如反复出现请联系IT支持。",
        error_en="Syncing stopped unexpectedly and was logged; it retries by itself and saved data "
        "is not affected. Call IT support if this keeps happening.",
    )


def log_crash(error: BaseException) -> None:
    """The error's type and where it happened; never its message."""
    frames = traceback.extract_tb(error.__traceback__)
    where = " <- ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames[-4:]))
    log.error("sync pass failed: %s.%s at %s", type(error).__module__, type(error).__qualname__, where)


def log_pass(report: SyncReport) -> None:
    """A pass that sent, applied or failed something, as counts and a code (the desk log)."""
    if report.sent or report.events_applied or report.error_code:
        log.info(
            "sync.pass ok=%s sent=%d events=%d error=%s",
            report.ok,
            report.sent,
            report.events_applied,
            report.error_code or "-",
        )


class BackgroundSync:
    def __init__(
        self,
        run_once: Callable[[], SyncReport],
        *,
        on_report: Callable[[SyncReport], None] | None = None,
        idle_seconds: float = IDLE_POLL_SECONDS,
        crash_retry_cap: float = CRASH_RETRY_CAP,
        clock: Callable[[], dt.datetime] = utc_now,
    ) -> None:
        self._run_once = run_once
        self._on_report = on_report
        self._idle = idle_seconds
        self._crash_cap = crash_retry_cap
        self._clock = clock
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._crashes = 0
        self._pass_lock = threading.Lock()  # held by a running pass, or by ``paused``
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

    def is_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self) -> None:
        """Run a pass as soon as the worker is free (the 同步中心's "sync now")."""
        self._wake.set()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No pass runs inside: waits for the one running to finish, holds the next until left."""
        with self._pass_lock:
            yield

    def _loop(self) -> None:
        while not self._stop.is_set():
            with self._pass_lock:
                if self._stop.is_set():  # stopped while paused: no pass against a closed store
                    return
                report, pause = self._one_pass()
            self.last_report = report
            log_pass(report)
            self._tell(report)
            self._wake.wait(pause)
            self._wake.clear()

    def _one_pass(self) -> tuple[SyncReport, float]:
        """The pass's report and how long to wait before the next one."""
        try:
            report = self._run_once()
        except Exception as error:
            log_crash(error)
            self._crashes += 1
            wait = backoff_seconds(
                self._crashes, base=min(CRASH_RETRY_BASE, self._crash_cap), cap=self._crash_cap
            )
            return crashed_report(), max(wait, 0.01)
        self._crashes = 0
        return report, pause_after(report, idle_seconds=self._idle, now=self._clock())

    def _tell(self, report: SyncReport) -> None:
        if self._on_report is None:
            return
        try:
            self._on_report(report)
        except Exception as error:
            log_crash(error)


def pause_after(report: SyncReport, *, idle_seconds: float, now: dt.datetime | None = None) -> float:
    """After a failure, wait as the backoff says; else poll for agency outcomes every ``idle_seconds``."""
    if not report.ok and report.next_attempt_at is not None:
        return max(0.5, (report.next_attempt_at - (now or utc_now())).total_seconds())
    return idle_seconds
