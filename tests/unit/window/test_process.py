"""The window's process: waited for until it is closed, closed with the desk, a hand-off followed.

A small Python program stands in for the browser: it ends with a given code by itself (the clerk
closed the window) or waits for SIGTERM (the desk closes it).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.window import process as window_process
from app.window.holder import Holder, profile_holder
from app.window.process import AppWindow, WindowFailed

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="Chromium's POSIX profile lock")
ENDS_WITH = "import sys; sys.exit({code})"
WAITS_FOR_SIGTERM = (
    "import signal, sys; signal.signal(signal.SIGTERM, lambda *_: sys.exit(0)); print('ready', flush=True); "
    "signal.pause()"
)


def browser(program: str, *args: str) -> list[str]:
    return [sys.executable, "-c", program, *args]


@pytest.mark.parametrize("code", [0, 3])
def test_wait_returns_when_the_window_is_closed_with_its_code(tmp_path: Path, code: int) -> None:
    window = AppWindow(browser(ENDS_WITH.format(code=code)), tmp_path)
    window.open()
    assert window.wait() == code


@posix_only
def test_close_ends_the_browser_and_a_waiter_returns(tmp_path: Path) -> None:
    window = AppWindow(browser(WAITS_FOR_SIGTERM), tmp_path)
    window.open()
    result: list[int] = []
    waiter = threading.Thread(target=lambda: result.append(window.wait()))
    waiter.start()
    window.close()
    waiter.join()
    assert len(result) == 1  # the waiter saw the window go (its code: 0, or -15 if closed before it was up)


def test_close_before_or_after_the_end_is_harmless(tmp_path: Path) -> None:
    window = AppWindow(browser(ENDS_WITH.format(code=0)), tmp_path)
    window.close()
    window.open()
    assert window.wait() == 0
    window.close()


def test_a_browser_that_cannot_start_is_a_clear_error(tmp_path: Path) -> None:
    window = AppWindow([str(tmp_path / "no-such-browser")], tmp_path)
    with pytest.raises(WindowFailed) as failed:
        window.open()
    assert "--web" in failed.value.message_zh


def test_a_window_handed_to_a_running_browser_lives_as_long_as_that_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waited: list[Holder] = []

    class Running(Holder):
        def wait(self, stop: threading.Event) -> None:
            waited.append(self)

    holder = Running(tmp_path, 4242)
    monkeypatch.setattr(
        window_process, "profile_holder", lambda folder: holder if folder == tmp_path else None
    )
    window = AppWindow(browser(ENDS_WITH.format(code=0)), tmp_path)  # hands over and ends at once
    window.open()
    assert window.wait() == 0
    assert waited == [holder]


@pytest.fixture
def running_browser(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A process whose command line names the profile folder, as a browser on it would."""
    started = subprocess.Popen(
        browser(WAITS_FOR_SIGTERM, f"--user-data-dir={tmp_path}"), stdout=subprocess.PIPE
    )
    assert started.stdout is not None
    assert started.stdout.readline() == b"ready\n"  # up, with its SIGTERM handler
    yield started
    started.stdout.close()
    if started.poll() is None:
        started.kill()
    started.wait()


def lock(folder: Path, pid: int, host: str | None = None) -> None:
    (folder / "SingletonLock").symlink_to(f"{host or socket.gethostname()}-{pid}")


@posix_only
def test_the_holder_is_the_live_browser_named_by_the_lock(
    tmp_path: Path, running_browser: subprocess.Popen[bytes]
) -> None:
    assert profile_holder(tmp_path) is None
    lock(tmp_path, running_browser.pid)
    assert profile_holder(tmp_path) == Holder(tmp_path, running_browser.pid)
    profile_holder(tmp_path).close()  # type: ignore[union-attr]
    assert running_browser.wait() == 0
    assert profile_holder(tmp_path) is None  # the lock names a process that ended


@posix_only
def test_a_stale_lock_never_names_another_program_or_host(
    tmp_path: Path, running_browser: subprocess.Popen[bytes]
) -> None:
    lock(tmp_path, os.getpid())  # alive, but its command line does not name the folder (a reused pid)
    assert profile_holder(tmp_path) is None
    (tmp_path / "SingletonLock").unlink()
    lock(tmp_path, running_browser.pid, host="another-pc")
    assert profile_holder(tmp_path) is None


@posix_only
def test_holder_wait_returns_when_the_holder_ends_or_when_stopped(
    tmp_path: Path, running_browser: subprocess.Popen[bytes]
) -> None:
    lock(tmp_path, running_browser.pid)
    holder = profile_holder(tmp_path)
    assert holder is not None
    stop = threading.Event()
    stop.set()
    holder.wait(stop)  # returns at once: the desk is closing
    os.kill(running_browser.pid, signal.SIGTERM)
    running_browser.wait()
    holder.wait(threading.Event())  # returns: the folder is free
