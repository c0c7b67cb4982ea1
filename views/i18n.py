"""UI strings: zh-CN by default, English switchable.

The texts live in ``assets/strings/<lang>.json`` (the shell) and one file per area beside
it, ``assets/strings/<lang>.<area>.json`` (e.g. ``zh-CN.desk.json``), merged into one table; a key
defined in two files is refused. Both languages have the same keys, checked by a test.
Error texts do not live here: they come from
``app.errors.describe`` (or a ``LoginResult.message``) as a ``UserMessage`` and are
only picked in the current language by ``message_text``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from app.errors import UserMessage

DEFAULT_LANGUAGE = "zh"
# UI language code -> strings file stem
LANGUAGES: Mapping[str, str] = {"zh": "zh-CN", "en": "en"}
STRINGS_DIR = Path(__file__).resolve().parent.parent / "assets" / "strings"


@dataclass(frozen=True)
class Strings:
    """One language's string table."""

    language: str
    table: Mapping[str, str]

    def t(self, key: str, **values: object) -> str:
        """The text for ``key``, with ``{name}`` placeholders filled from ``values``."""
        template = self.table[key]
        return template.format(**values) if values else template


def normalize_language(language: str | None) -> str:
    """``zh``, ``zh-CN``, ``zh_CN`` -> ``zh``; ``en*`` -> ``en``; anything else -> the default."""
    code = (language or "").strip().lower().replace("_", "-")
    if code.startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def other_language(language: str) -> str:
    """The language the 中文/English toggle switches to."""
    return "en" if normalize_language(language) == "zh" else "zh"


def load_table(path: Path) -> dict[str, str]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: expected a JSON object of strings")
    return {str(key): value for key, value in data.items()}


def string_files(stem: str, directory: Path = STRINGS_DIR) -> list[Path]:
    """The shell's file of one language, then its area files in name order."""
    return [directory / f"{stem}.json", *sorted(directory.glob(f"{stem}.*.json"))]


def load_tables(paths: list[Path]) -> dict[str, str]:
    """One table from several files; a key in two files is a mistake, not an override."""
    merged: dict[str, str] = {}
    for path in paths:
        table = load_table(path)
        clash = sorted(merged.keys() & table.keys())
        if clash:
            raise ValueError(f"{path}: keys defined in another strings file too: {clash[:5]}")
        merged.update(table)
    return merged


@functools.cache
def strings(language: str = DEFAULT_LANGUAGE) -> Strings:
    code = normalize_language(language)
    return Strings(code, load_tables(string_files(LANGUAGES[code])))


def message_text(message: UserMessage, language: str) -> str:
    """A core message in the UI language (Chinese UI: Chinese only, the clerk's language)."""
    return message.message_en if normalize_language(language) == "en" else message.message_zh


def duration_text(seconds: int, texts: Strings) -> str:
    """``90`` -> ``1 分 30 秒``; whole minutes -> ``5 分钟``; under a minute -> ``45 秒``."""
    seconds = max(0, int(seconds))
    minutes, rest = divmod(seconds, 60)
    if minutes == 0:
        return texts.t("time.seconds", seconds=rest)
    if rest == 0:
        return texts.t("time.minutes", minutes=minutes)
    return texts.t("time.minutes_seconds", minutes=minutes, seconds=rest)
