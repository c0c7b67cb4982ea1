"""Core tables: cases and their lookup keys, attachments, audit trail, accounts, settings, device.

Every column lives inside the SQLCipher-encrypted database, so lookup values (ID
numbers, USCC, mobiles) are stored as they are and indexed for exact lookup.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from app.store.base import Base


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC datetime stored as fixed-width ISO text (sorts chronologically)."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: bizdesk stores aware UTC datetimes only")
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")

    def process_result_value(self, value: str | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else dt.datetime.fromisoformat(value)


class CaseRow(Base):
    __tablename__ = "cases"

    case_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    company_name: Mapped[str] = mapped_column(String(200))
    company_type: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(32))
    services: Mapped[str] = mapped_column(Text)  # JSON object: service code -> status
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    completed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(64), nullable=True)
    fictitious: Mapped[bool] = mapped_column(default=False)
    # the bizdesk.case/1 JSON object; last, so summary reads never walk its overflow pages
    document: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_cases_updated_at", "updated_at"),
        Index("ix_cases_status_updated_at", "status", "updated_at"),
        Index("ix_cases_completed_at", "completed_at"),
        # 案卷查询 and 今日受理 walk this newest first, testing name and status inside the index
        Index("ix_cases_search", "created_at", "company_name", "status"),
        Index("ix_cases_status_created_at", "status", "created_at"),  # one state, newest opened first
    )


class CaseLookupRow(Base):
    """Exact-lookup keys of a case: (kind, value) such as ("id_number", "3707..."), ("uscc", ...)."""

    __tablename__ = "case_lookup"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(200))

    __table_args__ = (
        UniqueConstraint("case_id", "kind", "value", name="uq_case_lookup_case_kind_value"),
        Index("ix_case_lookup_kind_value", "kind", "value"),
    )


class CaseKeyRow(Base):
    """The per-case AES-256 key of the case's attachment files: deleting it shreds them."""

    __tablename__ = "case_keys"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class AttachmentRow(Base):
    """An encrypted file under ``profile/attachments`` (the name is random, the content AES-GCM)."""

    __tablename__ = "attachments"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id", ondelete="CASCADE"), primary_key=True)
    document_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(80))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class AuditRow(Base):
    """One entry of the hash-chained audit trail (see ``app.security.audit``)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str | None] = mapped_column(String(200), nullable=True)
    details: Mapped[str] = mapped_column(Text)  # canonical JSON, personal numbers masked
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHeadRow(Base):
    """The latest entry's seq and hash, signed with the device key: truncation shows against it."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    signed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class UserRow(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))  # Argon2id PHC string
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    password_changed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SettingRow(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class DeviceRow(Base):
    """This desk's Ed25519 identity, created with the profile (one row)."""

    __tablename__ = "device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    device_id: Mapped[str] = mapped_column(String(64))
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
