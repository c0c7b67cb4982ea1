"""Cases in the encrypted store: the bizdesk.case/1 document as JSON text, summary columns, lookup keys."""

from __future__ import annotations

import builtins
import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session, defer

from app.case.summary import opened_at
from app.clock import Clock
from app.errors import CaseNotFound, InputRejected
from app.ports import CaseHit, CaseQuery, CaseSummary, StaleRevision, StoredCase
from app.security.profile_fit import require_fits_profile
from app.store.tables_core import CaseLookupRow, CaseRow

# A case whose status is one of these (app.case.enums.Status) is finished: the retention clock starts.
COMPLETED_STATUSES = frozenset({"completed", "rejected"})


class CaseAlreadyExists(InputRejected, KeyError):
    code = "case.exists"

    def __init__(self, case_id: str) -> None:
        super().__init__(
            f"案卷编号 {case_id} 已存在；请打开已有案卷继续办理。",
            f"Case {case_id} already exists; open the existing case instead.",
            data={"case_id": case_id},
        )


def _summary(row: CaseRow) -> CaseSummary:
    return CaseSummary(
        case_id=row.case_id,
        company_name=row.company_name,
        company_type=row.company_type,
        status=row.status,
        services=json.loads(row.services),
        updated_at=row.updated_at,
        created_by=row.created_by,
        fictitious=row.fictitious,
    )


def like_pattern(part: str) -> str:
    """``part`` as a LIKE substring pattern, its wildcards escaped with ``\\``."""
    escaped = part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _document_text(document: Mapping[str, Any]) -> str:
    return json.dumps(dict(document), ensure_ascii=False, separators=(",", ":"))


class SqlCaseRepository:
    """``app.ports.CaseRepository`` over one SQLAlchemy session (the unit of work's).

    ``training`` is the profile's kind: every written case must carry the matching fictitious mark
    (app.security.profile_fit), whichever intent writes it.
    """

    def __init__(self, session: Session, clock: Clock, *, training: bool = False) -> None:
        self._session = session
        self._clock = clock
        self._training = training

    def add(
        self, document: Mapping[str, Any], summary: CaseSummary, lookup_keys: Iterable[tuple[str, str]]
    ) -> None:
        if self._session.get(CaseRow, summary.case_id) is not None:
            raise CaseAlreadyExists(summary.case_id)
        now = self._clock()
        row = CaseRow(
            case_id=summary.case_id,
            document="",
            revision=1,
            created_at=opened_at(document, now),
            completed_at=None,
        )
        self._fill(row, document, summary, now)
        self._session.add(row)
        self._session.flush()
        self._set_keys(summary.case_id, lookup_keys)

    def replace(
        self,
        document: Mapping[str, Any],
        summary: CaseSummary,
        lookup_keys: Iterable[tuple[str, str]],
        *,
        expected_revision: int,
    ) -> int:
        row = self._session.get(CaseRow, summary.case_id)
        if row is None:
            raise CaseNotFound(summary.case_id)
        if row.revision != expected_revision:
            raise StaleRevision(summary.case_id)
        row.revision += 1
        self._fill(row, document, summary, self._clock())
        self._session.execute(delete(CaseLookupRow).where(CaseLookupRow.case_id == summary.case_id))
        self._session.flush()
        self._set_keys(summary.case_id, lookup_keys)
        return row.revision

    def _fill(
        self, row: CaseRow, document: Mapping[str, Any], summary: CaseSummary, now: dt.datetime
    ) -> None:
        require_fits_profile(fictitious=summary.fictitious, training=self._training, case_id=summary.case_id)
        row.document = _document_text(document)
        row.company_name = summary.company_name
        row.company_type = summary.company_type
        row.status = summary.status
        row.services = json.dumps(dict(summary.services), ensure_ascii=False, sort_keys=True)
        updated = summary.updated_at
        row.updated_at = updated if updated > dt.datetime(1971, 1, 1, tzinfo=dt.UTC) else now
        row.created_by = summary.created_by
        row.fictitious = summary.fictitious
        if summary.status in COMPLETED_STATUSES:
            row.completed_at = row.completed_at or now
        else:
            row.completed_at = None

    def _set_keys(self, case_id: str, lookup_keys: Iterable[tuple[str, str]]) -> None:
        for kind, value in sorted(set(lookup_keys)):
            self._session.add(CaseLookupRow(case_id=case_id, kind=kind, value=value))

    def get(self, case_id: str) -> StoredCase | None:
        row = self._session.get(CaseRow, case_id)
        if row is None:
            return None
        return StoredCase(document=json.loads(row.document), revision=row.revision, summary=_summary(row))

    def list(
        self, *, status: str | None = None, limit: int = 100, offset: int = 0
    ) -> builtins.list[CaseSummary]:
        query = select(CaseRow).options(defer(CaseRow.document))  # lists never need the document
        if status is not None:
            query = query.where(CaseRow.status == status)
        query = query.order_by(CaseRow.updated_at.desc(), CaseRow.case_id).limit(limit).offset(offset)
        return [_summary(row) for row in self._session.scalars(query)]

    def find(self, kind: str, value: str) -> builtins.list[str]:
        query = (
            select(CaseLookupRow.case_id)
            .where(CaseLookupRow.kind == kind, CaseLookupRow.value == value)
            .distinct()
            .order_by(CaseLookupRow.case_id)
        )
        return list(self._session.scalars(query))

    def search(self, query: CaseQuery, *, limit: int = 50) -> builtins.list[CaseHit]:
        """Exact keys through ``ix_case_lookup_kind_value``; names, dates and states by walking the
        covering ``ix_cases_search`` (created_at, company_name, status) newest first, so only the
        rows shown are read from the table (documents are never read). Columns, not entities: an
        ORM object per row was a third of a search's cost, for rows nobody changes."""
        statement = _search_statement(query).limit(limit)
        return [_hit_of(*row) for row in self._session.execute(statement)]

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(CaseRow)) or 0)

    def delete(self, case_id: str) -> None:
        """Lookup keys, the attachment key (shredding the files) and attachment rows go by cascade."""
        self._session.execute(delete(CaseRow).where(CaseRow.case_id == case_id))
        self._session.expire_all()

    def completed_before(self, cutoff: dt.datetime, *, limit: int = 500) -> builtins.list[str]:
        """Ids of cases completed before ``cutoff`` (for the retention purge)."""
        query = (
            select(CaseRow.case_id)
            .where(CaseRow.completed_at.is_not(None), CaseRow.completed_at < cutoff)
            .order_by(CaseRow.completed_at)
            .limit(limit)
        )
        return list(self._session.scalars(query))


