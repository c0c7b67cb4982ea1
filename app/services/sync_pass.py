"""One sync pass of the desk, and what the desk does around it: the syncing functions over the
store (``UnitsOfWork``) and the platform port, never the composition root's open profile.

    desk = DeskSync(units, platform, files=..., apps=...)
    desk.background_pass()     the background worker's pass: a simulated outage (training) or a desk
                               not enrolled is a failed report, not an exception
    desk.run_once()            one pass (``bizdesk sync --once``; ``NotEnrolled`` raised)
    with desk.connect() as session: session.run_once() ...   passes over one connection (``bizdesk sync``)

A pass (``SyncSession.run_once``): the engine sends and pulls (``app.syncing.engine``); after a pass
that reached the platform (``report.ok``) the audit head goes to it as a checkpoint
(``app.services.checkpoints``); then, with ``apps``, the desk applies a pack now due and, after a pass
that reached the platform, checks for updates and reports its health (``app.services.fleet``), none
of which may fail the pass; last, a pass that left submissions blocked by a damaged scan is not ok
and says why. Whether the pass was a *good* one (no batch refused: ``SyncReport.good``, what the
offline guard counts from) is the engine's to record.
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Protocol, Self

from app.clock import Clock, utc_now
from app.errors import BizdeskError, PlatformError
from app.security.attachments import AttachmentDamaged, AttachmentMissing, AttachmentStore, load_attachment
from app.security.scan_check import damaged_scans, forget_damaged_scan, record_damaged_scan
from app.services.app_updates import AppReleases
from app.services.checkpoints import send_audit_checkpoint
from app.services.fleet import remember_error, report_health
from app.services.updates import apply_due_update, check_updates
from app.syncing.apply import build_payloads, update_case
from app.syncing.engine import SyncEngine, SyncPolicy, SyncReport
from app.syncing.outage import not_enrolled_report, outage_report, simulated_offline
from app.syncing.overview import require_enrolled
from app.syncing.platform import Platform
from app.syncing.ports import AttachmentRef, AuditCheckpoints, PlatformGateway
from app.unit_of_work import UnitOfWork, UnitsOfWork
from app.updates.ports import OperationsPlatform


class DeskPlatform(Platform, OperationsPlatform, Protocol):
    """The platform as a desk reaches it: the sync gateway and the IT-operations calls."""


class StoredScans:
    """The engine's attachments: scan bytes from the profile's encrypted files. A damaged or missing
    scan is recorded for the 同步中心 and the report; one that opens again is struck off."""

    def __init__(self, units: UnitsOfWork, files: AttachmentStore) -> None:
        self._units, self._files = units, files

    def read(self, ref: AttachmentRef) -> bytes:
        try:
            with self._units.read_unit_of_work() as uow:
                data = load_attachment(uow, self._files, ref.case_id, ref.document_id)
        except (AttachmentDamaged, AttachmentMissing) as error:
            with self._units.unit_of_work() as uow:
                missing = isinstance(error, AttachmentMissing)
                record_damaged_scan(uow, ref.case_id, ref.document_id, missing=missing)
                uow.commit()
            raise
        with self._units.unit_of_work() as uow:
            if forget_damaged_scan(uow, ref.case_id, ref.document_id):  # taken again since: mended
                uow.commit()
        return data


class DeskSync:
    """One profile's syncing. ``apps`` (where app releases are staged) makes each pass keep the desk
    up to date and report its health too; without it the pass only syncs."""

    def __init__(
        self,
        units: UnitsOfWork,
        platform: DeskPlatform,
        *,
        files: AttachmentStore,
        apps: AppReleases | None = None,
        policy: SyncPolicy | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self.units, self.platform, self.apps = units, platform, apps
        self.scans = StoredScans(units, files)
        self.policy, self.clock = policy, clock

    def background_pass(self) -> SyncReport:
        """The desk's background pass: during the training desk's simulated outage it contacts nobody,
        and a desk not enrolled (IT may enroll it while it runs) reports so; both as failed reports."""
        with self.units.read_unit_of_work() as uow:
            counts = uow.outbox.counts()
            if uow.training and simulated_offline(uow.settings):
                return outage_report(counts)
            if uow.outbox.state().enrolled is None:
                return not_enrolled_report(counts)
        return self.run_once()

    def run_once(self) -> SyncReport:
        """One pass over a connection of its own; ``NotEnrolled`` when the desk is not enrolled."""
        with self.connect() as session:
            return session.run_once()

    def connect(self) -> SyncSession:
        """The engine over a gateway to the enrolled platform (``with``: closed on leaving)."""
        with self.units.read_unit_of_work() as uow:
            enrolled, device = require_enrolled(uow.outbox.state()), uow.device()
        return SyncSession(self, self.platform.gateway(enrolled, device))


class SyncSession:
    """Passes over one gateway, each followed by what the desk does after sending."""

    def __init__(self, desk: DeskSync, gateway: PlatformGateway) -> None:
        self.desk, self.gateway = desk, gateway
        self.engine = SyncEngine(
            desk.units.unit_of_work,
            gateway,
            attachments=desk.scans,
            update_case=update_case,
            build_payload=build_payloads,
            policy=desk.policy,
            clock=desk.clock,
        )

    def run_once(self) -> SyncReport:
        report = self.engine.run_once()
        units = self.desk.units
        if report.ok and isinstance(self.gateway, AuditCheckpoints):
            with contextlib.suppress(PlatformError):  # the next good pass sends it; submissions matter more
                send_audit_checkpoint(units, self.gateway)  # a refusal is kept as the audit alarm
        if self.desk.apps is not None:
            keep_up_to_date(units, self.desk.platform, self.desk.apps, report)
        with units.read_unit_of_work() as uow:
            return with_damaged_scans(uow, report)

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def keep_up_to_date(
    units: UnitsOfWork, platform: OperationsPlatform, apps: AppReleases, report: SyncReport
) -> None:
    """After a pass: record its error and apply a pack now due; after one that reached the platform,
    check for updates and report the desk's health. None of it fails the pass (submissions matter
    more): a failure is only recorded among the recent errors the next health report carries. A pass
    that reached the platform but had batches refused still reports: with its refusal among the error
    codes and the last good pass's time, so the fleet does not call the desk healthy
    (``app.updates.fleet``)."""
    remember_error(units, report.error_code)
    try:
        apply_due_update(units)  # a deadline is met offline too, from the release kept earlier
    except BizdeskError as failed:
        remember_error(units, failed.code)
    if not report.ok:  # the platform did not answer: nothing to check nor report to
        return
    try:
        check_updates(units, platform, apps)
    except BizdeskError as failed:
        remember_error(units, failed.code)
    try:
        report_health(units, platform, report)
    except BizdeskError as failed:
        remember_error(units, failed.code)


def with_damaged_scans(uow: UnitOfWork, report: SyncReport) -> SyncReport:
    """A pass that left submissions blocked by a damaged scan is not ok, and says why."""
    error = damaged_scans(uow)
    if error is None or not report.ok:
        return report
    return dataclasses.replace(
        report, ok=False, error_code=error.code, error_zh=error.message_zh, error_en=error.message_en
    )
