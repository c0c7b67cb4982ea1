"""An in-memory unit of work for account intents, with a clock the test moves (users: tests.fakes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import TracebackType
from typing import Any, Self

from app.accounts.model import UserRecord
from tests.fakes import FakeUsers


class MemoryAudit:
    def __init__(self) -> None:
        self.entries: list[tuple[str, str | None, str | None, dict[str, Any]]] = []

    def append(
        self,
        action: str,
        *,
        actor: str | None,
        subject: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        self.entries.append((action, actor, subject, dict(details or {})))

    def actions(self) -> list[str]:
        return [entry[0] for entry in self.entries]


class AccountsUow:
    """Commits are real (a snapshot is restored on rollback), like the SQL unit of work."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.user_rows: dict[str, UserRecord] = {}
        self.users = FakeUsers(self.user_rows)  # the one users fake (tests/fakes.py)
        self.audit = MemoryAudit()
        self.commits = 0
        self._saved: tuple[dict[str, UserRecord], int] = ({}, 0)

    def clock(self) -> dt.datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)

    def __enter__(self) -> Self:
        self._saved = (dict(self.user_rows), len(self.audit.entries))
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        rows, count = self._saved
        self.user_rows.clear()
        self.user_rows.update(rows)
        del self.audit.entries[count:]

    def commit(self) -> None:
        self._saved = (dict(self.user_rows), len(self.audit.entries))
        self.commits += 1
