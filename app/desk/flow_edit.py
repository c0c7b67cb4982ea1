"""One field change of the 新办企业 flow applied to a case: ``apply_change(case, key, text) -> Case``.

Field keys are the case's own paths (``company.registered_capital_wan``, ``people[1].id_number``),
so a problem from ``validate_case`` lands on the field that caused it, plus a few person-centred keys
the desk offers instead of editing the roles by hand:

    people[i].role.<role>      "1"/"0": legal_representative, director, supervisor, manager,
                               finance_officer, tax_handler, liaison
    people[i].subscribed_wan   the person's subscription; a value makes them a shareholder, "" removes
    people[i].partner_kind     partnerships: "general" or "limited" ("" unset), once there is a subscription
    people[i].valuation        partnerships: "agreed" or "appraised" for a non-money contribution
    people[i].sole_investment  sole proprietorships: "personal_property" or "family_property"
    people[i].id_valid_until   the ID document's end of validity: a date or 长期 ("long_term")
    people[i].bo_basis         the person as a beneficial owner: "equity", "benefit", "control",
                               "senior_manager" ("" not one); listing one drops the exemption
                               (``app.desk.flow_owners``)
    people[i].bo_share         the owner's share of equity, votes or benefit (percent)
    people[i].bo_control       how the owner controls the company (for "control")
    services.<code>...         the services step (``app.desk.flow_services``)

A text that cannot be read into the model (``"12a"`` as capital) raises ``FieldUnreadable``: the caller
keeps the raw text with the draft, so nothing typed is lost, and shows the message at the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from app.case.enums import (
    CompanyType,
    ContributionForm,
    LegalRepresentativePosition,
    PartnerKind,
    SoleInvestment,
    Valuation,
)
from app.case.model import (
    Address,
    BeneficialOwnerExemption,
    Case,
    Company,
    LegalRepresentative,
    NameParts,
    Officer,
    Person,
    Roles,
    Scope,
    Shareholder,
)
from app.clock import desk_date
from app.desk.flow_owners import owner_change
from app.desk.flow_services import service_change
from app.desk.flow_values import FieldUnreadable, flag, model_update
from app.reference import reference_data

ROLE_KEYS = (
    "legal_representative",
    "director",
    "supervisor",
    "manager",
    "finance_officer",
    "tax_handler",
    "liaison",
)
NAME_FORMS = {
    CompanyType.LLC: "有限公司",
    CompanyType.JOINT_STOCK: "股份有限公司",
    CompanyType.SOLE_PROPRIETORSHIP: "",
    CompanyType.PARTNERSHIP: "（有限合伙）",
}
_PERSON = re.compile(r"^people\[(\d+)\]\.(.+)$")


def apply_change(case: Case, key: str, text: str) -> Case:
    """``case`` with field ``key`` set from ``text`` (edges trimmed); raises ``FieldUnreadable``."""
    text = text.strip()
    person = _PERSON.match(key)
    if person:
        return _person_change(case, int(person.group(1)), person.group(2), text, key)
    if key.startswith("company."):
        return case.model_copy(update={"company": _company_change(case.company, key[8:], text, key)})
    if key.startswith("services."):
        return service_change(case, key, text)
    if key == "roles.beneficial_owner_exemption":
        exemption = BeneficialOwnerExemption(no_other_controller=True) if flag(text) else None
        return _with_roles(case, beneficial_owner_exemption=exemption)
    if key == "roles.legal_representative.position":
        lr = case.roles.legal_representative
        if lr is None:
            raise FieldUnreadable(key, "请先选定法定代表人。", "Choose the legal representative first.")
        position = _enum(LegalRepresentativePosition, text, key)
        return _with_roles(case, legal_representative=lr.model_copy(update={"position": position}))
    raise FieldUnreadable(key, f"未知字段：{key}", f"Unknown field: {key}")


# --- company ---------------------------------------------------------------------------------------


def _company_change(company: Company, sub: str, text: str, key: str) -> Company:
    if sub == "type":
        kind = _enum(CompanyType, text, key)
        parts = company.name_parts or NameParts()
        if parts.form in ("", NAME_FORMS[company.type]):
            parts = parts.model_copy(update={"form": NAME_FORMS[kind]})
        return _renamed(company.model_copy(update={"type": kind}), parts)
    if sub.startswith("name_parts."):
        parts = model_update(company.name_parts or NameParts(), sub[11:], text, key)
        return _renamed(company, parts)
    if sub.startswith("domicile."):
        domicile = model_update(company.domicile or Address(), sub[9:], text or None, key)
        return company.model_copy(update={"domicile": domicile})
    if sub in ("scope.general", "scope.licensed"):
        codes = [c.strip().upper() for c in re.split(r"[,，;；\s]+", text) if c.strip()]
        scope = model_update(company.scope or Scope(), sub[6:], codes, key)
        return _industry_from_scope(company.model_copy(update={"scope": scope}))
    if sub == "operating_term":
        term: str | int = "long_term" if text in ("", "long_term", "长期", "long term") else _int(text, key)
        updated: Company = model_update(company, sub, term, key)
        return updated
    if sub == "employees":
        updated = model_update(company, sub, _int(text, key) if text else None, key)
        return updated
    if sub in ("registered_capital_wan", "industry_code", "phone", "postcode"):
        updated = model_update(company, sub, text or None, key)
        return updated
    raise FieldUnreadable(key, f"未知字段：{key}", f"Unknown field: {key}")


def _industry_from_scope(company: Company) -> Company:
    """The industry (GB/T 4754 class) follows the first business-scope item until the clerk picks one."""
    codes = [*company.scope.general, *company.scope.licensed]
    item = reference_data().scope_item(codes[0]) if codes else None
    if item is None or company.industry_code not in (None, "", *_scope_classes(company)):
        return company
    return company.model_copy(update={"industry_code": item.industry_class})


def _scope_classes(company: Company) -> list[str]:
    ref = reference_data()
    items = (ref.scope_item(code) for code in [*company.scope.general, *company.scope.licensed])
    return [item.industry_class for item in items if item is not None]


def _renamed(company: Company, parts: NameParts) -> Company:
    """The name is composed from its four parts, once the 字号 is there."""
    name = parts.division + parts.trade_name + parts.industry + parts.form if parts.trade_name else None
    return company.model_copy(update={"name_parts": parts, "name": name})


# --- people and roles ------------------------------------------------------------------------------


def _person_change(case: Case, index: int, sub: str, text: str, key: str) -> Case:
    if not 0 <= index < len(case.people):
        raise FieldUnreadable(key, "这个人员已不在案卷中。", "This person is no longer in the case.")
    person = case.people[index]
    if sub.startswith("role."):
        return set_role(case, person.person_id, sub[5:], flag(text), key)
    if sub == "subscribed_wan":
        return _subscription(case, person.person_id, text, key)
    if sub == "due_date":
        return _shareholder_update(case, person.person_id, "due_date", _date(text, key), key)
    if sub == "contribution_form":
        forms = [_enum(ContributionForm, text or "money", key)]
        return _shareholder_update(case, person.person_id, "contribution_forms", forms, key)
    if sub == "partner_kind":  # partnerships: 普通合伙人 (general) or 有限合伙人 (limited)
        kind = _enum(PartnerKind, text, key) if text else None
        return _shareholder_update(case, person.person_id, "partner_kind", kind, key)
    if sub in ("valuation", "sole_investment"):
        vocabulary = Valuation if sub == "valuation" else SoleInvestment
        choice = _enum(vocabulary, text, key) if text else None
        return _shareholder_update(case, person.person_id, sub, choice, key)
    if sub.startswith("bo_"):
        return owner_change(case, person.person_id, sub[3:], text, key)
    if sub == "id_valid_until":
        updated = model_update(person, sub, _validity(text, key), key)
        return case.model_copy(update={"people": [*case.people[:index], updated, *case.people[index + 1 :]]})
    if sub not in ("name", "id_number", "mobile", "address", "email"):
        raise FieldUnreadable(key, f"未知字段：{key}", f"Unknown field: {key}")
    value: str | None = text or None
    if sub == "name" and not text:
        value = "（未填）"  # a person needs a name in the model; the rule asks for the real one
    updated = model_update(person, sub, value, key)
    people = [*case.people[:index], updated, *case.people[index + 1 :]]
    changed = case.model_copy(update={"people": people})
    return _phone_from_mobile(changed, person, updated) if sub == "mobile" else changed


def _phone_from_mobile(case: Case, before: Person, after: Person) -> Case:
    """The company phone follows the legal representative's mobile until the clerk types another."""
    lr = case.roles.legal_representative
    if lr is None or lr.person_id != after.person_id or case.company.phone not in (None, "", before.mobile):
        return case
    return case.model_copy(update={"company": case.company.model_copy(update={"phone": after.mobile})})


