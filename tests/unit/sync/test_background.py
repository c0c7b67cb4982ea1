"""The background sync survives anything a pass raises: logged without personal data, shown, retried."""

from __future__ import annotations

import logging
import threading

import pytest

from app.syncing.background import BackgroundSync
from app.syncing.engine import SyncReport
from app.syncing.overview import overview
from tests.integration.sync.support import Desk

ID_NUMBER = "370783199001011234"


class _Passes:
    """A pass function that raises on chosen calls and records every call."""

    def __init__(self, raise_on: set[int]) -> None:
        self.calls = 0
        self.raise_on = raise_on
        self.done = threading.Condition()

    def __call__(self) -> SyncReport:
        with self.done:
            self.calls += 1
            self.done.notify_all()
            if self.calls in self.raise_on:
                raise RuntimeError(f"database is locked while saving {ID_NUMBER}")
        return SyncReport(ok=True, counts={})

    def wait_for(self, calls: int) -> None:
        with self.done:
            self.done.wait_for(lambda: self.calls >= calls)  # no clock: a dead worker hangs the test


def test_a_pass_that_raises_is_logged_shown_and_followed_by_the_next(
    caplog: pytest.LogCaptureFixture,
) -> None:
    passes = _Passes(raise_on={1})
    reports: list[SyncReport] = []
    worker = BackgroundSync(passes, on_report=reports.append, idle_seconds=3600, crash_retry_cap=0.05)
    caplog.set_level(logging.WARNING)
    worker.start()
    try:
        passes.wait_for(2)  # the crash did not end the worker: it backed off and ran again
        assert worker.is_alive()
        worker.sync_now()  # and "sync now" still works
        passes.wait_for(3)
    finally:
        worker.stop()
    failed = reports[0]
    assert not failed.ok
    assert failed.error_code == "sync.crashed"
    assert failed.error_zh
    assert "同步" in failed.error_zh
    assert ID_NUMBER not in (failed.error_zh or "") + (failed.error_en or "")
    assert reports[1].ok
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "RuntimeError" in logged
    assert ID_NUMBER not in logged
    assert "database is locked" not in logged


def test_a_crash_is_the_sync_centres_problem_until_a_pass_succeeds(store: Desk) -> None:
    crashed = SyncReport(
        ok=False, counts={}, error_code="sync.crashed", error_zh="同步意外中断", error_en="x"
    )
    with store.unit() as uow:
        shown = overview(uow.outbox, report=crashed)
        fine = overview(uow.outbox, report=SyncReport(ok=True, counts={}))
    assert shown.problem is not None
    assert shown.problem.message_zh == "同步意外中断"
    assert fine.problem is not None
    assert fine.problem.code == "platform.not_enrolled"


def test_a_failing_report_callback_does_not_kill_the_worker() -> None:
    passes = _Passes(raise_on=set())

    def broken(_report: SyncReport) -> None:
        raise ValueError("ui gone")

    worker = BackgroundSync(passes, on_report=broken, idle_seconds=3600, crash_retry_cap=0.05)
    worker.start()
    try:
        passes.wait_for(1)
        worker.sync_now()
        passes.wait_for(2)
        assert worker.is_alive()
    finally:
        worker.stop()


def test_paused_waits_for_the_running_pass_and_a_pass_asked_meanwhile_runs_after() -> None:
    order: list[str] = []
    started, release = threading.Semaphore(0), threading.Event()

    def one_pass() -> SyncReport:
        order.append("pass")
        started.release()
        release.wait()
        order.append("pass_end")
        return SyncReport(ok=True, counts={})

    worker = BackgroundSync(one_pass, idle_seconds=3600)  # no pass but the ones asked for
    worker.start()
    started.acquire()  # the first pass is running, held

    def store_work() -> None:
        with worker.paused():
            order.append("store_work")
            worker.sync_now()  # asked while paused: runs once the store work is done

    swapping = threading.Thread(target=store_work)
    swapping.start()
    release.set()
    swapping.join()
    started.acquire()  # the pass asked for meanwhile
    worker.stop()
    assert order[:3] == ["pass", "pass_end", "store_work"]
    assert order[3] == "pass"
