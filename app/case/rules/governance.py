"""Organs of the company (Company Law 2023): directors, supervisors or audit committee, legal representative.

Sole proprietorships and partnerships have no board or supervisors; their legal representative is the
investor (or a hired manager) and the executive partner respectively.
"""

from __future__ import annotations

from collections import Counter

from app.case.designations import delegating_partner
from app.case.enums import CompanyType, LegalRepresentativePosition, PartnerKind
from app.case.rules.company_law import EMPLOYEE_DIRECTOR_THRESHOLD
from app.case.rules.context import RuleContext, age_on, birth_date
from app.validation.problems import Problem, error, warning

ADULT_AGE = 18
Position = LegalRepresentativePosition


def governance_problems(ctx: RuleContext) -> list[Problem]:
    problems = _legal_representative_problems(ctx)
    if ctx.case.company.type.is_company:
        problems += _board_problems(ctx) + _supervision_problems(ctx)
    else:
        problems += _not_applicable(ctx)
    problems += _duplicates(ctx)
    problems += _minor_officers(ctx)
    return problems


def _board_problems(ctx: RuleContext) -> list[Problem]:
    directors = ctx.case.roles.directors
    count = len(directors)
    if count == 0 or count == 2:
        return [
            error(
                "company_law.board_size",
                "roles.directors",
                "董事会成员应为三人以上；规模较小或股东人数较少的公司可以不设董事会，只设一名董事（公司法第6"
                "8、75条）。"
                f"当前为{count}人，请调整。",
                "A board has three or more directors; a small company may instead have a single director "
                f"(Company Law art. 68, 75). There are {count} now: adjust.",
            )
        ]
    problems: list[Problem] = []
    chairs = sum(1 for d in directors if d.chair)
    if count >= 3 and chairs != 1:
        problems.append(
            error(
                "company_law.board_chair",
                "roles.directors",
                f"董事会应设董事长一人，当前标记了{chairs}人，请指定且只指定一名董事长。",
                f"A board has exactly one chair; {chairs} are marked. Mark exactly one.",
            )
        )
    problems += _employee_director_problems(ctx)
    return problems


def _employee_director_problems(ctx: RuleContext) -> list[Problem]:
    roles, employees = ctx.case.roles, ctx.case.company.employees or 0
    if employees < EMPLOYEE_DIRECTOR_THRESHOLD or any(d.employee_representative for d in roles.directors):
        return []
    if len(roles.supervisors) >= 3 and any(s.employee_representative for s in roles.supervisors):
        return []
    return [
        error(
            "company_law.employee_director",
            "roles.directors",
            f"职工人数{EMPLOYEE_DIRECTOR_THRESHOLD}人以上的公司，董事会中应有职工代表（设有含职工代表的监事"
            "会的除外）"
            "（公司法第68条）。请指定一名职工代表董事。",
            f"A company with {EMPLOYEE_DIRECTOR_THRESHOLD} or more employees needs an employee representativ"
            "e on the "
            "board unless its supervisory board has one (art. 68). Mark an employee director.",
        )
    ]


def _supervision_problems(ctx: RuleContext) -> list[Problem]:
    roles, is_llc = ctx.case.roles, ctx.case.company.type is CompanyType.LLC
    if roles.audit_committee:
        return _audit_committee_problems(ctx)
    count = len(roles.supervisors)
    problems: list[Problem] = []
    if count == 0 and not (is_llc and roles.no_supervisor_consent):
        problems.append(
            error(
                "company_law.supervisor_missing",
                "roles.supervisors",
                "请设监事会、一名监事或董事会审计委员会；有限责任公司经全体股东一致同意也可以不设监事（公司"
                "法第83条）。",
                "Appoint a supervisory board, one supervisor or a board audit committee; an LLC may have no "
                "supervisor with the consent of all shareholders (art. 83).",
            )
        )
    if roles.no_supervisor_consent and not is_llc:
        problems.append(
            error(
                "company_law.no_supervisor_consent_llc_only",
                "roles.no_supervisor_consent",
                "只有有限责任公司可以经全体股东同意不设监事；股份有限公司请设监事或审计委员会。",
                "Only an LLC may do without a supervisor by shareholder consent; appoint one or an audit com"
                "mittee.",
            )
        )
    if count == 2:
        problems.append(
            error(
                "company_law.supervisor_board_size",
                "roles.supervisors",
                "监事会成员应为三人以上；不设监事会的只设一名监事（公司法第76、83条）。当前为2人，请调整。",
                "A supervisory board has three or more members; otherwise one supervisor (art. 76, 83). "
                "There are 2 now: adjust.",
            )
        )
    if count >= 3:
        problems += _supervisory_board_problems(ctx)
    problems += _supervisor_conflicts(ctx)
    return problems


