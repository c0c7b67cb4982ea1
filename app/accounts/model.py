"""Accounts as plain data, and the storage they need (a Protocol the store implements).

The accounts own ``Role`` and ``UserInfo``; the desk's UI contract (``app.desk.api``) re-exports them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal, Protocol

Role = Literal["clerk", "trainer", "it"]

ROLES: tuple[Role, ...] = ("clerk", "trainer", "it")


@dataclass(frozen=True)
class UserInfo:
    """Who is signed in, as the UI shows it."""

    username: str
    display_name: str
    role: Role


@dataclass(frozen=True)
class TrainingAccount:
    """A training-profile account shown on the training login screen (fictitious, never on a real desk)."""

    username: str
    password: str
    role: Role


@dataclass(frozen=True)
class UserRecord:
    username: str
    display_name: str
    role: Role
    password_hash: str  # Argon2id PHC string
    failed_attempts: int
    locked_until: dt.datetime | None
    created_at: dt.datetime
    password_changed_at: dt.datetime

    def info(self) -> UserInfo:
        return UserInfo(self.username, self.display_name, self.role)


class UserStore(Protocol):
    def get(self, username: str) -> UserRecord | None: ...

    def add(self, user: UserRecord) -> None: ...

    def save(self, user: UserRecord) -> None:
        """Overwrite the stored record of ``user.username``."""

    def all(self) -> list[UserRecord]: ...

    def count(self, role: Role | None = None) -> int: ...

    def unknown_failures(self) -> dict[str, Any]:
        """Failed sign-ins under names with no account: hash of the name -> [failures, locked until
        (ISO 8601) or None], oldest first (``app.accounts.unknown_names``)."""

    def save_unknown_failures(self, counts: dict[str, Any]) -> None: ...
