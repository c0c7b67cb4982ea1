"""``FakeDesk`` with the 系统管理 half: accounts with locks, a device, updates, an audit result."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from app.accounts.model import Role, UserInfo
from app.accounts.roles import require
from app.desk.admin_api import AdminUser, AuditCheck, BackupDone, DeviceFacts, KeyRotated, RestoreDone
from app.errors import AuthError, InputRejected, UsageError
from app.services.backup_errors import BackupPassphraseWrong
from app.services.branch import DeskBranch, read_branch, set_branch
from app.store.settings_repo import RETENTION_DAYS, SettingOutOfRange
from app.updates.service import UpdateStatus
from tests.fakes import FakeUnitOfWork
from tests.unit.views.fake_desk import FakeDesk


def shipped_status(**changes: object) -> UpdateStatus:
    status = UpdateStatus(
        pack_version="2026.1",
        pack_source="shipped",
        form_versions={},
        previous_version=None,
        pending_version=None,
        pending_deadline=None,
        pending_overdue=False,
        app_version="0.1.0",
        app_offered=None,
        app_deadline=None,
        app_update_required=False,
        last_check_at=None,
        refused_code=None,
        refused_zh=None,
        refused_en=None,
    )
    return replace(status, **changes)  # type: ignore[arg-type]


@dataclass
class FakeAdminDesk(FakeDesk):
    locked: dict[str, int] = field(default_factory=dict)
    device: DeviceFacts = field(
        default_factory=lambda: DeviceFacts("dev-1", False, None, None, None, None, None)
    )
    status: UpdateStatus = field(default_factory=shipped_status)
    audit: AuditCheck = field(default_factory=lambda: AuditCheck(True, 42, ()))
    retention_days: int = 180
    disabled: set[str] = field(default_factory=set)
    backups: list[str] = field(default_factory=list)
    key_version: int = 1
    restored: list[str] = field(default_factory=list)
    branch_store: FakeUnitOfWork = field(default_factory=FakeUnitOfWork)  # the real checks, in memory

    def _it(self) -> UserInfo:
        if self.signed_in is None:
            raise AuthError("请先登录。", "Log in first.", code="auth.signed_out")
        require(self.signed_in.role, "user.admin")
        return self.signed_in

    def admin_users(self) -> list[AdminUser]:
        self._it()
        return [
            AdminUser(
                name,
                user.display_name,
                user.role,
                self.locked.get(name, 0),
                self.failures.get(name, 0),
                name in self.disabled,
            )
            for name, (_, user) in sorted(self.users.items())
        ]

    def admin_add_user(self, username: str, display_name: str, role: Role, password: str) -> None:
        self._it()
        if username in self.users:
            raise InputRejected(f"用户名 {username} 已存在。", f"User {username} exists.")
        self.add_user(username, password, display_name, role)

    def admin_unlock_user(self, username: str) -> None:
        self._it()
        self.locked.pop(username, None)
        self.failures.pop(username, None)

    def admin_reset_password(self, username: str, new_password: str) -> None:
        self._it()
        self.users[username] = (new_password, self.users[username][1])

    def admin_device(self) -> DeviceFacts:
        self._it()
        return self.device

    def admin_enroll_qr(self, payload: str) -> DeviceFacts:
        self._it()
        if not payload.startswith("bizdesk-enroll:1?"):
            raise UsageError("注册二维码内容有误（scheme）。", "The enrollment QR payload is wrong (scheme).")
        self.device = replace(
            self.device,
            enrolled=True,
            platform_url="https://platform.test",
            mode="training",
            enrolled_at=dt.datetime(2026, 11, 2, tzinfo=dt.UTC),
        )
        return self.device

    def admin_updates(self) -> UpdateStatus:
        self._it()
        return self.status

    def admin_check_updates(self) -> UpdateStatus:
        self._it()
        self.status = replace(self.status, pending_version="2026.5")
        return self.status

    def admin_apply_update(self) -> UpdateStatus:
        self._it()
        self.status = replace(
            self.status,
            pack_version="2026.5",
            pack_source="platform",
            previous_version="2026.1",
            pending_version=None,
        )
        return self.status

    def admin_rollback_update(self) -> UpdateStatus:
        self._it()
        self.status = shipped_status()
        return self.status

    def admin_rollback_app(self) -> UpdateStatus:
        self._it()
        self.status = replace(self.status, app_installed="0.1.0", app_previous=None)
        return self.status

    def admin_verify_audit(self) -> AuditCheck:
        self._it()
        return self.audit

    def admin_backup(self, it_password: str, target: str, passphrase: str) -> BackupDone:
        user = self._it()
        if self.users[user.username][0] != it_password:
            raise AuthError("密码不正确。", "Wrong password.", code="auth.wrong_password")
        self.backups.append(target)
        return BackupDone(target, 3, 5, 2_500_000)

    def admin_rotate_key(self, it_password: str) -> KeyRotated:
        user = self._it()
        require(user.role, "key.admin")
        if self.users[user.username][0] != it_password:
            raise AuthError("用户名或密码不正确，请重新输入。", "Wrong username or password.")
        self.key_version += 1
        return KeyRotated(self.key_version)

    def admin_restore(self, it_password: str, source: str, passphrase: str) -> RestoreDone:
        user = self._it()
        require(user.role, "restore")
        if self.users[user.username][0] != it_password:
            raise AuthError("用户名或密码不正确，请重新输入。", "Wrong username or password.")
        if passphrase != "backup-passphrase":
            raise BackupPassphraseWrong()
        self.restored.append(source)
        self.signed_in = None  # as the core: the sign-in ends with the store it was checked against
        return RestoreDone(4, "/data/desk.before-restore-20261128T050000Z")

    def admin_retention_days(self) -> int:
        self._it()
        return self.retention_days

    def admin_set_retention_days(self, days: int) -> int:
        self._it()
        if not RETENTION_DAYS.minimum <= days <= RETENTION_DAYS.maximum:
            raise SettingOutOfRange(
                f"保留天数须在 {RETENTION_DAYS.minimum} 到 {RETENTION_DAYS.maximum} 之间。", "Out of range."
            )
        self.retention_days = days
        return days

    def admin_branch(self) -> DeskBranch:
        self._it()
        with self.branch_store as uow:
            return read_branch(uow.settings, training=False)

    def admin_set_branch(self, values: Mapping[str, str]) -> DeskBranch:
        by = self._it()
        with self.branch_store as uow:
            return set_branch(uow, values, by=by.username)

    def admin_disable_user(self, username: str) -> None:
        if username == self._it().username:
            raise InputRejected(
                "不能停用自己正在使用的账户。", "You cannot disable the account you are using."
            )
        self.disabled.add(username)

    def admin_enable_user(self, username: str) -> None:
        self._it()
        self.disabled.discard(username)

    def admin_diagnostics(self, target: str) -> str:
        self._it()
        self.backups.append(f"diagnostics:{target}")
        return target
