"""IT-configurable settings: a small typed key/value store with known keys, defaults and bounds."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.errors import InputRejected
from app.ports import IDLE_LOCK_SECONDS, RETENTION_DAYS, IntSetting
from app.store.tables_core import SettingRow

__all__ = ["IDLE_LOCK_SECONDS", "INT_SETTINGS", "RETENTION_DAYS", "SettingOutOfRange", "SqlSettings"]

INT_SETTINGS = {s.key: s for s in (IDLE_LOCK_SECONDS, RETENTION_DAYS)}


class SettingOutOfRange(InputRejected):
    code = "setting.out_of_range"


class SqlSettings:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get_int(self, setting: IntSetting) -> int:
        value = self.get_json(setting.key)
        return (
            value
            if isinstance(value, int) and setting.minimum <= value <= setting.maximum
            else setting.default
        )

    def set_int(self, setting: IntSetting, value: int) -> None:
        if not setting.minimum <= value <= setting.maximum:
            raise SettingOutOfRange(
                f"“{setting.label_zh}”须在 {setting.minimum} 到 {setting.maximum} 之间；请重新输入。",
                f"'{setting.key}' must be between {setting.minimum} and {setting.maximum}; enter it again.",
            )
        self.set_json(setting.key, value)

    def get_json(self, key: str) -> Any:
        """The raw JSON value of ``key`` (None if unset): for modules that keep their own settings."""
        row = self._session.get(SettingRow, key)
        return None if row is None else json.loads(row.value)

    def set_json(self, key: str, value: Any) -> None:
        row = self._session.get(SettingRow, key)
        if row is None:
            row = SettingRow(key=key, value="null")
            self._session.add(row)
        row.value = json.dumps(value, ensure_ascii=False)
        self._session.flush()
