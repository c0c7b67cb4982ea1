"""Scratch files of a backup: private while they exist, gone after a kill.

A backup copies the whole (encrypted) database to ``<profile>/tmp/backup-<id>.db`` and writes
the file beside its target as ``.NAME.partial`` before renaming it. Both are created 0600. A
marker ``tmp/backup-<id>.target`` names the partial file and stays locked (``flock``) while the
backup runs, so ``clean_stale_scratch`` at the next start removes what a killed backup left and
never what a running one (in another process) still writes.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

STAGING_PREFIX, PARTIAL_SUFFIX, MARKER_SUFFIX = "backup-", ".partial", ".target"
_BINARY = getattr(os, "O_BINARY", 0)


def hold_marker(folder: Path, stem: str, partial: Path) -> tuple[Path, int]:
    """Write ``folder/<stem>.target`` naming ``partial`` and keep it locked while the backup runs (POSIX);
    returns the marker and its descriptor (close it, and unlink the marker, when done)."""
    marker = folder / f"{stem}{MARKER_SUFFIX}"
    descriptor = os.open(marker, os.O_RDWR | os.O_CREAT | os.O_TRUNC | _BINARY, 0o600)
    os.write(descriptor, str(partial.absolute()).encode("utf-8"))
    if fcntl is not None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
    return marker, descriptor


def _abandoned(marker: Path) -> bool:
    """True when no running backup holds ``marker``'s lock (a backup killed mid-way)."""
    if fcntl is None:
        return True  # Windows: a running backup's open files refuse to be deleted anyway
    try:
        descriptor = os.open(marker, os.O_RDONLY | _BINARY)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return True


def clean_stale_scratch(tmp: Path) -> int:
    """Remove what a killed backup left: its ``tmp/backup-*.db`` copy of the database and the
    ``.NAME.partial`` file its marker names; returns how many files went. A backup still running
    (in another process) holds its marker's lock and keeps its files.
    """
    removed = 0
    for marker in tmp.glob(f"{STAGING_PREFIX}*{MARKER_SUFFIX}"):
        if not _abandoned(marker):
            continue
        stem = marker.name.removesuffix(MARKER_SUFFIX)
        with contextlib.suppress(OSError, UnicodeDecodeError):
            partial = Path(marker.read_text(encoding="utf-8"))
            if partial.name.endswith(PARTIAL_SUFFIX) and partial.is_file():
                partial.unlink()
                removed += 1
        for copy in tmp.glob(f"{stem}.db*"):
            with contextlib.suppress(OSError):
                copy.unlink()
                removed += 1
        marker.unlink(missing_ok=True)
    return removed
