"""Ports: what the core needs from the outside, as Protocols.

The core (services in ``app`` and the sync engine) talks to storage only through a ``UnitOfWork``,
which exposes every repository they use: cases, audit, the sync outbox, settings, users, attachment
keys, and the desk's device identity. The real one lives in ``app.store`` (SQLCipher through
SQLAlchemy); ``tests/fakes.py`` holds an in-memory one so service and engine tests run with no
database. Nothing reaches past it (no session, no helper building a repository from a session).

Cases are stored as their ``bizdesk.case/1`` interchange document (a JSON object)
plus a summary row and exact-lookup keys; the whole database is encrypted, so the
keys need no blind index.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class CaseSummary:
    """One line of a case list: enough for lists and dashboards, no personal data beyond names."""

    case_id: str
    company_name: str
    company_type: str
    status: str
    services: Mapping[str, str] = field(default_factory=dict)  # service code -> service status
    updated_at: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    created_by: str | None = None
    fictitious: bool = False


@dataclass(frozen=True)
class CaseQuery:
    """What to find (``app.services.case_search`` builds it); every part given must hold.

    ``exact`` is (kinds, value): a lookup key of one of ``kinds`` (id_number, uscc, mobile) equal to
    ``value``, or kind ``case_id``; ``name_part`` a substring of the company name; ``opened_from`` and
    ``opened_until`` bound the opening time (UTC; from inclusive, until exclusive); ``status`` is the
    case status.
    """

    exact: tuple[tuple[str, ...], str] | None = None
    name_part: str | None = None
    opened_from: dt.datetime | None = None
    opened_until: dt.datetime | None = None
    status: str | None = None


@dataclass(frozen=True)
class CaseHit:
    """One found case, as a result row or the 今日受理 board shows it (no personal numbers)."""

    case_id: str
    company_name: str
    company_type: str
    status: str
    services: Mapping[str, str] = field(default_factory=dict)  # service code -> service status
    created_at: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    updated_at: dt.datetime = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    completed_at: dt.datetime | None = None
    fictitious: bool = False


@dataclass(frozen=True)
class StoredCase:
    document: Mapping[str, Any]  # the bizdesk.case/1 JSON object
    revision: int
    summary: CaseSummary


class StaleRevision(Exception):
    """Someone saved the case in between: reload before saving again."""


class CaseRepository(Protocol):
    def add(
        self, document: Mapping[str, Any], summary: CaseSummary, lookup_keys: Iterable[tuple[str, str]]
    ) -> None:
        """Store a new case. ``lookup_keys`` are (kind, value) pairs, kinds: id_number, uscc, mobile."""

    def replace(
        self,
        document: Mapping[str, Any],
        summary: CaseSummary,
        lookup_keys: Iterable[tuple[str, str]],
        *,
        expected_revision: int,
    ) -> int:
        """Store a new revision; raises ``StaleRevision`` if the stored one is not ``expected_revision``."""

    def get(self, case_id: str) -> StoredCase | None: ...

    def list(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> builtins.list[CaseSummary]:
        """Most recently updated first."""

    def find(self, kind: str, value: str) -> builtins.list[str]:
        """Case ids whose lookup key of ``kind`` equals ``value`` exactly."""

    def search(self, query: CaseQuery, *, limit: int = 50) -> builtins.list[CaseHit]:
        """Cases matching every part of ``query``, newest opened first, at most ``limit``."""

    def count(self) -> int: ...

    def delete(self, case_id: str) -> None:
        """Remove the case, its lookup keys and its attachment key (which shreds its files)."""

    def completed_before(self, cutoff: dt.datetime, *, limit: int = 500) -> builtins.list[str]:
        """Ids of completed cases last changed before ``cutoff`` (retention), at most ``limit``."""


class AuditSink(Protocol):
    def append(
        self,
        action: str,
        *,
        actor: str | None,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        """Append an entry to the hash-chained audit trail, in the caller's transaction.

        ``details`` never holds unmasked ID or phone numbers.
        """


@dataclass(frozen=True)
class IntSetting:
    """A known integer setting with its default and bounds (IT may change it within them)."""

    key: str
    default: int
    minimum: int
    maximum: int
    label_zh: str


IDLE_LOCK_SECONDS = IntSetting("idle_lock_seconds", 300, 60, 3600, "空闲自动锁定（秒）")
RETENTION_DAYS = IntSetting("retention_days", 180, 30, 3650, "办结后保留天数")


class SettingsStore(Protocol):
    def get_int(self, setting: IntSetting) -> int:
        """The stored value, or the default when unset or out of bounds."""

    def set_int(self, setting: IntSetting, value: int) -> None:
        """Raises ``InputRejected`` naming the setting when ``value`` is out of its bounds."""

    def get_json(self, key: str) -> Any:
        """The raw JSON value of ``key`` (None if unset): for modules that keep their own settings."""

    def set_json(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class AttachmentInfo:
    """One sealed scan of a case document (the file itself: ``app.security.attachments``)."""

    case_id: str
    document_id: str
    file_name: str
    media_type: str
    size: int
    created_at: dt.datetime


class AttachmentKeys(Protocol):
    def key_for(self, case_id: str, *, create: bool) -> bytes | None:
        """The case's 32-byte key; created on first use when ``create``."""

    def record(self, info: AttachmentInfo) -> None: ...

    def get(self, case_id: str, document_id: str) -> AttachmentInfo | None: ...

    def for_case(self, case_id: str) -> builtins.list[AttachmentInfo]: ...

    def every(self) -> builtins.list[AttachmentInfo]:
        """Every attachment of the profile, by case and document."""

    def remove(self, case_id: str, document_id: str) -> None: ...

    def known_file_names(self) -> set[str]: ...
