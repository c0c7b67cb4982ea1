"""Composition root of syncing: wires the HTTP gateway (``sync``), the engine and the store.

    enroll(opened, url, code)                  # bizdesk device enroll
    DeskSync(opened).run_once() -> SyncReport  # bizdesk sync (one pass; then an audit checkpoint)
    sync_once(profile) -> SyncReport           # the same, opening and closing the profile
    background_sync(opened).start()            # the desk's background worker
    url, stop = start_embedded_sandbox(opened) # training: a sandbox of its own, enrolled
    run_sandbox(config, host, port, on_ready)  # bizdesk sandbox

``sync`` and httpx are imported inside the functions that need them, so the core stays free of them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import PlatformError
from app.paths import Profile
from app.syncing.background import BackgroundSync
from app.syncing.engine import SyncEngine, SyncPolicy, SyncReport
from app.syncing.model import Enrolled, SyncState
from app.syncing.overview import NotEnrolled, SyncView, overview
from app.syncing.ports import AttachmentRef, AuditCheckpoints, DeviceInfo, PlatformGateway

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile
    from sync.sandbox.config import SandboxConfig

CA_FILE_ENV = "BIZDESK_PLATFORM_CA"
BRANCH_SETTING = "desk.branch_code"
DIVISION_SETTING = "desk.division_code"
DEFAULT_DIVISION = "370783"  # 寿光市
EMBEDDED_CODE = "embedded-training-sandbox"  # loopback only, training only
APP_VERSION = "0.1.0"
CHECKPOINT_SETTING = "sync.audit_checkpoint"  # the platform's signed receipt of the last checkpoint


class _ProfileAttachments:
    """Attachment bytes from the profile's encrypted files."""

    def __init__(self, opened: OpenedProfile) -> None:
        self._opened = opened

    def read(self, ref: AttachmentRef) -> bytes:
        from app.security.attachments import load_attachment

        with self._opened.read_unit_of_work() as uow:
            return load_attachment(uow, self._opened.attachments(), ref.case_id, ref.document_id)


def _ca_file() -> Path | None:
    configured = os.environ.get(CA_FILE_ENV, "").strip()
    return Path(configured) if configured else None


def sync_state(opened: OpenedProfile) -> SyncState:
    with opened.read_unit_of_work() as uow:
        return uow.outbox.state()


def http_gateway(opened: OpenedProfile, enrolled: Enrolled) -> PlatformGateway:
    from sync.client.gateway import HttpPlatformGateway

    return HttpPlatformGateway(
        enrolled.platform_url,
        signer=opened.device,
        device_id=enrolled.device_id,
        platform_public_key=enrolled.platform_public_key,
        training=opened.training,
        ca_file=_ca_file(),
    )


class DeskSync:
    """One profile's syncing: the engine over the HTTP gateway, then an audit checkpoint after a good pass."""

    def __init__(
        self,
        opened: OpenedProfile,
        *,
        gateway: PlatformGateway | None = None,
        policy: SyncPolicy | None = None,
    ) -> None:
        from app.syncing.apply import build_payloads, update_case

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
        report = self.engine.run_once()
        if report.ok and isinstance(self.gateway, AuditCheckpoints):
            with contextlib.suppress(PlatformError):  # the next good pass sends it; submissions matter more
                send_audit_checkpoint(self._opened, self.gateway)
        return report

    def close(self) -> None:
        self.engine.close()


def send_audit_checkpoint(opened: OpenedProfile, platform: AuditCheckpoints) -> bool:
    """Send the signed audit head if it moved since the last checkpoint; keeps the platform's receipt."""
    with opened.read_unit_of_work() as uow:
        head = uow.audit_trail.head()
        last = uow.settings.get_json(CHECKPOINT_SETTING)
    if head is None or (isinstance(last, dict) and last.get("seq") == head.seq):
        return False
    receipt = platform.checkpoint(head.seq, head.hash, head.signed_at.isoformat())
    with opened.unit_of_work() as uow:
        uow.settings.set_json(CHECKPOINT_SETTING, dict(receipt))
        uow.commit()
    return True


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


