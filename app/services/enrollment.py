"""Enrolling this desk with a platform (``bizdesk device enroll``, 系统管理, the training sandbox):
its device facts, the platform's answer kept in the sync state, audited.

Enrolment is an IT act (``bizdesk device enroll`` signs IT in; the audit entry names who). An enrolled
desk is re-pointed only when IT says so (``replace``) and its queue is empty, or the unsent submissions
are carried over to the new platform by IT's word (``carry_over``) and named in the audit entry: a queued
case never silently goes to another platform. The desk profile enrols with https platforms only; plain
http is for the training profile, and loopback http on the desk profile only where the caller allows
it explicitly (the tests' local sandbox: ``loopback_http``), never from the command line.

The desk's branch and division are settings (``desk.branch_code``, ``desk.division_code``): they tell
the platform where the desk stands and decide which staged rollouts reach it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import __version__
from app.errors import UsageError
from app.ports import SettingsStore
from app.syncing.address import check_enrollment_address
from app.syncing.enrollment_qr import ca_fingerprint
from app.syncing.model import UNSENT, Enrolled, SyncState
from app.syncing.platform import Platform
from app.syncing.ports import DeviceInfo
from app.unit_of_work import UnitOfWork, UnitsOfWork

BRANCH_SETTING = "desk.branch_code"
DIVISION_SETTING = "desk.division_code"
DEFAULT_DIVISION = "370783"  # 寿光市


@dataclass(frozen=True)
class DeviceFacts:
    """This desk's enrollment: where it syncs, and the CA it pins (None: the system's store).
    ``device_id`` is the desk's own (``desk-…``); ``platform_device_id`` the platform's (``dev-…``)."""

    device_id: str
    enrolled: bool
    platform_url: str | None
    mode: str | None
    enrolled_at: dt.datetime | None
    pinned_ca: str | None
    ca_fingerprint: str | None
    platform_device_id: str | None = None  # the number the platform gave at enrollment (its fleet's)


def device_facts(uow: UnitOfWork, *, pinned_ca: Path | None) -> DeviceFacts:
    """The desk's identity and enrollment, and the CA it pins with its fingerprint (inside ``with uow:``)."""
    enrolled = uow.outbox.state().enrolled
    fingerprint = (
        ca_fingerprint(pinned_ca.read_bytes()) if pinned_ca is not None and pinned_ca.is_file() else None
    )
    return DeviceFacts(
        device_id=uow.device().device_id,
        enrolled=enrolled is not None,
        platform_url=enrolled.platform_url if enrolled else None,
        mode=enrolled.mode if enrolled else None,
        enrolled_at=enrolled.enrolled_at if enrolled else None,
        pinned_ca=str(pinned_ca) if pinned_ca else None,
        ca_fingerprint=fingerprint,
        platform_device_id=enrolled.device_id if enrolled else None,
    )


def branch_code(settings: SettingsStore) -> str:
    """The desk's branch ("0000" until IT sets one)."""
    branch = settings.get_json(BRANCH_SETTING)
    return str(branch) if branch else "0000"


def device_info(uow: UnitOfWork) -> DeviceInfo:
    """What the desk tells the platform about itself: its key, branch, division, kind and version."""
    device = uow.device()
    division = uow.settings.get_json(DIVISION_SETTING)
    return DeviceInfo(
        public_key=device.public_key,
        branch_code=branch_code(uow.settings),
        division_code=str(division) if division else DEFAULT_DIVISION,
        training=uow.training,
        label=device.device_id[:100],
        app_version=__version__,
    )


class ReenrollmentRefused(UsageError):
    code = "enrollment.reenroll"
    title_zh, title_en = "本机已注册", "Already enrolled"


@dataclass(frozen=True)
class EnrollmentDone:
    """The new enrollment and what it replaced: the platform before, the unsent submissions carried over."""

    enrolled: Enrolled
    replaced_url: str | None = None
    carried_over: tuple[str, ...] = ()  # "case_id/service" of each unsent submission

    @property
    def platform_url(self) -> str:
        return self.enrolled.platform_url


