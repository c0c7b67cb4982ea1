"""Who may do what: the role/action matrix (tested exhaustively in tests/unit/accounts).

Clerks do case work (``case.view`` reads cases: lists, details); trainers do case work in
training, seed and manage the training profile; IT administers accounts, keys, settings,
backups and the audit trail but does no case work (separation of duties: IT never needs to
read a founder's ID card).
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
]

ACTIONS: tuple[Action, ...] = get_args(Action)  # every action, in declaration order

_CASE_WORK: frozenset[Action] = frozenset(
    {"case.view", "case.create", "case.edit", "case.submit", "case.print"}
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    "clerk": _CASE_WORK | {"case.export", "sync.run"},
    "trainer": _CASE_WORK | {"sync.run", "seed", "training.manage"},
    "it": frozenset(
        {"user.admin", "key.admin", "settings.admin", "audit.verify", "backup", "restore", "sync.run", "seed"}
    ),
}

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
