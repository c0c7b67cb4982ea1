"""The 系统管理 area's own use cases over the unit-of-work port: the account list, the audit trail's
check, the retention period, the branch as IT set it. The rest of 系统管理 is ``app.accounts`` and
``app.services.branch`` intents and the composition root's ``DeskOperations``; who may do what is the
caller's check (``app.desk.local.LocalDesk``)."""

from __future__ import annotations

from app.accounts import admin as account_admin
from app.accounts import service as accounts
from app.accounts.model import UserInfo
from app.desk.admin_api import AdminUser, AuditCheck
from app.ports import RETENTION_DAYS
from app.services.branch import BRANCH_SETTING, DeskBranch
from app.unit_of_work import UnitOfWork, UnitsOfWork


def admin_users(units: UnitsOfWork, *, by: UserInfo) -> list[AdminUser]:
    """Every account, by role and name, with its lock and whether it is disabled."""
    found = accounts.list_users(units.unit_of_work(), by=by)
    off = account_admin.disabled_usernames(units.unit_of_work(), by=by)
    return [
        AdminUser(u.username, u.display_name, u.role, u.locked_seconds, u.failed_attempts, u.username in off)
        for u in sorted(found, key=lambda u: (u.role, u.username))
    ]


def verify_trail(uow: UnitOfWork, *, by: str) -> AuditCheck:
    """The hash chain against its signed head, the check itself audited."""
    report = uow.audit_trail.verify()
    uow.audit.append("audit.verify", actor=by, details={"ok": report.ok})
    uow.commit()
    return AuditCheck(report.ok, report.entries, tuple(f.sentence() for f in report.findings))


def set_retention_days(uow: UnitOfWork, days: int, *, by: str) -> int:
    """Days a completed case is kept; refused outside the allowed range (nothing changes)."""
    uow.settings.set_int(RETENTION_DAYS, days)
    uow.audit.append("settings.set", actor=by, details={"key": RETENTION_DAYS.key, "value": days})
    uow.commit()
    return days


def branch_as_set(uow: UnitOfWork) -> DeskBranch:
    """This desk's branch as IT set it (本网点信息), without the training defaults."""
    return DeskBranch.from_setting(uow.settings.get_json(BRANCH_SETTING))
