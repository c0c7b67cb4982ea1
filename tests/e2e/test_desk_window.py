"""``bizdesk --training run`` on a PC with a display and no Flutter client: an app window of Chromium.

A virtual display (Xvfb) stands in for the branch PC's screen; flet-desktop is not installed here, so
the desk opens Debian's Chromium with ``--app`` on its own profile folder. The test finds the window
on the X server, reaches its page through the DevTools protocol (``BIZDESK_WINDOW_FLAGS`` adds
``--remote-debugging-port=0``, which only tests do), waits for the login the desk draws, photographs
the window, closes it as the clerk would and waits for the desk process to end with exit code 0.
The second test stops the desk and sees its window go.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from app.paths import Profile
from app.store.in_use import hold_for_desk
from tests.e2e.harness import (
    ARTIFACTS,
    CHROMIUM,
    LOAD_MS,
    ROOT,
    AppServer,
    expect_text,
    server_env,
)
from tests.e2e.xserver import Display, missing_tools, virtual_display
from views.fonts import font_plan

pytestmark = pytest.mark.e2e

STRINGS = json.loads((ROOT / "assets" / "strings" / "zh-CN.json").read_text(encoding="utf-8"))
TITLE = STRINGS["app.title"]  # the page title the desk sets: the window's title once the desk drew
LOGIN = STRINGS["login.title"]


@pytest.fixture(scope="module")
def display() -> Iterator[Display]:
    missing = missing_tools() + ([] if CHROMIUM.exists() else [str(CHROMIUM)])
    if missing:
        message = f"needs {', '.join(missing)} (./dev test installs xvfb, xdotool, imagemagick, chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with virtual_display() as shown:
        yield shown


def _desk(home: Path, display: Display) -> AppServer:
    """``python -m app --training run`` as the clerk starts it, on ``display``, flet-desktop absent."""
    env = server_env(home, **display.env(), BIZDESK_WINDOW_FLAGS="--remote-debugging-port=0")
    env.pop("BIZDESK_BROWSER", None)
    return AppServer(["-m", "app", "--training", "run"], env, home.parent / "desk-stderr.log")


def _devtools_port(profile_folder: Path, desk: AppServer) -> int:
    """The window's DevTools port, from the file Chromium writes into its profile folder at start."""
    announced = profile_folder / "DevToolsActivePort"
    assert desk.process is not None
    while not (announced.is_file() and announced.read_text(encoding="ascii").strip()):
        try:
            code = desk.process.wait(timeout=0.1)  # looks again 0.1 s on, unless the desk ended
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the desk ended ({code}) before its window opened: {desk.output}")
    return int(announced.read_text(encoding="ascii").split()[0])


def _wait_for_login(page: Page) -> None:
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=LOAD_MS)
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    expect_text(page, LOGIN)
    # The login's CJK font is in: its file fetched, as the page's own resource timing says. (Not
    # "networkidle": this page was loaded before the test attached to it, and a page whose network
    # went quiet before that never announces it again.)
    primary = [font.path.name for font in font_plan().files if font.role == "primary"]
    page.wait_for_function(
        """(names) => names.every((name) => performance.getEntriesByType("resource")
            .some((entry) => entry.name.endsWith("/fonts/" + name) && entry.responseEnd > 0))""",
        arg=primary,
        polling=100,
        timeout=LOAD_MS,
    )


def test_the_desk_opens_in_an_app_window_and_ends_when_it_is_closed(
    display: Display, browser: Browser, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    desk = _desk(home, display)
    desk.start()
    try:
        assert desk.url.startswith("http://127.0.0.1:")
        window = display.wait_for_window(TITLE)
        assert any("Chromium 应用窗口" in line for line in desk.output), desk.output
        folder = home / "browser-profile-training"
        # the session's Playwright (tests/e2e/conftest.py) reaches the window's browser over DevTools
        window_browser = browser.browser_type.connect_over_cdp(
            f"http://127.0.0.1:{_devtools_port(folder, desk)}", timeout=LOAD_MS
        )
        context = window_browser.contexts[0]
        page = context.pages[0] if context.pages else context.wait_for_event("page")
        assert page.url.rstrip("/") == desk.url
        _wait_for_login(page)
        page.wait_for_timeout(500)  # the frame after the fonts: a photograph right away can be blank
        shot = display.photograph(window, ARTIFACTS / "desk_window__login.png")
        display.photograph("root", ARTIFACTS / "desk_window__screen.png")
        with Image.open(shot) as image:
            assert image.size == display.geometry(window)
            assert len(image.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 50  # drawn, not blank
        assert page.evaluate("window.matchMedia('(display-mode: standalone)').matches")  # --app
        session = window_browser.new_browser_cdp_session()
        target = next(
            info
            for info in session.send("Target.getTargets")["targetInfos"]
            if info["type"] == "page" and info["url"].startswith(desk.url)
        )
        session.send("Target.closeTarget", {"targetId": target["targetId"]})  # the clerk closes it
        assert desk.process is not None
        assert desk.process.wait() == 0, desk.log.read_text(encoding="utf-8")
        assert "Traceback" not in desk.log.read_text(encoding="utf-8")
        assert not (folder / "SingletonLock").exists()  # the browser let its profile folder go
        hold_for_desk(Profile("training", home / "training")).release()  # and the desk its profile
    finally:
        desk.stop()


def test_stopping_the_desk_closes_its_window(display: Display, tmp_path: Path) -> None:
    home = tmp_path / "home"
    desk = _desk(home, display)
    desk.start()
    try:
        window = display.wait_for_window(TITLE)  # the desk drew its page: the title is the desk's own
        browser_pid = display.window_pid(window)
        assert desk.process is not None
        os.kill(desk.process.pid, signal.SIGTERM)  # the desk alone, as the PC's shutdown would
        assert desk.process.wait() == 0, desk.log.read_text(encoding="utf-8")
        assert not Path(f"/proc/{browser_pid}").exists()  # the desk waited for its window to end
        assert display.windows_of(browser_pid) == []
        assert not (home / "browser-profile-training" / "SingletonLock").exists()
    finally:
        desk.stop()
