"""Identity and intent, recorded in the case, before the submissions that need them.

- 人证核验 (市场监管总局令第88号, against 冒用 registration): the legal representative, the investors
  (natural-person shareholders), the directors, the supervisors and the manager each passed a face check
  against their ID card's photo (``Case.identity_checks``, the last check of each person counts, and it
  must be of the ID number the person now has) before the licence is submitted.
- 开户意愿核实 (银发〔2019〕41号): two bank staff confirmed the legal representative's intent to open the
  basic account (``Case.account_intent``) before the bank-account submission.

Both apply while the service is still to be submitted (draft or ready): an older case already sent is
not judged again by them.
"""

from __future__ import annotations

from app.case.enums import HolderKind, ServiceCode, Status
from app.case.model import Case
from app.case.rules.context import RuleContext
from app.validation.problems import Problem, error

UNSENT = (Status.DRAFT, Status.READY)
OUTCOME_ZH = {"no_match": "人脸与身份证照片不一致", "no_face": "未检测到人脸"}
OUTCOME_EN = {"no_match": "the face does not match the ID card photo", "no_face": "no face was detected"}


def people_to_check(case: Case) -> list[str]:
    """The person ids the licence needs face-checked, in the order of ``case.people``."""
    roles = case.roles
    wanted = {roles.legal_representative.person_id} if roles.legal_representative else set()
    wanted |= {s.person_id for s in roles.shareholders if s.holder is HolderKind.NATURAL and s.person_id}
    wanted |= {o.person_id for o in [*roles.directors, *roles.supervisors]}
    if roles.manager:
        wanted.add(roles.manager)
    return [p.person_id for p in case.people if p.person_id in wanted]


def face_check_problems(ctx: RuleContext) -> list[Problem]:
    case, request = ctx.case, ctx.case.services.license
    if request is None or request.status not in UNSENT:
        return []
    problems: list[Problem] = []
    for person_id in people_to_check(case):
        index = case.person_index(person_id)
        person = case.person(person_id)
        assert index is not None
        assert person is not None
        field, who = f"people[{index}].face_check", f"人员{index + 1}（{person.name}）"
        check = case.identity_check(person_id)
        if check is None or check.id_number != person.id_number:
            problems.append(
                error(
                    "license.face_check_missing",
                    field,
                    f"{who}须通过人证核验：读取其身份证后进行人脸核验。",
                    f"Person {index + 1} ({person.name}) must pass the face check: read their ID card, "
                    "then check the face.",
                )
            )
        elif check.outcome != "match":
            problems.append(
                error(
                    "license.face_check_failed",
                    field,
                    f"{who}人证核验未通过（{OUTCOME_ZH[check.outcome]}）：请本人到场重新核验。",
                    f"Person {index + 1} ({person.name}) failed the face check "
                    f"({OUTCOME_EN[check.outcome]}): check again with the person present.",
                )
            )
    return problems


def account_intent_problems(ctx: RuleContext) -> list[Problem]:
    case, request = ctx.case, ctx.case.services.bank_account
    if request is None or request.status not in UNSENT:
        return []
    representative = case.roles.legal_representative
    intent = case.account_intent
    if representative is not None and (intent is None or intent.person_id != representative.person_id):
        return [
            error(
                "bank_account.intent_unconfirmed",
                "account_intent",
                "开户意愿尚未核实：须由两名银行工作人员当面核实法定代表人的开户意愿，第二名工作人员在本机登录确认。",
                "The intent to open the account is not confirmed: two bank staff confirm the legal "
                "representative's intent face to face, the second signing in on this desk.",
            )
        ]
    return []


GATES = {ServiceCode.LICENSE: face_check_problems, ServiceCode.BANK_ACCOUNT: account_intent_problems}
