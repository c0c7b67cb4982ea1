"""The simulated agencies: they decide accepted submissions and publish outcomes on the status feed.

Each submission is decided ``decision_delay_s`` after it was accepted (the door already made sure
that what it depends on is completed). The licence: a case whose content calls for a 补正 (``opinion``: a
domicile without a house number, no company phone, no business scope) first gets that request for a
configurable share of cases; every other licence a USCC of the device's division, a licence number and
a date of establishment. A licence whose domicile address contains ``CORRECTION_MARK`` (待补正) always
gets the 补正 first, whatever the rate: trainers and tests use it to meet a correction on purpose.
Every opinion names a field the desk's 补正 form changes (住所、企业联系电话、经营范围).
Every other service completes with its own numbers; the taxpayer id is the case's USCC.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import bindparam, case, null, select, update
from sqlalchemy.orm import Session

from sync.sandbox import identifiers as ids
from sync.sandbox.counters import number_events
from sync.sandbox.db import Device, Submission, table_of
from sync.sandbox.platform import Platform

BATCH = 5000
# What the licensing agency asks to correct, each about a field the desk's 补正 form edits (住所、企业联系
# 电话、经营范围): an opinion the trainee can answer at the desk.
ADDRESS_MISMATCH = "住所（经营场所）门牌号与不动产登记信息不一致，请核对后重新提交。"
ADDRESS_NO_NUMBER = "住所（经营场所）未写明门牌号，请按不动产登记信息填写完整后重新提交。"
PHONE_MISSING = "未填写企业联系电话，请补充后重新提交。"
SCOPE_MISSING = "未填写经营范围，请按《经营范围登记规范表述目录》选择条目后重新提交。"
CORRECTION_REASONS = (ADDRESS_MISMATCH, ADDRESS_NO_NUMBER, PHONE_MISSING, SCOPE_MISSING)
HOUSE_NUMBER = re.compile(r"[0-9０-９一二三四五六七八九十百]+号")
LICENSING_AUTHORITY = "寿光市市场监督管理局"
CORRECTION_MARK = "待补正"  # in the domicile address: the licence first comes back for 补正
TAX_AUTHORITY = "国家税务总局寿光市税务局"


class _Due(NamedTuple):
    """A submission due for its decision: what deciding it reads."""

    id: int
    device_id: str
    case_id: str
    service: str
    payload: dict[str, Any] | None  # only for the services whose decision reads it


@dataclass(frozen=True)
class Decision:
    """What an agency decided about one submission: its new state, and what the feed event says."""

    status: str
    reasons: list[str] = field(default_factory=list)
    results: dict[str, Any] = field(default_factory=dict)


PAYLOAD_READ_BY = ("license", "seal")  # the domicile address, the seals to engrave
DUE_COLUMNS = (
    Submission.id,
    Submission.device_id,
    Submission.case_id,
    Submission.service,
    case((Submission.service.in_(PAYLOAD_READ_BY), Submission.payload), else_=null()),
)


@dataclass
class _Context:
    """What the decisions of one round read, fetched once: divisions, USCCs, past corrections."""

    divisions: dict[str, str]
    usccs: dict[tuple[str, str], str]  # (device, case) -> USCC of its completed licence
    corrected: set[tuple[str, str]]  # (device, case) whose licence had a 补正 already


def advance(platform: Platform) -> int:
    """Decide everything that is due; returns how many submissions changed state.

    Every feed read and the statistics call this, so on PostgreSQL many run at once: the due rows
    are locked as they are read and rows another call holds are skipped (``SKIP LOCKED``), so each
    submission is decided by exactly one call, once; a row decided meanwhile no longer matches.

    Only the columns a decision reads are fetched (the payload only where it is read: a licence's
    domicile, a seal request's seals), and the decisions are written in one statement with their
    events in another: ORM objects per row were most of the cost of deciding a batch."""
    now = platform.now()
    with platform.db.transaction() as session:
        due = [
            _Due(*row)
            for row in session.execute(
                select(*DUE_COLUMNS)
                .where(Submission.state == "accepted", Submission.decide_at <= now)
                .order_by(Submission.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True)
            )
        ]
        if not due:
            return 0
        context = _context(session, due)
        decided: list[tuple[_Due, Decision]] = []
        for row in due:
            if row.service == "license":
                decided.append((row, _decide_license(platform, context, row, now)))
            else:
                uscc = context.usccs.get((row.device_id, row.case_id), "")
                results = _results(row.service, uscc, now, len(_seals(row.payload)))
                decided.append((row, Decision("completed", results=results)))
        table = table_of(Submission)  # Core executemany: no ORM bookkeeping per row
        session.execute(
            update(table).where(table.c.id == bindparam("decided_id")),
            [{"decided_id": row.id, "state": d.status, "results": d.results} for row, d in decided],
        )
        number_events(session, [_event(row, decision, now) for row, decision in decided])
    return len(due)


def _context(session: Session, due: Sequence[_Due]) -> _Context:
    cases = {row.case_id for row in due}
    licences = session.execute(
        select(Submission.device_id, Submission.case_id, Submission.state, Submission.results)
        .where(
            Submission.service == "license",
            Submission.case_id.in_(cases),
            Submission.state.in_(("completed", "needs_correction")),
        )
        .order_by(Submission.id)  # a licence completed again: the newest USCC is the case's
    ).all()
    return _Context(
        divisions={row[0]: row[1] for row in session.execute(select(Device.device_id, Device.division_code))},
        usccs={
            (d, c): str(results.get("uscc", "")) for d, c, state, results in licences if state == "completed"
        },
        corrected={(d, c) for d, c, state, _ in licences if state == "needs_correction"},
    )


def _decide_license(platform: Platform, context: _Context, row: _Due, now: dt.datetime) -> Decision:
    owner = (row.device_id, row.case_id)
    reason = opinion(row.payload)
    picked = ids.share(platform.seed, "correct", row.case_id) < platform.config.correction_rate
    if reason is not None and (picked or reason == ADDRESS_MISMATCH) and owner not in context.corrected:
        context.corrected.add(owner)
        return Decision("needs_correction", reasons=[reason])
    division = context.divisions.get(row.device_id, "370783")
    uscc = ids.new_uscc(division)
    context.usccs[owner] = uscc
    results = {
        "uscc": uscc,
        "license_number": ids.new_license_number(division, now),
        "established_on": now.date().isoformat(),
        "authority": LICENSING_AUTHORITY,
    }
    return Decision("completed", results=results)


def opinion(payload: Any) -> str | None:
    """The 补正 the licence's content calls for, if any: the planted mark (``CORRECTION_MARK``, always
    sent back), else a domicile without a house number, no company phone or no scope (sent back for
    the ``correction_rate`` share of cases). A complete licence is never sent back: an opinion follows
    from what the case holds, and names a field the desk's 补正 form can change."""
    address = _domicile_address(payload)
    found = payload.get("company") if isinstance(payload, dict) else None
    company: dict[str, Any] = found if isinstance(found, dict) else {}
    scope: dict[str, Any] = company["scope"] if isinstance(company.get("scope"), dict) else {}
    if CORRECTION_MARK in address:
        return ADDRESS_MISMATCH
    if not HOUSE_NUMBER.search(address):
        return ADDRESS_NO_NUMBER
    if not company.get("phone"):
        return PHONE_MISSING
    if not (scope.get("general") or scope.get("licensed")):
        return SCOPE_MISSING
    return None


