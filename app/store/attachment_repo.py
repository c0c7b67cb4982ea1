"""Per-case attachment keys and attachment rows (the files themselves: ``app.security.attachments``)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ports import AttachmentInfo
from app.store.tables_core import AttachmentRow, CaseKeyRow


def _info(row: AttachmentRow) -> AttachmentInfo:
    return AttachmentInfo(
        row.case_id, row.document_id, row.file_name, row.media_type, row.size, row.created_at
    )


class SqlAttachmentKeys:
    """``app.security.attachments.AttachmentKeys`` over the profile's database."""

    def __init__(self, session: Session, clock: Callable[[], dt.datetime]) -> None:
        self._session = session
        self._clock = clock

    def key_for(self, case_id: str, *, create: bool) -> bytes | None:
        """The case's 32-byte key; created on first use when ``create``."""
        row = self._session.get(CaseKeyRow, case_id)
        if row is None and create:
            row = CaseKeyRow(case_id=case_id, key=secrets.token_bytes(32), created_at=self._clock())
            self._session.add(row)
            self._session.flush()
        return None if row is None else row.key

    def record(self, info: AttachmentInfo) -> None:
        row = self._session.get(AttachmentRow, (info.case_id, info.document_id))
        if row is None:
            row = AttachmentRow(case_id=info.case_id, document_id=info.document_id)
            self._session.add(row)
        row.file_name, row.media_type, row.size = info.file_name, info.media_type, info.size
        row.created_at = info.created_at
        self._session.flush()

    def get(self, case_id: str, document_id: str) -> AttachmentInfo | None:
        row = self._session.get(AttachmentRow, (case_id, document_id))
        return None if row is None else _info(row)

    def for_case(self, case_id: str) -> list[AttachmentInfo]:
        query = (
            select(AttachmentRow).where(AttachmentRow.case_id == case_id).order_by(AttachmentRow.document_id)
        )
        return [_info(r) for r in self._session.scalars(query)]

    def remove(self, case_id: str, document_id: str) -> None:
        row = self._session.get(AttachmentRow, (case_id, document_id))
        if row is not None:
            self._session.delete(row)
            self._session.flush()

    def every(self) -> list[AttachmentInfo]:
        """Every attachment of the profile, by case and document."""
        query = select(AttachmentRow).order_by(AttachmentRow.case_id, AttachmentRow.document_id)
        return [_info(r) for r in self._session.scalars(query)]

    def known_file_names(self) -> set[str]:
        return set(self._session.scalars(select(AttachmentRow.file_name)))
