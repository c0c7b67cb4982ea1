"""The retention policy: cases completed more than ``retention_days`` ago are purged with their files.

Deleting a case removes its attachment key in the same transaction (the files become
unreadable at once: crypto-shredding); the files are then removed from disk. The
audit trail keeps one entry per purge with the count only (PIPL Art. 19: shortest
retention; audit logs themselves are kept, masked, for at least six months).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from app.security.attachments import AttachmentStore
from app.store.settings_repo import RETENTION_DAYS
from app.store.uow import SqlUnitOfWork

BATCH = 500


class RetainingProfile(Protocol):
    """What the retention policy needs of an open profile: units of work and its attachment files."""

    def unit_of_work(self) -> SqlUnitOfWork: ...

    def read_unit_of_work(self) -> SqlUnitOfWork: ...

    def attachments(self) -> AttachmentStore: ...


def purge_expired(opened: RetainingProfile, *, actor: str | None = None) -> int:
    """Purge every case past its retention; returns how many cases went."""
    purged = 0
    while True:
        with opened.unit_of_work() as uow:
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
        remove_orphan_files(opened)
    return purged


def remove_orphan_files(opened: RetainingProfile) -> int:
    """Delete attachment files whose rows (and keys) are gone."""
    with opened.read_unit_of_work() as uow:
        known = uow.attachment_keys.known_file_names()
    return opened.attachments().purge_orphans(known)
