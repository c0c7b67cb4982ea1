"""The opening case (开办案卷): model, interchange, life cycle, documents checklist, service payloads.

    from app.case import parse_case, dump_case, service_payload, services_ready, case_summary

    case = parse_case(document)                    # bizdesk.case/1 dict -> Case, or CaseFormatError
    dump_case(case) == document                    # up to the normalisation in docs/case-format.md
    services_ready(case)["tax"]                    # what keeps the tax service from being submitted
    service_payload(case, "seal")                  # what the seal engraver's system receives
    mark_ready(case, today=date.today())           # life-cycle moves return a new Case

Rules live in ``app.validation`` (``validate_case``), which imports this package; the few functions
here that need the rules import them when called.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from app.case.documents import RequiredDocument, required_documents, with_checklist
from app.case.enums import (
    FREE_SEALS,
    CompanyType,
    DocumentKind,
    DocumentStatus,
    IdType,
    SealKind,
    ServiceCode,
    Status,
)
from app.case.interchange import CaseFormatError, dump_case, dumps_case, field_path, parse_case, read_case
from app.case.lifecycle import (
    IllegalTransition,
    NotReady,
    derived_status,
    mark_ready,
    mark_service_ready,
    mark_submitted,
    move_service,
    queue_for_submission,
    queue_service,
    record_acceptance,
    record_completion,
    record_correction,
    record_rejection,
    return_to_draft,
)
from app.case.model import SCHEMA_ID, Case, Company, Person
from app.case.payload import DEPENDENCIES, service_payload
from app.case.summary import case_summary, lookup_keys

if TYPE_CHECKING:
    from app.reference import ReferenceData
    from app.validation.problems import Problem


def services_ready(
    case: Case, *, today: dt.date | None = None, reference: ReferenceData | None = None
) -> dict[str, list[Problem]]:
    """For each requested service, the problems keeping it from submission (empty list: ready).

    These are the service's own needs (its data, people's contacts, its documents); the case as a
    whole must also pass ``app.validation.validate_case``.
    """
    from app.validation.case_rules import services_ready as _ready

    return _ready(case, today=today, reference=reference)


__all__ = [
    "DEPENDENCIES",
    "FREE_SEALS",
    "SCHEMA_ID",
    "Case",
    "CaseFormatError",
    "Company",
    "CompanyType",
    "DocumentKind",
    "DocumentStatus",
    "IdType",
    "IllegalTransition",
    "NotReady",
    "Person",
    "RequiredDocument",
    "SealKind",
    "ServiceCode",
    "Status",
    "case_summary",
    "derived_status",
    "dump_case",
    "dumps_case",
    "field_path",
    "lookup_keys",
    "mark_ready",
    "mark_service_ready",
    "mark_submitted",
    "move_service",
    "parse_case",
    "queue_for_submission",
    "queue_service",
    "read_case",
    "record_acceptance",
    "record_completion",
    "record_correction",
    "record_rejection",
    "required_documents",
    "return_to_draft",
    "service_payload",
    "services_ready",
    "with_checklist",
]
