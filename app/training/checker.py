"""The automatic check of a trainee's case against a scenario: pure functions over the stored document.

``check_case(document, scenario, today=...)`` answers one ``PointResult`` per check of the scenario,
each saying in zh and en what was right or what was not; the report passes when every point does.
A document that is not a readable case fails every point with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.case.enums import DocumentStatus
from app.case.interchange import read_case
from app.case.model import Case
from app.case.rules.validate import validate_case
from app.training.scenario import (
    Check,
    CompanyTypeCheck,
    CountCheck,
    DeferredCheck,
    NoErrorsCheck,
    ProblemFixedCheck,
    Scenario,
    ServicesCheck,
    StatusCheck,
)
from app.validation.problems import Problem


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
    document: Mapping[str, Any], scenario: Scenario, *, today: dt.date | None = None
) -> CheckReport:
    case, unreadable = read_case(dict(document))
    case_id = str(document.get("case_id", ""))
    if case is None:
        why_zh = "；".join(p.message_zh for p in unreadable[:2]) or "案卷无法读取"
        why_en = "; ".join(p.message_en for p in unreadable[:2]) or "the case cannot be read"
        points = tuple(PointResult(c.label.zh, c.label.en, False, why_zh, why_en) for c in scenario.checks)
        return CheckReport(scenario.id, case_id, points)
    problems = validate_case(case, today=today)
    return CheckReport(
        scenario.id, case_id, tuple(_point(check, case, problems) for check in scenario.checks)
    )


def _point(check: Check, case: Case, problems: list[Problem]) -> PointResult:
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
    return _deferred(check, case)


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
