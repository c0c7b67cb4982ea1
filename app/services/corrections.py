"""补正: an agency asked for corrections; the clerk edits the case and sends the service again.

``resubmit_correction`` changes the fields the clerk corrected (only those a correction may touch,
``CORRECTABLE``), makes the service ready again (the rules must find no error) and queues a new
submission through the outbox, under a new idempotency key, in one transaction. The old submission
stays in the outbox, in its ``needs_correction`` state, with the agency's reasons: the history of
the case keeps both.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError

from app.case.enums import ServiceCode, Status
from app.case.interchange import dump_case
from app.case.lifecycle import mark_service_ready
from app.case.model import Address, Case, Scope
from app.case.stored import load_case
from app.case.summary import case_summary, lookup_keys
from app.clock import Clock, desk_date, utc_now
from app.errors import InputRejected
from app.reference import reference_data
from app.services.submission import SubmitResult, submit_case
from app.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class CorrectableField:
    key: str
    label_zh: str
    label_en: str


# What a 补正 usually asks to fix at the desk, and the clerk may change here (the rest goes
# through the case flow). Keys are the form's field names.
CORRECTABLE: tuple[CorrectableField, ...] = (
    CorrectableField("domicile_address", "住所（详细地址）", "Domicile (street and number)"),
    CorrectableField("company_phone", "企业联系电话", "Company phone"),
    CorrectableField(
        "business_scope",
        "经营范围（规范表述，用“；”分隔）",
        "Business scope (standard wordings, separated by ';')",
    ),
)
# Items are separated by ；; never by 、, which standard wordings use inside one item.
SCOPE_SEPARATORS = re.compile(r"[；;\n]+")


def correctable_values(case: Case) -> dict[str, str]:
    """The current value of each correctable field (the form starts from these)."""
    domicile = case.company.domicile
    catalog = reference_data().scope
    scope = [*case.company.scope.general, *case.company.scope.licensed]
    return {
        "domicile_address": domicile.address if domicile else "",
        "company_phone": case.company.phone or "",
        "business_scope": "；".join(catalog[c].wording if c in catalog else c for c in scope),
    }


def scope_from_text(text: str) -> Scope:
    """The scope the clerk wrote as standard wordings (or catalogue codes), split into general and
    licensed items by the catalogue; an item not in the catalogue is refused by name."""
    catalog = reference_data().scope
    by_wording = {item.wording: item for item in catalog.values()}
    items, unknown = [], []
    for part in (p.strip() for p in SCOPE_SEPARATORS.split(text)):
        found = by_wording.get(part) or catalog.get(part.upper())
        if found is None and part:
            unknown.append(part)
        elif found is not None and found not in items:
            items.append(found)
    if unknown:
        raise InputRejected(
            f"经营范围中“{'、'.join(unknown)}”不是《经营范围登记规范表述目录》的条目；"
            "请按目录的规范表述填写（可在新办企业的经营范围步骤中查找）。",
            f"Business scope: {', '.join(unknown)} is not in the standard wording catalogue; "
            "use the catalogue's wording.",
            code="correction.scope",
            data={"field": "business_scope", "unknown": unknown},
        )
    if not items:
        raise InputRejected(
            "经营范围不能为空；请至少填写一项规范表述。",
            "The business scope cannot be empty; enter at least one standard wording.",
            code="correction.scope",
            data={"field": "business_scope"},
        )
    return Scope(
        general=[i.code for i in items if not i.licensed], licensed=[i.code for i in items if i.licensed]
    )


def apply_corrections(case: Case, changes: Mapping[str, str]) -> Case:
    """The case with the corrected fields; an unknown or malformed field is refused by name."""
    known = {field.key: field for field in CORRECTABLE}
    unknown = sorted(set(changes) - set(known))
    if unknown:
        raise InputRejected(
            f"补正中不能修改这些项目：{'、'.join(unknown)}；请在新办企业流程中修改。",
            f"These fields cannot be changed in a correction: {', '.join(unknown)}.",
            code="correction.field",
        )
    company = case.company
    try:
        if "domicile_address" in changes:
            domicile = (company.domicile or Address()).model_dump()
            moved = Address.model_validate({**domicile, "address": changes["domicile_address"]})
            company = company.model_copy(update={"domicile": moved})
        if "business_scope" in changes:
            company = company.model_copy(update={"scope": scope_from_text(changes["business_scope"])})
        if "company_phone" in changes:
            phone = changes["company_phone"].strip() or None
            company = type(company).model_validate({**company.model_dump(), "phone": phone})
    except ValidationError as error:
        field = str(error.errors()[0]["loc"][-1]) if error.errors() else ""
        raise InputRejected(
            f"补正内容格式不对（{field}）；请按提示修改后再提交。",
            f"A corrected field is malformed ({field}); fix it and submit again.",
            code="correction.invalid",
        ) from error
    return case.model_copy(update={"company": company})


def resubmit_correction(
    uow: UnitOfWork,
    case_id: str,
    service: str,
    *,
    by: str | None,
    changes: Mapping[str, str] | None = None,
    clock: Clock = utc_now,
) -> SubmitResult:
    """Correct and resubmit one service that is ``needs_correction``; commits.

    Refused (nothing stored): the case is unknown (``CaseNotFound``), the service does not await a
    correction, a change is malformed, or the rules still find errors (``NotReady`` lists them).
    """
    case, revision = load_case(uow.cases, case_id)
    code = _awaiting(case, service)
    now = clock()
    corrected = apply_corrections(case, changes or {})
    ready = mark_service_ready(corrected, code, today=desk_date(now), now=now)
    uow.cases.replace(dump_case(ready), case_summary(ready), lookup_keys(ready), expected_revision=revision)
    uow.audit.append(
        "case.correction",
        actor=by,
        subject=case_id,
        details={"service": code.value, "fields": sorted(changes or {})},
    )
    return submit_case(uow, case_id, by=by, clock=clock)


def _awaiting(case: Case, service: str) -> ServiceCode:
    try:
        code = ServiceCode(service)
    except ValueError:
        raise InputRejected(f"没有“{service}”这项业务。", f"There is no service '{service}'.") from None
    request = case.services.get(code)
    if request is None or request.status is not Status.NEEDS_CORRECTION:
        raise InputRejected(
            f"“{code.label_zh}”当前不需要补正，无需重新提交；请刷新案卷查看最新状态。",
            f"'{code.value}' does not await a correction; refresh the case to see where it stands.",
            code="correction.not_needed",
        )
    return code
