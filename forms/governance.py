"""The clauses of the articles (公司章程) that follow the case's governance choices (Company Law 2023).

``governance_values(case)`` gives ``gov.*`` texts the articles' templates place: the board or the
single director, the supervisory board, single supervisor, none (unanimous consent) or an audit
committee, the manager, who represents the company, and the shareholders' meeting of a
one-shareholder company.

A company with one shareholder (公司法 第六十条, 第一百一十二条) has no 股东会: the articles give no
meeting's voting rules, and its shareholder appoints the directors and supervisors by a written 股东决定.
At the founding of a joint-stock company its 成立大会 elects them (第一百零四条); in an LLC the first
股东会. ``chosen_by`` says which, for the officers' sheet.
"""

from __future__ import annotations

from app.case.designations import one_person_company
from app.case.enums import CompanyType, LegalRepresentativePosition
from app.case.model import Case

_TERM = "董事任期三年，任期届满，连选可以连任。"
_ONE_PERSON_MEETING = (
    "公司只有一个股东，不设股东会。股东作出《公司法》规定的股东会职权范围内的决定时，应当采用书面形式，并由股"
    "东签名或者盖章后置备于公司。"
)
_LLC_MEETING = (
    "股东会由全体股东组成，是公司的权力机构，依照《公司法》和本章程行使职权。股东会会议由股东按照出资比例行使"
    "表决权。股东会作出修改公司章程、增加或者减少注册资本的决议，以及公司合并、分立、解散或者变更公司形式的决"
    "议，应当经代表三分之二以上表决权的股东通过。"
)
_JSC_MEETING = (
    "股东会由全体股东组成，是公司的权力机构，依照《公司法》和本章程行使职权。股东会作出修改公司章程、增加或者"
    "减少注册资本的决议，以及公司合并、分立、解散或者变更公司形式的决议，应当经出席会议的股东所持表决权的三分"
    "之二以上通过。"
)


_ONE_PERSON_PROFIT = "公司弥补亏损和提取公积金后所余税后利润的分配由股东决定。"
_PROFIT = (
    "股东按照实缴出资比例分取红利；公司新增资本时，股东有权优先按照实缴的出资比例认缴出资。全体股东另有约定的"
    "除外。"
)
_TRANSFER = (
    "股东之间可以相互转让其全部或者部分股权。股东向股东以外的人转让股权的，应当将股权转让的数量、价格、支付"
    "方式和期限等事项书面通知其他股东，其他股东在同等条件下有优先购买权。"
)


def governance_values(case: Case) -> dict[str, str]:
    one = one_person_company(case)
    return {
        "gov.meeting": _meeting(case),
        "gov.board": _board(case),
        "gov.supervision": _supervision(case),
        "gov.manager": _manager(case),
        "gov.lr": _legal_representative(case),
        "gov.lr_chosen": _chosen(case),
        "gov.profit": _ONE_PERSON_PROFIT if one else _PROFIT,
        "gov.transfer": "股东可以依法转让其全部或者部分股权。" if one else _TRANSFER,
        "gov.dissolve": "股东决定解散" if one else "股东会决议解散",
    }


def chosen_by(case: Case) -> str:
    """How the directors and supervisors (other than employee representatives) come to office."""
    if one_person_company(case):
        return "股东决定"
    return "成立大会选举" if case.company.type is CompanyType.JOINT_STOCK else "股东会选举"


def _chosen(case: Case) -> str:
    """How the legal representative came to the post (printed on the legal representative's sheet)."""
    lr = case.roles.legal_representative
    if lr is None:
        return ""
    board = len(case.roles.directors) > 1
    return {
        LegalRepresentativePosition.CHAIRMAN: "董事会选举",
        LegalRepresentativePosition.SOLE_DIRECTOR: chosen_by(case),
        LegalRepresentativePosition.MANAGER: "董事会聘任" if board else "董事决定聘任",
        LegalRepresentativePosition.EXECUTIVE_PARTNER: "全体合伙人委托",
    }.get(lr.position, "")


def _meeting(case: Case) -> str:
    if one_person_company(case):
        return _ONE_PERSON_MEETING
    return _JSC_MEETING if case.company.type is CompanyType.JOINT_STOCK else _LLC_MEETING


def _board(case: Case) -> str:
    directors = case.roles.directors
    staff = sum(1 for d in directors if d.employee_representative)
    appointed = "由股东决定产生" if one_person_company(case) else "由股东会选举产生"
    if len(directors) <= 1:
        return f"公司不设董事会，设董事一名，{appointed}，行使《公司法》规定的董事会职权。{_TERM}"
    staff_text = f"其中职工代表{staff}人，由公司职工通过职工代表大会民主选举产生；" if staff else ""
    return (
        f"公司设董事会，成员为{len(directors)}人，{staff_text}非职工代表董事{appointed}；设董事长一人，由董事会以全体"
        f"董事的过半数选举产生。{_TERM}"
    )


def _supervision(case: Case) -> str:
    roles = case.roles
    if roles.audit_committee:
        return (
            f"公司在董事会中设置由{len(roles.audit_committee)}名董事组成的审计委员会，行使《公司法》规定的"
            "监事会的职权，不设监事会或者监事。"
        )
    one = one_person_company(case)
    if roles.no_supervisor_consent or not roles.supervisors:
        return f"经{'股东决定' if one else '全体股东一致同意'}，公司不设监事。"
    appointed = "由股东决定产生" if one else "由股东会选举产生"
    if len(roles.supervisors) == 1:
        return (
            f"公司不设监事会，设监事一名，{appointed}，行使《公司法》规定的监事会职权。监事的任期每届为三年。"
        )
    staff = sum(1 for s in roles.supervisors if s.employee_representative)
    return (
        f"公司设监事会，成员为{len(roles.supervisors)}人，其中职工代表{staff}人，非职工代表监事{appointed}；监事会设"
        "主席一人，由全体监事过半数选举产生。董事、高级管理人员不得兼任监事。监事的任期每届为三年。"
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
