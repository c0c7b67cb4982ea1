"""Account intents: first IT account, log in (with lockout), re-authenticate, add, unlock, passwd.

Each function owns its transaction (``with uow: ... uow.commit()``) except
``add_training_accounts``, which joins the caller's. A refused login is committed
before the refusal is raised: the failure count and the lock survive restarts.

The training profile has ready-made accounts, all with the public password
``peixun2026``: ``trainer`` (trainer), ``clerk`` (clerk), ``itadmin`` (IT). They exist
only in the training profile, whose data is fictitious and never reaches the real
platform; the training login screen shows them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Protocol, Self

from app.accounts.disabling import enabled, is_disabled
from app.accounts.model import ROLES, Role, TrainingAccount, UserInfo, UserRecord, UserStore
from app.accounts.passwords import (
    FAILURES_BEFORE_LOCK,
    check_rules,
    hash_password,
    lock_seconds,
    remaining_seconds,
    verify_password,
)
from app.accounts.roles import Action, require, require_on
from app.accounts.unknown_names import UnknownNames
from app.errors import AuthError, InputRejected, NotFound
from app.ports import AuditSink

TRAINING_PASSWORD = "peixun2026"  # noqa: S105 - public by design, see the module docstring
TRAINING_ACCOUNTS = (
    TrainingAccount("trainer", TRAINING_PASSWORD, "trainer"),
    TrainingAccount("clerk", TRAINING_PASSWORD, "clerk"),
    TrainingAccount("itadmin", TRAINING_PASSWORD, "it"),
)
_TRAINING_NAMES: dict[str, str] = {
    "trainer": "培训员（示例）",
    "clerk": "窗口人员（示例）",
    "itadmin": "IT管理员（示例）",
}
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")
UNKNOWN_NAMES = UnknownNames()  # failures under names with no account, kept in the store (hashed)
_DUMMY_HASH = (
    "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
)


class AccountsUnitOfWork(Protocol):
    """What account intents need of a unit of work (``app.unit_of_work.UnitOfWork`` has it)."""

    @property
    def users(self) -> UserStore: ...

    @property
    def audit(self) -> AuditSink: ...

    @property
    def clock(self) -> Callable[[], dt.datetime]: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    def commit(self) -> None: ...


@dataclass(frozen=True)
class UserSummary:
    username: str
    display_name: str
    role: Role
    locked_seconds: int
    failed_attempts: int


class LoginRefused(AuthError):
    code = "auth.login"

    def __init__(self, message_zh: str, message_en: str, retry_after_seconds: int | None = None) -> None:
        super().__init__(message_zh, message_en, data={"retry_after_seconds": retry_after_seconds})
        self.retry_after_seconds = retry_after_seconds


def _locked(seconds: int) -> LoginRefused:
    return LoginRefused(
        f"账户已被暂时锁定，请{seconds}秒后重试，或请IT管理员解锁。",
        f"The account is locked for now; try again in {seconds} s or ask IT to unlock it.",
        retry_after_seconds=seconds,
    )


def _wrong() -> LoginRefused:
    """The same words for an unknown name and a wrong password: names cannot be discovered."""
    return LoginRefused(
        f"用户名或密码不正确，请重新输入；连续输错{FAILURES_BEFORE_LOCK}次账户将被暂时锁定。",
        f"Wrong user name or password; enter them again. {FAILURES_BEFORE_LOCK} failures in a row lock "
        "the account for a while.",
    )


def _new_record(username: str, display_name: str, role: Role, password: str, now: dt.datetime) -> UserRecord:
    if not _USERNAME.match(username):
        raise InputRejected(
            "用户名须以小写字母开头，由2到32个小写字母、数字或 . _ - 组成；请重新输入。",
            "A user name starts with a lower-case letter and has 2-32 of a-z, 0-9, '.', '_', '-'.",
        )
    if role not in ROLES:
        raise InputRejected(
            "角色须为 clerk（窗口人员）、trainer（培训员）或 it（IT管理员）。",
            "The role must be clerk, trainer or it.",
        )
    check_rules(password, username)
    name = display_name.strip() or username
    return UserRecord(username, name, role, hash_password(password), 0, None, now, now)


def needs_first_it_account(uow: AccountsUnitOfWork) -> bool:
    with uow:
        return uow.users.count("it") == 0


def create_first_it_account(
    uow: AccountsUnitOfWork, username: str, display_name: str, password: str
) -> UserInfo:
    """The set-up step of a new profile; refused once any IT account exists."""
    with uow:
        if uow.users.count("it") > 0:
            raise AuthError(
                "本机已有IT管理员账户；请用该账户登录后再添加账户。",
                "This desk already has an IT account; log in with it to add accounts.",
            )
        record = _new_record(username, display_name, "it", password, uow.clock())
        uow.users.add(record)
        uow.audit.append("user.add", actor=None, subject=username, details={"role": "it", "first": True})
        uow.commit()
        return record.info()


def add_training_accounts(uow: AccountsUnitOfWork) -> None:
    """In the caller's transaction: the training profile's ready-made accounts."""
    now = uow.clock()
    for account in TRAINING_ACCOUNTS:
        if uow.users.get(account.username) is None:
            name = _TRAINING_NAMES[account.username]
            uow.users.add(
                UserRecord(
                    account.username, name, account.role, hash_password(account.password), 0, None, now, now
                )
            )
            uow.audit.append(
                "user.add",
                actor=None,
                subject=account.username,
                details={"role": account.role, "training": True},
            )


create_training_accounts = add_training_accounts


def login(uow: AccountsUnitOfWork, username: str, password: str) -> UserInfo:
    """The user, or ``LoginRefused`` (wrong password, or locked with the seconds to wait)."""
    with uow:
        now = uow.clock()
        user = uow.users.get(username.strip())
        if user is None:  # answered as a real account would be, wrong password and lock alike
            waiting = UNKNOWN_NAMES.waiting(uow.users, username, now)
            if not waiting:
                verify_password(password, _DUMMY_HASH)  # same time as a real check: names stay secret
            uow.audit.append("login.failed", actor=None, details={"reason": "unknown_user"})
            seconds = waiting or UNKNOWN_NAMES.fail(uow.users, username, now)
            uow.commit()  # the count, like an account's, survives this process
            raise _locked(seconds) if seconds else _wrong()
        waiting = remaining_seconds(user.locked_until, now)
        if waiting:
            uow.audit.append("login.refused_locked", actor=user.username, details={"seconds": waiting})
            uow.commit()
            raise _locked(waiting)
        if verify_password(password, enabled(user).password_hash):  # a disabled hash is kept, prefixed
            if is_disabled(user):  # said only to who knows the password: a guess learns nothing
                uow.audit.append("login.refused_disabled", actor=user.username)
                uow.commit()
                raise LoginRefused(
                    "该账户已停用；如需使用，请IT管理员启用。",
                    "This account is disabled; ask IT to enable it.",
                )
            uow.users.save(replace(user, failed_attempts=0, locked_until=None))
            uow.audit.append("login.ok", actor=user.username)
            uow.commit()
            return user.info()
        refusal = _record_failure(uow, user, now)
        uow.commit()
        raise refusal


def _record_failure(uow: AccountsUnitOfWork, user: UserRecord, now: dt.datetime) -> LoginRefused:
    failures = user.failed_attempts + 1
    seconds = lock_seconds(failures)
    until = now + dt.timedelta(seconds=seconds) if seconds else None
    uow.users.save(replace(user, failed_attempts=failures, locked_until=until))
    uow.audit.append("login.failed", actor=user.username, details={"failures": failures})
    if seconds:
        uow.audit.append(
            "user.locked", actor=user.username, details={"seconds": seconds, "failures": failures}
        )
        return _locked(seconds)
    return _wrong()


def reauthenticate(
    uow: AccountsUnitOfWork, username: str, password: str, action: Action, *, training: bool | None = None
) -> UserInfo:
    """Ask again before export, backup and restore: the password, then the permission; with the
    profile's kind (``training``) also what a trainer may not do on the desk profile (roles.permitted)."""
    user = login(uow, username, password)
    if training is None:
        require(user.role, action)
    else:
        require_on(user.role, action, training=training)
    with uow:
        uow.audit.append("reauth.ok", actor=user.username, details={"action": action})
        uow.commit()
    return user