def _unsent(uow: UnitOfWork) -> tuple[str, ...]:
    """Every unsent submission (waiting or pending) as ``case_id/service``, oldest first."""
    counts = uow.outbox.counts()
    if not any(counts.get(state, 0) for state in UNSENT):
        return ()
    far = dt.datetime.max.replace(tzinfo=dt.UTC)
    pending = [f"{e.case_id}/{e.service}" for e in uow.outbox.due(far, 10_000)]
    waiting = counts.get("waiting", 0)
    return (*pending, *([f"（另有 {waiting} 项待生成 / {waiting} more waiting）"] if waiting else []))


def check_reenrollment(
    known: Enrolled | None, unsent: tuple[str, ...], *, replace: bool, carry_over: bool
) -> None:
    """An enrolled desk is re-pointed only on IT's explicit word, its queue empty or carried over."""
    if known is None:
        return
    if not replace:
        raise ReenrollmentRefused(
            f"本机已注册到 {known.platform_url}（设备 {known.device_id}）。如确需改为注册到其他平台，"
            "请IT人员加 --replace 再次运行。",
            f"This desk is already enrolled with {known.platform_url} (device {known.device_id}). To "
            "enrol it elsewhere, IT runs the command again with --replace.",
        )
    if unsent and not carry_over:
        listed = "、".join(unsent[:20]) + ("……" if len(unsent) > 20 else "")
        raise ReenrollmentRefused(
            f"本机还有 {len(unsent)} 项未发送的报送（{listed}），不能改注册到其他平台。"
            "请先同步发送完毕；如确需转到新平台发送，请加 --carry-over。",
            f"This desk still has {len(unsent)} unsent submissions ({listed}); it is not re-enrolled. "
            "Sync them first, or add --carry-over to send them to the new platform.",
            data={"unsent": list(unsent)},
        )


def enroll(units: UnitsOfWork, platform: Platform, url: str, code: str, **how: Any) -> Enrolled:
    """``enroll_desk``'s new enrollment alone."""
    return enroll_desk(units, platform, url, code, **how).enrolled


def enroll_desk(
    units: UnitsOfWork,
    platform: Platform,
    url: str,
    code: str,
    *,
    by: str | None = None,
    replace: bool = False,
    carry_over: bool = False,
    loopback_http: bool = False,
) -> EnrollmentDone:
    """Enroll this desk with the platform at ``url`` by IT's one-time ``code`` and keep the answer.

    ``by`` is the IT account (None: the training desk's own embedded sandbox). Refused before the
    platform is asked: an address the profile may not use, and an enrolled desk without ``replace``
    or with unsent submissions without ``carry_over``. Checked again in the writing transaction.

    Enrolled again with the same platform (same device id and platform key), the desk goes on reading
    its status feed where it was; another platform's feed starts from its beginning.
    """
    with units.read_unit_of_work() as uow:
        info, device = device_info(uow), uow.device()
        url = check_enrollment_address(url, training=uow.training, loopback_http=loopback_http)
        check_reenrollment(uow.outbox.state().enrolled, _unsent(uow), replace=replace, carry_over=carry_over)
    answer = platform.enroll(url, code, info, device)
    with units.unit_of_work() as uow:
        enrolled = Enrolled(
            answer.device_id,
            answer.platform_url,
            answer.platform_key_id,
            answer.platform_public_key,
            answer.mode,
            uow.clock(),
        )
        before = uow.outbox.state()
        known = before.enrolled
        carried = _unsent(uow)
        check_reenrollment(known, carried, replace=replace, carry_over=carry_over)
        same_platform = (
            known is not None
            and known.device_id == enrolled.device_id
            and known.platform_key_id == enrolled.platform_key_id
        )
        cursor = before.cursor if same_platform else ""
        uow.outbox.save_state(
            SyncState(enrolled=enrolled, cursor=cursor, last_success_at=before.last_success_at)
        )
        details: dict[str, Any] = {
            "platform": enrolled.platform_url,
            "mode": enrolled.mode,
            "device": enrolled.device_id,
        }
        if known is not None:
            details["replaced"] = known.platform_url
            details["carried_over"] = list(carried)
        if loopback_http and url.startswith("http:"):
            details["loopback_http"] = True
        uow.audit.append("device.enroll", actor=by, details=details)
        uow.commit()
    return EnrollmentDone(enrolled, known.platform_url if known else None, carried if known else ())
