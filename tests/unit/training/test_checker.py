"""The automatic check: per point what was right and what was not, over the stored case document."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.case.enums import CompanyType, Status
from app.case.interchange import dump_case
from app.case.model import Case
from app.seed import generate_cases
from app.training.checker import CaseTrail, PointResult, check_case
from app.training.scenario import scenario_by_id

TODAY = dt.date(2026, 11, 26)


def _case(status: Status, company_type: CompanyType, shareholders: int, services: int) -> Case:
    return next(
        c
        for c in generate_cases(80, seed=7, today=TODAY)
        if c.status is status
        and c.company.type is company_type
        and len(c.roles.shareholders) == shareholders
        and len(list(c.services.requested())) == services
    )


def _document(case: Case) -> dict[str, Any]:
    return dict(dump_case(case))


def test_a_two_shareholder_llc_with_all_seven_services_passes_every_point() -> None:
    report = check_case(
        _document(_case(Status.ACCEPTED, CompanyType.LLC, 2, 7)),
        scenario_by_id("llc-two-shareholders"),
        today=TODAY,
    )
    assert [(p.ok, p.detail_en) for p in report.points] == [
        (True, "company type is llc"),
        (True, "2 shareholders entered"),
        (True, "every service needed is requested"),
        (True, "the case has no errors"),
    ]
    assert report.passed
    assert report.score == "4/4"


def test_the_wrong_company_type_and_missing_services_are_named() -> None:
    sole = _case(Status.QUEUED, CompanyType.SOLE_PROPRIETORSHIP, 1, 1)
    report = check_case(_document(sole), scenario_by_id("llc-two-shareholders"), today=TODAY)
    assert not report.passed
    type_point, holders, services, _ = report.points
    assert not type_point.ok
    assert "个人独资企业" in type_point.detail_zh
    assert not holders.ok
    assert "1" in holders.detail_zh
    assert not services.ok
    assert "缺少印章刻制" in services.detail_zh
    assert report.score.endswith("/4")


def test_a_trap_left_in_the_case_is_named_and_the_others_are_right() -> None:
    case = _case(Status.SUBMITTED, CompanyType.LLC, 1, 7)
    document = _document(case)
    person = document["people"][0]
    good = person["id_number"]
    wrong_check = "0" if good[-1] != "0" else "1"
    person["id_number"] = good[:-1] + wrong_check
    report = check_case(document, scenario_by_id("validation-traps"), today=TODAY)
    by_label = {p.label_en: p for p in report.points}
    assert not by_label["ID check character fixed"].ok
    assert "校验" in by_label["ID check character fixed"].detail_zh
    assert by_label["No forbidden word in the name"].ok
    assert by_label["Legal representative is 18 or over"].ok
    assert not report.passed


def test_the_deferral_point_names_the_document() -> None:
    queued = _document(_case(Status.QUEUED, CompanyType.SOLE_PROPRIETORSHIP, 1, 1))
    deferral = check_case(queued, scenario_by_id("deferred-lease"), today=TODAY).points[0]
    assert not deferral.ok
    assert "住所" in deferral.detail_zh


def test_an_unreadable_document_fails_every_point_with_the_reason() -> None:
    report = check_case({"case_id": "X"}, scenario_by_id("partnership"), today=TODAY)
    assert report.case_id == "X"
    assert not any(p.ok for p in report.points)
    assert all(p.detail_zh for p in report.points)


def test_the_offline_scenario_passes_only_once_the_queue_reached_the_platform() -> None:
    """Read from the outbox, not the case status: a status alone says nothing about what was sent."""
    document = _document(_case(Status.SUBMITTED, CompanyType.LLC, 1, 7))
    scenario = scenario_by_id("offline-day-sync")

    def sent_point(*submissions: tuple[str, str]) -> PointResult:
        return check_case(document, scenario, today=TODAY, trail=CaseTrail(submissions)).points[0]

    never = sent_point()
    assert (never.ok, never.detail_en) == (False, "the case was never submitted: nothing to sync")
    queued = sent_point(("license", "pending"), ("seal", "waiting"))
    assert (queued.ok, queued.detail_en) == (
        False,
        "1 submissions still queued: press 立即同步 in the 同步中心",
    )
    assert "立即同步" in queued.detail_zh
    stuck = sent_point(("license", "quarantined"))
    assert not stuck.ok
    reached = sent_point(("license", "accepted"), ("seal", "waiting"))
    assert (reached.ok, reached.detail_en) == (True, "1 submissions reached the platform")
    assert check_case(document, scenario, today=TODAY, trail=CaseTrail((("license", "completed"),))).passed


def test_the_correction_scenario_needs_the_trainees_own_correction_and_resubmission() -> None:
    """A case whose status moved on is not enough: the trainee must have corrected and resubmitted."""
    document = _document(_case(Status.ACCEPTED, CompanyType.LLC, 2, 7))
    scenario = scenario_by_id("correction-resubmit")

    def resubmitted(trail: CaseTrail) -> PointResult:
        return check_case(document, scenario, today=TODAY, trail=trail).points[0]

    untouched = resubmitted(CaseTrail((("license", "accepted"),)))
    assert not untouched.ok
    assert "重新提交" in untouched.detail_zh
    corrected_only = resubmitted(CaseTrail((("license", "superseded"),), frozenset({"license"})))
    assert not corrected_only.ok  # its resubmission no longer counts
    done = resubmitted(
        CaseTrail((("license", "needs_correction"), ("license", "pending")), frozenset({"license"}))
    )
    assert (done.ok, done.detail_zh) == (True, "重新提交了营业执照")
    assert check_case(
        document, scenario, today=TODAY, trail=CaseTrail((("license", "pending"),), frozenset({"license"}))
    ).passed


def test_the_correction_check_names_the_flagged_field_left_unchanged() -> None:
    """A case still awaiting its 补正 names the field the opinion asked for; a resubmission that changed
    nothing does not pass."""
    scenario = scenario_by_id("correction-resubmit")
    waiting = _document(_case(Status.NEEDS_CORRECTION, CompanyType.LLC, 2, 7))
    point = check_case(waiting, scenario, today=TODAY).points[0]
    assert not point.ok
    assert "营业执照的补正意见要求修改的“住所（详细地址）”尚未修改" in point.detail_zh
    assert "Domicile" in point.detail_en

    resent = _document(_case(Status.ACCEPTED, CompanyType.LLC, 2, 7))
    trail = CaseTrail(
        (("license", "needs_correction"), ("license", "pending")), unchanged=frozenset({"license"})
    )
    unchanged = check_case(resent, scenario, today=TODAY, trail=trail)
    assert not unchanged.passed
    assert unchanged.points[0].detail_zh.startswith("重新提交了营业执照，但没有修改任何内容")
