"""Who runs a CLI command: the profile it opens and the account it signs in.

Every command that reads or changes personal data signs a user in and checks the role matrix
(app.accounts.roles, on the profile's kind: no personal data for a trainer on the desk profile) before
touching anything; the audit trail records the signed-in name.

    BIZDESK_USER, BIZDESK_USER_PASSWORD   the account, in scripts (otherwise asked on a terminal,
                                          the password hidden)
    BIZDESK_PASSPHRASE                    unlocks the profile where no OS keyring is available
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import typer

from app.cli.context import cli_context
from app.errors import UsageError

if TYPE_CHECKING:
    from app.accounts.roles import Action
    from app.desk.api import UserInfo
    from app.wiring.profile import OpenedProfile

USER_ENV, USER_PASSWORD_ENV = "BIZDESK_USER", "BIZDESK_USER_PASSWORD"
PASSPHRASE_ENV = "BIZDESK_PASSPHRASE"  # noqa: S105 - the variable's name


def interactive() -> bool:
    return sys.stdin.isatty()


def secret(env: str, prompt: str, *, confirm: bool = False, required: bool = True) -> str | None:
    """``env``'s value, else a hidden prompt on a terminal; ``UsageError`` naming ``env`` otherwise."""
    value = os.environ.get(env)
    if value:
        return value
    if not interactive():
        if not required:
            return None
        raise UsageError(
            f"请设置环境变量 {env}，或在终端中运行以输入。", f"Set {env}, or run in a terminal to type it."
        )
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm))


def open_cli_profile(ctx: typer.Context, *, upgrade: bool = True) -> OpenedProfile:
    """The command's profile, unlocked by the keyring, ``BIZDESK_PASSPHRASE`` or a prompt."""
    from app.security.profile_keys import NoWayToUnlock
    from app.wiring.profile import open_profile

    profile = cli_context(ctx).profile
    try:
        return open_profile(profile, upgrade=upgrade)
    except NoWayToUnlock:
        if not interactive():
            raise
        passphrase = secret(PASSPHRASE_ENV, "本机数据口令 (profile passphrase)")
        return open_profile(profile, passphrase=passphrase, upgrade=upgrade)


def sign_in(opened: OpenedProfile, action: Action) -> UserInfo:
    """The account allowed to do ``action``: its password checked (with lockout), then its role."""
    from app.accounts import reauthenticate

    username = os.environ.get(USER_ENV) or (
        str(typer.prompt("用户名 (user name)")) if interactive() else None
    )
    if not username:
        raise UsageError(
            f"此命令需要登录：请设置环境变量 {USER_ENV} 和 {USER_PASSWORD_ENV}，或在终端中运行。",
            f"This command needs a login: set {USER_ENV} and {USER_PASSWORD_ENV}, or run it in a terminal.",
        )
    password = secret(USER_PASSWORD_ENV, f"{username} 的密码 (password)") or ""
    return reauthenticate(opened.store.unit_of_work(), username, password, action, training=opened.training)
