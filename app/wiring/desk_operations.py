"""``ProfileOperations``: enrollment, updates, backups and key rotation of the open profile for the
系统管理 area (``app.desk.admin_api.DeskOperations``), each one service over the profile's ports."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from app.desk.admin_api import BackupDone, DeviceFacts, KeyRotated, RestoreDone
from app.services import updates
from app.services.app_updates import rollback_app
from app.services.enrollment import device_facts
from app.updates.service import UpdateStatus
from app.wiring.enrollment import enroll_with_payload
from app.wiring.services import app_releases, configured_ca_file, http_platform

if TYPE_CHECKING:
    from app.wiring.profile import OpenedProfile


SyncPause = Callable[[], AbstractContextManager[None]]


class ProfileOperations:
    """``pause_sync`` holds the desk's background sync while the store is swapped (rotation, restore)."""

    def __init__(self, opened: OpenedProfile, *, pause_sync: SyncPause = nullcontext) -> None:
        self._opened, self._pause_sync = opened, pause_sync
        self._units, self._platform, self._apps = opened.store, http_platform(opened), app_releases(opened)

    def device(self) -> DeviceFacts:
        with self._units.read_unit_of_work() as uow:
            return device_facts(uow, pinned_ca=configured_ca_file())

    def enroll_qr(self, payload: str, by: str | None = None) -> DeviceFacts:
        # a first enrollment; re-pointing an enrolled desk is the CLI's --replace (app.services.enrollment)
        enroll_with_payload(self._opened, payload, by=by)
        return self.device()

    def updates(self) -> UpdateStatus:
        with self._units.read_unit_of_work() as uow:
            return updates.update_status(uow)

    def check_updates(self) -> UpdateStatus:
        updates.check_updates(self._units, self._platform, self._apps)
        return self.updates()

    def apply_update(self, by: str) -> UpdateStatus:
        # the pending pack and the staged app, as the CLI
        updates.apply_updates(self._units, self._platform, self._apps, by=by)
        return self.updates()

    def rollback_update(self, by: str) -> UpdateStatus:
        updates.rollback_update(self._units, by=by)
        return self.updates()

    def rollback_app(self, by: str) -> UpdateStatus:
        rollback_app(self._units, self._apps, by=by)
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
            key_file = rotate_data_key(self._opened, by=by)
        return KeyRotated(key_file.key_version)

    def restore(self, source: str, passphrase: str, by: str) -> RestoreDone:
        from app.services.backup import BackupKeySource
        from app.wiring.restore import restore_opened

        backup = Path(source).expanduser()
        with self._pause_sync():
            summary = restore_opened(self._opened, backup, BackupKeySource(passphrase=passphrase), actor=by)
        kept = str(summary.kept_old_profile) if summary.kept_old_profile else None
        return RestoreDone(summary.cases, kept)
