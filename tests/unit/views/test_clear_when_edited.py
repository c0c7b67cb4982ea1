"""A form's notice goes as soon as the person types again, before the field's own change handler."""

from __future__ import annotations

from typing import Any

import flet as ft

from views.widgets import clear_when_edited


def test_each_field_hides_the_notice_then_runs_its_own_handler() -> None:
    calls: list[str] = []

    def activity() -> None:
        calls.append("activity")

    def with_event(event: Any) -> None:
        calls.append(f"event:{event}")

    first = ft.TextField(label="用户名", on_change=activity)
    second = ft.TextField(label="密码", on_change=with_event)
    third = ft.TextField(label="备注")  # no handler of its own
    clear_when_edited((first, second, third), lambda: calls.append("hide"))

    assert first.on_change is not None
    assert second.on_change is not None
    assert third.on_change is not None
    first.on_change("e1")  # type: ignore[arg-type]
    second.on_change("e2")  # type: ignore[arg-type]
    third.on_change("e3")  # type: ignore[arg-type]
    assert calls == ["hide", "activity", "hide", "event:e2", "hide"]
