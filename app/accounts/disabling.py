"""Disabled accounts: IT can stop an account without deleting it (its audit history keeps its name).

A disabled account's stored password hash carries ``DISABLED_PREFIX`` in front: no password
matches it, ``login`` refuses it with its own message, and enabling strips the prefix, so the
person's password works again. No schema change is needed.
"""

from __future__ import annotations

from dataclasses import replace

from app.accounts.model import UserRecord

DISABLED_PREFIX = "!disabled!"


def is_disabled(user: UserRecord) -> bool:
    return user.password_hash.startswith(DISABLED_PREFIX)


def disabled(user: UserRecord) -> UserRecord:
    return user if is_disabled(user) else replace(user, password_hash=DISABLED_PREFIX + user.password_hash)


def enabled(user: UserRecord) -> UserRecord:
    return replace(
        user,
        password_hash=user.password_hash.removeprefix(DISABLED_PREFIX),
        failed_attempts=0,
        locked_until=None,
    )
