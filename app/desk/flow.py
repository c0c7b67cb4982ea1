"""The decisions of the 新办企业 flow, as plain functions of a case (no storage, no UI).

- which step a field belongs to (``step_of``) and which field a rule's finding should jump to
  (``jump_field``);
- the values the screens show (``field_values``) and those derived from the ID number (birth date,
  sex, age: ``person_view``);
- the findings of one field (``feedback_for``) from ``validate_case``'s problems;
- the draft as the screens see it (``draft_view``) and the receipt (``receipt_of``);
- the options the clerk picks from: business scope wordings (``scope_options``), divisions
  (``division_options``: 寿光 first, then the rest of 潍坊).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from app.case.documents import required_documents
from app.case.enums import CompanyType, ContributionForm, DocumentStatus, ServiceCode, Status
from app.case.model import Case, Document, Person, Shareholder
from app.clock import desk_time
from app.desk.flow_api import (
    STEPS,
    DivisionOption,
    DocumentView,
    DraftView,
    Feedback,
    FieldChange,
    OwnerView,
    PersonView,
    Receipt,
    ReceiptLine,
    ScopeOption,
    ServiceView,
    StepKey,
)
from app.desk.flow_defaults import suggested_roles
from app.desk.flow_edit import ROLE_KEYS, new_person, set_role
from app.idcard import IdCardData
from app.reference import reference_data
from app.validation import resident_id_birth_date, resident_id_sex
from app.validation.problems import Problem

EDITABLE = (Status.DRAFT, Status.READY)
# Where a finding at one path is shown: the name is composed from its parts, the 字号 shows its findings.
_ALIASES: Mapping[str, tuple[str, ...]] = {
    "company.name_parts.trade_name": ("company.name", "company.name_parts"),
    "company.scope.general": ("company.scope",),
    "company.domicile.address": ("company.domicile",),
}


MAIL_TO = "services.license.data.mail_to"
SUBSCRIPTION_KEY = re.compile(r"people\[(\d+)\]\.subscribed_wan")


def step_of(path: str) -> StepKey:
    """The step whose screen holds the field at ``path``."""
    if path.startswith("company"):
        return "company"
    if path.startswith(("people", "roles", "staff")):
        return "people"
    if path.startswith("services"):
        return "services"
    if path.startswith("documents"):
        return "documents"
    return "review"


def jump_field(case: Case, path: str) -> str:
    """The on-screen field for a finding at ``path`` (roles are edited on their person's card)."""
    if path.startswith("roles.shareholders["):
        index = int(path[len("roles.shareholders[") :].split("]", 1)[0])
        holders = case.roles.shareholders
        holder_id = holders[index].person_id if index < len(holders) else None
        if holder_id:
            found = case.person_index(holder_id)
            if found is not None:
                return f"people[{found}].subscribed_wan"
    if path == MAIL_TO:  # the mailing address as a whole: shown at its first box
        return f"{MAIL_TO}.address"
    if path.startswith("roles.") and case.people:
        role = path.split(".")[1].rstrip("s")
        if role in ROLE_KEYS:
            return f"people[0].role.{role}"
    return path


def as_feedback(case: Case, problem: Problem) -> Feedback:
    where = jump_field(case, problem.field)
    return Feedback(problem.severity, problem.message_zh, problem.message_en, where, step_of(where))


def feedback_for(case: Case, key: str, problems: Iterable[Problem]) -> tuple[Feedback, ...]:
    """The findings shown at field ``key``: those at its path or below, and at its aliases."""
    paths = (key, *_ALIASES.get(key, ()))
    totals = key.endswith(".subscribed_wan") or key == "company.registered_capital_wan"
    found = [
        as_feedback(case, p)
        for p in problems
        if any(p.field == path or p.field.startswith((path + ".", path + "[")) for path in paths)
        or jump_field(case, p.field) == key
        or (totals and p.field == "roles.shareholders")  # the sum of subscriptions against the capital
    ]
    return tuple(dict.fromkeys(found))


def derived_from_id(number: str | None, today: dt.date) -> tuple[str, str, int | None]:
    """Birth date (ISO), sex (男/女) and age read from a resident ID number ("" when unreadable)."""
    born = resident_id_birth_date(number or "") if number and len(number) == 18 else None
    if born is None:
        return "", "", None
    sex = resident_id_sex(number or "")
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return born.isoformat(), {"male": "男", "female": "女"}.get(sex or "", ""), age


def person_roles(case: Case, person_id: str) -> tuple[str, ...]:
    roles = case.roles
    held = {
        "legal_representative": roles.legal_representative is not None
        and roles.legal_representative.person_id == person_id,
        "director": any(o.person_id == person_id for o in roles.directors),
        "supervisor": any(o.person_id == person_id for o in roles.supervisors),
        "manager": roles.manager == person_id,
        "finance_officer": roles.finance_officer == person_id,
        "tax_handler": roles.tax_handler == person_id,
        "liaison": roles.liaison == person_id,
    }
    return tuple(role for role in ROLE_KEYS if held[role])


def person_view(case: Case, index: int, person: Person, today: dt.date, photos: set[str]) -> PersonView:
    born, sex, age = derived_from_id(person.id_number, today)
    holder = next((s for s in case.roles.shareholders if s.person_id == person.person_id), None)
    return PersonView(
        index=index,
        person_id=person.person_id,
        name="" if person.name == "（未填）" else person.name,
        id_number=person.id_number or "",
        mobile=person.mobile or "",
        email=person.email or "",
        address=person.address or "",
        birth_date=born,
        sex_zh=sex,
        age=age,
        roles=person_roles(case, person.person_id),
        subscribed_wan=str(holder.subscribed_wan) if holder and holder.subscribed_wan is not None else "",
        has_photo=person.person_id in photos,
        due_date=holder.due_date.isoformat() if holder and holder.due_date else "",
        contribution_form=holder.contribution_forms[0].value if holder and holder.contribution_forms else "",
        partner_kind=_partner_kind(case, holder),
        valuation=_valuation(case, holder),
        sole_investment=_sole_investment(case, holder),
        id_valid_until="长期" if person.id_valid_until == "long_term" else _text(person.id_valid_until),
        owner=_owner(case, person.person_id),
        face_check=_face_check(case, person),
    )


def _face_check(case: Case, person: Person) -> str:
    check = case.identity_check(person.person_id)
    return check.outcome if check is not None and check.id_number == person.id_number else ""


def _valuation(case: Case, holder: Shareholder | None) -> str | None:
    """A partner's valuation ("" not chosen), asked only for a contribution other than money."""
    if case.company.type is not CompanyType.PARTNERSHIP or holder is None:
        return None
    if all(form is ContributionForm.MONEY for form in holder.contribution_forms):
        return None
    return holder.valuation.value if holder.valuation else ""


def _sole_investment(case: Case, holder: Shareholder | None) -> str | None:
    if case.company.type is not CompanyType.SOLE_PROPRIETORSHIP or holder is None:
        return None
    return holder.sole_investment.value if holder.sole_investment else ""


def _owner(case: Case, person_id: str) -> OwnerView | None:
    if case.company.type is CompanyType.SOLE_PROPRIETORSHIP:
        return None  # a sole proprietorship files no beneficial owners
    owner = next((o for o in case.roles.beneficial_owners if o.person_id == person_id), None)
    if owner is None:
        return OwnerView()
    return OwnerView(
        basis=owner.bases[0].value,
        share=_text(owner.share_percent),
        control=owner.control or "",
        since=_text(owner.since),
    )


def _partner_kind(case: Case, holder: Shareholder | None) -> str | None:
    """A partner's kind ("" not chosen yet); None where it does not apply (not a partnership)."""
    if case.company.type is not CompanyType.PARTNERSHIP:
        return None
    return holder.partner_kind.value if holder and holder.partner_kind else ""


def field_values(case: Case) -> dict[str, str]:
    """The company step's fields as text."""
    company = case.company
    parts = company.name_parts
    term = company.operating_term
    return {
        "company.type": company.type.value,
        "company.name": company.name or "",
        "company.name_parts.division": parts.division if parts else "",
        "company.name_parts.trade_name": parts.trade_name if parts else "",
        "company.name_parts.industry": parts.industry if parts else "",
        "company.name_parts.form": parts.form if parts else "",
        "company.domicile.division_code": (company.domicile.division_code or "") if company.domicile else "",
        "company.domicile.address": company.domicile.address if company.domicile else "",
        "company.registered_capital_wan": _text(company.registered_capital_wan),
        "company.scope.general": ",".join(company.scope.general),
        "company.scope.licensed": ",".join(company.scope.licensed),
        "company.industry_code": company.industry_code or "",
        "company.operating_term": "长期" if term == "long_term" else str(term),
        "company.employees": _text(company.employees),
        "company.phone": company.phone or "",
        "company.postcode": company.postcode or "",
        "roles.beneficial_owner_exemption": "1" if case.roles.beneficial_owner_exemption else "0",
    }


def service_views(case: Case) -> tuple[ServiceView, ...]:
    views = []
    for code in ServiceCode:
        request = case.services.get(code)
        data = request.data.model_dump(mode="json") if request is not None else {}
        views.append(
            ServiceView(
                code=code.value,
                label_zh=code.label_zh,
                requested=request is not None and request.requested,
                data=_flat_texts(data),
                recipient=_recipient(case) if code is ServiceCode.LICENSE else "",
            )
        )
    return tuple(views)


def document_views(case: Case) -> tuple[DocumentView, ...]:
    views = []
    for requirement in required_documents(case):
        found = next((d for d in case.documents if requirement.matches(d)), None)
        person = case.person(requirement.subject)
        label = requirement.kind.label_zh + (f"（{person.name}）" if person else "")
        views.append(
            DocumentView(
                kind=requirement.kind.value,
                subject=requirement.subject or "",
                label_zh=label,
                person_name=person.name if person else "",
                key=requirement.key,
                status=(found.status if found else DocumentStatus.MISSING).value,
                due_date=found.deferral.due_date.isoformat() if found and found.deferral else "",
            )
        )
    return tuple(views)


def subscribed_total(case: Case) -> Decimal:
    return sum((s.subscribed_wan or Decimal(0) for s in case.roles.shareholders), Decimal(0))


def draft_view(
    case: Case,
    *,
    revision: int,
    position: Mapping[str, Any],
    problems: Iterable[Problem],
    today: dt.date,
    photos: set[str],
) -> DraftView:
    """The draft as the seven steps show it; raw texts the model could not take win over stored values."""
    values = {**field_values(case), **dict(position.get("raw") or {})}
    stored_step = position.get("step")
    step: StepKey = next((s for s in STEPS if s == stored_step), "company")
    return DraftView(
        case_id=case.case_id,
        status=case.status.value,
        step=step,
        field=str(position.get("field") or ""),
        revision=revision,
        values=values,
        people=tuple(person_view(case, i, p, today, photos) for i, p in enumerate(case.people)),
        services=service_views(case),
        documents=document_views(case),
        problems=tuple(as_feedback(case, p) for p in problems),
        capital_wan=_text(case.company.registered_capital_wan),
        subscribed_total_wan=_text(subscribed_total(case)),
        editable=case.status in EDITABLE,
        rating=case.rating.grade if case.rating else None,
        intent_confirmed_by=(case.account_intent.first_by, case.account_intent.second_by)
        if case.account_intent
        else (),
    )


def receipt_of(case: Case, *, branch: str, submitted_at: dt.datetime | None) -> Receipt:
    services = tuple(
        ReceiptLine(code.label_zh, request.status.label_zh, code.value, request.status.value)
        for code, request in case.services.requested()
    )
    deferred = tuple(
        ReceiptLine(view.label_zh, view.due_date, view.kind, view.due_date)
        for view in document_views(case)
        if view.status == "deferred"
    )
    when = submitted_at or case.accepted_at or case.updated_at  # 受理时间: the desk's acceptance
    return Receipt(
        case_id=case.case_id,
        company_name=case.company.name or "",
        status_zh=case.status.label_zh,
        submitted_at=desk_time(when).strftime("%Y-%m-%d %H:%M"),
        clerk=case.created_by or "",
        branch=branch,
        services=services,
        deferred=deferred,
        rating=case.rating.grade if case.rating else None,
        status=case.status.value,
    )


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _flat_texts(data: Mapping[str, Any]) -> dict[str, str]:
    """A service's data as texts by field; a part's fields as ``part.field`` (``mail_to.address``)."""
    texts: dict[str, str] = {}
    for name, value in data.items():
        if isinstance(value, dict):
            texts.update({f"{name}.{sub}": _data_text(inner) for sub, inner in value.items()})
        else:
            texts[name] = _data_text(value)
    return texts


def _recipient(case: Case) -> str:
    """The name of whoever receives the mailed licence and seals (set when mailing is chosen)."""
    licence = case.services.license
    mail = licence.data.mail_to if licence is not None else None
    person = case.person(mail.recipient_person_id) if mail is not None else None
    return person.name if person is not None else ""


def _data_text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return _text(value)


def derived_people(case: Case, changes: Sequence[FieldChange], today: dt.date) -> dict[str, str]:
    """Birth date, sex and age of each person whose ID number changed, and the name of each person whose
    name changed (the card's heading): shown at once."""
    values: dict[str, str] = {}
    for change in changes:
        if change.key.startswith("people[") and change.key.endswith("].name"):
            index = int(change.key[len("people[") : -len("].name")])
            person = case.people[index] if index < len(case.people) else None
            values[f"people[{index}].name"] = person.name if person and person.name else ""
        if change.key.startswith("people[") and change.key.endswith("].id_number"):
            index = int(change.key[len("people[") : -len("].id_number")])
            person = case.people[index] if index < len(case.people) else None
            born, sex, age = derived_from_id(person.id_number if person else None, today)
            prefix = f"people[{index}]."
            values |= {prefix + "birth_date": born, prefix + "sex_zh": sex, prefix + "age": _text(age)}
    return values


def filled_defaults(case: Case, changes: Sequence[FieldChange]) -> dict[str, str]:
    """The 出资期限 the desk stored with each subscription typed: shown at once in its box."""
    filled: dict[str, str] = {}
    for change in changes:
        match = SUBSCRIPTION_KEY.fullmatch(change.key)
        if match is None or int(match.group(1)) >= len(case.people):
            continue
        person_id = case.people[int(match.group(1))].person_id
        holder = next((s for s in case.roles.shareholders if s.person_id == person_id), None)
        if holder is not None and holder.due_date is not None:
            filled[f"people[{match.group(1)}].due_date"] = holder.due_date.isoformat()
    return filled


def with_typed_person(case: Case) -> Case:
    """A blank person to type by hand, proposed the same roles as a person read from a card."""
    position = len(case.people)
    case, person_id = new_person(case)
    for role in suggested_roles(position, case.company.type):
        case = set_role(case, person_id, role, True)
    return case


def with_card(case: Case, index: int | None, card: IdCardData) -> tuple[Case, int]:
    """The card's data into person ``index``, or a new person with the suggested roles."""
    data: dict[str, Any] = {
        "name": card.name,
        "id_number": card.id_number,
        "address": card.address,
        "id_valid_until": card.valid_until or "long_term",  # the card says 长期 with no end date
    }
    if index is not None and 0 <= index < len(case.people):
        person = case.people[index].model_copy(update=data)
        people = [*case.people[:index], person, *case.people[index + 1 :]]
        return case.model_copy(update={"people": people}), index
    position = len(case.people)
    case, person_id = new_person(case, Person(person_id="new", **data))
    for role in suggested_roles(position, case.company.type):
        case = set_role(case, person_id, role, True)
    return case, position


def with_document(case: Case, entry: Document) -> Case:
    others = [d for d in case.documents if not (d.kind is entry.kind and d.subject == entry.subject)]
    return case.model_copy(update={"documents": [*others, entry]})


def scope_options(query: str, *, limit: int = 8) -> list[ScopeOption]:
    """Business scope wordings containing ``query``, or the one with that code."""
    query = query.strip()
    items = reference_data().scope.values()
    found = [i for i in items if query and (query in i.wording or query.upper() == i.code)]
    return [ScopeOption(i.code, i.wording, i.wording_en, i.licensed) for i in found[:limit]]


def division_options() -> list[DivisionOption]:
    """寿光市 first, then the other divisions of 潍坊市, with their full names."""
    ref = reference_data()
    weifang = [d for d in ref.children("370700") if d.code != "370783"]
    first = [d for d in (ref.division("370783"),) if d is not None]
    return [DivisionOption(d.code, ref.full_division_name(d.code)) for d in [*first, *weifang]]
