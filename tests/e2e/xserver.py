"""A virtual X display (Debian's Xvfb) for tests that open real windows, and what they ask of it.

Xvfb picks a free display number itself (``-displayfd``) and writes it once it accepts clients, so
the tests wait for that line, not for a while. The windows on it are found with ``xdotool`` and
photographed with ImageMagick's ``import`` (Debian's xdotool and imagemagick; ``./dev test``
installs them with xvfb).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

TOOLS = ("Xvfb", "xdotool", "import")
SCREEN = "1280x800x24"


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


@dataclass(frozen=True)
class Display:
    """A running virtual display: its name (``:N``) for DISPLAY."""

    name: str

    def env(self) -> dict[str, str]:
        return {"DISPLAY": self.name}

    def _run(self, *command: str) -> str:
        done = subprocess.run(
            list(command), env={**os.environ, **self.env()}, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{command} failed ({done.returncode}): {done.stderr}")
        return done.stdout

    def windows_of(self, pid: int) -> list[str]:
        """The visible windows process ``pid`` shows (their X ids); none is not an error."""
        done = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--pid", str(pid)],
            env={**os.environ, **self.env()},
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.split()

    def wait_for_window(self, title: str) -> str:
        """The id of the visible window titled ``title``, once it is mapped (xdotool ``--sync`` waits)."""
        return self._run("xdotool", "search", "--sync", "--onlyvisible", "--name", f"^{title}$").split()[0]

    def window_pid(self, window: str) -> int:
        return int(self._run("xdotool", "getwindowpid", window).strip())

    def geometry(self, window: str) -> tuple[int, int]:
        """The window's width and height in pixels."""
        shown = dict(
            line.split("=", 1)
            for line in self._run("xdotool", "getwindowgeometry", "--shell", window).split()
            if "=" in line
        )
        return int(shown["WIDTH"]), int(shown["HEIGHT"])

    def photograph(self, window: str, path: Path) -> Path:
        """A PNG of ``window`` (``root`` for the whole screen) as the X server shows it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._run("import", "-window", window, str(path))
        return path


@contextmanager
def virtual_display() -> Iterator[Display]:
    """Xvfb on a free display number, ended afterwards."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end, encoding="ascii") as announced:
            number = announced.readline().strip()  # written once the display accepts clients
        if not number.isdigit():
            raise RuntimeError(f"Xvfb did not start (exit code {server.poll()})")
        yield Display(f":{number}")
    finally:
        server.terminate()
        server.wait()
