"""Exactly once over real loopback HTTP, however bad the network, and across SIGKILLs of the client.

The sandbox runs as ``bizdesk sandbox`` in its own process with 30% failures (503 before doing
anything) and 10% drops (the work is committed, then the connection is cut before the answer).
The desk's store is a real SQLCipher file. At the end every submission is accepted by the platform
once and only once: /sandbox/stats counts it, and so does the platform's own database per
(case, service).
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from sync.sandbox.feed import stats
from sync.sandbox.http_api import platform_of
from tests.integration.sync.support import (
    SERVICES,
    DeskStore,
    SandboxProcess,
    engine,
    enroll_retrying,
    gateway,
    new_device,
    sandbox,
    sandbox_process,
)

CASES = int(os.environ.get("BIZDESK_SYNC_TEST_CASES", "1000"))  # the 1,000 (about 30 s)
KILL_CASES = 100  # restarts pay the interpreter start-up each time
# Runs killed at a random moment, each a little later than the one before; the next run finishes. A
# fixed number, not "until one happens to finish": how many that takes would depend on the machine's load.
KILL_RUNS = 12
FAULTS = ("--fail-rate", "0.3", "--drop-rate", "0.1", "--decision-delay", "0", "--enroll-code", "CODE-1")


def _assert_each_accepted_once(platform: SandboxProcess, cases: list[str], store: DeskStore) -> None:
    expected = {(case_id, service) for case_id in cases for service in SERVICES}
    per_service = platform.accepted_per_service()
    assert set(per_service) == expected  # every submission reached the platform
    assert set(per_service.values()) == {1}  # and none twice
    stats = platform.stats()
    assert stats["accepted"] == len(expected)
    assert stats["deliveries"] >= stats["accepted"]
    assert store.counts() == {"completed": len(expected)}


@pytest.mark.slow
def test_every_submission_is_accepted_once_through_failures_and_drops(tmp_path: Path) -> None:
    platform = sandbox_process(tmp_path / "platform", *FAULTS)
    closing: list[Callable[[], None]] = []
    device = new_device()
    store = DeskStore(tmp_path / "desk.db", secrets.token_bytes(32), device)
    try:
        store.enroll(enroll_retrying(platform.url, device))
        cases = store.queue_cases(CASES)
        run = engine(store, gateway(store_enrolled(store), device))
        closing.append(run.close)
        for _ in range(60):
            report = run.run_once()
            if report.ok and set(report.counts) == {"completed"}:
                break
        stats = platform.stats()
        assert stats["injected_failures"] > 0
        assert stats["injected_drops"] > 0
        assert stats["duplicates"] > 0  # drops after commit really happened to submissions
        _assert_each_accepted_once(platform, cases, store)
        accepted = platform.stats()["accepted"]
        again = run.run_once()  # a further sync adds nothing
        assert again.sent == 0
        assert platform.stats()["accepted"] == accepted
    finally:
        for close in closing:
            close()
        platform.stop()
        store.close()


def store_enrolled(store: DeskStore):  # type: ignore[no-untyped-def]
    with store.outbox() as (_, outbox):
        enrolled = outbox.state().enrolled
    assert enrolled is not None
    return enrolled


def _run_driver(command: list[str], errors: Path, kill_after_s: float | None) -> bool:
    """Start the driver and SIGKILL it ``kill_after_s`` after its "ready" (None: let it finish).

    Returns whether it was killed; a driver that ended on its own must have finished the sync.
    Waits for "ready" however long a busy machine takes to start it (no deadline), and whatever
    happens the process is killed, reaped and its pipe closed before this returns.
    """
    with (
        errors.open("a", encoding="utf-8") as stderr,
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True) as driver,
    ):
        try:
            assert driver.stdout is not None
            assert driver.stdout.readline().strip() == "ready", errors.read_text(encoding="utf-8")
            if kill_after_s is not None:
                time.sleep(kill_after_s)
                if driver.poll() is None:
                    driver.send_signal(signal.SIGKILL)
                    driver.wait()
                    return True
            assert driver.wait() == 0, errors.read_text(encoding="utf-8")
            return False
        finally:
            if driver.poll() is None:
                driver.kill()


@pytest.mark.slow
def test_killing_the_client_anywhere_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    platform = sandbox_process(tmp_path / "platform", *FAULTS)
    device = new_device()
    key = secrets.token_bytes(32)
    store = DeskStore(tmp_path / "desk.db", key, device)
    try:
        store.enroll(enroll_retrying(platform.url, device))
        cases = store.queue_cases(KILL_CASES)
        store.close()
        command = [
            sys.executable,
            "-m",
            "tests.integration.sync.driver",
            str(store.path),
            key.hex(),
            device.private_bytes().hex(),
        ]
        errors = tmp_path / "driver-stderr.log"
        kills = 0
        for attempt in range(KILL_RUNS):
            # anywhere: mid-request, mid-commit, mid-pull; later and later as the runs go on
            if not _run_driver(command, errors, secrets.randbelow(200 + 50 * attempt) / 1000):
                break  # it finished before its kill
            kills += 1
        else:
            _run_driver(command, errors, None)  # then the sync is left to finish
        assert kills >= 3
        store = DeskStore(store.path, key, device)
        _assert_each_accepted_once(platform, cases, store)
    finally:
        platform.stop()
        store.close()


def test_broken_answers_are_treated_as_not_delivered(tmp_path: Path) -> None:
    platform = sandbox(malformed_rate=0.3, latency_ms=5)
    device = new_device()
    store = DeskStore(tmp_path / "desk.db", None, device)
    try:
        store.enroll(enroll_retrying(platform.url, device))
        cases = store.queue_cases(15)
        run = engine(store, gateway(store_enrolled(store), device))
        for _ in range(30):
            if run.run_once().counts == {"completed": 105}:
                break
        run.close()
        counted = stats(platform_of(platform.app))
        assert counted.injected_malformed > 0
        assert counted.accepted == len(cases) * 7
        assert store.counts() == {"completed": 105}
    finally:
        platform.stop()
        store.close()
