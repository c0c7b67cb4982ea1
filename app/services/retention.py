"""The retention policy: cases completed more than ``retention_days`` ago are purged with their files.

Deleting a case removes its attachment key in the same transaction (the files become
unreadable at once: crypto-shredding); the files are then removed from disk. The
audit trail keeps one entry per purge with the count only (PIPL Art. 19: shortest
retention; audit logs themselves are kept, masked, for at least six months).
"""

from __future__ import annotations

import datetime as dt

from app.ports import RETENTION_DAYS
from app.security.attachments import AttachmentStore
from app.unit_of_work import UnitsOfWork

BATCH = 500


def purge_expired(units: UnitsOfWork, files: AttachmentStore, *, actor: str | None = None) -> int:
    """Purge every case past its retention, and then the files left without a key; how many cases went."""
    purged = 0
    while True:
        with units.unit_of_work() as uow:
            days = uow.settings.get_int(RETENTION_DAYS)
            cutoff = uow.clock() - dt.timedelta(days=days)
            expired = uow.cases.completed_before(cutoff, limit=BATCH)
            if not expired:
                break
            for case_id in expired:
                uow.cases.delete(case_id)
            uow.audit.append(
                "retention.purge", actor=actor, details={"cases": len(expired), "retention_days": days}
            )
            uow.commit()
        purged += len(expired)
    if purged:
        remove_orphan_files(units, files)
    return purged


def remove_orphan_files(units: UnitsOfWork, files: AttachmentStore) -> int:
    """Delete attachment files whose rows (and keys) are gone."""
    with units.read_unit_of_work() as uow:
        known = uow.attachment_keys.known_file_names()
    return files.purge_orphans(known)
