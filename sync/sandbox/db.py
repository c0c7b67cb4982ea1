"""The sandbox's own state (its own metadata, apart from the desk's store), through SQLAlchemy.

SQLite by default; any SQLAlchemy URL works (PostgreSQL for a training centre serving many desks):
only portable column types and constraints are used. Idempotency lives in the unique constraint
on (device_id, idempotency_key): a duplicate can never be stored twice, whatever the races.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Engine,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.pool import StaticPool
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[dt.datetime]):
    """Aware UTC datetimes on every database (SQLite keeps no zone: stored naive UTC, read back aware)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class SandboxBase(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UtcDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Meta(SandboxBase):
    __tablename__ = "sandbox_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Device(SandboxBase):
    __tablename__ = "devices"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64), unique=True)
    branch_code: Mapped[str] = mapped_column(String(20))
    division_code: Mapped[str] = mapped_column(String(6))
    training: Mapped[bool] = mapped_column(Boolean)
    label: Mapped[str] = mapped_column(String(100), default="")
    enroll_code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[dt.datetime]


class Nonce(SandboxBase):
    __tablename__ = "nonces"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(128), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(index=True)


class Submission(SandboxBase):
    __tablename__ = "submissions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64))
    idempotency_key: Mapped[str] = mapped_column(String(160))
    case_id: Mapped[str] = mapped_column(String(64))
    service: Mapped[str] = mapped_column(String(32))
    content_sha256: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    depends_on: Mapped[list[Any]]
    outcome: Mapped[str] = mapped_column(String(16))  # accepted | rejected: the answer to every resend
    problems: Mapped[list[Any]]
    receipt: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    receipt_id: Mapped[str | None] = mapped_column(String(40), nullable=True, unique=True)
    state: Mapped[str] = mapped_column(String(20))  # accepted | needs_correction | completed | rejected
    results: Mapped[dict[str, Any]]
    received_at: Mapped[dt.datetime]
    decide_at: Mapped[dt.datetime]

    __table_args__ = (
        UniqueConstraint("device_id", "idempotency_key", name="uq_submissions_device_key"),
        Index("ix_submissions_state_decide", "state", "decide_at"),
        Index("ix_submissions_case", "device_id", "case_id", "service"),
    )


class Event(SandboxBase):
    __tablename__ = "events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64))
    submission_id: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    reasons: Mapped[list[Any]]
    results: Mapped[dict[str, Any]]
    at: Mapped[dt.datetime]

    __table_args__ = (Index("ix_events_device_seq", "device_id", "seq"),)


class Attachment(SandboxBase):
    __tablename__ = "attachments"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100))
    received: Mapped[int] = mapped_column(BigInteger, default=0)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime]


class AttachmentChunk(SandboxBase):
    __tablename__ = "attachment_chunks"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Checkpoint(SandboxBase):
    __tablename__ = "checkpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(BigInteger)
    head_hash: Mapped[str] = mapped_column(String(64))
    receipt: Mapped[dict[str, Any]]

    __table_args__ = (UniqueConstraint("device_id", "seq", name="uq_checkpoints_device_seq"),)


class Counter(SandboxBase):
    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Database:
    """Engine and sessions. On SQLite, write transactions take one lock (SQLite has one writer anyway,
    and a deferred reader upgrading to writer would otherwise fail at once with SQLITE_BUSY)."""

    def __init__(self, url: str) -> None:
        self.is_sqlite = url.startswith("sqlite")
        if url in ("sqlite://", "sqlite:///:memory:"):
            self.engine: Engine = create_engine(
                "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
            )
        elif self.is_sqlite:
            self.engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_pre_ping=True)
        SandboxBase.metadata.create_all(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One committed transaction, or none at all."""
        with self._lock if self.is_sqlite else _nolock(), self._sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _nolock() -> Iterator[None]:
    yield


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()
