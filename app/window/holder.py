"""Which browser holds the window's profile folder: Chromium's own lock, read from outside.

A browser started on a profile folder that another browser already holds hands its ``--app`` address
to that one and exits at once. That happens when a desk was killed and its window stayed open: the
next desk's window then opens in the old browser, and the desk must not take the quick exit for the
window being closed. The holder is found from the lock Chromium keeps in the folder:

- POSIX: ``SingletonLock``, a symbolic link to ``<host>-<pid>``; the holder is that process while it
  lives on this host and its command line names the folder (a stale link after a reboot may name a
  pid that some other program has since been given: that one is never touched).
- Windows: ``lockfile``, open while the browser runs (it cannot be deleted then); its process is not
  known, so it is waited for but not closed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

_POLL_SECONDS = 0.5


@dataclass(frozen=True)
class Holder:
    """The browser holding a profile folder: its process id where known (POSIX)."""

    folder: Path
    pid: int | None

    def close(self) -> None:
        """Ask it to close (POSIX: SIGTERM, which Chromium answers with a clean shutdown)."""
        if self.pid is not None:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGTERM)

    def wait(self, stop: threading.Event) -> None:
        """Return when the folder is free (this holder ended) or ``stop`` is set."""
        while not stop.wait(_POLL_SECONDS):
            if profile_holder(self.folder) != self:
                return


def profile_holder(folder: Path) -> Holder | None:
    """The browser holding ``folder`` now, or None."""
    if sys.platform == "win32":
        return _windows_holder(folder)
    return _posix_holder(folder)


def _posix_holder(folder: Path) -> Holder | None:
    try:
        target = os.readlink(folder / "SingletonLock")
    except OSError:
        return None
    host, _, pid_text = target.rpartition("-")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if not _alive(pid) or str(folder) not in _command_line(pid):
        return None
    return Holder(folder, pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # some other user's process: alive, and its command line decides
    return True


def _command_line(pid: int) -> str:
    """The process's command line (Linux: /proc; elsewhere ``ps``), or "" when it cannot be read."""
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    try:
        shown = subprocess.run(  # noqa: S603 - a pid, nothing else, goes to ps
            ["ps", "-o", "command=", "-p", str(pid)],  # noqa: S607 - the system's ps, by name
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return ""
    return shown.stdout


def _windows_holder(folder: Path) -> Holder | None:
    lock = folder / "lockfile"
    try:
        lock.unlink()  # a stale lock of a browser that ended goes; a held one cannot be deleted
    except FileNotFoundError:
        return None
    except OSError:
        return Holder(folder, None)
    return None
