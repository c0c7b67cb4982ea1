"""What the 系统管理 area asks of the core (IT only): accounts, device, updates, audit.

``AdminApi`` is part of ``DeskApi`` (which inherits it). Every method refuses anyone but an IT
account with ``PermissionDenied`` (``app.accounts.roles``), so the UI's lock is not the only one.
What needs the platform or the profile's files (enrollment, updates) reaches the core through
``DeskOperations``, which the composition root provides.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from app.accounts.model import Role
from app.services.branch import DeskBranch
from app.services.enrollment import DeviceFacts as DeviceFacts  # the one type, built by the core
from app.updates.service import UpdateStatus


@dataclass(frozen=True)
class AdminUser:
    username: str
    display_name: str
    role: Role
    locked_seconds: int  # 0: not locked
    failed_attempts: int
    disabled: bool = False


@dataclass(frozen=True)
class AuditCheck:
    ok: bool
    entries: int
    findings: tuple[str, ...]  # what is wrong, worded for IT (empty when ok)


@dataclass(frozen=True)
class BackupDone:
    path: str
    cases: int
    attachments: int
    bytes_written: int


@dataclass(frozen=True)
class RestoreDone:
    """The desk now runs on the restored profile; the one it replaced was kept aside (a folder)."""

    cases: int
    kept_old_profile: str | None


@dataclass(frozen=True)
class KeyRotated:
    """The data key was replaced: the database is re-encrypted and the key file re-wrapped."""

    key_version: int


class DeskOperations(Protocol):
    """Enrollment and updates of the open profile (``app.wiring.desk_operations`` implements it)."""

    def device(self) -> DeviceFacts: ...

    def enroll_qr(self, payload: str, by: str | None = None) -> DeviceFacts: ...

    def updates(self) -> UpdateStatus: ...

    def check_updates(self) -> UpdateStatus: ...

    def apply_update(self, by: str) -> UpdateStatus: ...

    def rollback_update(self, by: str) -> UpdateStatus: ...

    def rollback_app(self, by: str) -> UpdateStatus:
        """Install the app version that ran before the last app update again (from the kept wheel)."""

    def backup(self, target: str, passphrase: str, by: str) -> BackupDone: ...

    def diagnostics(self, target: str) -> str: ...

    def rotate_key(self, by: str) -> KeyRotated:
        """Rotate the open profile's data key (``app.services.rotation``) and audit it as ``by``;
        the background sync is paused meanwhile."""

    def restore(self, source: str, passphrase: str, by: str) -> RestoreDone:
        """Replace the open profile with the backup at ``source`` and reopen it (sync paused meanwhile);
        a refusal changes nothing stored."""


class AdminApi(Protocol):
    def admin_users(self) -> list[AdminUser]: ...

    def admin_add_user(self, username: str, display_name: str, role: Role, password: str) -> None: ...

    def admin_unlock_user(self, username: str) -> None: ...

    def admin_reset_password(self, username: str, new_password: str) -> None: ...

    def admin_disable_user(self, username: str) -> None: ...

    def admin_enable_user(self, username: str) -> None: ...

    def admin_device(self) -> DeviceFacts: ...

    def admin_enroll_qr(self, payload: str) -> DeviceFacts:
        """Enroll this desk from a pasted QR payload (``app.syncing.enrollment_qr``)."""

    def admin_updates(self) -> UpdateStatus: ...

    def admin_check_updates(self) -> UpdateStatus:
        """Ask the platform; a refused release comes back as an error, the state keeps the reason."""

    def admin_apply_update(self) -> UpdateStatus: ...

    def admin_rollback_update(self) -> UpdateStatus: ...

    def admin_rollback_app(self) -> UpdateStatus: ...

    def admin_verify_audit(self) -> AuditCheck: ...

    def admin_backup(self, it_password: str, target: str, passphrase: str) -> BackupDone:
        """An encrypted backup to ``target``, after the IT account's password is asked again."""

    def admin_rotate_key(self, it_password: str) -> KeyRotated:
        """A new data key for this desk, after the IT account's password is asked again."""

    def admin_restore(self, it_password: str, source: str, passphrase: str) -> RestoreDone:
        """Replace this desk's data with the backup at ``source`` (opened with its ``passphrase``), after
        the IT account's password is asked again. Refused (nothing changed) for anyone but IT, a wrong
        password, another profile's, a damaged or a newer backup. On success this sign-in ends: the
        accounts are now the backup's, so whoever works next signs in again."""

    def admin_retention_days(self) -> int: ...

    def admin_diagnostics(self, target: str) -> str:
        """Write the diagnostics bundle (no personal data) to ``target``; the path written."""

    def admin_set_retention_days(self, days: int) -> int:
        """Days a completed case is kept; refused outside the allowed range (nothing changes)."""

    def admin_branch(self) -> DeskBranch:
        """This desk's branch as IT set it (本网点信息: printed on the receipt; no training defaults)."""

    def admin_set_branch(self, values: Mapping[str, str]) -> DeskBranch:
        """Change the branch's fields (``app.services.branch.BRANCH_FIELDS``); a refused value names
        its field and changes nothing."""


__all__ = [
    "AdminApi",
    "AdminUser",
    "AuditCheck",
    "BackupDone",
    "DeskOperations",
    "DeviceFacts",
    "KeyRotated",
    "RestoreDone",
]
