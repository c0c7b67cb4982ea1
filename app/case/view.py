"""A case as a screen or ``bizdesk case show`` presents it: plain data, personal numbers masked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.case import documents as checklist
from app.case.enums import SealKind, ServiceCode
from app.case.model import Case, Person
from app.case.service_models import ServiceRequest
from app.masking import mask_id_number, mask_mobile
from app.validation.problems import Problem


@dataclass(frozen=True)
class ResultLine:
    """One number or date an agency issued, labelled for the case page (``seal_codes.0``: first seal)."""

    field: str
    label_zh: str
    label_en: str
    value: str


@dataclass(frozen=True)
class ServiceView:
    code: str
    label_zh: str
    requested: bool
    status: str
    status_zh: str
    problems: tuple[Problem, ...]  # what keeps it from submission (empty: ready)
    results: Mapping[str, Any] | None
    result_lines: tuple[ResultLine, ...] = ()  # every issued result, in the agency's words


# Result field -> (Chinese, English) label; ``unit_number`` depends on the service.
RESULT_LABELS: Mapping[str, tuple[str, str]] = {
    "uscc": ("统一社会信用代码", "Unified social credit code"),
    "license_number": ("营业执照编号", "Licence number"),
    "established_on": ("成立日期", "Established on"),
    "authority": ("登记机关", "Registration authority"),
    "filing_number": ("印章备案号", "Seal filing number"),
    "engraved_on": ("刻制日期", "Engraved on"),
    "account_number": ("基本存款账户账号", "Basic account number"),
    "account_filing_number": ("基本存款账户编号", "Basic account filing number"),
    "opened_on": ("开户日期", "Opened on"),
    "tax_registration_number": ("纳税人识别号", "Tax registration number"),
    "tax_authority": ("主管税务机关", "Tax authority"),
    "registered_on": ("登记日期", "Registered on"),
}
UNIT_NUMBER_LABELS: Mapping[str, tuple[str, str]] = {
    "social_security": ("社会保险单位编号", "Social security unit number"),
    "medical_insurance": ("医疗保险单位编号", "Medical insurance unit number"),
    "housing_fund": ("住房公积金单位账号", "Housing fund unit account"),
}


@dataclass(frozen=True)
class PersonView:
    """A person as lists show them: ID number and mobile masked (JR/T 0171-2020)."""

    person_id: str
    name: str
    roles: tuple[str, ...]
    id_type: str
    id_number_masked: str
    mobile_masked: str


@dataclass(frozen=True)
class DocumentView:
    kind: str
    label_zh: str
    subject: str | None
    status: str
    key: bool


@dataclass(frozen=True)
class CaseView:
    case_id: str
    revision: int
    status: str
    status_zh: str
    company_name: str
    company_type: str
    company_type_zh: str
    fictitious: bool
    created_at: dt.datetime
    updated_at: dt.datetime
    people: tuple[PersonView, ...]
    services: tuple[ServiceView, ...]
    documents: tuple[DocumentView, ...]
    problems: tuple[Problem, ...]


def case_view(
    case: Case, revision: int, problems: list[Problem], ready: Mapping[str, list[Problem]]
) -> CaseView:
    return CaseView(
        case_id=case.case_id,
        revision=revision,
        status=case.status.value,
        status_zh=case.status.label_zh,
        company_name=case.company.name or "",
        company_type=case.company.type.value,
        company_type_zh=case.company.type.label_zh,
        fictitious=case.fictitious,
        created_at=case.created_at,
        updated_at=case.updated_at,
        people=tuple(_person_view(case, person) for person in case.people),
        services=tuple(
            _service_view(code, request, ready)
            for code in ServiceCode
            if (request := case.services.get(code)) is not None
        ),
        documents=tuple(_document_view(case, r) for r in checklist.required_documents(case)),
        problems=tuple(problems),
    )


def _person_view(case: Case, person: Person) -> PersonView:
    return PersonView(
        person_id=person.person_id,
        name=person.name,
        roles=tuple(_roles_of(case, person.person_id)),
        id_type=person.id_type.value,
        id_number_masked=mask_id_number(person.id_number) if person.id_number else "",
        mobile_masked=mask_mobile(person.mobile) if person.mobile else "",
    )


def _roles_of(case: Case, person_id: str) -> list[str]:
    roles = case.roles
    found = []
    if roles.legal_representative and roles.legal_representative.person_id == person_id:
        found.append("legal_representative")
    found += ["shareholder" for s in roles.shareholders if s.person_id == person_id][:1]
    found += ["director" for d in roles.directors if d.person_id == person_id][:1]
    found += ["supervisor" for s in roles.supervisors if s.person_id == person_id][:1]
    for name in ("manager", "finance_officer", "tax_handler", "liaison", "agent"):
        if getattr(roles, name) == person_id:
            found.append(name)
    found += ["beneficial_owner" for b in roles.beneficial_owners if b.person_id == person_id][:1]
    found += ["staff" for m in case.staff if m.person_id == person_id][:1]
    return found


def _service_view(
    code: ServiceCode, request: ServiceRequest, ready: Mapping[str, list[Problem]]
) -> ServiceView:
    results = request.results.model_dump(mode="json") if request.results is not None else None
    return ServiceView(
        code=code.value,
        label_zh=code.label_zh,
        requested=request.requested,
        status=request.status.value,
        status_zh=request.status.label_zh,
        problems=tuple(ready.get(code.value, [])),
        results=results,
        result_lines=result_lines(code, results or {}),
    )


def result_lines(code: ServiceCode, results: Mapping[str, Any]) -> tuple[ResultLine, ...]:
    """The results as labelled lines; each seal's filing code on a line of its own."""
    lines: list[ResultLine] = []
    for name, value in results.items():
        if value is None or value == []:
            continue
        if name == "seal_codes":
            lines += [_seal_code_line(i, item) for i, item in enumerate(value)]
            continue
        zh, en = (
            UNIT_NUMBER_LABELS[code.value] if name == "unit_number" else RESULT_LABELS.get(name, (name, name))
        )
        lines.append(ResultLine(name, zh, en, str(value)))
    return tuple(lines)


def _seal_code_line(index: int, item: Mapping[str, Any]) -> ResultLine:
    kind = item.get("kind")
    seal_zh = SealKind(kind).label_zh if kind else f"印章{index + 1}"
    seal_en = str(kind).replace("_", " ") if kind else f"seal {index + 1}"
    return ResultLine(
        f"seal_codes.{index}", f"{seal_zh}备案码", f"Filing code ({seal_en})", str(item["code"])
    )


def _document_view(case: Case, requirement: checklist.RequiredDocument) -> DocumentView:
    return DocumentView(
        kind=requirement.kind.value,
        label_zh=requirement.kind.label_zh,
        subject=requirement.subject,
        status=checklist.document_status(case, requirement).value,
        key=requirement.key,
    )
