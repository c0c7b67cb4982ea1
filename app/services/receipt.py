"""The receipt (受理回执) as data: everything it prints, decided here, laid out by ``forms``.

- 受理时间: when the desk accepted the case (``Case.accepted_at``; for a case queued before that field
  existed, its first submission in the outbox), never the print time. Not accepted yet: it says so.
- 预计办结: acceptance + half a working day on the desk's clock (``app.working_hours.DESK_HOURS``,
  the clock of 今日受理): 4 working hours, skipping lunch, nights and weekends. A completed case says
  when it completed; a rejected one that the clock stopped.
- per service: what happens next and where, the reason and the next step, or what is done
  (``app.services.receipt_steps``); how the licence and seals reach the founder (collected at the
  accepting desk, or mailed free with the address).
- what Shouguang does free (four seals, the fourth named after the unit's head, licence mailing,
  printing and copying);
- the accepting desk (branch name, address, phone, hours: ``app.services.branch``), never the bank
  the founder chose for the account nor any 联行号; the 好差评 QR code (``app.security.rating_link``)
  and the supervision phone;
- the verification QR text staff scan (``app.services.receipt_code``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.case.enums import Status
from app.case.model import Case
from app.security.rating_link import rating_url
from app.services.branch import DeskBranch, read_branch
from app.services.receipt_code import receipt_key, receipt_text
from app.services.receipt_steps import (
    Handover,
    ReceiptLine,
    cn_day,
    desk_title,
    free_services,
    handover,
    service_line,
)
from app.unit_of_work import UnitOfWork
from app.working_hours import DESK_HOURS, WorkingHours


@dataclass(frozen=True)
class ReceiptSheet:
    """What one printed receipt says (texts in Chinese, for the founder)."""

    case_id: str
    status: str  # the case status value
    accepted_at: dt.datetime | None
    expected_by: dt.datetime | None  # acceptance + half a working day
    accepted: str  # 受理时间, as printed
    expected: str  # 预计办结 (办结时间 once completed), as printed
    lines: tuple[ReceiptLine, ...]
    handover: Handover
    free: str
    desk: str  # 寿光市企业开办专区（…支行）
    branch: DeskBranch
    hours: str  # 周一至周五 08:30-12:00、13:30-17:30
    verification: str  # the QR text staff scan (BZR1:…)
    rating_url: str  # the 好差评 link; empty when the desk is not enrolled with a platform


def build_receipt(
    case: Case,
    *,
    branch: DeskBranch,
    accepted_at: dt.datetime | None,
    issued_at: dt.datetime,
    key: bytes,
    rating: str,
    hours: WorkingHours = DESK_HOURS,
) -> ReceiptSheet:
    """The receipt of ``case`` accepted at ``accepted_at`` (None: not yet), printed at ``issued_at``."""
    way = handover(case)
    expected_by = hours.deadline(accepted_at) if accepted_at is not None else None
    return ReceiptSheet(
        case_id=case.case_id,
        status=case.status.value,
        accepted_at=accepted_at,
        expected_by=expected_by,
        accepted=_accepted_text(accepted_at, hours),
        expected=_expected_text(case, expected_by, hours),
        lines=tuple(service_line(case, code, request, way) for code, request in case.services.requested()),
        handover=way,
        free=free_services(case),
        desk=desk_title(branch),
        branch=branch,
        hours=hours.describe(),
        verification=receipt_text(
            key, case.case_id, [code.value for code, _ in case.services.requested()], issued_at
        ),
        rating_url=rating,
    )


def receipt_for(uow: UnitOfWork, case: Case, *, issued_at: dt.datetime) -> ReceiptSheet:
    """The receipt of a stored case: the desk's branch, the acceptance time, its signed codes.

    Read only; call inside ``with uow:``.
    """
    device = uow.device()
    enrolled = uow.outbox.state().enrolled
    link = (
        rating_url(enrolled.platform_url, enrolled.device_id, case.case_id, device.sign)
        if enrolled is not None
        else ""
    )
    return build_receipt(
        case,
        branch=read_branch(uow.settings, training=uow.training),
        accepted_at=acceptance_time(uow, case),
        issued_at=issued_at,
        key=receipt_key(device.sign),
        rating=link,
    )


def acceptance_time(uow: UnitOfWork, case: Case) -> dt.datetime | None:
    """When the desk accepted the case: ``accepted_at``, else its first submission (cases queued
    before ``accepted_at`` was recorded), else None (not submitted yet)."""
    if case.accepted_at is not None:
        return case.accepted_at
    if case.status in (Status.DRAFT, Status.READY):
        return None
    queued = [entry.created_at for entry in uow.outbox.for_case(case.case_id)]
    return min(queued) if queued else None


def _accepted_text(accepted_at: dt.datetime | None, hours: WorkingHours) -> str:
    if accepted_at is None:
        return "尚未提交（提交后补打回执）"
    return _moment(accepted_at, hours)


def _expected_text(case: Case, expected_by: dt.datetime | None, hours: WorkingHours) -> str:
    if case.status is Status.COMPLETED:
        return _moment(case.updated_at, hours)  # printed as 办结时间
    if case.status is Status.REJECTED:
        return "暂停计时（见未通过事项）"
    if expected_by is None:
        return "提交后半个工作日内"
    suffix = "（补正后继续办理）" if case.status is Status.NEEDS_CORRECTION else ""
    return f"{_moment(expected_by, hours)}前{suffix}"


def _moment(moment: dt.datetime, hours: WorkingHours) -> str:
    local = moment.astimezone(hours.zone)
    return f"{cn_day(local.date())} {local:%H:%M}"
