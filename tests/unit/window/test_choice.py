"""Which window ``bizdesk run --window ...`` opens on a PC with or without display, client, browser."""

from __future__ import annotations

import pytest

from app.window.browsers import Browser
from app.window.choice import (
    NO_DISPLAY,
    NOTHING_TO_OPEN,
    WindowKind,
    WindowPlan,
    WindowUnavailable,
    choose_window,
)

EDGE = Browser("Microsoft Edge", r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe")


def unasked() -> bool:
    raise AssertionError("asked although the choice did not need it")


def no_browser_asked() -> Browser | None:
    raise AssertionError("the browser was looked for although the choice did not need it")


def test_auto_takes_the_flutter_client_first() -> None:
    plan = choose_window(WindowKind.AUTO, display=True, flutter_client=lambda: True, browser=no_browser_asked)
    assert plan == WindowPlan(WindowKind.FLUTTER)


def test_auto_without_the_client_takes_the_browser() -> None:
    plan = choose_window(WindowKind.AUTO, display=True, flutter_client=lambda: False, browser=lambda: EDGE)
    assert plan == WindowPlan(WindowKind.BROWSER, browser=EDGE)


def test_auto_with_neither_serves_and_says_why_in_both_languages() -> None:
    plan = choose_window(WindowKind.AUTO, display=True, flutter_client=lambda: False, browser=lambda: None)
    assert plan == NOTHING_TO_OPEN
    assert plan.kind is WindowKind.NONE
    assert "Edge" in plan.notice_zh
    assert "open the address shown below in a browser" in plan.notice_en
    assert plan.notice().startswith(plan.notice_zh)


def test_auto_without_a_display_opens_nothing() -> None:
    plan = choose_window(WindowKind.AUTO, display=False, flutter_client=unasked, browser=no_browser_asked)
    assert plan == NO_DISPLAY


def test_none_serves_only_and_asks_nothing() -> None:
    plan = choose_window(WindowKind.NONE, display=True, flutter_client=unasked, browser=no_browser_asked)
    assert plan == WindowPlan(WindowKind.NONE)
    assert plan.notice() == ""


def test_browser_by_name_skips_the_flutter_client() -> None:
    plan = choose_window(WindowKind.BROWSER, display=True, flutter_client=unasked, browser=lambda: EDGE)
    assert plan.browser == EDGE


@pytest.mark.parametrize(
    ("requested", "display", "client", "browser", "says"),
    [
        (WindowKind.BROWSER, True, False, None, "BIZDESK_BROWSER"),
        (WindowKind.BROWSER, False, False, EDGE, "DISPLAY"),
        (WindowKind.FLUTTER, True, False, EDGE, "--window browser"),
        (WindowKind.FLUTTER, False, True, EDGE, "--web"),
    ],
)
def test_a_window_asked_for_by_name_that_cannot_open_is_an_error(
    requested: WindowKind, display: bool, client: bool, browser: Browser | None, says: str
) -> None:
    with pytest.raises(WindowUnavailable) as refused:
        choose_window(requested, display=display, flutter_client=lambda: client, browser=lambda: browser)
    assert says in refused.value.message_zh
    assert says in refused.value.message_en
