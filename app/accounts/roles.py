"""Who may do what: the role/action matrix (tested exhaustively in tests/unit/accounts).

Clerks do case work (``case.view`` reads cases: lists, details); trainers do case work in
training, seed and manage the training profile; IT administers accounts, keys, settings,
backups and the audit trail but does no case work (separation of duties: IT never needs to
read a founder's ID card).

On the desk profile a trainer sees nothing personal: trainers work in training, so the case work,
export and sync that the matrix grants them hold on the training profile only (``permitted``; the
desk's callers say which profile they run on). What a trainer may do on the desk profile is what
needs no personal data: sign in, ``update status``, the 培训 area's own pages of the training profile.
"""

from __future__ import annotations

from typing import Literal, get_args

from app.accounts.model import Role
from app.errors import AuthError

Action = Literal[
    "case.view",
    "case.create",
    "case.edit",
    "case.submit",
    "case.print",
    "case.export",
    "sync.run",
    "user.admin",
    "key.admin",
    "settings.admin",
    "audit.verify",
    "backup",
    "restore",
    "seed",
    "training.manage",
    "device.enroll",
    "fleet.view",
    "diagnostics",
    "db.inspect",
]

ACTIONS: tuple[Action, ...] = get_args(Action)  # every action, in declaration order

_CASE_WORK: frozenset[Action] = frozenset(
    {"case.view", "case.create", "case.edit", "case.submit", "case.print"}
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    # checking the database (``db check``, ``db status``) reads no case: every role may, signed in
    "clerk": _CASE_WORK | {"case.export", "sync.run", "db.inspect"},
    "trainer": _CASE_WORK | {"sync.run", "seed", "training.manage", "db.inspect"},
    "it": frozenset(
        {
            "user.admin",
            "key.admin",
            "settings.admin",
            "audit.verify",
            "backup",
            "restore",
            "sync.run",
            "seed",
            "device.enroll",
            "fleet.view",
            "diagnostics",
            "db.inspect",
        }
    ),
}
# What a trainer may not do on the desk profile: everything that shows or sends a real founder's data.
PERSONAL: frozenset[Action] = _CASE_WORK | {"case.export", "sync.run"}

ROLE_NAMES_ZH: dict[Role, str] = {"clerk": "窗口人员", "trainer": "培训员", "it": "IT管理员"}


class PermissionDenied(AuthError):
    code = "auth.permission"

    def __init__(self, role: str, action: str) -> None:
        name = ROLE_NAMES_ZH.get(role, role)  # type: ignore[call-overload]
        super().__init__(
            f"{name}账户无权执行“{action}”；请换用有权限的账户登录。",
            f"A {role} account may not do '{action}'; log in with an account that may.",
            data={"role": role, "action": action},
        )


def can(role: str, action: str) -> bool:
    """True when ``role`` may perform ``action``; unknown roles and actions may do nothing."""
    return action in PERMISSIONS.get(role, frozenset())  # type: ignore[call-overload]


def require(role: str, action: str) -> None:
    if not can(role, action):
        raise PermissionDenied(role, action)


class TrainerOnDesk(PermissionDenied):
    code = "auth.trainer_on_desk"

    def __init__(self, action: str) -> None:
        super(PermissionDenied, self).__init__(
            f"培训员账户在正式模式下不能查看或发送真实案卷（“{action}”）；"
            "培训请用培训模式（bizdesk --training），办理真实业务请用窗口人员账户登录。",
            f"A trainer account may not see or send real cases on the desk profile ('{action}'); "
            "train on the training profile (bizdesk --training), or log in as a clerk for real cases.",
            data={"role": "trainer", "action": action},
        )


def permitted(role: str, action: str, *, training: bool) -> bool:
    """``can``, and on the desk profile (``training`` False) no personal data for a trainer."""
    return can(role, action) and not (role == "trainer" and not training and action in PERSONAL)


def require_on(role: str, action: str, *, training: bool) -> None:
    """``require`` on a profile of this kind (see ``permitted``)."""
    require(role, action)
    if not permitted(role, action, training=training):
        raise TrainerOnDesk(action)
