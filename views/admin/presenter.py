"""The 系统管理 presenter: who may open it, what each panel says, what each button does.

Every method returns texts in the current language (``Outcome`` for an action); the panels
only draw them. Errors from the core come back worded by ``describe`` (``views.session.attempt``),
so a refused action is a line on the panel, never an exception in the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from app.accounts.model import Role
from app.clock import desk_time
from app.desk.admin_api import AdminUser, DeviceFacts
from app.updates.service import UpdateStatus
from views.i18n import duration_text
from views.session import RESTORED, DeskSession, attempt

T = TypeVar("T")
ROLES: tuple[Role, ...] = ("clerk", "trainer", "it")


@dataclass(frozen=True)
class Outcome:
    ok: bool
    text: str


@dataclass(frozen=True)
class UserLine:
    username: str
    text: str
    locked: bool
    disabled: bool = False


class AdminPresenter:
    def __init__(self, session: DeskSession) -> None:
        self.session = session

    @property
    def allowed(self) -> bool:
        """Only an IT account opens 系统管理 (the core refuses the others as well)."""
        user = self.session.user
        return user is not None and user.role == "it"

    def _t(self, key: str, **values: object) -> str:
        return self.session.texts.t(key, **values)

    def _act(self, call: Callable[[], T], success: Callable[[T], str]) -> Outcome:
        self.session.idle.touch()
        result, failure = attempt(call)
        if failure is not None:
            return Outcome(False, failure.text(self.session.texts))
        return Outcome(True, success(result))  # type: ignore[arg-type]  # no failure: the call returned

    def _read(self, call: Callable[[], T]) -> tuple[T | None, str | None]:
        result, failure = attempt(call)
        return result, failure.text(self.session.texts) if failure else None

    # users and roles
    def users(self) -> tuple[list[UserLine], str | None]:
        found, failure = self._read(self.session.desk.admin_users)
        return [self._user_line(user) for user in found or []], failure

    def _user_line(self, user: AdminUser) -> UserLine:
        if user.disabled:
            state = self._t("admin.users.state_disabled")
        elif user.locked_seconds:
            state = self._t(
                "admin.users.state_locked", wait=duration_text(user.locked_seconds, self.session.texts)
            )
        elif user.failed_attempts:
            state = self._t("admin.users.state_failures", count=user.failed_attempts)
        else:
            state = self._t("admin.users.state_ok")
        text = self._t(
            "admin.users.line",
            name=user.display_name,
            username=user.username,
            role=self._t(f"role.{user.role}"),
            state=state,
        )
        return UserLine(user.username, text, locked=user.locked_seconds > 0, disabled=user.disabled)

    def role_names(self) -> list[tuple[Role, str]]:
        return [(role, self._t(f"role.{role}")) for role in ROLES]

    def add_user(self, username: str, display_name: str, role: Role, password: str) -> Outcome:
        username, display_name = username.strip(), display_name.strip()
        if not (username and display_name and password):
            return Outcome(False, self._t("admin.users.missing"))
        return self._act(
            lambda: self.session.desk.admin_add_user(username, display_name, role, password),
            lambda _: self._t("admin.users.added", username=username),
        )

    def unlock(self, username: str) -> Outcome:
        return self._act(
            lambda: self.session.desk.admin_unlock_user(username),
            lambda _: self._t("admin.users.unlocked", username=username),
        )

    def disable(self, username: str) -> Outcome:
        return self._act(
            lambda: self.session.desk.admin_disable_user(username),
            lambda _: self._t("admin.users.disabled", username=username),
        )

    def enable(self, username: str) -> Outcome:
        return self._act(
            lambda: self.session.desk.admin_enable_user(username),
            lambda _: self._t("admin.users.enabled", username=username),
        )

    def reset_password(self, username: str, new_password: str) -> Outcome:
        if not new_password:
            return Outcome(False, self._t("admin.users.reset_missing"))
        return self._act(
            lambda: self.session.desk.admin_reset_password(username, new_password),
            lambda _: self._t("admin.users.reset_done", username=username),
        )

    # device, platform address, pinned CA
    def device_lines(self) -> tuple[list[str], str | None]:
        facts, failure = self._read(self.session.desk.admin_device)
        return (self._device_lines(facts) if facts else []), failure

    def _device_lines(self, facts: DeviceFacts) -> list[str]:
        lines = [self._t("admin.device.id", device=facts.device_id)]
        if facts.enrolled:
            lines.append(self._t("admin.device.enrolled", url=facts.platform_url, mode=facts.mode))
            if facts.enrolled_at:
                lines.append(self._t("admin.device.enrolled_at", when=_when(facts.enrolled_at)))
        else:
            lines.append(self._t("admin.device.not_enrolled"))
        if facts.pinned_ca:
            lines.append(
                self._t("admin.device.ca_pinned", path=facts.pinned_ca, fingerprint=facts.ca_fingerprint)
            )
        else:
            lines.append(self._t("admin.device.ca_system"))
        return lines

    def enroll(self, payload: str) -> Outcome:
        if not payload.strip():
            return Outcome(False, self._t("admin.device.qr_missing"))
        return self._act(
            lambda: self.session.desk.admin_enroll_qr(payload.strip()),
            lambda facts: self._t("admin.device.enrolled_now", url=facts.platform_url),
        )

    # updates
    def update_lines(self) -> tuple[list[str], str | None]:
        status, failure = self._read(self.session.desk.admin_updates)
        return (self._update_lines(status) if status else []), failure

    def _update_lines(self, status: UpdateStatus) -> list[str]:
        source = self._t(f"admin.updates.source.{status.pack_source}")
        lines = [
            self._t("admin.updates.running", pack=status.pack_version, source=source, app=status.app_version)
        ]
        if status.previous_version:
            lines.append(self._t("admin.updates.previous", version=status.previous_version))
        if status.pending_version:
            pending = self._t("admin.updates.pending", version=status.pending_version)
            if status.pending_overdue:
                pending += " · " + self._t("admin.updates.overdue")
            elif status.pending_deadline:
                pending += " · " + self._t("admin.updates.deadline", when=_when(status.pending_deadline))
            lines.append(pending)
        else:
            lines.append(self._t("admin.updates.none_pending"))
        lines += self._app_lines(status)
        zh = self.session.language == "zh"
        for refused in (
            (status.refused_zh, status.app_refused_zh) if zh else (status.refused_en, status.app_refused_en)
        ):
            if refused:
                lines.append(self._t("admin.updates.refused", reason=refused))
        return lines

    def _app_lines(self, status: UpdateStatus) -> list[str]:
        lines = []
        if status.app_offered:
            offered = self._t("admin.updates.app_offered", version=status.app_offered)
            lines.append(
                offered
                + " · "
                + self._t(
                    "admin.updates.app_staged" if status.app_staged else "admin.updates.app_downloading"
                )
            )
        if status.app_update_required:
            lines.append(self._t("admin.updates.app_required"))
        if status.app_restart_needed:
            lines.append(self._t("admin.updates.app_installed", version=status.app_installed))
        if status.app_previous:
            lines.append(self._t("admin.updates.app_previous", version=status.app_previous))
        return lines

    def check_updates(self) -> Outcome:
        return self._act(self.session.desk.admin_check_updates, lambda _: self._t("admin.updates.done"))

    def apply_update(self) -> Outcome:
        return self._act(
            self.session.desk.admin_apply_update,
            lambda status: self._t(
                "admin.updates.restart" if status.app_restart_needed else "admin.updates.done"
            ),
        )

    def rollback_update(self) -> Outcome:
        return self._act(self.session.desk.admin_rollback_update, lambda _: self._t("admin.updates.done"))

    def rollback_app(self) -> Outcome:
        return self._act(self.session.desk.admin_rollback_app, lambda _: self._t("admin.updates.restart"))

    # backups and retention
    def backup(self, it_password: str, target: str, passphrase: str) -> Outcome:
        if not (it_password and target.strip() and passphrase):
            return Outcome(False, self._t("admin.backup.missing"))
        return self._act(
            lambda: self.session.desk.admin_backup(it_password, target.strip(), passphrase),
            lambda done: self._t(
                "admin.backup.done",
                cases=done.cases,
                attachments=done.attachments,
                path=done.path,
                size=_size(done.bytes_written),
            ),
        )

    def rotate_key(self, it_password: str) -> Outcome:
        """Rotate the data key after the IT password; slow on a big desk (run it off the page)."""
        if not it_password:
            return Outcome(False, self._t("admin.rekey.missing"))
        return self._act(
            lambda: self.session.desk.admin_rotate_key(it_password),
            lambda done: self._t("admin.rekey.done", version=done.key_version),
        )

    def restore(self, it_password: str, source: str, passphrase: str, *, confirmed: bool) -> Outcome:
        """Replace this desk's data with a backup, once the replacement is confirmed; slow (run it off
        the page). On success the page is signed out: ``signed_out`` tells the panel to show the login,
        which carries the notice that the data was restored."""
        problem = self.restore_problem(it_password, source, passphrase, confirmed=confirmed)
        if problem is not None:
            return problem
        outcome = self._act(
            lambda: self.session.desk.admin_restore(it_password, source.strip(), passphrase),
            lambda done: self._t("admin.restore.done", cases=done.cases, kept=done.kept_old_profile or "-"),
        )
        if outcome.ok:
            self.session.sign_out(notice=RESTORED)
        return outcome

    def restore_problem(
        self, it_password: str, source: str, passphrase: str, *, confirmed: bool
    ) -> Outcome | None:
        """What the form lacks before a restore may start (None: complete and confirmed)."""
        if not (it_password and source.strip() and passphrase):
            return Outcome(False, self._t("admin.restore.missing"))
        if not confirmed:
            return Outcome(False, self._t("admin.restore.confirm_needed"))
        return None

    @property
    def signed_out(self) -> bool:
        return self.session.screen != "shell"

    def retention_line(self) -> tuple[str | None, str | None]:
        days, failure = self._read(self.session.desk.admin_retention_days)
        return (self._t("admin.retention.current", days=days) if days is not None else None), failure

    def set_retention(self, text: str) -> Outcome:
        try:
            days = int(text.strip())
        except ValueError:
            return Outcome(False, self._t("admin.retention.not_number"))
        return self._act(
            lambda: self.session.desk.admin_set_retention_days(days),
            lambda saved: self._t("admin.retention.saved", days=saved),
        )

    # the desk's branch (本网点信息), printed on the receipt
    def branch_values(self) -> tuple[dict[str, str], str | None]:
        branch, failure = self._read(self.session.desk.admin_branch)
        return (branch.as_setting() if branch is not None else {}), failure

    def save_branch(self, values: Mapping[str, str]) -> Outcome:
        return self._act(
            lambda: self.session.desk.admin_set_branch(dict(values)),
            lambda saved: self._t("admin.branch.saved", name=saved.branch_name or "—"),
        )

    def diagnostics(self, target: str) -> Outcome:
        if not target.strip():
            return Outcome(False, self._t("admin.diagnostics.missing"))
        return self._act(
            lambda: self.session.desk.admin_diagnostics(target.strip()),
            lambda path: self._t("admin.diagnostics.done", path=path),
        )

    # audit
    def verify_audit(self) -> Outcome:
        check, failure = self._read(self.session.desk.admin_verify_audit)
        if check is None:
            return Outcome(False, failure or "")
        if check.ok:
            return Outcome(True, self._t("admin.audit.ok", entries=check.entries))
        return Outcome(
            False, self._t("admin.audit.bad", entries=check.entries, findings="；".join(check.findings))
        )


def _size(count: int) -> str:
    return f"{count / 1_048_576:.1f} MB" if count >= 1_048_576 else f"{count / 1024:.0f} KB"


def _when(moment: dt.datetime) -> str:
    return f"{desk_time(moment):%Y-%m-%d %H:%M}"
