"""This installation's own id: which PC a profile lives on, kept beside the profiles, never in a backup.

``installation_id(data_root)`` reads ``<data root>/installation.json`` (0600), writing a new random id
the first time. A restore replaces a profile's folder but not this file, so a backup made on another
installation is told from one made here (``app.services.backup``: restoring it is a device
replacement, which IT confirms explicitly).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

FILE_NAME = "installation.json"
_BINARY = getattr(os, "O_BINARY", 0)


def known_installation_id(data_root: Path) -> str | None:
    """The installation's id if it has one yet (a backup made here gave it one), writing nothing."""
    try:
        known = json.loads((data_root / FILE_NAME).read_text(encoding="utf-8")).get("installation_id")
    except (OSError, ValueError, AttributeError):
        return None
    return known if isinstance(known, str) and known.startswith("inst-") else None


def installation_id(data_root: Path) -> str:
    """The installation's id (``inst-`` and 32 hex digits), made on first use (a backup)."""
    known = known_installation_id(data_root)
    if known is not None:
        return known
    path = data_root / FILE_NAME
    made = "inst-" + secrets.token_hex(16)
    data_root.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{FILE_NAME}.{secrets.token_hex(4)}")
    with os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600), "w") as out:
        json.dump({"installation_id": made}, out)
        out.flush()
        os.fsync(out.fileno())
    partial.replace(path)
    return made
