"""Clerk, trainer and IT accounts: roles and permissions, passwords, lockout, account intents.

Public API: ``can``/``require`` and ``ACTIONS`` (roles.py); ``login``, ``reauthenticate``,
``add_user``, ``list_users``, ``unlock_user``, ``set_password``, ``needs_first_it_account``,
``create_first_it_account`` (service.py); ``TRAINING_ACCOUNTS``.
"""

from app.accounts.roles import ACTIONS, PERMISSIONS, Action, PermissionDenied, can, require
from app.accounts.service import (
    TRAINING_ACCOUNTS,
    LoginRefused,
    UserSummary,
    add_user,
    create_first_it_account,
    list_users,
    login,
    needs_first_it_account,
    reauthenticate,
    set_password,
    unlock_user,
)

__all__ = [
    "ACTIONS",
    "PERMISSIONS",
    "TRAINING_ACCOUNTS",
    "Action",
    "LoginRefused",
    "PermissionDenied",
    "UserSummary",
    "add_user",
    "can",
    "create_first_it_account",
    "list_users",
    "login",
    "needs_first_it_account",
    "reauthenticate",
    "require",
    "set_password",
    "unlock_user",
]
