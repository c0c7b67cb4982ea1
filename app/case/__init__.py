"""The opening case (开办案卷): model, interchange, life cycle, documents checklist, service payloads.

    from app.case import parse_case, dump_case, service_payload, services_ready, case_summary

    case = parse_case(document)                    # bizdesk.case/1 dict -> Case, or CaseFormatError
    dump_case(case) == document                    # up to the normalisation in docs/case-format.md
    services_ready(case)["tax"]                    # what keeps the tax service from being submitted
    service_payload(case, "seal")                  # what the seal engraver's system receives
    mark_ready(case, today=date.today())           # life-cycle moves return a new Case

The case's own rules live in ``app.case.rules`` (``validate_case``, ``services_ready``); identifier and
name checks in ``app.validation``, which knows nothing of cases.
"""

from __future__ import annotations

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
from app.case.progress import derived_status
from app.case.rules import services_ready, validate_case
from app.case.summary import case_summary, lookup_keys

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
    "validate_case",
    "with_checklist",
]