def _domicile_address(payload: Any) -> str:
    company = payload.get("company") if isinstance(payload, dict) else None
    domicile = company.get("domicile") if isinstance(company, dict) else None
    address = domicile.get("address") if isinstance(domicile, dict) else None
    return address if isinstance(address, str) else ""


def _seals(payload: dict[str, Any] | None) -> list[Any]:
    seals = payload.get("seals") if isinstance(payload, dict) else None
    return seals if isinstance(seals, list) else []


def _results(service: str, uscc: str, now: dt.datetime, seals: int) -> dict[str, Any]:
    today = now.date().isoformat()
    if service == "seal":
        codes = ids.new_seal_codes(uscc[2:8] or "370783", max(seals, 1))
        return {"seal_codes": codes, "seal_filing_number": codes[0], "engraved_on": today}
    if service == "bank_account":
        return {
            "account_number": ids.new_account_number(),
            "account_filing_number": ids.new_account_permit_number(),
            "opened_on": today,
        }
    if service == "tax":
        return {"tax_registration_number": uscc, "tax_authority": TAX_AUTHORITY, "registered_on": today}
    numbers = {
        "social_security": ("social_security_unit_number", "37", 10),
        "medical_insurance": ("medical_insurance_unit_number", "3707", 12),
        "housing_fund": ("housing_fund_unit_number", "0783", 12),
    }
    field, prefix, length = numbers[service]
    return {field: ids.new_unit_number(prefix, length), "registered_on": today}


def _event(row: _Due, decision: Decision, now: dt.datetime) -> dict[str, Any]:
    """The feed event of ``decision`` (the columns of an ``Event`` but its number)."""
    return {
        "device_id": row.device_id,
        "submission_id": row.id,
        "status": decision.status,
        "reasons": list(decision.reasons),
        "results": dict(decision.results),
        "at": now,
    }