def sync_overview(
    opened: OpenedProfile, *, running: bool = False, report: SyncReport | None = None
) -> SyncView:
    with opened.read_unit_of_work() as uow:
        return overview(uow.outbox, running=running, report=report)


def desk_pass(opened: OpenedProfile) -> SyncReport:
    """One pass of the desk's background sync: "not enrolled" is a failed report, not an exception
    (IT may enroll while the desk runs)."""
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


def background_sync(
    opened: OpenedProfile, *, on_report: Callable[[SyncReport], None] | None = None
) -> BackgroundSync:
    """The desk's worker; passes report "not enrolled" as an error instead of stopping."""
    return BackgroundSync(lambda: desk_pass(opened), on_report=on_report)


def _device_info(opened: OpenedProfile) -> DeviceInfo:
    with opened.read_unit_of_work() as uow:
        branch = uow.settings.get_json(BRANCH_SETTING)
        division = uow.settings.get_json(DIVISION_SETTING)
    return DeviceInfo(
        public_key=opened.device.public_key,
        branch_code=str(branch) if branch else "0000",
        division_code=str(division) if division else DEFAULT_DIVISION,
        training=opened.training,
        label=opened.device.device_id[:100],
        app_version=APP_VERSION,
    )


def enroll(opened: OpenedProfile, url: str, code: str, *, ca_file: Path | None = None) -> Enrolled:
    """Enroll this desk with the platform at ``url`` and keep the answer; audited."""
    from sync.enrollment import enroll_device

    answer = enroll_device(url, code, _device_info(opened), opened.device, ca_file=ca_file or _ca_file())
    enrolled = Enrolled(
        answer.device_id,
        answer.platform_url,
        answer.platform_key_id,
        answer.platform_public_key,
        answer.mode,
        opened.clock(),
    )
    with opened.unit_of_work() as uow:
        store = uow.outbox
        before = store.state()
        same_platform = (
            before.enrolled is not None
            and before.enrolled.device_id == enrolled.device_id
            and (before.enrolled.platform_key_id == enrolled.platform_key_id)
        )
        cursor = before.cursor if same_platform else ""  # another platform's feed starts from its beginning
        store.save_state(SyncState(enrolled=enrolled, cursor=cursor, last_success_at=before.last_success_at))
        uow.audit.append(
            "device.enroll",
            actor=None,
            details={"platform": enrolled.platform_url, "mode": enrolled.mode, "device": enrolled.device_id},
        )
        uow.commit()
    return enrolled


def sandbox_config(**settings: Any) -> SandboxConfig:
    """The sandbox's settings from the CLI's options; raises ``ValueError`` naming a bad one."""
    from sync.sandbox.config import SandboxConfig

    return SandboxConfig(**settings)


def run_sandbox(config: SandboxConfig, host: str, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve the sandbox in the foreground until interrupted (``bizdesk sandbox``)."""
    from sync.sandbox.server import serve_forever

    serve_forever(config, host, port, on_ready=on_ready)


def start_embedded_sandbox(opened: OpenedProfile, **overrides: Any) -> tuple[str, Callable[[], None]]:
    """Training only: a sandbox of the profile's own on a free loopback port, this desk enrolled with it.

    Its state lives in ``<profile>/sandbox``; returns the base URL and the function that stops it.
    """
    from sync.sandbox.config import SandboxConfig
    from sync.sandbox.server import start_in_thread

    if not opened.training:
        raise PlatformError(
            "内置沙箱只能在培训模式下使用。",
            "The built-in sandbox is for the training profile only.",
            code="platform.sandbox_training_only",
        )
    folder = opened.profile.root / "sandbox"
    folder.mkdir(parents=True, exist_ok=True)
    settings: dict[str, Any] = {
        "mode": "training",
        "data_dir": folder,
        "enroll_codes": (EMBEDDED_CODE,),
        "decision_delay_s": 5.0,
        "correction_rate": 0.1,  # trainees meet 补正 too
        **overrides,
    }
    running = start_in_thread(SandboxConfig(**settings))
    try:
        enroll(opened, running.url, EMBEDDED_CODE)
    except BaseException:
        running.stop()
        raise
    return running.url, running.stop
