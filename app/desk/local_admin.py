"""``LocalAdmin``: the 系统管理 half of ``LocalDesk`` (accounts and audit over the store; device and
updates through the ``DeskOperations`` the composition root sets). IT only, checked here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from app.accounts import admin as account_admin
from app.accounts import service as accounts
from app.accounts.model import Role, UserInfo
from app.accounts.roles import Action, require
from app.desk.admin_api import (
    AdminUser,
    AuditCheck,
    BackupDone,
    DeskOperations,
    DeviceFacts,
    KeyRotated,
    RestoreDone,
)
from app.errors import PlatformError
from app.services.branch import BRANCH_SETTING, DeskBranch, set_branch
from app.store.settings_repo import RETENTION_DAYS
from app.store.uow import SqlUnitOfWork
from app.updates.service import UpdateStatus


class _Profile(Protocol):
    def unit_of_work(self) -> SqlUnitOfWork: ...

    def read_unit_of_work(self) -> SqlUnitOfWork: ...


class LocalAdmin:
    """Mixed into ``LocalDesk``: uses its profile (``_opened``) and signed-in ``user``."""

    _opened: _Profile
    user: UserInfo | None
    operations: DeskOperations | None = None

    def _signed_in(self) -> UserInfo:
        raise NotImplementedError  # LocalDesk's: the user, unless signed out or ended by a restore

    def _it(self, action: Action = "user.admin") -> UserInfo:
        user = self._signed_in()
        require(user.role, action)
        return user

    def _ops(self) -> DeskOperations:
        if self.operations is None:
            raise PlatformError(
                "本窗口未连接设备管理服务，请重新启动 bizdesk。",
                "This window has no device operations; restart bizdesk.",
                code="admin.no_operations",
            )
        return self.operations

    def admin_users(self) -> list[AdminUser]:
        by = self._it()
        found = accounts.list_users(self._opened.unit_of_work(), by=by)
        off = account_admin.disabled_usernames(self._opened.unit_of_work(), by=by)
        return [
            AdminUser(
                u.username, u.display_name, u.role, u.locked_seconds, u.failed_attempts, u.username in off
            )
            for u in sorted(found, key=lambda u: (u.role, u.username))
        ]

    def admin_add_user(self, username: str, display_name: str, role: Role, password: str) -> None:
        accounts.add_user(
            self._opened.unit_of_work(),
            by=self._it(),
            username=username,
            display_name=display_name,
            role=role,
            password=password,
        )

    def admin_unlock_user(self, username: str) -> None:
        accounts.unlock_user(self._opened.unit_of_work(), by=self._it(), username=username)

    def admin_reset_password(self, username: str, new_password: str) -> None:
        accounts.set_password(
            self._opened.unit_of_work(), by=self._it(), username=username, new_password=new_password
        )

    def admin_disable_user(self, username: str) -> None:
        account_admin.disable_user(self._opened.unit_of_work(), by=self._it(), username=username)

    def admin_enable_user(self, username: str) -> None:
        account_admin.enable_user(self._opened.unit_of_work(), by=self._it(), username=username)

    def admin_device(self) -> DeviceFacts:
        self._it("settings.admin")
        return self._ops().device()

    def admin_enroll_qr(self, payload: str) -> DeviceFacts:
        self._it("settings.admin")
        return self._ops().enroll_qr(payload)

    def admin_updates(self) -> UpdateStatus:
        self._it("settings.admin")
        return self._ops().updates()

    def admin_check_updates(self) -> UpdateStatus:
        self._it("settings.admin")
        return self._ops().check_updates()

    def admin_apply_update(self) -> UpdateStatus:
        return self._ops().apply_update(self._it("settings.admin").username)

    def admin_rollback_update(self) -> UpdateStatus:
        return self._ops().rollback_update(self._it("settings.admin").username)

    def admin_rollback_app(self) -> UpdateStatus:
        return self._ops().rollback_app(self._it("settings.admin").username)

    def admin_verify_audit(self) -> AuditCheck:
        by = self._it("audit.verify")
        with self._opened.unit_of_work() as uow:
            report = uow.audit_trail.verify()
            uow.audit.append("audit.verify", actor=by.username, details={"ok": report.ok})
            uow.commit()
        return AuditCheck(report.ok, report.entries, tuple(f.sentence() for f in report.findings))

    def admin_backup(self, it_password: str, target: str, passphrase: str) -> BackupDone:
        by = self._it("backup")
        accounts.reauthenticate(self._opened.unit_of_work(), by.username, it_password, "backup")
        return self._ops().backup(target, passphrase, by.username)

    def admin_rotate_key(self, it_password: str) -> KeyRotated:
        by = self._it("key.admin")
        accounts.reauthenticate(self._opened.unit_of_work(), by.username, it_password, "key.admin")
        return self._ops().rotate_key(by.username)

    def admin_restore(self, it_password: str, source: str, passphrase: str) -> RestoreDone:
        by = self._it("restore")
        accounts.reauthenticate(self._opened.unit_of_work(), by.username, it_password, "restore")
        done = self._ops().restore(source, passphrase, by.username)
        self.user = None  # this sign-in was checked against the accounts the restore replaced
        return done

    def admin_retention_days(self) -> int:
        self._it("settings.admin")
        with self._opened.read_unit_of_work() as uow:
            return uow.settings.get_int(RETENTION_DAYS)

    def admin_set_retention_days(self, days: int) -> int:
        by = self._it("settings.admin")
        with self._opened.unit_of_work() as uow:
            uow.settings.set_int(RETENTION_DAYS, days)
            uow.audit.append(
                "settings.set", actor=by.username, details={"key": RETENTION_DAYS.key, "value": days}
            )
            uow.commit()
        return days

    def admin_branch(self) -> DeskBranch:
        self._it("settings.admin")
        with self._opened.read_unit_of_work() as uow:
            return DeskBranch.from_setting(uow.settings.get_json(BRANCH_SETTING))

    def admin_set_branch(self, values: Mapping[str, str]) -> DeskBranch:
        by = self._it("settings.admin")
        with self._opened.unit_of_work() as uow:
            return set_branch(uow, values, by=by.username)

    def admin_diagnostics(self, target: str) -> str:
        self._it("settings.admin")
        return self._ops().diagnostics(target)
