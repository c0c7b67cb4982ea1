"""The facts every form prints, derived once from the case: nothing is typed twice.

``case_facts(case)`` gives three things the form specs (``forms.catalog``) refer to:

- ``values``: text by key: ``company.name``, ``lr.id_number``, ``bank.branch``, ``hf.employer_rate``...
  People in a role are prefixed by the role: ``lr``, ``investor``, ``finance``, ``liaison``, ``agent``,
  ``manager``, ``tax_handler`` (``.name``, ``.id_type``, ``.id_number``, ``.mobile``, ``.address``).
  The unit's own words and designations come from ``forms.fact_units`` (``head.*``, ``company.type``...).
- ``tables``: rows by source: ``shareholders``, ``officers``, ``staff``, ``beneficial_owners``,
  ``seals``, ``pending_docs``, ``services`` (see ``forms.fact_tables``).
- ``flags``: ``service.<code>``, ``type.<company type>``, ``company``, ``bo.exempt``, ``bo.listed``,
  ``docs.deferred``, ``docs.pending``, ``agent``, ``board``, ``supervisor_board``, ``head.delegated``
  (a legal-person executive partner acts through its 委派代表), ``head.hired`` (a sole proprietorship
  run by a hired manager)...

A value the case does not have yet is blank: the printed line stays empty, to be filled by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from app.case.bases import BaseLimits, base_limits
from app.case.designations import head, seal_name
from app.case.enums import CompanyType, DocumentStatus, InvoiceKind, ServiceCode
from app.case.enums import LegalRepresentativePosition as Position
from app.case.model import Case
from app.case.payload import company_block
from app.case.values import LONG_TERM
from app.reference import ReferenceData, reference_data
from forms.fact_tables import case_tables
from forms.fact_text import cn_date, joined, person_values, yes_no
from forms.fact_units import unit_values
from forms.governance import governance_values


@dataclass(frozen=True)
class Facts:
    values: Mapping[str, str]
    tables: Mapping[str, list[dict[str, str]]] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()

    def value(self, key: str) -> str:
        return self.values.get(key, "")

    def with_values(self, extra: Mapping[str, str], flags: frozenset[str] = frozenset()) -> Facts:
        return Facts({**self.values, **extra}, self.tables, self.flags | flags)


def case_facts(case: Case, reference: ReferenceData | None = None) -> Facts:
    """Everything the forms print about ``case``."""
    ref = reference or reference_data()
    values: dict[str, str] = {"case.id": case.case_id, "case.created": cn_date(case.created_at.date())}
    values.update(_company(case, ref))
    values.update(_people(case))
    values.update(governance_values(case))
    values.update(_license_and_seal(case))
    values.update(_bank_and_tax(case))
    values.update(_insurance(case, ref))
    tables = case_tables(case, ref)
    values["staff.count"] = str(len(case.staff))
    return Facts(values, tables, _flags(case, tables))


def _company(case: Case, ref: ReferenceData) -> dict[str, str]:
    company = case.company
    block = company_block(case, ref)
    capital = company.registered_capital_wan
    domicile = block["domicile"]["full_address"] if block["domicile"] else ""
    production = block["production_address"]
    values = {
        "company.name": company.name or "",
        "company.uscc": block["uscc"] or "",
        "company.domicile": domicile,
        "company.production": production["full_address"] if production else "同住所",
        "company.capital": f"{_plain(capital)}万元" if capital is not None else "",
        "company.capital_wan": _plain(capital) if capital is not None else "",
        "company.shares": f"{_plain(capital)}万股" if capital is not None else "",  # one yuan a share
        "company.scope": block["scope"]["text"],
        "company.term": "长期" if company.operating_term == LONG_TERM else f"{company.operating_term}年",
        "company.employees": "" if company.employees is None else f"{company.employees}人",
        "company.phone": company.phone or "",
        "company.postcode": company.postcode or "",
        "company.established": block["established_on"] or "",
        "licence.proof": "营业执照",
    }
    return values | unit_values(case, ref)


def _people(case: Case) -> dict[str, str]:
    roles = case.roles
    lr = roles.legal_representative
    values = person_values(case, "lr", lr.person_id if lr else None)
    values["lr.position"] = lr.position.label_zh if lr else ""
    sole = case.company.type is CompanyType.SOLE_PROPRIETORSHIP
    investor = roles.shareholders[0].person_id if sole and roles.shareholders else None
    for prefix, person_id in (
        ("investor", investor),
        ("finance", roles.finance_officer),
        ("liaison", roles.liaison),
        ("agent", roles.agent),
        ("manager", roles.manager),
        ("tax_handler", roles.tax_handler),
    ):
        values.update(person_values(case, prefix, person_id))
    return values


def _license_and_seal(case: Case) -> dict[str, str]:
    licence = case.services.license
    seal = case.services.seal
    values: dict[str, str] = {}
    if licence is not None:
        data = licence.data
        values["license.copies"] = f"{data.copies}份"
        values["license.delivery"] = data.delivery.label_zh
        values["license.electronic"] = yes_no(data.electronic_licence, "申领", "不申领")
        values["license.mail"] = data.mail_to.address if data.mail_to else ""
    if seal is not None:
        values["seal.kinds"] = joined(seal_name(case, s) for s in seal.data.seals)
        values["seal.count"] = f"{len(seal.data.seals)}枚"
        values["seal.engraver"] = seal.data.engraver or ""
    return values


def _bank_and_tax(case: Case) -> dict[str, str]:
    values: dict[str, str] = {}
    bank = case.services.bank_account
    if bank is not None:
        data = bank.data
        values["bank.branch"] = data.branch_name or ""
        values["bank.branch_code"] = data.branch_code or ""
        values["bank.signers"] = joined(_name(case, p) for p in data.authorised_signers)
        values["bank.seals"] = joined(seal_name(case, s) for s in data.specimen_seals)
        values["bank.online"] = f"开通（UKey {data.ukey_count} 个）" if data.online_banking else "不开通"
        values["bank.intent"] = data.intent_confirmation.label_zh
        values["bank.kind"] = "基本存款账户"
        values["bank.account"] = bank.results.account_number if bank.results else ""
    tax = case.services.tax
    if tax is not None:
        data_t = tax.data
        values["tax.kind"] = data_t.taxpayer_kind.label_zh if data_t.taxpayer_kind else ""
        values["tax.standard"] = data_t.accounting_standard.label_zh if data_t.accounting_standard else ""
        values["tax.invoices"] = joined(k.label_zh for k in data_t.invoice_kinds) or "暂不申领"
        values.update(_invoice_quota(data_t.invoice_kinds, data_t.monthly_invoice_limit_yuan))
        values["tax.debit"] = yes_no(data_t.debit_agreement, "签订", "暂不签订")
    return values


def _invoice_quota(kinds: list[InvoiceKind], limit: Decimal | None) -> dict[str, str]:
    """数电发票 have a total amount the tax system sets (no 票种核定, no monthly limit); paper ones both."""
    paper = any(k in (InvoiceKind.PAPER_SPECIAL, InvoiceKind.PAPER_ORDINARY) for k in kinds)
    digital = any(k in (InvoiceKind.DIGITAL_SPECIAL, InvoiceKind.DIGITAL_ORDINARY) for k in kinds)
    quota = []
    if digital:
        quota.append("数电发票：发票总额度由税务机关依纳税人信用等级等动态调整，无需票种核定")
    if paper:
        cap = f"，月最高开票限额{_plain(limit)}元" if limit is not None else ""
        quota.append(f"纸质发票：票种核定{cap}")
    return {
        "tax.quota": "；".join(quota) or "暂不申领发票",
        "tax.package": "票种核定、发票领用" if paper else "发票领用（数电发票无需票种核定）",
    }


def _insurance(case: Case, ref: ReferenceData) -> dict[str, str]:
    values: dict[str, str] = {}
    social = case.services.social_security
    if social is not None:
        values["ss.start"] = _month(social.data.start_month)
        values["ss.risk"] = f"第{social.data.risk_class}类" if social.data.risk_class else ""
        values["ss.insurances"] = joined(i.label_zh for i in social.data.insurances)
        values.update(_limits("ss", base_limits(case, ServiceCode.SOCIAL_SECURITY, ref)))
    medical = case.services.medical_insurance
    if medical is not None:
        values["mi.start"] = _month(medical.data.start_month)
        values["mi.insurances"] = joined(i.label_zh for i in medical.data.insurances)
        values.update(_limits("mi", base_limits(case, ServiceCode.MEDICAL_INSURANCE, ref)))
    fund = case.services.housing_fund
    if fund is not None:
        data = fund.data
        values["hf.employer_rate"] = f"{data.employer_rate_percent}%" if data.employer_rate_percent else ""
        values["hf.employee_rate"] = f"{data.employee_rate_percent}%" if data.employee_rate_percent else ""
        values["hf.start"] = _month(data.start_month)
        values.update(_limits("hf", base_limits(case, ServiceCode.HOUSING_FUND, ref)))
    return values


def _limits(prefix: str, limits: BaseLimits) -> dict[str, str]:
    """The floor and cap as numbers with the day they apply from, and the published basis."""
    standard = limits.standard
    since = f"（{cn_date(standard.starts)}起）" if standard is not None else ""
    return {
        f"{prefix}.floor": f"{_plain(limits.floor)}元" if limits.floor is not None else "",
        f"{prefix}.cap": f"{_plain(limits.cap)}元" if limits.cap is not None else "",
        f"{prefix}.limits": (
            f"{_plain(limits.floor)}元至{_plain(limits.cap)}元{since}"
            if limits.floor is not None and limits.cap is not None
            else ""
        ),
        f"{prefix}.basis": standard.basis_zh if standard is not None else "",
    }


def _flags(case: Case, tables: Mapping[str, list[dict[str, str]]]) -> frozenset[str]:
    roles = case.roles
    flags = {f"service.{code.value}" for code, _ in case.services.requested()}
    flags.add(f"type.{case.company.type.value}")
    if case.company.type.is_company:
        flags.add("company")
    if case.company.type is not CompanyType.SOLE_PROPRIETORSHIP:
        flags.add("bo.exempt" if roles.beneficial_owner_exemption is not None else "bo.listed")
    statuses = {d.status for d in case.documents}
    if DocumentStatus.DEFERRED in statuses:
        flags.add("docs.deferred")
    if tables["pending_docs"]:
        flags.add("docs.pending")
    if roles.agent:
        flags.add("agent")
    if len(roles.directors) > 1:
        flags.add("board")
    if len(roles.supervisors) > 1:
        flags.add("supervisor_board")
    chief = head(case)
    if chief.entity is not None:
        flags.add("head.delegated")
    lr = roles.legal_representative
    if case.company.type is CompanyType.SOLE_PROPRIETORSHIP and lr and lr.position is Position.MANAGER:
        flags.add("head.hired")
    return frozenset(flags)


def _name(case: Case, person_id: str | None) -> str:
    person = case.person(person_id)
    return person.name if person else ""


def _month(value: str | None) -> str:
    if not value:
        return ""
    year, month = value.split("-")
    return f"{year}年{int(month)}月"


def _plain(amount: Decimal | None) -> str:
    """A decimal without exponent or trailing zeros: 100, 0.5, 1000000."""
    return "" if amount is None else format(amount.normalize(), "f")
