"""Crash output that never contains personal data.

Unexpected errors are logged to the profile's log folder with their type and the
code locations only: exception messages and local values may hold ID numbers, so
they are not written. The log and its folder are the owner's only (0600/0700).
"""

from __future__ import annotations

import os
import traceback

from app.clock import utc_now
from app.errors import BizdeskError
from app.paths import data_root, private_folder


def record_crash(error: BaseException) -> None:
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"{utc_now().isoformat()} {type(error).__module__}.{type(error).__qualname__}"]
    lines += [f"  at {frame.filename}:{frame.lineno} in {frame.name}" for frame in frames]
    try:
        folder = private_folder(private_folder(data_root()) / "logs")
        path = folder / "crash.log"
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        if os.name == "posix":
            os.fchmod(descriptor, 0o600)  # a log from an older version may be wider
        with os.fdopen(descriptor, "a", encoding="utf-8") as log:
            log.write("\n".join(lines) + "\n")
    except (OSError, BizdeskError):
        pass  # a crash log that cannot be written must not hide the original error