def _supervisory_board_problems(ctx: RuleContext) -> list[Problem]:
    supervisors = ctx.case.roles.supervisors
    problems: list[Problem] = []
    employees = sum(1 for s in supervisors if s.employee_representative)
    if employees * 3 < len(supervisors):
        problems.append(
            error(
                "company_law.supervisor_employee_share",
                "roles.supervisors",
                f"监事会中职工代表的比例不得低于三分之一（公司法第76条），当前{len(supervisors)}人中只有"
                f"{employees}名"
                "职工代表，请增加。",
                "At least a third of the supervisory board are employee representatives (art. 76); "
                f"{employees} "
                f"of {len(supervisors)} are. Add more.",
            )
        )
    if sum(1 for s in supervisors if s.chair) != 1:
        problems.append(
            error(
                "company_law.supervisor_chair",
                "roles.supervisors",
                "监事会应设主席一人，请指定且只指定一名监事会主席。",
                "A supervisory board has exactly one chair; mark exactly one.",
            )
        )
    return problems


def _supervisor_conflicts(ctx: RuleContext) -> list[Problem]:
    officers = set(ctx.officer_ids())
    return [
        error(
            "company_law.supervisor_conflict",
            f"roles.supervisors[{index}].person_id",
            f"{ctx.person_label(s.person_id)}已担任董事或高级管理人员（经理、财务负责人），不得兼任监事（公"
            "司法第76条），"
            "请另选监事。",
            "This person is a director or senior manager and may not also be a supervisor (art. 76); "
            "choose another supervisor.",
        )
        for index, s in enumerate(ctx.case.roles.supervisors)
        if s.person_id in officers
    ]


def _audit_committee_problems(ctx: RuleContext) -> list[Problem]:
    roles = ctx.case.roles
    problems: list[Problem] = []
    directors = {d.person_id for d in roles.directors}
    for index, member in enumerate(roles.audit_committee):
        if member not in directors:
            problems.append(
                error(
                    "company_law.audit_committee_member",
                    f"roles.audit_committee[{index}]",
                    f"审计委员会由董事组成，{ctx.person_label(member)}不是董事，请先将其列为董事或另选成员。",
                    "The audit committee is made of directors; this person is not one. Make them a director "
                    "or "
                    "choose another member.",
                )
            )
    if roles.supervisors or roles.no_supervisor_consent:
        problems.append(
            error(
                "company_law.audit_committee_and_supervisors",
                "roles.supervisors",
                "设审计委员会行使监事会职权的公司不再设监事会或监事（公司法第69、121条），请删除监事或审计委"
                "员会之一。",
                "A company whose audit committee exercises the supervisors' powers has no supervisors "
                "(art. 69, 121); remove one or the other.",
            )
        )
    if ctx.case.company.type is CompanyType.JOINT_STOCK:
        problems += _jsc_audit_committee(ctx)
    elif len(roles.directors) < 3:
        problems.append(
            error(
                "company_law.audit_committee_needs_board",
                "roles.audit_committee",
                "有限责任公司的审计委员会设在董事会中（公司法第六十九条）；只设一名董事、不设董事会的公司不能设"
                "审计委员会：请设一名监事，或经全体股东一致同意不设监事。",
                "An LLC's audit committee sits in its board (Company Law art. 69); a company with a single "
                "director and no board has none: appoint a supervisor, or have none with all shareholders' "
                "consent.",
            )
        )
    return problems


def _jsc_audit_committee(ctx: RuleContext) -> list[Problem]:
    roles = ctx.case.roles
    problems: list[Problem] = []
    if len(roles.audit_committee) < 3:
        problems.append(
            error(
                "company_law.audit_committee_size",
                "roles.audit_committee",
                "股份有限公司审计委员会成员应为三人以上（公司法第121条），请增加成员。",
                "The audit committee of a joint-stock company has three or more members (art. 121).",
            )
        )
    managers = {p for p in (roles.manager, roles.finance_officer) if p}
    busy = sum(1 for m in roles.audit_committee if m in managers)
    if busy * 2 >= len(roles.audit_committee) > 0:
        problems.append(
            error(
                "company_law.audit_committee_independence",
                "roles.audit_committee",
                "审计委员会过半数成员不得在公司担任董事以外的其他职务（公司法第121条），请调整成员。",
                "More than half of the audit committee may hold no office other than director (art. 121).",
            )
        )
    return problems


