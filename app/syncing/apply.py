"""What the sync engine does to cases: build a service's payload, and apply an agency outcome.

Outcomes go through the case life cycle (``app.case.lifecycle``), so a case never takes a move its
rules forbid. Agency results win for agency fields (the USCC, numbers, dates): a service completed
again (a resend under a new key) takes the results issued last, and every payload built afterwards
carries them; nothing else of the case is touched. A service the clerk has taken back for editing
(draft or ready) is left alone: a pending local edit is never overwritten. The case is saved with
its expected revision in the engine's transaction, so a clerk's concurrent save is never lost either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case, parse_case
from app.case.lifecycle import (
    can_move,
    mark_submitted,
    record_acceptance,
    record_completion,
    record_correction,
    record_new_results,
    record_rejection,
)
from app.case.model import Case
from app.case.payload import service_payload
from app.case.service_models import Correction, Rejection
from app.case.summary import case_summary, lookup_keys
from app.syncing.model import OutboxEntry
from app.syncing.model import SyncUnitOfWork as UnitOfWork
from app.syncing.ports import StatusEvent

# Wire result field -> field of the case's result model, per service.
RESULT_FIELDS: Mapping[str, Mapping[str, str]] = {
    "license": {
        "uscc": "uscc",
        "license_number": "license_number",
        "established_on": "established_on",
        "authority": "authority",
    },
    "seal": {"seal_filing_number": "filing_number", "engraved_on": "engraved_on", "seal_codes": "seal_codes"},
    "bank_account": {
        "account_number": "account_number",
        "account_filing_number": "account_filing_number",
        "opened_on": "opened_on",
    },
    "tax": {
        "tax_registration_number": "tax_registration_number",
        "registered_on": "registered_on",
        "tax_authority": "tax_authority",
    },
    "social_security": {"social_security_unit_number": "unit_number", "registered_on": "registered_on"},
    "medical_insurance": {"medical_insurance_unit_number": "unit_number", "registered_on": "registered_on"},
    "housing_fund": {"housing_fund_unit_number": "unit_number", "registered_on": "registered_on"},
}
TARGET = {
    "accepted": Status.ACCEPTED,
    "needs_correction": Status.NEEDS_CORRECTION,
    "rejected": Status.REJECTED,
    "completed": Status.COMPLETED,
}
CLERK_HANDS = frozenset({Status.DRAFT, Status.READY})


def build_payloads(
    uow: UnitOfWork, case_id: str, services: Sequence[str]
) -> dict[str, dict[str, Any]] | None:
    """The payloads of waiting submissions, from the case as it stands now (None if the case is gone)."""
    stored = uow.cases.get(case_id)
    if stored is None:
        return None
    case = parse_case(stored.document)
    return {service: service_payload(case, service) for service in services}


def case_results(case: Case, service: str, results: Mapping[str, Any]) -> dict[str, Any]:
    """The case's result fields from the wire's (every field the protocol defines has its place).

    The seal's filing codes come as a list in the order of the seals requested; each is kept with
    the kind of its seal (a code beyond the seals requested is kept without one).
    """
    names = RESULT_FIELDS.get(service, {})
    mapped = {names[key]: value for key, value in results.items() if key in names and value is not None}
    if service == ServiceCode.SEAL and isinstance(mapped.get("seal_codes"), list):
        seal = case.services.seal
        kinds = [kind.value for kind in seal.data.seals] if seal is not None else []
        mapped["seal_codes"] = [
            {"kind": kinds[i] if i < len(kinds) else None, "code": code}
            for i, code in enumerate(mapped["seal_codes"])
        ]
    return mapped


def update_case(uow: UnitOfWork, entry: OutboxEntry, event: StatusEvent) -> None:
    """Move the case's service to the outcome's status, with the agency's results or reasons."""
    stored = uow.cases.get(entry.case_id)
    if stored is None:
        return
    case = parse_case(stored.document)
    moved = advance(case, ServiceCode(entry.service), event)
    if moved is None:
        return
    uow.cases.replace(
        dump_case(moved), case_summary(moved), lookup_keys(moved), expected_revision=stored.revision
    )
    uow.audit.append(
        "sync.case_update",
        actor=None,
        subject=case.case_id,
        details={"service": entry.service, "status": event.status},
    )


def advance(case: Case, service: ServiceCode, event: StatusEvent) -> Case | None:
    """The case after the outcome, or None when it does not apply (already there, or in the clerk's hands)."""
    request = case.services.get(service)
    target = TARGET[event.status]
    if request is None or not request.requested or request.status in CLERK_HANDS:
        return None
    now = event.at or dt.datetime.now(dt.UTC)
    if request.status is Status.QUEUED:
        case = mark_submitted(case, service, now=now)
    current = case.services.get(service)
    if current is not None and current.status is Status.COMPLETED and target is Status.COMPLETED:
        return _newer_results(case, service, event, now)
    if current is None or not can_move(current.status, target):
        return case if request.status is Status.QUEUED else None
    if target is Status.ACCEPTED:
        return record_acceptance(case, service, now=now)
    if target is Status.NEEDS_CORRECTION:
        reasons = event.reasons or ("平台要求补正，请联系窗口核实。",)
        return record_correction(
            case, service, [Correction(message_zh=r, received_at=now) for r in reasons], now=now
        )
    if target is Status.REJECTED:
        reason = "；".join(event.reasons) or "平台驳回，请联系窗口核实。"
        return record_rejection(case, service, Rejection(reason_zh=reason), now=now)
    return record_completion(case, service, case_results(case, service.value, event.results), now=now)


def _newer_results(case: Case, service: ServiceCode, event: StatusEvent, now: dt.datetime) -> Case | None:
    """Agency results win: a service completed again takes the results issued this time (None when
    they are the ones the case holds already)."""
    results = case_results(case, service.value, event.results)
    current = case.services.get(service)
    held = current.results.model_dump(mode="json", exclude_none=True) if current and current.results else {}
    if not results or all(held.get(name) == value for name, value in results.items()):
        return None
    return record_new_results(case, service, {**held, **results}, now=now)