def set_role(case: Case, person_id: str, role: str, on: bool, key: str = "") -> Case:
    """Give ``person_id`` the role (or take it away); single roles move to this person."""
    roles = case.roles
    single: dict[str, Callable[[], Any]] = {
        "manager": lambda: person_id,
        "finance_officer": lambda: person_id,
        "tax_handler": lambda: person_id,
        "liaison": lambda: person_id,
        "legal_representative": lambda: LegalRepresentative(
            person_id=person_id, position=_default_position(case)
        ),
    }
    if role in single:
        current = getattr(roles, role)
        holder = current.person_id if isinstance(current, LegalRepresentative) else current
        if on:
            return _with_roles(case, **{role: single[role]()})
        return _with_roles(case, **{role: None}) if holder == person_id else case
    if role in ("director", "supervisor"):
        name = role + "s"
        officers = [o for o in getattr(roles, name) if o.person_id != person_id]
        if on:
            officers.append(Officer(person_id=person_id))
        return _with_roles(case, **{name: officers})
    raise FieldUnreadable(key or role, f"未知职务：{role}", f"Unknown role: {role}")


def _default_position(case: Case) -> LegalRepresentativePosition:
    if case.company.type is CompanyType.PARTNERSHIP:
        return LegalRepresentativePosition.EXECUTIVE_PARTNER
    if case.company.type is CompanyType.SOLE_PROPRIETORSHIP:
        return LegalRepresentativePosition.INVESTOR
    directors = case.roles.directors
    return (
        LegalRepresentativePosition.CHAIRMAN
        if len(directors) > 1
        else LegalRepresentativePosition.SOLE_DIRECTOR
    )


