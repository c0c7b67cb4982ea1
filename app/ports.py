"""Ports: what the core needs from the outside, as Protocols.

The core (services in ``app``) talks to storage only through a ``UnitOfWork``. The
real one lives in ``app.store`` (SQLCipher through SQLAlchemy); ``tests/fakes.py``
holds an in-memory one so service tests run with no database.

Cases are stored as their ``bizdesk.case/1`` interchange document (a JSON object)
plus a summary row and exact-lookup keys; the whole database is encrypted, so the
keys need no blind index.
"""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol, Self


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

    def count(self) -> int: ...

    def delete(self, case_id: str) -> None:
        """Remove the case, its lookup keys and its attachment key (which shreds its files)."""


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


class UnitOfWork(Protocol):
    """One database transaction. Nothing is stored until ``commit``; leaving the block rolls back."""

    cases: CaseRepository
    audit: AuditSink

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
