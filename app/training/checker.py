"""The automatic check of a trainee's case against a scenario: pure functions over the stored document
and what the trainee did with it.

``check_case(document, scenario, today=..., trail=...)`` answers one ``PointResult`` per check of the
scenario, each saying in zh and en what was right or what was not; the report passes when every point
does. A document that is not a readable case fails every point with the reason. ``trail`` is what the
document alone cannot tell (``CaseTrail``: its submissions in the outbox, the services the trainee
corrected after a 补正); the ``resubmitted`` and ``sent`` checks read it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.case.enums import DocumentStatus, ServiceCode, Status
from app.case.interchange import read_case
from app.case.model import Case
from app.case.rules.validate import validate_case
from app.services.corrections import CORRECTABLE, flagged_fields
from app.training.scenario import (
    Check,
    CompanyTypeCheck,
    CountCheck,
    DeferredCheck,
    NoErrorsCheck,
    ProblemFixedCheck,
    ResubmittedCheck,
    Scenario,
    SentCheck,
    ServicesCheck,
    StatusCheck,
)
from app.validation.problems import Problem

# Outbox states (``app.syncing.model``) of a submission the platform received, and of one still to send.
REACHED_PLATFORM = frozenset({"accepted", "needs_correction", "completed", "rejected"})
NOT_SENT = frozenset({"pending", "quarantined"})
GONE = frozenset({"superseded", "rejected"})  # a submission that no longer counts as the service's


@dataclass(frozen=True)
class CaseTrail:
    """What the checked case went through beyond its document."""

    submissions: tuple[tuple[str, str], ...] = ()  # (service, outbox state), oldest first
    corrected: frozenset[str] = frozenset()  # services the trainee corrected and queued again (补正)
    unchanged: frozenset[str] = frozenset()  # services queued again with no field changed


@dataclass(frozen=True)
class PointResult:
    label_zh: str
    label_en: str
    ok: bool
    detail_zh: str
    detail_en: str


@dataclass(frozen=True)
class CheckReport:
    scenario_id: str
    case_id: str
    points: tuple[PointResult, ...]

    @property
    def passed(self) -> bool:
        return all(point.ok for point in self.points)

    @property
    def score(self) -> str:
        return f"{sum(p.ok for p in self.points)}/{len(self.points)}"


def check_case(
    document: Mapping[str, Any],
    scenario: Scenario,
    *,
    today: dt.date | None = None,
    trail: CaseTrail = CaseTrail(),
) -> CheckReport:
    case, unreadable = read_case(dict(document))
    case_id = str(document.get("case_id", ""))
    if case is None:
        why_zh = "；".join(p.message_zh for p in unreadable[:2]) or "案卷无法读取"
        why_en = "; ".join(p.message_en for p in unreadable[:2]) or "the case cannot be read"
        points = tuple(PointResult(c.label.zh, c.label.en, False, why_zh, why_en) for c in scenario.checks)
        return CheckReport(scenario.id, case_id, points)
    problems = validate_case(case, today=today)
    points = tuple(_point(check, case, problems, trail) for check in scenario.checks)
    return CheckReport(scenario.id, case_id, points)


def _point(check: Check, case: Case, problems: list[Problem], trail: CaseTrail) -> PointResult:
    if isinstance(check, ResubmittedCheck):
        ok, zh, en = _resubmitted(trail, case)
    elif isinstance(check, SentCheck):
        ok, zh, en = _sent(trail)
    else:
        ok, zh, en = _verdict(check, case, problems)
    return PointResult(check.label.zh, check.label.en, ok, zh, en)


def _verdict(check: Check, case: Case, problems: list[Problem]) -> tuple[bool, str, str]:
    if isinstance(check, CompanyTypeCheck):
        got = case.company.type
        return got is check.value, f"企业类型为{got.label_zh}", f"company type is {got.value}"
    if isinstance(check, ServicesCheck):
        return _services(check, case)
    if isinstance(check, CountCheck):
        return _count(check, case)
    if isinstance(check, NoErrorsCheck):
        errors = [p for p in problems if p.severity == "error"]
        if not errors:
            return True, "案卷没有错误", "the case has no errors"
        first = errors[0]
        return (
            False,
            f"仍有{len(errors)}处错误，如：{first.message_zh}",
            f"{len(errors)} errors, e.g. {first.message_en}",
        )
    if isinstance(check, ProblemFixedCheck):
        left = [p for p in problems if p.code == check.code]
        if not left:
            return True, "已发现并改正", "seen and fixed"
        return False, f"未改正：{left[0].message_zh}", f"not fixed: {left[0].message_en}"
    if isinstance(check, StatusCheck):
        status = case.status
        return status in check.values, f"案卷状态为{status.label_zh}", f"case status is {status.value}"
    if isinstance(check, DeferredCheck):
        return _deferred(check, case)
    raise TypeError(f"a {check.kind} check reads the case's trail")  # _point answers those


def _services(check: ServicesCheck, case: Case) -> tuple[bool, str, str]:
    requested = {code for code, _ in case.services.requested()}
    missing = [code for code in check.values if code not in requested]
    extra = sorted(requested - set(check.values)) if check.exactly else []
    if not missing and not extra:
        return True, "所需事项均已勾选", "every service needed is requested"
    zh = "、".join([f"缺少{c.label_zh}" for c in missing] + [f"多选{c.label_zh}" for c in extra])
    en = ", ".join([f"missing {c.value}" for c in missing] + [f"extra {c.value}" for c in extra])
    return False, zh, en


def _count(check: CountCheck, case: Case) -> tuple[bool, str, str]:
    got = len(case.people) if check.kind == "people" else len(case.roles.shareholders)
    ok = got >= check.min and (check.max is None or got <= check.max)
    what_zh = "人员" if check.kind == "people" else "股东/出资人"
    return ok, f"录入{what_zh}{got}名", f"{got} {check.kind} entered"


def _deferred(check: DeferredCheck, case: Case) -> tuple[bool, str, str]:
    for document in case.documents:
        if document.kind is check.document and document.status is DocumentStatus.DEFERRED:
            return True, "已按容缺受理登记承诺补交", "deferred under 容缺受理 with a promise"
    return False, f"未将{check.document.label_zh}登记为容缺", f"{check.document.value} is not deferred"


def _resubmitted(trail: CaseTrail, case: Case) -> tuple[bool, str, str]:
    """A service the trainee corrected has a submission that still counts (queued or further); else
    what is left: the fields a pending opinion names and that are still unchanged."""
    live = {service for service, state in trail.submissions if state not in GONE}
    done = sorted(trail.corrected & live)
    if done:
        names = "、".join(ServiceCode(code).label_zh for code in done)
        return True, f"重新提交了{names}", f"resubmitted: {', '.join(done)}"
    unchanged = sorted(trail.unchanged & live)
    if unchanged:
        names = "、".join(ServiceCode(code).label_zh for code in unchanged)
        return (
            False,
            f"重新提交了{names}，但没有修改任何内容：请按补正意见修改",
            f"{', '.join(unchanged)} resubmitted with nothing changed: correct what was asked",
        )
    return _still_waiting(case)


def _still_waiting(case: Case) -> tuple[bool, str, str]:
    labels = {field.key: field for field in CORRECTABLE}
    for code, request in case.services.requested():
        flagged = flagged_fields(request.corrections)
        if request.status is Status.NEEDS_CORRECTION and flagged:
            zh = "、".join(labels[key].label_zh for key in flagged)
            en = ", ".join(labels[key].label_en for key in flagged)
            return (
                False,
                f"{code.label_zh}的补正意见要求修改的“{zh}”尚未修改：请在案卷页修改后点“修改并重新提交”",
                f"{code.value}: {en}, asked for, is unchanged; correct it and press 修改并重新提交",
            )
    return (
        False,
        "没有补正后重新提交的事项：请在案卷页按补正意见修改后点“修改并重新提交”",
        "nothing was corrected and resubmitted: on the case page, correct and press 修改并重新提交",
    )


def _sent(trail: CaseTrail) -> tuple[bool, str, str]:
    """At least one submission reached the platform and none is left to send."""
    states = [state for _, state in trail.submissions]
    reached = sum(state in REACHED_PLATFORM for state in states)
    left = sum(state in NOT_SENT for state in states)
    if not states:
        return False, "案卷还没有提交，没有可同步的事项", "the case was never submitted: nothing to sync"
    if left:
        return (
            False,
            f"仍有{left}项在排队未发出：请在同步中心点“立即同步”",
            f"{left} submissions still queued: press 立即同步 in the 同步中心",
        )
    if not reached:
        return False, "还没有事项送达平台", "no submission reached the platform yet"
    return True, f"{reached}项已送达平台，没有排队未发的事项", f"{reached} submissions reached the platform"
