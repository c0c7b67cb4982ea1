"""The sandbox's own state (its own metadata, apart from the desk's store), through SQLAlchemy.

SQLite by default; PostgreSQL for a training centre or IT serving many desks at once
(``sync.sandbox.connect``). Only portable column types and constraints are used; the schema is made
and migrated by Alembic (``sync.sandbox.schema``), never by ``create_all``. Idempotency lives in the
unique constraint on (device_id, idempotency_key): a duplicate can never be stored twice, whatever
the races; ``Database.run`` answers the loser of such a race from what the winner committed.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar, cast

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
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from sync.sandbox import connect, schema

T = TypeVar("T")
# A transaction that lost a unique-key race runs again: it then reads the winner's row. Two more
# tries cover any interleaving of one key's deliveries; a third loss is a real conflict (503).
RACE_ATTEMPTS = 3


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
    """One status-feed entry; ``seq`` is given by ``sync.sandbox.counters.number_events`` (why: there)."""

    __tablename__ = "events"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
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
    """Engine and sessions on a migrated schema. On SQLite, write transactions take one lock (SQLite
    has one writer anyway, and a deferred reader upgrading to writer would otherwise fail at once with
    SQLITE_BUSY); PostgreSQL runs them side by side (READ COMMITTED), each query written for that.

    Raises ``app.errors.PlatformError`` when the database cannot be reached or logged into."""

    def __init__(self, url: str) -> None:
        self.is_sqlite = connect.is_sqlite(url)
        self.engine: Engine = connect.create_sandbox_engine(url)
        try:
            connect.check_connection(self.engine)
            schema.upgrade(self.engine)
        except BaseException:
            self.engine.dispose()  # no connection of a sandbox that never started is left open
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One committed transaction, or none at all."""
        with self._lock if self.is_sqlite else _nolock(), self._sessions() as session, session.begin():
            yield session

    def run(self, work: Callable[[Session], T]) -> T:
        """``work`` in one transaction; run again from the start when a concurrent transaction
        committed the same unique key first (the new run reads the winner's row and answers from it).
        ``IntegrityError`` escapes only after ``RACE_ATTEMPTS`` such losses."""
        for attempt in range(RACE_ATTEMPTS):
            try:
                with self.transaction() as session:
                    return work(session)
            except IntegrityError:
                if attempt == RACE_ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _nolock() -> Iterator[None]:
    yield


def table_of(model: type[SandboxBase]) -> Table:
    """The Core table of a model, for statements that need no ORM object per row."""
    return cast(Table, model.__table__)