def add_user(
    uow: AccountsUnitOfWork, *, by: UserInfo, username: str, display_name: str, role: Role, password: str
) -> UserInfo:
    require(by.role, "user.admin")
    return _add_account(uow, by, username, display_name, role, password)


def add_trainee(
    uow: AccountsUnitOfWork, *, training: bool, by: UserInfo, username: str, display_name: str, password: str
) -> UserInfo:
    """A trainer adds a trainee (a clerk account) to the training profile; refused on a real desk."""
    if not training:
        raise AuthError(
            "学员账户只能在培训环境中创建；正式环境的账户由IT管理员在“系统管理”中添加。",
            "Trainee accounts exist in the training profile only; on a real desk IT adds accounts.",
            code="training.only",
        )
    require(by.role, "training.manage")
    return _add_account(uow, by, username, display_name, "clerk", password)


def _add_account(
    uow: AccountsUnitOfWork, by: UserInfo, username: str, display_name: str, role: Role, password: str
) -> UserInfo:
    with uow:
        if uow.users.get(username) is not None:
            raise InputRejected(
                f"用户名 {username} 已存在；请换一个用户名。", f"User {username} exists; pick another name."
            )
        record = _new_record(username, display_name, role, password, uow.clock())
        uow.users.add(record)
        uow.audit.append("user.add", actor=by.username, subject=username, details={"role": role})
        uow.commit()
        return record.info()


def _existing(uow: AccountsUnitOfWork, username: str) -> UserRecord:
    user = uow.users.get(username)
    if user is None:
        raise NotFound(
            f"没有用户 {username}；请用 bizdesk user list 核对。",
            f"No user {username}; check bizdesk user list.",
        )
    return user


def list_users(uow: AccountsUnitOfWork, *, by: UserInfo) -> list[UserSummary]:
    require(by.role, "user.admin")
    with uow:
        now = uow.clock()
        return [
            UserSummary(
                u.username, u.display_name, u.role, remaining_seconds(u.locked_until, now), u.failed_attempts
            )
            for u in uow.users.all()
        ]


def unlock_user(uow: AccountsUnitOfWork, *, by: UserInfo, username: str) -> None:
    require(by.role, "user.admin")
    with uow:
        user = _existing(uow, username)
        uow.users.save(replace(user, failed_attempts=0, locked_until=None))
        uow.audit.append(
            "user.unlock", actor=by.username, subject=username, details={"failures": user.failed_attempts}
        )
        uow.commit()


def set_password(uow: AccountsUnitOfWork, *, by: UserInfo, username: str, new_password: str) -> None:
    """IT sets anyone's password; every user may set their own (after logging in)."""
    if by.username != username:
        require(by.role, "user.admin")
    check_rules(new_password, username)
    with uow:
        user = _existing(uow, username)
        now = uow.clock()
        uow.users.save(replace(user, password_hash=hash_password(new_password), password_changed_at=now))
        uow.audit.append("user.passwd", actor=by.username, subject=username)
        uow.commit()
