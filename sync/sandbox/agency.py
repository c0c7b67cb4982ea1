"""The simulated agencies: they decide accepted submissions and publish outcomes on the status feed.

The licence is decided ``decision_delay_s`` after acceptance: a configurable share of cases first
gets a 补正 (needs_correction) request, the rest a USCC of the device's division and a licence
number. Every other service completes once the case's licence has, and not before its own delay;
the housing fund also waits for the bank account (its direct debit needs the account number).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, aliased

from app.sync_rules import DEPENDS_ON
from sync.sandbox import identifiers as ids
from sync.sandbox.db import Device, Event, Submission
from sync.sandbox.platform import Platform

BATCH = 2000
CORRECTION_REASONS = (
    "经营范围表述不规范，请按《经营范围登记规范表述目录》选择条目后重新提交。",
    "住所（经营场所）门牌号与不动产登记信息不一致，请核对后重新提交。",
)


def advance(platform: Platform) -> int:
    """Decide everything that is due; returns how many submissions changed state."""
    now = platform.now()
    changed = 0
    with platform.db.transaction() as session:
        for row in session.scalars(_due(now).where(Submission.service == "license")).all():
            changed += _decide_license(platform, session, row, now)
        session.flush()
        licence = aliased(Submission)
        licensed = (
            select(licence.id)
            .where(
                licence.device_id == Submission.device_id,
                licence.case_id == Submission.case_id,
                licence.service == "license",
                licence.state == "completed",
            )
            .exists()
        )
        for row in session.scalars(_due(now).where(Submission.service != "license", licensed)).all():
            changed += _complete(session, row, now)
    return changed


def _due(now: dt.datetime) -> Select[Submission]:
    return (
        select(Submission)
        .where(Submission.state == "accepted", Submission.decide_at <= now)
        .order_by(Submission.id)
        .limit(BATCH)
    )


def _decide_license(platform: Platform, session: Session, row: Submission, now: dt.datetime) -> int:
    correct = ids.share(platform.seed, "correct", row.case_id) < platform.config.correction_rate
    if correct and not _had_correction(session, row):
        reason = CORRECTION_REASONS[
            int(ids.share(platform.seed, "reason", row.case_id) * len(CORRECTION_REASONS))
        ]
        _publish(session, row, "needs_correction", now, reasons=[reason])
        return 1
    device = session.get(Device, row.device_id)
    division = device.division_code if device is not None else "370783"
    uscc = ids.new_uscc(division)
    _publish(
        session,
        row,
        "completed",
        now,
        results={"uscc": uscc, "license_number": ids.new_license_number(division, now)},
    )
    return 1


def _had_correction(session: Session, row: Submission) -> bool:
    return (
        session.scalar(
            select(Submission.id)
            .where(
                Submission.device_id == row.device_id,
                Submission.case_id == row.case_id,
                Submission.service == "license",
                Submission.state == "needs_correction",
            )
            .limit(1)
        )
        is not None
    )


def _completed(session: Session, row: Submission, service: str) -> Submission | None:
    return session.scalar(
        select(Submission)
        .where(
            Submission.device_id == row.device_id,
            Submission.case_id == row.case_id,
            Submission.service == service,
            Submission.state == "completed",
        )
        .limit(1)
    )


def _complete(session: Session, row: Submission, now: dt.datetime) -> int:
    prerequisites = {
        service: _completed(session, row, service) for service in DEPENDS_ON.get(row.service, ())
    }
    if any(found is None for found in prerequisites.values()):
        return 0
    license_row = prerequisites.get("license")
    uscc = str(license_row.results.get("uscc", "")) if license_row is not None else ""
    _publish(session, row, "completed", now, results=_results(row.service, uscc))
    return 1


def _results(service: str, uscc: str) -> dict[str, Any]:
    if service == "seal":
        return {"seal_codes": ids.new_seal_codes(uscc[2:8] or "370783")}
    if service == "bank_account":
        return {
            "account_number": ids.new_account_number(),
            "account_permit_number": ids.new_account_permit_number(),
        }
    if service == "tax":
        return {"tax_registration_number": uscc}
    if service == "social_security":
        return {"social_security_unit_number": ids.new_unit_number("37", 10)}
    if service == "medical_insurance":
        return {"medical_insurance_unit_number": ids.new_unit_number("3707", 12)}
    if service == "housing_fund":
        return {"housing_fund_unit_number": ids.new_unit_number("0783", 12)}
    return {}


def _publish(
    session: Session,
    row: Submission,
    status: str,
    now: dt.datetime,
    *,
    reasons: list[str] | None = None,
    results: dict[str, Any] | None = None,
) -> None:
    row.state = status
    row.results = dict(results or {})
    session.add(
        Event(
            device_id=row.device_id,
            submission_id=row.id,
            status=status,
            reasons=list(reasons or []),
            results=dict(results or {}),
            at=now,
        )
    )
