"""Which window ``bizdesk run`` opens: the Flutter desktop client, the browser's app window, or none.

``auto`` (the default) takes the first that this PC has: a display and the Flutter client already
installed (it is never downloaded), a display and a Chromium-family browser, else no window: the
desk is served and its address printed, with the reason. Asked for by name (``--window flutter``,
``--window browser``), a window this PC cannot open is an error saying what is missing; ``none``
(``--web``) serves only and opens nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from app.errors import BizdeskError
from app.window.browsers import BROWSER_VARIABLE, Browser


class WindowKind(StrEnum):
    AUTO = "auto"
    FLUTTER = "flutter"
    BROWSER = "browser"
    NONE = "none"


@dataclass(frozen=True)
class WindowPlan:
    """The window to open (``browser`` for ``BROWSER``) and, for none, why not when one was expected."""

    kind: WindowKind
    browser: Browser | None = None
    notice_zh: str = ""
    notice_en: str = ""

    def notice(self) -> str:
        return f"{self.notice_zh} ({self.notice_en})" if self.notice_zh else ""


class WindowUnavailable(BizdeskError):
    code = "window.unavailable"
    title_zh = "无法打开窗口"
    title_en = "No window available"


NO_DISPLAY = WindowPlan(
    WindowKind.NONE,
    notice_zh="本机没有图形界面，不打开窗口；请在浏览器中打开下面显示的地址。",
    notice_en="No display here, so no window opens; open the address shown below in a browser.",
)
NOTHING_TO_OPEN = WindowPlan(
    WindowKind.NONE,
    notice_zh="未找到 Flutter 桌面客户端，也未找到 Edge、Chrome 或 Chromium 浏览器，不打开窗口；"
    "请在浏览器中打开下面显示的地址。",
    notice_en="Neither the Flutter desktop client nor Edge, Chrome or Chromium was found, so no window "
    "opens; open the address shown below in a browser.",
)


def choose_window(
    requested: WindowKind,
    *,
    display: bool,
    flutter_client: Callable[[], bool],
    browser: Callable[[], Browser | None],
) -> WindowPlan:
    """The plan for ``requested``; ``flutter_client`` and ``browser`` are asked only when needed."""
    if requested is WindowKind.NONE:
        return WindowPlan(WindowKind.NONE)
    if requested is WindowKind.AUTO:
        return _automatic(display, flutter_client, browser)
    if not display:
        raise WindowUnavailable(
            "本机没有图形界面（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口；请用 --web 启动。",
            "There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so no window can "
            "open; start with --web.",
        )
    if requested is WindowKind.FLUTTER:
        if not flutter_client():
            raise WindowUnavailable(
                "本机未安装 Flutter 桌面客户端（flet-desktop 及其客户端，见 build/README.md）；"
                "请用 --window browser 或 --web 启动。",
                "The Flutter desktop client (flet-desktop and its client, see build/README.md) is not "
                "installed here; start with --window browser or --web.",
            )
        return WindowPlan(WindowKind.FLUTTER)
    found = browser()
    if found is None:
        raise WindowUnavailable(
            f"未找到 Edge、Chrome 或 Chromium 浏览器；请安装其中之一，"
            f"或用 {BROWSER_VARIABLE} 指定其程序路径，或用 --web 启动。",
            f"Edge, Chrome or Chromium was not found; install one, name its program with "
            f"{BROWSER_VARIABLE}, or start with --web.",
        )
    return WindowPlan(WindowKind.BROWSER, browser=found)


def _automatic(
    display: bool, flutter_client: Callable[[], bool], browser: Callable[[], Browser | None]
) -> WindowPlan:
    if not display:
        return NO_DISPLAY
    if flutter_client():
        return WindowPlan(WindowKind.FLUTTER)
    found = browser()
    if found is None:
        return NOTHING_TO_OPEN
    return WindowPlan(WindowKind.BROWSER, browser=found)
