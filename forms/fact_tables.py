"""The row sources of the forms' tables, derived from the case (see ``forms.facts``).

Every row is a flat ``{column key: text}`` dict; money in 万元 or 元 as plain decimals.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from app.case.designations import head, seal_name
from app.case.documents import required_documents
from app.case.enums import ContributionForm, DocumentStatus, HolderKind, PartnerKind, SealKind
from app.case.model import Case, Officer, Shareholder
from app.reference import ReferenceData
from forms.fact_people import owner_rows, registration_people, staff_rows
from forms.fact_text import cn_date, joined, plain
from forms.governance import chosen_by

# Shape and size of each seal (as the engraver's filing form asks).
SEAL_SPECS = {
    SealKind.OFFICIAL: "圆形，直径40mm，中央五角星",
    SealKind.FINANCE: "方形，边长22mm",
    SealKind.INVOICE: "椭圆形，40mm×30mm，含纳税人识别号",
    SealKind.LEGAL_REPRESENTATIVE: "方形，边长18mm",
    SealKind.CONTRACT: "圆形，直径40mm",
    SealKind.CUSTOMS: "椭圆形，45mm×30mm",
}
_DIRECTOR_TITLES = ("董事长", "职工董事", "董事", "董事（不设董事会）")
_SUPERVISOR_TITLES = ("监事会主席", "职工监事", "监事", "监事（不设监事会）")


def case_tables(case: Case, ref: ReferenceData) -> dict[str, list[dict[str, str]]]:
    pending = _pending_docs(case)
    return {
        "shareholders": [_shareholder(case, s) for s in case.roles.shareholders],
        "officers": _officers(case),
        "staff": staff_rows(case, ref),
        "beneficial_owners": owner_rows(case),
        "registration_people": registration_people(case),
        "real_name_people": registration_people(case, real_name=True),
        "seals": _seals(case),
        "pending_docs": pending,
        "deferred_docs": [row for row in pending if row["status"] == DocumentStatus.DEFERRED.label_zh],
        "tax_people": _tax_people(case),
        "services": [
            {"service": code.label_zh, "status": request.status.label_zh}
            for code, request in case.services.requested()
        ],
    }


def _shareholder(case: Case, holder: Shareholder) -> dict[str, str]:
    capital = case.company.registered_capital_wan
    share = ""
    if holder.subscribed_wan is not None and capital:
        ratio = (holder.subscribed_wan * 100 / capital).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        share = f"{ratio}%"
    person = case.person(holder.person_id) if holder.holder is HolderKind.NATURAL else None
    entity = holder.entity
    delegate = case.person(holder.delegate)
    non_money = any(f is not ContributionForm.MONEY for f in holder.contribution_forms)
    return {
        "name": person.name if person else (entity.name if entity else ""),
        "kind": holder.holder.label_zh,
        "id_type": person.id_type.label_zh if person else "统一社会信用代码",
        "id_number": (person.id_number or "") if person else ((entity.uscc or "") if entity else ""),
        "public_id": "见身份信息页" if person else ((entity.uscc or "") if entity else ""),
        "subscribed": _plain(holder.subscribed_wan),
        "shares": _plain(holder.subscribed_wan),  # 万股: one yuan a share
        "share": share,
        "forms": joined(f.label_zh for f in holder.contribution_forms),
        "valuation": holder.valuation.label_zh if holder.valuation else ("不适用" if not non_money else ""),
        "due": cn_date(holder.due_date),
        "partner": holder.partner_kind.label_zh if holder.partner_kind else "",
        "liability": "有限责任" if holder.partner_kind is PartnerKind.LIMITED else "无限连带责任",
        "address": (person.address or "") if person else "",
        "delegate": delegate.name if delegate else "",
    }


def _officers(case: Case) -> list[dict[str, str]]:
    roles = case.roles
    board = len(roles.directors) > 1
    supervisors_board = len(roles.supervisors) > 1
    chosen = chosen_by(case)
    rows = [_officer(case, o, _title(o, board, _DIRECTOR_TITLES), chosen) for o in roles.directors]
    rows += [
        _officer(case, o, _title(o, supervisors_board, _SUPERVISOR_TITLES), chosen) for o in roles.supervisors
    ]
    if roles.manager:
        rows.append(
            _officer(
                case, Officer(person_id=roles.manager), "经理", "董事会聘任" if board else "董事决定聘任"
            )
        )
    return rows


def _title(officer: Officer, board: bool, titles: tuple[str, str, str, str]) -> str:
    """(chair, employee representative, member of a board, the single one) as the officer is."""
    if officer.chair:
        return titles[0]
    if officer.employee_representative:
        return titles[1]
    return titles[2] if board else titles[3]


def _officer(case: Case, officer: Officer, title: str, appointed: str) -> dict[str, str]:
    person = case.person(officer.person_id)
    chosen = "职工代表大会选举" if officer.employee_representative else appointed
    return {
        "title": title,
        "name": person.name if person else "",
        "id_type": person.id_type.label_zh if person else "",
        "id_number": (person.id_number or "") if person else "",
        "mobile": (person.mobile or "") if person else "",
        "appointed": chosen,
    }


def _tax_people(case: Case) -> list[dict[str, str]]:
    roles = case.roles
    lr = roles.legal_representative
    rows = []
    for role, person_id in (
        (head(case).service_title, lr.person_id if lr else None),
        ("财务负责人", roles.finance_officer),
        ("办税人", roles.tax_handler),
    ):
        person = case.person(person_id)
        if person is not None:
            rows.append(
                {
                    "role": role,
                    "name": person.name,
                    "id_number": person.id_number or "",
                    "mobile": person.mobile or "",
                }
            )
    return rows


def _seals(case: Case) -> list[dict[str, str]]:
    seal = case.services.seal
    kinds = seal.data.seals if seal else []
    return [{"kind": seal_name(case, k), "spec": SEAL_SPECS[k], "count": "1"} for k in kinds]


def _pending_docs(case: Case) -> list[dict[str, str]]:
    """Required materials not yet provided: what the 一次性告知单 lists."""
    rows = []
    for requirement in required_documents(case):
        found = next((d for d in case.documents if requirement.matches(d)), None)
        status = found.status if found else DocumentStatus.MISSING
        if status is DocumentStatus.PROVIDED:
            continue
        deferral = found.deferral if found else None
        rows.append(
            {
                "material": requirement.kind.label_zh,
                "subject": _subject(case, requirement.subject),
                "service": requirement.service.label_zh,
                "status": status.label_zh,
                "due": cn_date(deferral.due_date) if deferral else "",
                "commitment": deferral.commitment if deferral else "",
            }
        )
    return rows


def _subject(case: Case, subject: str | None) -> str:
    if subject is None:
        return ""
    person = case.person(subject)
    if person is not None:
        return person.name
    entity = next((s.entity for s in case.roles.shareholders if s.entity and s.entity.uscc == subject), None)
    return entity.name if entity else subject


_plain = plain
