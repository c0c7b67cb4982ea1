"""Tables of the sync engine: the transactional outbox and the engine's persisted state.

An outbox row is one submission of one service of one case. It is written in the same transaction
as the case's change to "queued", so a submission exists exactly when the case says it was
submitted; it is never deleted (a failed send stays visible, it is not lost).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.base import Base
from app.store.tables_core import UtcDateTime


class OutboxRow(Base):
    __tablename__ = "sync_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(160), unique=True)
    case_id: Mapped[str] = mapped_column(String(64))
    service: Mapped[str] = mapped_column(String(32))
    rank: Mapped[int] = mapped_column(Integer)  # how many services it waits for: the fewer, the sooner sent
    case_revision: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    payload: Mapped[str | None] = mapped_column(Text, nullable=True)  # canonical JSON; None while waiting
    payload_bytes: Mapped[int] = mapped_column(Integer)
    depends_on: Mapped[str] = mapped_column(Text)  # JSON list of service codes of the same case
    attachments: Mapped[str] = mapped_column(Text)  # JSON list of {sha256, size, media_type}
    state: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)  # non-retryable answers so far
    next_attempt_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    receipt: Mapped[str | None] = mapped_column(Text, nullable=True)  # the platform-signed receipt, JSON
    problems: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list of field problems
    reasons: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON list: 补正 or rejection reasons
    results: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON object: agency results
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

    __table_args__ = (
        Index("ix_sync_outbox_state_next", "state", "next_attempt_at"),
        Index("ix_sync_outbox_case_service", "case_id", "service"),
    )


class SyncStateRow(Base):
    """One row: this desk's enrollment and where syncing stands (shown by 同步中心 and ``bizdesk sync``)."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    device_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    platform_url: Mapped[str | None] = mapped_column(String(300), nullable=True)
    platform_key_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    platform_public_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mode: Mapped[str | None] = mapped_column(String(16), nullable=True)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    cursor: Mapped[str] = mapped_column(String(64), default="")
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)


class UploadRow(Base):
    """A scan (by content address) the platform told this desk it holds completely: never sent again,
    by this process or any later one, unless the platform says it lost it (``attachment_missing``)."""

    __tablename__ = "sync_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    uploaded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
