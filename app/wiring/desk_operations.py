"""``ProfileOperations``: enrollment, updates, backups and key rotation of the open profile for the
系统管理 area (``app.desk.admin_api.DeskOperations``)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from app.desk.admin_api import BackupDone, DeviceFacts, KeyRotated, RestoreDone
from app.syncing.enrollment_qr import ca_fingerprint
from app.updates.service import UpdateStatus
from app.wiring import updates
from app.wiring.enrollment_qr import enroll_with_payload
from app.wiring.gateway import configured_ca_file
from app.wiring.outbox import sync_state

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


SyncPause = Callable[[], AbstractContextManager[None]]


class ProfileOperations:
    """``pause_sync`` holds the desk's background sync while the store is swapped (rotation, restore)."""

    def __init__(self, opened: OpenedProfile, *, pause_sync: SyncPause = nullcontext) -> None:
        self._opened = opened
        self._pause_sync = pause_sync

    def device(self) -> DeviceFacts:
        enrolled = sync_state(self._opened).enrolled
        pinned = configured_ca_file()
        fingerprint = ca_fingerprint(pinned.read_bytes()) if pinned is not None and pinned.is_file() else None
        return DeviceFacts(
            device_id=self._opened.device.device_id,
            enrolled=enrolled is not None,
            platform_url=enrolled.platform_url if enrolled else None,
            mode=enrolled.mode if enrolled else None,
            enrolled_at=enrolled.enrolled_at if enrolled else None,
            pinned_ca=str(pinned) if pinned else None,
            ca_fingerprint=fingerprint,
        )

    def enroll_qr(self, payload: str) -> DeviceFacts:
        enroll_with_payload(self._opened, payload)
        return self.device()

    def updates(self) -> UpdateStatus:
        return updates.update_status(self._opened)

    def check_updates(self) -> UpdateStatus:
        updates.check_updates(self._opened)
        return self.updates()

    def apply_update(self, by: str) -> UpdateStatus:
        updates.apply_updates(self._opened, by=by)  # the pending pack and the staged app, as the CLI
        return self.updates()

    def rollback_update(self, by: str) -> UpdateStatus:
        updates.rollback_update(self._opened, by=by)
        return self.updates()

    def rollback_app(self, by: str) -> UpdateStatus:
        from app.wiring.app_updates import rollback_app

        rollback_app(self._opened, by=by)
        return self.updates()

    def backup(self, target: str, passphrase: str, by: str) -> BackupDone:
        from app.services.backup import write_backup

        summary = write_backup(self._opened, Path(target).expanduser(), passphrase, actor=by)
        return BackupDone(str(summary.path), summary.cases, summary.attachments, summary.bytes_written)

    def diagnostics(self, target: str) -> str:
        from app.wiring.diagnostics import write_opened_diagnostics

        return str(write_opened_diagnostics(self._opened, Path(target).expanduser()))

    def rotate_key(self, by: str) -> KeyRotated:
        from app.services.rotation import rotate_data_key

        with self._pause_sync():
            key_file = rotate_data_key(self._opened)
            with self._opened.unit_of_work() as uow:
                uow.audit.append("key.rotate", actor=by, details={"key_version": key_file.key_version})
                uow.commit()
        return KeyRotated(key_file.key_version)

    def restore(self, source: str, passphrase: str, by: str) -> RestoreDone:
        from app.services.backup import BackupKeySource
        from app.wiring.restore import restore_opened

        backup = Path(source).expanduser()
        with self._pause_sync():
            summary = restore_opened(self._opened, backup, BackupKeySource(passphrase=passphrase), actor=by)
        kept = str(summary.kept_old_profile) if summary.kept_old_profile else None
        return RestoreDone(summary.cases, kept)
