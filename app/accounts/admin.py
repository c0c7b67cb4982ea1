"""IT's account intents beyond those in ``service``: disable and enable an account, list disabled ones.

IT may not disable its own account, nor the last enabled IT account (nobody could administer the
desk any more). Each function owns its transaction and audits.
"""

from __future__ import annotations

from app.accounts.disabling import disabled, enabled, is_disabled
from app.accounts.model import UserInfo, UserRecord
from app.accounts.roles import require
from app.accounts.service import AccountsUnitOfWork
from app.errors import InputRejected, NotFound


def _user(uow: AccountsUnitOfWork, username: str) -> UserRecord:
    found = uow.users.get(username)
    if found is None:
        raise NotFound(f"没有用户 {username}。", f"No user {username}.")
    return found


def disable_user(uow: AccountsUnitOfWork, *, by: UserInfo, username: str) -> None:
    require(by.role, "user.admin")
    if username == by.username:
        raise InputRejected("不能停用自己正在使用的账户。", "You cannot disable the account you are using.")
    with uow:
        user = _user(uow, username)
        others = [
            u for u in uow.users.all() if u.role == "it" and not is_disabled(u) and u.username != username
        ]
        if user.role == "it" and not others:
            raise InputRejected(
                "这是最后一个可用的IT账户，不能停用。",
                "This is the last enabled IT account; it cannot be disabled.",
            )
        uow.users.save(disabled(user))
        uow.audit.append("user.disable", actor=by.username, subject=username)
        uow.commit()


def enable_user(uow: AccountsUnitOfWork, *, by: UserInfo, username: str) -> None:
    require(by.role, "user.admin")
    with uow:
        uow.users.save(enabled(_user(uow, username)))
        uow.audit.append("user.enable", actor=by.username, subject=username)
        uow.commit()


def disabled_usernames(uow: AccountsUnitOfWork, *, by: UserInfo) -> set[str]:
    require(by.role, "user.admin")
    with uow:
        return {u.username for u in uow.users.all() if is_disabled(u)}
