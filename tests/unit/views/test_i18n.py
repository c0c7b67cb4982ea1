"""UI strings: both languages complete and consistent, every key the views use exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from app.errors import UserMessage
from views.i18n import (
    LANGUAGES,
    duration_text,
    load_table,
    load_tables,
    message_text,
    normalize_language,
    other_language,
    string_files,
    strings,
)
from views.navigation import AREAS

VIEWS = Path(__file__).resolve().parents[3] / "views"


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_the_same_files_and_keys() -> None:
    zh_files, en_files = string_files("zh-CN"), string_files("en")
    assert [p.name.removeprefix("zh-CN") for p in zh_files] == [p.name.removeprefix("en") for p in en_files]
    for zh_file, en_file in zip(zh_files, en_files, strict=True):
        assert sorted(load_table(zh_file)) == sorted(load_table(en_file)), zh_file.name
    assert len(strings("zh").table) > 40


def test_a_key_in_two_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "zh-CN.json").write_text('{"a": "甲"}', encoding="utf-8")
    (tmp_path / "zh-CN.desk.json").write_text('{"a": "乙", "b": "丙"}', encoding="utf-8")
    with pytest.raises(ValueError, match="another strings file"):
        load_tables(string_files("zh-CN", tmp_path))
    (tmp_path / "zh-CN.desk.json").write_text('{"b": "丙"}', encoding="utf-8")
    assert load_tables(string_files("zh-CN", tmp_path)) == {"a": "甲", "b": "丙"}


@pytest.mark.parametrize("language", sorted(LANGUAGES))
def test_no_empty_texts_and_same_placeholders(language: str) -> None:
    table = strings(language).table
    reference = strings("zh").table
    for key, text in table.items():
        assert text.strip(), key
        assert _placeholders(text) == _placeholders(reference[key]), key


def test_chinese_is_chinese_and_english_is_english() -> None:
    cjk = re.compile(r"[\u4e00-\u9fff]")
    zh, en = strings("zh").table, strings("en").table
    assert cjk.search(zh["login.submit"])
    assert cjk.search(zh["banner.training"])
    # the English table holds Chinese only in the toggle that names the Chinese language
    assert [key for key, text in en.items() if cjk.search(text)] == ["lang.switch"]


def test_every_literal_key_used_by_the_views_exists() -> None:
    used: set[str] = set()
    for source in VIEWS.rglob("*.py"):
        used |= set(re.findall(r"""\.t\(\s*["']([a-z_.]+)["']""", source.read_text(encoding="utf-8")))
    assert {"login.username", "login.password", "login.submit", "banner.training"} <= used
    missing = used - set(strings("zh").table)
    assert not missing


def test_area_and_role_keys_exist() -> None:
    table = strings("zh").table
    for area in AREAS:
        assert f"area.{area.key}" in table
        assert f"area.{area.key}.intro" in table
    for role in ("clerk", "trainer", "it"):
        assert f"role.{role}" in table


def test_area_names_match_the_desk_vocabulary() -> None:
    zh = strings("zh")
    assert [zh.t(f"area.{area.key}") for area in AREAS] == [
        "今日受理",
        "新办企业",
        "案卷查询",
        "同步中心",
        "培训",
        "系统管理",
    ]


@pytest.mark.parametrize(
    ("given", "expected"),
    [("zh", "zh"), ("zh-CN", "zh"), ("zh_CN", "zh"), ("en", "en"), ("en-US", "en"), ("", "zh"), (None, "zh")],
)
def test_normalize_language(given: str | None, expected: str) -> None:
    assert normalize_language(given) == expected


def test_toggle_goes_back_and_forth() -> None:
    assert other_language("zh") == "en"
    assert other_language("en") == "zh"
    assert strings("zh").t("lang.switch") == "English"
    assert strings("en").t("lang.switch") == "中文"


@pytest.mark.parametrize(
    ("seconds", "zh", "en"),
    [(45, "45秒", "45 s"), (300, "5分钟", "5 min"), (90, "1分30秒", "1 min 30 s"), (-3, "0秒", "0 s")],
)
def test_duration_text(seconds: int, zh: str, en: str) -> None:
    assert duration_text(seconds, strings("zh")) == zh
    assert duration_text(seconds, strings("en")) == en


def test_message_text_picks_the_ui_language() -> None:
    message = UserMessage("x", "标题", "请重试。", "Title", "Try again.")
    assert message_text(message, "zh") == "请重试。"
    assert message_text(message, "en") == "Try again."


def test_missing_key_is_a_loud_error() -> None:
    with pytest.raises(KeyError):
        strings("zh").t("no.such.key")