_HIT_COLUMNS = (
    CaseRow.case_id,
    CaseRow.company_name,
    CaseRow.company_type,
    CaseRow.status,
    CaseRow.services,
    CaseRow.created_at,
    CaseRow.updated_at,
    CaseRow.completed_at,
    CaseRow.fictitious,
)


def _hit_of(
    case_id: str,
    company_name: str,
    company_type: str,
    status: str,
    services: str,
    created_at: dt.datetime,
    updated_at: dt.datetime,
    completed_at: dt.datetime | None,
    fictitious: bool,
) -> CaseHit:
    return CaseHit(
        case_id,
        company_name,
        company_type,
        status,
        json.loads(services),
        created_at,
        updated_at,
        completed_at,
        fictitious,
    )


def _search_statement(query: CaseQuery) -> Select[*tuple[Any, ...]]:
    statement = select(*_HIT_COLUMNS)
    if query.exact is not None:
        kinds, value = query.exact
        if "case_id" in kinds:
            statement = statement.where(CaseRow.case_id == value)
        else:
            matching = select(CaseLookupRow.case_id).where(
                CaseLookupRow.kind.in_(kinds), CaseLookupRow.value == value
            )
            statement = statement.where(CaseRow.case_id.in_(matching))
    if query.name_part:
        statement = statement.where(CaseRow.company_name.like(like_pattern(query.name_part), escape="\\"))
    if query.opened_from is not None:
        statement = statement.where(CaseRow.created_at >= query.opened_from)
    if query.opened_until is not None:
        statement = statement.where(CaseRow.created_at < query.opened_until)
    if query.status is not None:
        statement = statement.where(CaseRow.status == query.status)
    return statement.order_by(CaseRow.created_at.desc(), CaseRow.case_id.desc())
