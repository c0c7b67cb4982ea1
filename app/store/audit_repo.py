"""The audit trail in the encrypted store: ``app.ports.AuditSink`` plus reading and verifying."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.security.audit import (
    AuditEntry,
    SignedHead,
    VerifyReport,
    canonical_json,
    head_message,
    make_entry,
    verify_chain,
)
from app.security.device import DeviceIdentity
from app.store.tables_core import AuditHeadRow, AuditRow

HEAD_ROW_ID = 1


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        ts=row.ts,
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        details=json.loads(row.details),
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


class SqlAuditTrail:
    """Appends in the caller's transaction; every append re-signs the head with the device key."""

    def __init__(
        self, session: Session, clock: Callable[[], dt.datetime], device: Callable[[], DeviceIdentity]
    ):
        self._session = session
        self._clock = clock
        self._device = device

    def append(
        self,
        action: str,
        *,
        actor: str | None,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        last_row = self._session.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).first()
        previous = None if last_row is None else _entry(last_row)
        entry = make_entry(
            previous, ts=self._clock(), actor=actor, action=action, subject=subject, details=details
        )
        self._session.add(
            AuditRow(
                seq=entry.seq,
                ts=entry.ts,
                actor=entry.actor,
                action=entry.action,
                subject=entry.subject,
                details=canonical_json(entry.details),
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )
        )
        self._sign_head(entry.seq, entry.hash)

    def _sign_head(self, seq: int, digest: str) -> None:
        device = self._device()
        signature = device.sign(head_message(device.device_id, seq, digest))
        head = self._session.get(AuditHeadRow, HEAD_ROW_ID)
        if head is None:
            head = AuditHeadRow(id=HEAD_ROW_ID)
            self._session.add(head)
        head.seq, head.hash, head.signature, head.signed_at = seq, digest, signature, self._clock()

    def entries(self, *, after_seq: int = 0, batch: int = 1000) -> Iterator[AuditEntry]:
        """Every entry in sequence order, read in batches."""
        while True:
            query = select(AuditRow).where(AuditRow.seq > after_seq).order_by(AuditRow.seq).limit(batch)
            rows = list(self._session.scalars(query))
            yield from (_entry(r) for r in rows)
            if len(rows) < batch:
                return
            after_seq = rows[-1].seq

    def about(self, subject: str, action: str) -> list[AuditEntry]:
        """The entries of ``action`` about ``subject`` (a case id), in sequence order."""
        query = select(AuditRow).where(AuditRow.subject == subject, AuditRow.action == action)
        return [_entry(r) for r in self._session.scalars(query.order_by(AuditRow.seq))]

    def subjects_of(self, actor: str, action: str) -> set[str]:
        """The subjects (case ids) ``actor`` did ``action`` about, in one query."""
        query = select(AuditRow.subject).where(AuditRow.actor == actor, AuditRow.action == action)
        return {subject for subject in self._session.scalars(query.distinct()) if subject}

    def head(self) -> SignedHead | None:
        """The signed head: what the sync module sends to the platform as a checkpoint."""
        row = self._session.get(AuditHeadRow, HEAD_ROW_ID)
        if row is None:
            return None
        return SignedHead(row.seq, row.hash, self._device().device_id, row.signature, row.signed_at)

    def entry(self, seq: int) -> AuditEntry | None:
        row = self._session.scalars(select(AuditRow).where(AuditRow.seq == seq)).first()
        return None if row is None else _entry(row)

    def verify(self) -> VerifyReport:
        """The chain on its own (a set-up profile's trail is never empty: it records its creation)."""
        return verify_chain(self.entries(), self.head(), self._device().public_key, expect_entries=True)
