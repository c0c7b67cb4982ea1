"""Accounts in the encrypted store (``app.accounts.model.UserStore``)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.accounts.model import Role, UserRecord
from app.store.settings_repo import SqlSettings
from app.store.tables_core import UserRow

UNKNOWN_NAMES_SETTING = "accounts.unknown_name_failures"


def _record(row: UserRow) -> UserRecord:
    return UserRecord(
        username=row.username,
        display_name=row.display_name,
        role=cast(Role, row.role),
        password_hash=row.password_hash,
        failed_attempts=row.failed_attempts,
        locked_until=row.locked_until,
        created_at=row.created_at,
        password_changed_at=row.password_changed_at,
    )


class SqlUserStore:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, username: str) -> UserRecord | None:
        row = self._session.get(UserRow, username)
        return None if row is None else _record(row)

    def add(self, user: UserRecord) -> None:
        row = UserRow(username=user.username)
        self._fill(row, user)
        self._session.add(row)
        self._session.flush()

    def save(self, user: UserRecord) -> None:
        row = self._session.get(UserRow, user.username)
        if row is None:
            raise KeyError(user.username)
        self._fill(row, user)
        self._session.flush()

    @staticmethod
    def _fill(row: UserRow, user: UserRecord) -> None:
        row.display_name = user.display_name
        row.role = user.role
        row.password_hash = user.password_hash
        row.failed_attempts = user.failed_attempts
        row.locked_until = user.locked_until
        row.created_at = user.created_at
        row.password_changed_at = user.password_changed_at

    def all(self) -> list[UserRecord]:
        return [_record(r) for r in self._session.scalars(select(UserRow).order_by(UserRow.username))]

    def count(self, role: Role | None = None) -> int:
        query = select(func.count()).select_from(UserRow)
        if role is not None:
            query = query.where(UserRow.role == role)
        return int(self._session.scalar(query) or 0)

    def unknown_failures(self) -> dict[str, Any]:
        found = SqlSettings(self._session).get_json(UNKNOWN_NAMES_SETTING)
        return dict(found) if isinstance(found, dict) else {}

    def save_unknown_failures(self, counts: dict[str, Any]) -> None:
        SqlSettings(self._session).set_json(UNKNOWN_NAMES_SETTING, counts)
