"""A fictitious company and its roles, lawful for its type (Company Law 2023, partnership law)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from app.case.enums import (
    BeneficialOwnerBasis,
    CompanyType,
    HolderKind,
    LegalRepresentativePosition,
    PartnerKind,
    SoleInvestment,
)
from app.case.model import (
    Address,
    BeneficialOwner,
    BeneficialOwnerExemption,
    Company,
    LegalEntity,
    LegalRepresentative,
    NameParts,
    Officer,
    Roles,
    Scope,
    Shareholder,
)
from app.reference import ReferenceData
from app.seed.identifiers import mobile, uscc
from app.seed.people import PeoplePool, shouguang_address
from app.seed.vocab import SHOUGUANG, TRADE_FIRST, TRADE_SECOND, Business
from app.validation.names import validate_company_name

Position = LegalRepresentativePosition
_CAPITAL_WAN = {
    CompanyType.LLC: (10, 30, 50, 100, 100, 200, 300, 500, 1000, 2000),
    CompanyType.JOINT_STOCK: (1000, 2000, 3000, 5000),
    CompanyType.SOLE_PROPRIETORSHIP: (1, 5, 10, 20, 50),
    CompanyType.PARTNERSHIP: (10, 50, 100, 300),
}


@dataclass
class Draft:
    """What one generated case is made of, before services and documents are added."""

    rng: random.Random
    today: dt.date
    created: dt.date
    company_type: CompanyType
    business: Business
    pool: PeoplePool
    used_names: set[str]
    staff: list[str] = field(default_factory=list)


def build_company(draft: Draft, ref: ReferenceData) -> Company:
    rng, business = draft.rng, draft.business
    parts = _name_parts(draft)
    general = [_scope_code(ref, w) for w in business.general]
    licensed = [_scope_code(ref, w) for w in business.licensed]
    production = None
    if business.industry_code[:2] in ("01", "13", "14", "33") and rng.random() < 0.4:
        production = Address(division_code=SHOUGUANG, address=shouguang_address(rng, rural=True))
    return Company(
        type=draft.company_type,
        name=parts.division + parts.trade_name + parts.industry + parts.form,
        name_parts=parts,
        domicile=Address(division_code=SHOUGUANG, address=shouguang_address(rng)),
        production_address=production,
        registered_capital_wan=Decimal(rng.choice(_CAPITAL_WAN[draft.company_type])),
        scope=Scope(general=general, licensed=licensed),
        industry_code=business.industry_code,
        operating_term="long_term" if rng.random() < 0.8 else rng.choice((10, 20, 30)),
        employees=rng.randrange(2, 40),
        phone=f"0536-5{rng.randrange(10**6):06d}" if rng.random() < 0.5 else mobile(rng),
        postcode="262700",
    )


def build_roles(draft: Draft, company: Company) -> Roles:
    builders = {
        CompanyType.LLC: _llc_roles,
        CompanyType.JOINT_STOCK: _joint_stock_roles,
        CompanyType.SOLE_PROPRIETORSHIP: _sole_roles,
        CompanyType.PARTNERSHIP: _partnership_roles,
    }
    roles = builders[draft.company_type](draft, company)
    contacts = _contacts(draft, roles)
    roles = roles.model_copy(update=contacts)
    owners = _beneficial_owners(draft, company, roles)
    return roles.model_copy(update=owners)


def _llc_roles(draft: Draft, company: Company) -> Roles:
    rng, pool = draft.rng, draft.pool
    holders = _shareholders(draft, company, rng.choice((1, 1, 2, 2, 2, 3)), legal_ok=True)
    first = holders[0].person_id or pool.new()
    if rng.random() < 0.7:
        directors = [Officer(person_id=first)]
        manager = first if rng.random() < 0.6 else pool.new()
        lr = LegalRepresentative(person_id=first, position=Position.SOLE_DIRECTOR)
    else:
        directors = [
            Officer(person_id=first, chair=True),
            Officer(person_id=pool.new()),
            Officer(person_id=pool.new()),
        ]
        manager = pool.new()
        lr = LegalRepresentative(person_id=first, position=Position.CHAIRMAN)
    consent = len(holders) == 1 and rng.random() < 0.3
    supervisors: list[Officer] = []
    if not consent:
        if len(directors) == 3 and rng.random() < 0.4:
            supervisors = [
                Officer(person_id=pool.new(), chair=True),
                Officer(person_id=pool.new()),
                Officer(person_id=pool.new(min_age=20), employee_representative=True),
            ]
            draft.staff.append(supervisors[2].person_id)
        else:
            supervisors = [Officer(person_id=pool.new())]
    return Roles(
        legal_representative=lr,
        shareholders=holders,
        directors=directors,
        supervisors=supervisors,
        no_supervisor_consent=consent,
        manager=manager,
    )


def _joint_stock_roles(draft: Draft, company: Company) -> Roles:
    rng, pool = draft.rng, draft.pool
    holders = _shareholders(draft, company, rng.randrange(2, 6), legal_ok=True)
    natural = [h.person_id for h in holders if h.person_id]
    first = natural[0] if natural else pool.new()
    size = rng.choice((3, 3, 5))
    others = list(natural[1:size])
    others += [pool.new() for _ in range(size - 1 - len(others))]
    directors = [Officer(person_id=first, chair=True), *(Officer(person_id=p) for p in others)]
    manager = pool.new()
    if rng.random() < 0.3:
        committee = [d.person_id for d in directors[:3]]
        return Roles(
            legal_representative=LegalRepresentative(person_id=first, position=Position.CHAIRMAN),
            shareholders=holders,
            directors=directors,
            audit_committee=committee,
            manager=manager,
        )
    supervisors = [
        Officer(person_id=pool.new(), chair=True),
        Officer(person_id=pool.new()),
        Officer(person_id=pool.new(min_age=20), employee_representative=True),
    ]
    draft.staff.append(supervisors[2].person_id)
    return Roles(
        legal_representative=LegalRepresentative(person_id=first, position=Position.CHAIRMAN),
        shareholders=holders,
        directors=directors,
        supervisors=supervisors,
        manager=manager,
    )


def _sole_roles(draft: Draft, company: Company) -> Roles:
    holders = _shareholders(draft, company, 1, legal_ok=False)
    investor = holders[0].person_id or ""
    # Drawn from the investor's number, not the random stream (the cases after this one stay the same).
    family = int(investor_number(draft, investor)[13]) % 4 == 0
    source = SoleInvestment.FAMILY_PROPERTY if family else SoleInvestment.PERSONAL_PROPERTY
    holders = [holders[0].model_copy(update={"sole_investment": source})]
    return Roles(
        legal_representative=LegalRepresentative(person_id=investor, position=Position.INVESTOR),
        shareholders=holders,
    )


def investor_number(draft: Draft, person_id: str) -> str:
    return next(p.id_number or "0" * 18 for p in draft.pool.people if p.person_id == person_id)


def _partnership_roles(draft: Draft, company: Company) -> Roles:
    holders = _shareholders(draft, company, draft.rng.randrange(2, 5), legal_ok=False)
    kinds = [PartnerKind.GENERAL] + [
        PartnerKind.LIMITED if "有限合伙" in (company.name or "") else PartnerKind.GENERAL
        for _ in holders[1:]
    ]
    holders = [h.model_copy(update={"partner_kind": k}) for h, k in zip(holders, kinds, strict=True)]
    executive = holders[0].person_id or ""
    return Roles(
        legal_representative=LegalRepresentative(person_id=executive, position=Position.EXECUTIVE_PARTNER),
        shareholders=holders,
    )


def _shareholders(draft: Draft, company: Company, count: int, *, legal_ok: bool) -> list[Shareholder]:
    rng = draft.rng
    capital = int(company.registered_capital_wan or 1)
    count = min(count, capital)
    weights = [rng.randrange(1, 10) for _ in range(count)]
    amounts = [max(1, capital * w // sum(weights)) for w in weights[:-1]]
    amounts.append(capital - sum(amounts))
    due = _due_date(draft)
    holders = []
    for index, amount in enumerate(amounts):
        legal = legal_ok and index == count - 1 and count > 1 and rng.random() < 0.2
        if legal:
            entity = LegalEntity(
                name=f"寿光市{rng.choice(TRADE_FIRST)}{rng.choice(TRADE_SECOND)}农业发展有限公司",
                uscc=uscc(rng),
            )
            holders.append(
                Shareholder(
                    holder=HolderKind.LEGAL, entity=entity, subscribed_wan=Decimal(amount), due_date=due
                )
            )
        else:
            holders.append(
                Shareholder(person_id=draft.pool.new(), subscribed_wan=Decimal(amount), due_date=due)
            )
    return holders


def _due_date(draft: Draft) -> dt.date:
    if draft.company_type is CompanyType.JOINT_STOCK:
        return draft.created  # promoters pay before founding
    years = draft.rng.randrange(1, 5)
    return draft.created.replace(year=draft.created.year + years, day=min(draft.created.day, 28))


def _contacts(draft: Draft, roles: Roles) -> dict[str, object]:
    rng, pool = draft.rng, draft.pool
    lr = roles.legal_representative.person_id if roles.legal_representative else pool.new()
    supervisors = {s.person_id for s in roles.supervisors}
    finance = (
        lr if draft.company_type is CompanyType.SOLE_PROPRIETORSHIP and rng.random() < 0.5 else pool.new()
    )
    if finance in supervisors:  # pragma: no cover - supervisors are always drawn new
        finance = pool.new()
    tax_handler = finance if rng.random() < 0.6 else pool.new(min_age=20)
    liaison = rng.choice((finance, tax_handler, lr))
    pool.add_email(liaison)
    agent = pool.new(min_age=20) if rng.random() < 0.3 else None
    draft.staff += [p for p in (finance, tax_handler) if p != lr]
    draft.staff += [pool.new(min_age=20, max_age=55) for _ in range(rng.randrange(0, 4))]
    if roles.manager and roles.manager != lr:
        draft.staff.append(roles.manager)
    draft.staff = list(dict.fromkeys(draft.staff))
    return {"finance_officer": finance, "tax_handler": tax_handler, "liaison": liaison, "agent": agent}


def _beneficial_owners(draft: Draft, company: Company, roles: Roles) -> dict[str, object]:
    if draft.company_type is CompanyType.SOLE_PROPRIETORSHIP:
        return {}
    capital = company.registered_capital_wan or Decimal(1)
    all_natural = all(h.holder is HolderKind.NATURAL for h in roles.shareholders)
    if capital <= 1000 and all_natural and draft.rng.random() < 0.8:
        return {"beneficial_owner_exemption": BeneficialOwnerExemption(no_other_controller=True)}
    owners = [
        BeneficialOwner(person_id=h.person_id, bases=[BeneficialOwnerBasis.EQUITY])
        for h in roles.shareholders
        if h.person_id and (h.subscribed_wan or 0) * 4 >= capital
    ]
    if not owners and roles.legal_representative:
        owners = [
            BeneficialOwner(
                person_id=roles.legal_representative.person_id, bases=[BeneficialOwnerBasis.SENIOR_MANAGER]
            )
        ]
    return {"beneficial_owners": owners}


def _name_parts(draft: Draft) -> NameParts:
    rng, business, kind = draft.rng, draft.business, draft.company_type
    for _ in range(50):
        trade = rng.choice(TRADE_FIRST) + rng.choice(TRADE_SECOND)
        if trade[0] == trade[1]:
            continue
        if kind is CompanyType.LLC:
            form = "有限公司" if rng.random() < 0.8 else "有限责任公司"
        elif kind is CompanyType.JOINT_STOCK:
            form = "股份有限公司"
        elif kind is CompanyType.PARTNERSHIP:
            form = "合伙企业（有限合伙）" if rng.random() < 0.5 else "合伙企业（普通合伙）"
        else:
            form = business.sole_form
        parts = NameParts(division="寿光市", trade_name=trade, industry=business.industry_word, form=form)
        name = parts.division + parts.trade_name + parts.industry + parts.form
        problems = validate_company_name(name, kind.value)
        if name not in draft.used_names and not any(p.severity == "error" for p in problems):
            draft.used_names.add(name)
            return parts
    raise RuntimeError("no acceptable company name found")  # pragma: no cover - 900 combinations per business


def _scope_code(ref: ReferenceData, wording: str) -> str:
    return next(item.code for item in ref.scope.values() if item.wording == wording)
