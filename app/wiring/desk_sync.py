"""One profile's syncing: the engine over the HTTP gateway, the store and the encrypted scans.

DeskSync(opened).run_once() -> SyncReport  # bizdesk sync (one pass; then an audit checkpoint)
sync_once(profile) -> SyncReport           # the same, opening and closing the profile
background_sync(opened).start()            # the desk's background worker
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.errors import PlatformError
from app.paths import Profile
from app.syncing.background import BackgroundSync
from app.syncing.engine import SyncEngine, SyncPolicy, SyncReport
from app.syncing.overview import NotEnrolled as NotEnrolled  # re-exported: callers import it from here
from app.syncing.ports import AttachmentRef, AuditCheckpoints, PlatformGateway
from app.wiring.audit import send_audit_checkpoint
from app.wiring.fleet import after_sync_pass
from app.wiring.gateway import http_gateway
from app.wiring.outbox import sync_state

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


class _ProfileAttachments:
    """Attachment bytes from the profile's encrypted files."""

    def __init__(self, opened: OpenedProfile) -> None:
        self._opened = opened

    def read(self, ref: AttachmentRef) -> bytes:
        """The scan's bytes; a damaged or missing scan is recorded for the 同步中心 and the report."""
        from app.security.attachments import AttachmentDamaged, AttachmentMissing, load_attachment
        from app.security.scan_check import forget_damaged_scan, record_damaged_scan

        try:
            with self._opened.read_unit_of_work() as uow:
                data = load_attachment(uow, self._opened.attachments(), ref.case_id, ref.document_id)
        except (AttachmentDamaged, AttachmentMissing) as error:
            with self._opened.unit_of_work() as uow:
                missing = isinstance(error, AttachmentMissing)
                record_damaged_scan(uow, ref.case_id, ref.document_id, missing=missing)
                uow.commit()
            raise
        with self._opened.unit_of_work() as uow:
            if forget_damaged_scan(uow, ref.case_id, ref.document_id):  # taken again since: mended
                uow.commit()
        return data


class DeskSync:
    """One profile's syncing: the engine over the HTTP gateway, then an audit checkpoint after a good pass."""

    def __init__(
        self,
        opened: OpenedProfile,
        *,
        gateway: PlatformGateway | None = None,
        policy: SyncPolicy | None = None,
        reports_health: bool | None = None,
    ) -> None:
        from app.syncing.apply import build_payloads, update_case

        # an injected gateway (a fake in tests) has no platform to report to unless asked
        self.reports_health = gateway is None if reports_health is None else reports_health
        if gateway is None:
            enrolled = sync_state(opened).enrolled
            if enrolled is None:
                raise NotEnrolled()
            gateway = http_gateway(opened, enrolled)
        self._opened = opened
        self.gateway = gateway
        self.engine = SyncEngine(
            opened.unit_of_work,
            gateway,
            attachments=_ProfileAttachments(opened),
            update_case=update_case,
            build_payload=build_payloads,
            policy=policy,
            clock=opened.clock,
        )

    def run_once(self) -> SyncReport:
        from app.wiring.scans import with_damaged_scans

        report = self.engine.run_once()
        if report.ok and isinstance(self.gateway, AuditCheckpoints):
            with contextlib.suppress(PlatformError):  # the next good pass sends it; submissions matter more
                send_audit_checkpoint(self._opened, self.gateway)  # a refusal is kept as the audit alarm
        if self.reports_health:
            after_sync_pass(self._opened, report)  # updates and fleet health (issue 11); never fails a pass
        return with_damaged_scans(self._opened, report)  # blocked by a damaged scan: not ok, and why

    def close(self) -> None:
        self.engine.close()


def sync_once_opened(opened: OpenedProfile) -> SyncReport:
    desk = DeskSync(opened)
    try:
        return desk.run_once()
    finally:
        desk.close()


def sync_once(profile: Profile) -> SyncReport:
    """One pass for ``profile`` (opened and closed here)."""
    from app.wiring.profile import open_profile

    with open_profile(profile) as opened:
        return sync_once_opened(opened)


def background_sync(
    opened: OpenedProfile, *, on_report: Callable[[SyncReport], None] | None = None
) -> BackgroundSync:
    """The desk's worker; passes report "not enrolled" as an error instead of stopping."""
    return BackgroundSync(lambda: desk_pass(opened), on_report=on_report)


def desk_pass(opened: OpenedProfile) -> SyncReport:
    """One pass of the desk's background sync: "not enrolled" is a failed report, not an exception
    (IT may enroll while the desk runs); on the training desk during a simulated outage
    (``app.training.network``) it contacts nobody and says so."""
    if opened.training:
        from app.training.network import simulated_offline

        with opened.read_unit_of_work() as uow:
            if simulated_offline(uow.settings):
                return outage_report(uow.outbox.counts())
    try:
        return sync_once_opened(opened)
    except NotEnrolled as error:
        with opened.read_unit_of_work() as uow:
            counts = uow.outbox.counts()
        return SyncReport(
            ok=False,
            counts=counts,
            error_code=error.code,
            error_zh=error.message_zh,
            error_en=error.message_en,
        )


def outage_report(counts: dict[str, int]) -> SyncReport:
    """A pass during the training desk's simulated outage: nothing sent, the queue kept, and why."""
    from app.training.network import OUTAGE_CODE

    return SyncReport(
        ok=False,
        counts=counts,
        error_code=OUTAGE_CODE,
        error_zh="网络已断开（培训模拟断网）：案卷在队列中等待，恢复网络后同步会把它们发出。",
        error_en="The network is down (simulated for training): cases wait in the queue and go out "
        "once the network is back.",
    )
