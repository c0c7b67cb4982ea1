"""In-memory stand-ins for the ports, for fast service tests (no database, no network)."""

from __future__ import annotations

import builtins
import copy
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Self

from app.case.summary import opened_at
from app.ports import CaseHit, CaseQuery, CaseSummary, StaleRevision, StoredCase


@dataclass
class _Row:
    document: dict[str, Any]
    revision: int
    summary: CaseSummary
    keys: list[tuple[str, str]]


@dataclass
class FakeState:
    cases: dict[str, _Row] = field(default_factory=dict)
    audit: list[dict[str, Any]] = field(default_factory=list)


class FakeCaseRepository:
    def __init__(self, rows: dict[str, _Row]) -> None:
        self._rows = rows

    def add(
        self, document: Mapping[str, Any], summary: CaseSummary, lookup_keys: Iterable[tuple[str, str]]
    ) -> None:
        if summary.case_id in self._rows:
            raise KeyError(summary.case_id)
        self._rows[summary.case_id] = _Row(copy.deepcopy(dict(document)), 1, summary, list(lookup_keys))

    def replace(
        self,
        document: Mapping[str, Any],
        summary: CaseSummary,
        lookup_keys: Iterable[tuple[str, str]],
        *,
        expected_revision: int,
    ) -> int:
        row = self._rows[summary.case_id]
        if row.revision != expected_revision:
            raise StaleRevision(summary.case_id)
        self._rows[summary.case_id] = _Row(
            copy.deepcopy(dict(document)), row.revision + 1, summary, list(lookup_keys)
        )
        return row.revision + 1

    def get(self, case_id: str) -> StoredCase | None:
        row = self._rows.get(case_id)
        if row is None:
            return None
        return StoredCase(copy.deepcopy(row.document), row.revision, row.summary)

    def list(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> builtins.list[CaseSummary]:
        rows = [r.summary for r in self._rows.values() if status is None or r.summary.status == status]
        rows.sort(key=lambda s: s.updated_at, reverse=True)
        return rows[offset : offset + limit]

    def find(self, kind: str, value: str) -> builtins.list[str]:
        return [cid for cid, r in self._rows.items() if (kind, value) in r.keys]

    def search(self, query: CaseQuery, *, limit: int = 50) -> builtins.list[CaseHit]:
        hits = [_hit(cid, row) for cid, row in self._rows.items() if _matches(cid, row, query)]
        hits.sort(key=lambda hit: (hit.created_at, hit.case_id), reverse=True)
        return hits[:limit]

    def count(self) -> int:
        return len(self._rows)

    def delete(self, case_id: str) -> None:
        self._rows.pop(case_id, None)


def _hit(case_id: str, row: _Row) -> CaseHit:
    s = row.summary
    opened = opened_at(row.document, dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    return CaseHit(
        case_id,
        s.company_name,
        s.company_type,
        s.status,
        s.services,
        opened,
        s.updated_at,
        None,
        s.fictitious,
    )


def _matches(case_id: str, row: _Row, query: CaseQuery) -> bool:
    hit = _hit(case_id, row)
    if query.exact is not None:
        kinds, value = query.exact
        found = case_id == value if "case_id" in kinds else any((k, value) in row.keys for k in kinds)
        if not found:
            return False
    checks = [
        query.name_part is None or query.name_part.lower() in hit.company_name.lower(),
        query.opened_from is None or hit.created_at >= query.opened_from,
        query.opened_until is None or hit.created_at < query.opened_until,
        query.status is None or hit.status == query.status,
    ]
    return all(checks)


class FakeAudit:
    def __init__(self, entries: list[dict[str, Any]]) -> None:
        self._entries = entries

    def append(
        self,
        action: str,
        *,
        actor: str | None,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self._entries.append(
            {"action": action, "actor": actor, "subject": subject, "details": dict(details or {})}
        )


class FakeUnitOfWork:
    """Transactional like the real one: changes become visible to others only on commit."""

    def __init__(self, state: FakeState | None = None) -> None:
        self.state = state or FakeState()
        self.commits = 0

    def __enter__(self) -> Self:
        self._cases = copy.deepcopy(self.state.cases)
        self._audit = list(self.state.audit)
        self.cases = FakeCaseRepository(self._cases)
        self.audit = FakeAudit(self._audit)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        self.state.cases = copy.deepcopy(self._cases)
        self.state.audit = list(self._audit)
        self.commits += 1

    def rollback(self) -> None:
        self._cases = copy.deepcopy(self.state.cases)
        self._audit = list(self.state.audit)
        self.cases = FakeCaseRepository(self._cases)
        self.audit = FakeAudit(self._audit)