def _subscription(case: Case, person_id: str, text: str, key: str) -> Case:
    holders = list(case.roles.shareholders)
    found = next((i for i, s in enumerate(holders) if s.person_id == person_id), None)
    if not text:
        return _with_roles(case, shareholders=[s for s in holders if s.person_id != person_id])
    if found is None:
        due = default_due_date(case)
        holders.append(
            model_update(Shareholder(person_id=person_id, due_date=due), "subscribed_wan", text, key)
        )
    else:
        holders[found] = model_update(holders[found], "subscribed_wan", text, key)
    return _with_roles(case, shareholders=holders)


def _shareholder_update(case: Case, person_id: str, name: str, value: Any, key: str) -> Case:
    holders = list(case.roles.shareholders)
    found = next((i for i, s in enumerate(holders) if s.person_id == person_id), None)
    if found is None:
        raise FieldUnreadable(key, "请先填写认缴出资额。", "Enter the subscribed amount first.")
    holders[found] = model_update(holders[found], name, value, key)
    return _with_roles(case, shareholders=holders)


def _with_roles(case: Case, **changes: Any) -> Case:
    roles: Roles = case.roles.model_copy(update=changes)
    return case.model_copy(update={"roles": roles})


# --- helpers ---------------------------------------------------------------------------------------


def _enum(kind: Any, text: str, key: str) -> Any:
    try:
        return kind(text)
    except ValueError:
        raise FieldUnreadable(key, "请从列表中选择。", "Choose one of the listed values.") from None


def _int(text: str, key: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise FieldUnreadable(key, "请填写整数（阿拉伯数字）。", "Enter a whole number in ASCII digits.")
    return int(text)


def _date(text: str, key: str) -> str | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise FieldUnreadable(key, "日期格式应为 2026-11-28。", "Write the date as 2026-11-28.") from None


def _validity(text: str, key: str) -> str | None:
    if text in ("长期", "long_term", "long term"):
        return "long_term"
    return _date(text, key)


def default_due_date(case: Case) -> dt.date:
    """A new subscription's 出资期限: the opening day on the desk calendar + 5 years - 1 day (the 2023
    Company Law's five years)."""
    return add_years(desk_date(case.created_at), 5) - dt.timedelta(days=1)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def new_person(case: Case, person: Person | None = None) -> tuple[Case, str]:
    """``case`` with one more person (blank, or ``person`` under a fresh id); returns the new id."""
    used = {p.person_id for p in case.people}
    number = len(case.people) + 1
    while f"p{number}" in used:
        number += 1
    person_id = f"p{number}"
    added = (person or Person(person_id=person_id, name="（未填）")).model_copy(
        update={"person_id": person_id}
    )
    return case.model_copy(update={"people": [*case.people, added]}), person_id


def without_person(case: Case, index: int) -> Case:
    """``case`` without person ``index``, its roles and its subscription."""
    gone = case.people[index].person_id
    for role in ROLE_KEYS:
        case = set_role(case, gone, role, False)
    holders = [s for s in case.roles.shareholders if s.person_id != gone]
    people = [p for p in case.people if p.person_id != gone]
    return case.model_copy(
        update={"people": people, "roles": case.roles.model_copy(update={"shareholders": holders})}
    )
