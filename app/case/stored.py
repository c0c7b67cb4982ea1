"""A case as the store holds it, or ``CaseNotFound``: the one way every intent loads a case."""

from __future__ import annotations

from app.case.interchange import parse_case
from app.case.model import Case
from app.errors import CaseNotFound
from app.ports import CaseRepository, StoredCase


def stored_case(cases: CaseRepository, case_id: str) -> StoredCase:
    """The stored document, revision and summary of ``case_id``; ``CaseNotFound`` when there is none."""
    stored = cases.get(case_id)
    if stored is None:
        raise CaseNotFound(case_id)
    return stored


def load_case(cases: CaseRepository, case_id: str) -> tuple[Case, int]:
    """The stored case read into the model, with its revision (documents were read before being stored)."""
    stored = stored_case(cases, case_id)
    return parse_case(stored.document), stored.revision
