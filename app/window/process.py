"""The running window: the browser process opened on the desk's address, waited for, closed with the desk.

The window's life is its browser's: the clerk closes the window, the browser process ends, and
``wait`` returns its exit code; the desk ends, and ``close`` ends the browser (POSIX: SIGTERM, a
clean shutdown that releases the profile folder's lock; Windows: the process is terminated). Where
the browser handed the window to one already running on the profile folder (``app.window.holder``),
the window lives as long as that one.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Sequence
from pathlib import Path

from app.errors import BizdeskError
from app.window.holder import profile_holder

# How long a browser asked to close may take before it is killed (its shutdown writes its profile).
CLOSE_GRACE_SECONDS = 15


class WindowFailed(BizdeskError):
    code = "window.failed"
    title_zh = "窗口无法打开"
    title_en = "The window could not open"


class AppWindow:
    """One browser app window on a profile folder."""

    def __init__(self, command: Sequence[str], profile_folder: Path) -> None:
        self.command = list(command)
        self.profile_folder = profile_folder
        self._process: subprocess.Popen[bytes] | None = None
        self._closing = threading.Event()

    def open(self) -> None:
        """Start the browser (its output is not the desk's: it goes nowhere)."""
        try:
            self._process = subprocess.Popen(  # noqa: S603 - the browser found on this PC, our flags
                self.command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise WindowFailed(
                f"无法启动浏览器 {self.command[0]}：{error}。请用 --web 启动，并在浏览器中打开显示的地址。",
                f"Cannot start the browser {self.command[0]}: {error}. Start with --web and open the "
                "address shown in a browser.",
            ) from error

    def wait(self) -> int:
        """Block until the window is closed; the browser's exit code (0: closed normally)."""
        if self._process is None:
            raise RuntimeError("the window was never opened")
        code = self._process.wait()
        holder = profile_holder(self.profile_folder)
        if holder is not None and not self._closing.is_set():  # handed over to a browser already running
            holder.wait(self._closing)
        return code

    def close(self) -> None:
        """Close the window if it is open (and a browser it was handed to); returns once it ended."""
        self._closing.set()
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=CLOSE_GRACE_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        holder = profile_holder(self.profile_folder)
        if holder is not None:
            holder.close()
