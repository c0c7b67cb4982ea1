"""Crash output that never contains personal data.

Unexpected errors are logged to the profile's log folder with their type and the
code locations only: exception messages and local values may hold ID numbers, so
they are not written.
"""

from __future__ import annotations

import traceback

from app.clock import utc_now
from app.paths import data_root


def record_crash(error: BaseException) -> None:
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{utc_now().isoformat()} {type(error).__module__}.{type(error).__qualname__}"]
    lines += [f"  at {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames]
    try:
        folder = data_root() / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "crash.log").open("a", encoding="utf-8") as log:
            log.write("\n".join(lines) + "\n")
    except OSError:
        pass  # a crash log that cannot be written must not hide the original error
