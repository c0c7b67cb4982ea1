"""What each agency receives for one (case, service): derived from the case, nothing typed twice.

``service_payload(case, code)`` is the document the sync submits: the company as the agency needs
it, the people resolved from their roles, the service's own data, and the results of the services it
depends on (the USCC for the seal, the account number for tax and the insurances). Values are plain
JSON: money as exact decimal strings, dates as ISO strings.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.case.bases import base_limits
from app.case.enums import HolderKind, SealKind, ServiceCode
from app.case.model import Address, BeneficialOwner, Case, Document, Person, Shareholder
from app.case.rules.context import birth_date, sex_of
from app.reference import ReferenceData, reference_data

PAYLOAD_SCHEMA = "bizdesk.payload/1"

# Which services must be completed before a service can be submitted (the sync's order).
DEPENDENCIES: dict[ServiceCode, tuple[ServiceCode, ...]] = {
    ServiceCode.LICENSE: (),
    ServiceCode.SEAL: (ServiceCode.LICENSE,),
    ServiceCode.BANK_ACCOUNT: (ServiceCode.LICENSE, ServiceCode.SEAL),
    ServiceCode.TAX: (ServiceCode.LICENSE, ServiceCode.BANK_ACCOUNT),
    ServiceCode.SOCIAL_SECURITY: (ServiceCode.LICENSE, ServiceCode.BANK_ACCOUNT),
    ServiceCode.MEDICAL_INSURANCE: (ServiceCode.LICENSE, ServiceCode.BANK_ACCOUNT),
    ServiceCode.HOUSING_FUND: (ServiceCode.LICENSE, ServiceCode.BANK_ACCOUNT),
}

_GENERAL_NOTE = "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）"
_LICENSED_NOTE = (
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）"
)


def dependencies_of(case: Case, code: ServiceCode) -> list[str]:
    """The requested services ``code`` waits for (a dependency not requested is assumed done elsewhere)."""
    return [d.value for d in DEPENDENCIES[code] if case.services.is_requested(d)]


def service_payload(
    case: Case, code: ServiceCode | str, *, reference: ReferenceData | None = None
) -> dict[str, Any]:
    service = ServiceCode(code)
    ref = reference or reference_data()
    payload: dict[str, Any] = {
        "schema": PAYLOAD_SCHEMA,
        "case_id": case.case_id,
        "service": service.value,
        "fictitious": case.fictitious,
        "depends_on": dependencies_of(case, service),
        "company": company_block(case, ref),
        "legal_representative": _legal_representative(case),
    }
    payload.update(_BUILDERS[service](case, ref))
    return payload


def company_block(case: Case, ref: ReferenceData) -> dict[str, Any]:
    company = case.company
    licence = case.services.license.results if case.services.license else None
    industry = ref.industry_division(company.industry_code) if company.industry_code else None
    return {
        "type": company.type.value,
        "type_zh": company.type.label_zh,
        "name": company.name,
        "uscc": licence.uscc if licence else None,
        "license_number": licence.license_number if licence else None,
        "established_on": licence.established_on.isoformat() if licence else None,
        "domicile": _address(company.domicile, ref),
        "production_address": _address(company.production_address, ref),
        "registered_capital_wan": _money(company.registered_capital_wan),
        "industry_code": company.industry_code,
        "industry_division": industry.name if industry else None,
        "scope": scope_block(case, ref),
        "operating_term": company.operating_term,
        "employees": company.employees,
        "phone": company.phone,
        "postcode": company.postcode,
    }


def scope_block(case: Case, ref: ReferenceData) -> dict[str, Any]:
    """Scope items in standard wording, and the text printed on the licence."""
    general = [_wording(ref, code) for code in case.company.scope.general]
    licensed = [_wording(ref, code) for code in case.company.scope.licensed]
    text = f"一般项目：{'；'.join(general)}。{_GENERAL_NOTE}" if general else ""
    text += f"许可项目：{'；'.join(licensed)}。{_LICENSED_NOTE}" if licensed else ""
    return {"general": general, "licensed": licensed, "text": text}


def person_block(case: Case, person_id: str | None) -> dict[str, Any] | None:
    person: Person | None = case.person(person_id)
    if person is None:
        return None
    return {
        "person_id": person.person_id,
        "name": person.name,
        "id_type": person.id_type.value,
        "id_number": person.id_number,
        "id_valid_until": _valid_until(person),
        "birth_date": born.isoformat() if (born := birth_date(person)) else None,
        "sex": sex.value if (sex := sex_of(person)) else None,
        "nationality": person.nationality,
        "mobile": person.mobile,
        "address": person.address,
        "email": person.email,
    }


def _legal_representative(case: Case) -> dict[str, Any] | None:
    lr = case.roles.legal_representative
    if lr is None:
        return None
    return {
        "position": lr.position.value,
        "position_zh": lr.position.label_zh,
        "person": person_block(case, lr.person_id),
    }


def _license(case: Case, ref: ReferenceData) -> dict[str, Any]:
    roles, data = case.roles, case.services.license
    capital = case.company.registered_capital_wan
    return {
        "name_parts": case.company.name_parts.model_dump(mode="json") if case.company.name_parts else None,
        "shareholders": [_shareholder(case, s, capital) for s in roles.shareholders],
        "directors": [
            _officer(case, o.person_id, chair=o.chair, staff=o.employee_representative)
            for o in roles.directors
        ],
        "supervisors": [
            _officer(case, o.person_id, chair=o.chair, staff=o.employee_representative)
            for o in roles.supervisors
        ],
        "no_supervisor_consent": roles.no_supervisor_consent,
        "audit_committee": [person_block(case, p) for p in roles.audit_committee],
        "manager": person_block(case, roles.manager),
        "finance_officer": person_block(case, roles.finance_officer),
        "liaison": person_block(case, roles.liaison),
        "agent": person_block(case, roles.agent),
        "beneficial_owners": [_beneficial_owner(case, b) for b in roles.beneficial_owners],
        "beneficial_owner_exemption": roles.beneficial_owner_exemption is not None,
        "beneficial_owner_exemption_declaration": _exemption(case),
        "documents": [_document(d) for d in case.documents],
        "request": data.data.model_dump(mode="json") if data else None,
        "mail_recipient": person_block(case, data.data.mail_to.recipient_person_id)
        if data and data.data.mail_to
        else None,
    }


def _seal(case: Case, ref: ReferenceData) -> dict[str, Any]:
    data = case.services.seal.data if case.services.seal else None
    seals = data.seals if data else []
    return {
        "seals": [
            {"kind": s.value, "label_zh": s.label_zh, "shows_uscc": s is SealKind.INVOICE} for s in seals
        ],
        "engraver": data.engraver if data else None,
    }


def _bank_account(case: Case, ref: ReferenceData) -> dict[str, Any]:
    request = case.services.bank_account
    data = request.data if request else None
    seal = case.services.seal.results if case.services.seal else None
    return {
        "branch_code": data.branch_code if data else None,
        "branch_name": data.branch_name if data else None,
        "authorised_signers": [person_block(case, p) for p in (data.authorised_signers if data else [])],
        "specimen_seals": [s.value for s in (data.specimen_seals if data else [])],
        "online_banking": data.online_banking if data else False,
        "ukey_count": data.ukey_count if data else 0,
        "intent_confirmation": data.intent_confirmation.value if data else None,
        "finance_officer": person_block(case, case.roles.finance_officer),
        "seal_filing_number": seal.filing_number if seal else None,
        "beneficial_owners": [person_block(case, b.person_id) for b in case.roles.beneficial_owners],
        "beneficial_owner_details": [_beneficial_owner(case, b) for b in case.roles.beneficial_owners],
        "beneficial_owner_exemption": case.roles.beneficial_owner_exemption is not None,
        "beneficial_owner_exemption_declaration": _exemption(case),
    }


def _tax(case: Case, ref: ReferenceData) -> dict[str, Any]:
    data = case.services.tax.data if case.services.tax else None
    return {
        "taxpayer_kind": data.taxpayer_kind.value if data and data.taxpayer_kind else None,
        "accounting_standard": data.accounting_standard.value if data and data.accounting_standard else None,
        "invoice_kinds": [k.value for k in (data.invoice_kinds if data else [])],
        "monthly_invoice_limit_yuan": _money(data.monthly_invoice_limit_yuan) if data else None,
        "debit_agreement": data.debit_agreement if data else False,
        "finance_officer": person_block(case, case.roles.finance_officer),
        "tax_handler": person_block(case, case.roles.tax_handler),
        "bank_account": _bank_results(case),
    }


def _social_security(case: Case, ref: ReferenceData) -> dict[str, Any]:
    data = case.services.social_security.data if case.services.social_security else None
    return {
        "start_month": data.start_month if data else None,
        "risk_class": data.risk_class if data else None,
        "insurances": [i.value for i in (data.insurances if data else [])],
        "handler": person_block(case, case.roles.liaison),
        "staff": _staff(case),
        "bank_account": _bank_results(case),
    }


def _medical_insurance(case: Case, ref: ReferenceData) -> dict[str, Any]:
    data = case.services.medical_insurance.data if case.services.medical_insurance else None
    return {
        "start_month": data.start_month if data else None,
        "insurances": [i.value for i in (data.insurances if data else [])],
        "handler": person_block(case, case.roles.liaison),
        "staff": _staff(case),
        "bank_account": _bank_results(case),
    }


def _housing_fund(case: Case, ref: ReferenceData) -> dict[str, Any]:
    data = case.services.housing_fund.data if case.services.housing_fund else None
    limits = base_limits(case, ServiceCode.HOUSING_FUND, ref)
    staff = []
    for entry in _staff(case):
        base = limits.base(Decimal(entry["monthly_wage_yuan"]) if entry["monthly_wage_yuan"] else None)
        entry["base_yuan"] = _money(base)
        entry["employer_amount_yuan"] = _contribution(base, data.employer_rate_percent if data else None)
        entry["employee_amount_yuan"] = _contribution(base, data.employee_rate_percent if data else None)
        staff.append(entry)
    return {
        "employer_rate_percent": data.employer_rate_percent if data else None,
        "employee_rate_percent": data.employee_rate_percent if data else None,
        "start_month": data.start_month if data else None,
        "base_cap_yuan": _money(limits.cap),
        "handler": person_block(case, case.roles.liaison),
        "staff": staff,
        "bank_account": _bank_results(case),
    }


def contribution_yuan(base: Decimal, rate_percent: int) -> Decimal:
    """A monthly housing-fund contribution: base x rate, rounded half-up to whole yuan."""
    return (base * rate_percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)


def _contribution(base: Decimal | None, rate: int | None) -> str | None:
    return str(contribution_yuan(base, rate)) if base is not None and rate is not None else None


def _staff(case: Case) -> list[dict[str, Any]]:
    return [
        {"person": person_block(case, m.person_id), "monthly_wage_yuan": _money(m.monthly_wage_yuan)}
        for m in case.staff
    ]


def _bank_results(case: Case) -> dict[str, Any] | None:
    request = case.services.bank_account
    if request is None or request.results is None:
        return None
    return {
        "account_number": request.results.account_number,
        "account_filing_number": request.results.account_filing_number,
        "branch_name": request.data.branch_name,
        "branch_code": request.data.branch_code,
    }


def _shareholder(case: Case, holder: Shareholder, capital: Decimal | None) -> dict[str, Any]:
    share = None
    if holder.subscribed_wan is not None and capital:
        share = str((holder.subscribed_wan * 100 / capital).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    return {
        "holder": holder.holder.value,
        "person": person_block(case, holder.person_id) if holder.holder is HolderKind.NATURAL else None,
        "entity": holder.entity.model_dump(mode="json") if holder.entity else None,
        "subscribed_wan": _money(holder.subscribed_wan),
        "share_percent": share,
        "contribution_forms": [f.value for f in holder.contribution_forms],
        "due_date": holder.due_date.isoformat() if holder.due_date else None,
        "partner_kind": holder.partner_kind.value if holder.partner_kind else None,
        "valuation": holder.valuation.value if holder.valuation else None,
        "delegate": person_block(case, holder.delegate),
        "sole_investment": holder.sole_investment.value if holder.sole_investment else None,
    }


def _beneficial_owner(case: Case, owner: BeneficialOwner) -> dict[str, Any]:
    """As the beneficial-owner filing asks: the person, the grounds, since when, the share, the control."""
    return {
        "person": person_block(case, owner.person_id),
        "bases": [x.value for x in owner.bases],
        "since": owner.since.isoformat() if owner.since else None,
        "share_percent": str(owner.share_percent) if owner.share_percent is not None else None,
        "control": owner.control,
    }


def _exemption(case: Case) -> dict[str, Any] | None:
    """The 承诺 of a small company exempt from the beneficial-owner filing, as the founders declared it."""
    exemption = case.roles.beneficial_owner_exemption
    return None if exemption is None else {"no_other_controller": exemption.no_other_controller}


def _document(document: Document) -> dict[str, Any]:
    """A material of the application: provided (with the scan's hash) or deferred under 容缺受理."""
    deferral = document.deferral
    return {
        "kind": document.kind.value,
        "subject": document.subject,
        "status": document.status.value,
        "attachment_sha256": document.attachment_sha256,
        "deferral": {"commitment": deferral.commitment, "due_date": deferral.due_date.isoformat()}
        if deferral
        else None,
    }


def _valid_until(person: Person) -> str | None:
    until = person.id_valid_until
    return until if until is None or isinstance(until, str) else until.isoformat()


def _officer(case: Case, person_id: str, *, chair: bool, staff: bool) -> dict[str, Any]:
    return {"person": person_block(case, person_id), "chair": chair, "employee_representative": staff}


def _address(address: Address | None, ref: ReferenceData) -> dict[str, Any] | None:
    if address is None:
        return None
    division = ref.full_division_name(address.division_code) if address.division_code else ""
    return {
        "division_code": address.division_code,
        "division_name": division,
        "address": address.address,
        "full_address": division + address.address,
    }


def _wording(ref: ReferenceData, code: str) -> str:
    item = ref.scope_item(code)
    return item.wording if item else code


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else str(amount)


_BUILDERS = {
    ServiceCode.LICENSE: _license,
    ServiceCode.SEAL: _seal,
    ServiceCode.BANK_ACCOUNT: _bank_account,
    ServiceCode.TAX: _tax,
    ServiceCode.SOCIAL_SECURITY: _social_security,
    ServiceCode.MEDICAL_INSURANCE: _medical_insurance,
    ServiceCode.HOUSING_FUND: _housing_fund,
}