def _legal_representative_problems(ctx: RuleContext) -> list[Problem]:
    lr = ctx.case.roles.legal_representative
    path = "roles.legal_representative"
    if lr is None:
        return [
            error(
                "roles.legal_representative_missing",
                path,
                "请指定法定代表人（负责人）。",
                "Appoint the legal representative (person in charge).",
            )
        ]
    problems = _position_problems(ctx, lr.person_id, lr.position)
    person = ctx.case.person(lr.person_id)
    if person is None:
        return problems
    born = birth_date(person)
    if born is not None and age_on(born, ctx.today) < ADULT_AGE:
        problems.append(
            error(
                "roles.legal_representative_age",
                f"{path}.person_id",
                f"法定代表人{person.name}未满{ADULT_AGE}周岁，不能担任，请另行指定。",
                f"The legal representative {person.name} is under {ADULT_AGE} and cannot serve; appoint some"
                "one else.",
            )
        )
    return problems


def _position_problems(ctx: RuleContext, person_id: str, position: Position) -> list[Problem]:
    roles, kind = ctx.case.roles, ctx.case.company.type
    directors = roles.directors
    allowed: dict[Position, bool] = {
        Position.CHAIRMAN: kind.is_company and any(d.person_id == person_id and d.chair for d in directors),
        Position.SOLE_DIRECTOR: kind.is_company
        and len(directors) == 1
        and directors[0].person_id == person_id,
        Position.MANAGER: kind is not CompanyType.PARTNERSHIP and roles.manager == person_id,
        Position.EXECUTIVE_PARTNER: kind is CompanyType.PARTNERSHIP and _is_general_partner(ctx, person_id),
        Position.INVESTOR: kind is CompanyType.SOLE_PROPRIETORSHIP
        and any(s.person_id == person_id for s in roles.shareholders),
    }
    if allowed[position]:
        return []
    return [
        error(
            "roles.legal_representative_position",
            "roles.legal_representative.position",
            f"法定代表人的职务“{position.label_zh}”与其实际角色不符：公司由代表公司执行事务的董事（董事长）"
            "或经理担任"
            "（公司法第10条），合伙企业由执行事务合伙人（法人合伙人为其委派代表）担任，个人独资企业由投资人"
            "或其聘用的经理担任。请核对职务或角色。",
            f"The legal representative's position '{position.value}' does not match their roles: a company's"
            " is "
            "the director (chair) or manager running it (art. 10), a partnership's the executive partner, a "
            "sole "
            "proprietorship's the investor or hired manager.",
        )
    ]


def _is_general_partner(ctx: RuleContext, person_id: str) -> bool:
    partners = ctx.case.roles.shareholders
    if any(s.person_id == person_id and s.partner_kind is PartnerKind.GENERAL for s in partners):
        return True
    # A legal-person general partner acts through the delegate (委派代表) it names, not a partner himself.
    delegating = delegating_partner(ctx.case, person_id)
    return delegating is not None and delegating.partner_kind is PartnerKind.GENERAL


def _not_applicable(ctx: RuleContext) -> list[Problem]:
    roles = ctx.case.roles
    present = [n for n in ("directors", "supervisors", "audit_committee") if getattr(roles, n)]
    return [
        warning(
            "roles.organ_not_applicable",
            f"roles.{name}",
            f"{ctx.case.company.type.label_zh}不设董事、监事或审计委员会，这些人员不会报送，请删除。",
            "Sole proprietorships and partnerships have no directors, supervisors or audit committee; "
            "remove them.",
        )
        for name in present
    ]


def _duplicates(ctx: RuleContext) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("directors", "supervisors"):
        counts = Counter(o.person_id for o in getattr(ctx.case.roles, name))
        problems += [
            error(
                "roles.duplicate_officer",
                f"roles.{name}[{index}].person_id",
                "同一人被重复列入，请删除重复项。",
                "The same person is listed twice; remove the duplicate.",
            )
            for index, officer in enumerate(getattr(ctx.case.roles, name))
            if counts[officer.person_id] > 1
        ]
    return problems


def _minor_officers(ctx: RuleContext) -> list[Problem]:
    roles = ctx.case.roles
    officers = [*(o.person_id for o in (*roles.directors, *roles.supervisors)), roles.manager]
    problems: list[Problem] = []
    for person_id in dict.fromkeys(p for p in officers if p):
        person = ctx.case.person(person_id)
        born = birth_date(person) if person else None
        if person is not None and born is not None and age_on(born, ctx.today) < ADULT_AGE:
            problems.append(
                error(
                    "company_law.officer_minor",
                    ctx.person_path(person_id),
                    f"{person.name}未满{ADULT_AGE}周岁，不能担任董事、监事或经理（公司法第178条），请另选人"
                    "员。",
                    f"{person.name} is under {ADULT_AGE} and may not be a director, supervisor or manager (a"
                    "rt. 178).",
                )
            )
    return problems
