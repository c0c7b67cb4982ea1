"""The running desk's own log: ``logs/desk.log`` in the data folder, rotating, masked, no personal data.

``start_desk_log()`` (the composition root, when a desk opens) hangs a rotating file handler on the
``bizdesk`` logger: ``desk.log`` up to ``MAX_BYTES``, then ``desk.log.1`` … ``desk.log.<BACKUPS>``, the
oldest dropped, so the folder never holds more than ``(BACKUPS + 1) * MAX_BYTES``. Every record passes
``MaskingFilter`` (ID and mobile numbers masked) before it is written; what the desk logs is events,
codes, counts and versions, never case content, names or messages (``log_event``). The diagnostics
bundle (``app.services.diagnostics``) carries the files' tails, masked once more.
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from app.masking import MaskingFilter
from app.paths import data_root, private_folder

LOG_FOLDER = "logs"
DESK_LOG = "desk.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"
desk_log = logging.getLogger("bizdesk")


class _PrivateRotatingFile(RotatingFileHandler):
    """Each file the owner's only (0600), the new one after a rollover too."""

    def _open(self):  # type: ignore[no-untyped-def]  # the base class's own signature
        stream = super()._open()
        if os.name == "posix":
            os.chmod(self.baseFilename, 0o600)
        return stream


def start_desk_log(folder: Path | None = None) -> logging.Handler:
    """Log the ``bizdesk`` logger's INFO and above to ``folder`` (default: the data folder's ``logs``)."""
    where = private_folder(folder or private_folder(data_root()) / LOG_FOLDER)
    handler = _PrivateRotatingFile(
        where / DESK_LOG, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=False
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(MaskingFilter())  # a handler's filter sees the child loggers' records too
    desk_log.addHandler(handler)
    if desk_log.level == logging.NOTSET or desk_log.level > logging.INFO:
        desk_log.setLevel(logging.INFO)
    return handler


def stop_desk_log(handler: logging.Handler) -> None:
    desk_log.removeHandler(handler)
    handler.close()


def log_event(event: str, **facts: object) -> None:
    """One line: an event name and plain facts (codes, counts, versions; never names or messages)."""
    details = "".join(f" {key}={value}" for key, value in sorted(facts.items()))
    desk_log.info("%s%s", event, details)
