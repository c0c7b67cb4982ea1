"""The clauses of the articles (公司章程) that follow the case's governance choices (Company Law 2023).

``governance_values(case)`` gives ``gov.*`` texts the articles' templates place: the board or the
single director, the supervisory board, single supervisor, none (unanimous consent) or an audit
committee, the manager, who represents the company, and the shareholders' meeting of a
one-shareholder company.
"""

from __future__ import annotations

from app.case.enums import CompanyType, LegalRepresentativePosition
from app.case.model import Case

_TERM = "董事任期三年，任期届满，连选可以连任。"


def governance_values(case: Case) -> dict[str, str]:
    return {
        "gov.meeting": _meeting(case),
        "gov.board": _board(case),
        "gov.supervision": _supervision(case),
        "gov.manager": _manager(case),
        "gov.lr": _legal_representative(case),
        "gov.lr_chosen": _chosen(case),
    }


def _chosen(case: Case) -> str:
    """How the legal representative came to the post (printed on the legal representative's sheet)."""
    lr = case.roles.legal_representative
    if lr is None:
        return ""
    return {
        LegalRepresentativePosition.CHAIRMAN: "董事会选举",
        LegalRepresentativePosition.SOLE_DIRECTOR: "股东会选举",
        LegalRepresentativePosition.MANAGER: "董事会聘任",
    }.get(
        lr.position, "全体合伙人委托" if lr.position is LegalRepresentativePosition.EXECUTIVE_PARTNER else ""
    )


def _meeting(case: Case) -> str:
    if case.company.type is CompanyType.LLC and len(case.roles.shareholders) == 1:
        return (
            "公司只有一个股东，不设股东会。股东作出《公司法》规定的股东会职权范围内的决定时，"
            "应当采用书面形式，并由股东签名或者盖章后置备于公司。"
        )
    return "股东会由全体股东组成，是公司的权力机构，依照《公司法》和本章程行使职权。"


def _board(case: Case) -> str:
    directors = case.roles.directors
    staff = sum(1 for d in directors if d.employee_representative)
    if len(directors) <= 1:
        return f"公司不设董事会，设董事一名，由股东会选举产生，行使《公司法》规定的董事会职权。{_TERM}"
    staff_text = f"其中职工代表{staff}人，由公司职工通过职工代表大会民主选举产生；" if staff else ""
    return (
        f"公司设董事会，成员为{len(directors)}人，{staff_text}设董事长一人，由董事会以全体董事的过半数选举"
        f"产生。{_TERM}"
    )


def _supervision(case: Case) -> str:
    roles = case.roles
    if roles.audit_committee:
        return (
            f"公司在董事会中设置由{len(roles.audit_committee)}名董事组成的审计委员会，行使《公司法》规定的"
            "监事会的职权，不设监事会或者监事。"
        )
    if roles.no_supervisor_consent or not roles.supervisors:
        return "经全体股东一致同意，公司不设监事。"
    if len(roles.supervisors) == 1:
        return (
            "公司不设监事会，设监事一名，由股东会选举产生，行使《公司法》规定的监事会职权。"
            "监事的任期每届为三年。"
        )
    staff = sum(1 for s in roles.supervisors if s.employee_representative)
    return (
        f"公司设监事会，成员为{len(roles.supervisors)}人，其中职工代表{staff}人；监事会设主席一人，由全体监事"
        "过半数选举产生。董事、高级管理人员不得兼任监事。监事的任期每届为三年。"
    )


def _manager(case: Case) -> str:
    if not case.roles.manager:
        return "公司不设经理。"
    decides = "董事会" if len(case.roles.directors) > 1 else "董事"
    return f"公司设经理，由{decides}决定聘任或者解聘。经理对{decides}负责，根据{decides}的授权行使职权。"


def _legal_representative(case: Case) -> str:
    lr = case.roles.legal_representative
    if lr is None:
        return "公司的法定代表人由代表公司执行公司事务的董事或者经理担任。"
    who = {
        LegalRepresentativePosition.CHAIRMAN: "董事长",
        LegalRepresentativePosition.SOLE_DIRECTOR: "代表公司执行公司事务的董事",
        LegalRepresentativePosition.MANAGER: "经理",
    }.get(lr.position, lr.position.label_zh)
    return (
        f"公司的法定代表人由{who}担任。担任法定代表人的{who}辞任的，视为同时辞去法定代表人；"
        "公司应当在法定代表人辞任之日起三十日内确定新的法定代表人。"
    )
