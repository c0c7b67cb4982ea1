"""The rows of the forms' people tables: the insured staff with their bases, the beneficial owners as
the filing asks them, and the people of the registration documents on their separate page (see
``forms.facts``).
"""

from __future__ import annotations

import datetime as dt

from app.case.bases import base_limits
from app.case.designations import direct_share_percent, head
from app.case.enums import BeneficialOwnerBasis, CompanyType, ServiceCode
from app.case.model import BeneficialOwner, Case, Person
from app.case.payload import contribution_yuan
from app.case.rules.context import birth_date, sex_of
from app.reference import ReferenceData
from forms.fact_text import cn_date, joined, plain

_NATIONALITY = {"CHN": "中国"}


def staff_rows(case: Case, ref: ReferenceData) -> list[dict[str, str]]:
    """Each employee's first month's wage and the base of each insurance (the wage held between the
    floor and the cap in force), with the housing fund's monthly amounts."""
    fund = case.services.housing_fund
    data = fund.data if fund else None
    social = base_limits(case, ServiceCode.SOCIAL_SECURITY, ref)
    medical = base_limits(case, ServiceCode.MEDICAL_INSURANCE, ref)
    housing = base_limits(case, ServiceCode.HOUSING_FUND, ref)
    rows = []
    for member in case.staff:
        person = case.person(member.person_id)
        wage = member.monthly_wage_yuan
        base = housing.base(wage)
        employer = data.employer_rate_percent if data else None
        employee = data.employee_rate_percent if data else None
        rows.append(
            {
                "name": person.name if person else "",
                "id_number": (person.id_number or "") if person else "",
                "mobile": (person.mobile or "") if person else "",
                "wage": plain(wage),
                "ss_base": plain(social.base(wage)),
                "mi_base": plain(medical.base(wage)),
                "base": plain(base),
                "employer": str(contribution_yuan(base, employer)) if base is not None and employer else "",
                "employee": str(contribution_yuan(base, employee)) if base is not None and employee else "",
            }
        )
    return rows


def owner_rows(case: Case) -> list[dict[str, str]]:
    licence = case.services.license
    founded = licence.results.established_on if licence is not None and licence.results else None
    return [_owner(case, owner, founded) for owner in case.roles.beneficial_owners]


def _owner(case: Case, owner: BeneficialOwner, founded: dt.date | None) -> dict[str, str]:
    person = case.person(owner.person_id)
    since = owner.since or founded
    return {
        **_person_columns(person),
        "bases": joined(b.label_zh for b in owner.bases),
        "since": cn_date(since) if since else "企业成立之日",
        "share": _share(case, owner),
        "control": owner.control or ("—" if BeneficialOwnerBasis.CONTROL not in owner.bases else ""),
    }


def _person_columns(person: Person | None) -> dict[str, str]:
    if person is None:
        return {}
    sex = sex_of(person)
    born = birth_date(person)
    valid = person.id_valid_until
    nationality = person.nationality or "CHN"
    return {
        "name": person.name,
        "sex": sex.label_zh if sex else "",
        "nationality": _NATIONALITY.get(nationality, nationality),
        "born": cn_date(born),
        "id_type": person.id_type.label_zh,
        "id_number": person.id_number or "",
        "valid": "长期" if valid == "long_term" else (cn_date(valid) if isinstance(valid, dt.date) else ""),
        "address": person.address or "",
        "mobile": person.mobile or "",
    }


def _share(case: Case, owner: BeneficialOwner) -> str:
    share = owner.share_percent
    if share is None and BeneficialOwnerBasis.EQUITY in owner.bases:
        share = direct_share_percent(case, owner.person_id)
    return f"{plain(share)}%" if share is not None else "—"


def registration_people(case: Case, *, real_name: bool = False) -> list[dict[str, str]]:
    """Everyone the registration documents name, once, with all their posts: the rows of the separate
    自然人身份信息 page. ``real_name``: only those verified in person before registration (市场监管总局令
    第88号: the legal representative or head, the investors, directors, supervisors and managers)."""
    posts: dict[str, list[str]] = {}
    for person_id, post, verified in _posts(case):
        if person_id and (verified or not real_name):
            posts.setdefault(person_id, [])
            if post not in posts[person_id]:
                posts[person_id].append(post)
    rows = []
    for person_id, held in posts.items():
        person = case.person(person_id)
        if person is not None:
            rows.append({**_person_columns(person), "posts": "、".join(held), "check": "实名认证系统"})
    return rows


def _posts(case: Case) -> list[tuple[str | None, str, bool]]:
    """(person, post, verified in person) of every post on the registration documents."""
    roles, kind = case.roles, case.company.type
    chief = head(case)
    lr = roles.legal_representative
    found: list[tuple[str | None, str, bool]] = []
    if lr is not None:
        found.append((lr.person_id, chief.signer_title if chief.entity else chief.title, True))
    investor = _INVESTOR_WORDS[kind]
    found += [(s.person_id, investor, True) for s in roles.shareholders if s.person_id]
    found += [(o.person_id, "董事长" if o.chair else "董事", True) for o in roles.directors]
    found += [(o.person_id, "监事会主席" if o.chair else "监事", True) for o in roles.supervisors]
    found += [(roles.manager, "经理", True), (roles.finance_officer, "财务负责人", kind.is_company)]
    found += [(roles.liaison, "联络员", False), (roles.agent, "委托代理人", False)]
    if kind is CompanyType.SOLE_PROPRIETORSHIP:
        found = [f for f in found if f[1] != "财务负责人"]  # not on a sole proprietorship's documents
    return found


_INVESTOR_WORDS = {
    CompanyType.LLC: "股东",
    CompanyType.JOINT_STOCK: "发起人",
    CompanyType.PARTNERSHIP: "合伙人",
    CompanyType.SOLE_PROPRIETORSHIP: "投资人",
}
