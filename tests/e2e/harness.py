"""Drive the real desk UI in headless Debian Chromium through Flutter's semantics tree.

Recipe (../shared/docs/flet-offline.md): Flutter draws on a canvas, so the accessibility
tree is switched on first (a dispatched click on ``flt-semantics-placeholder``); then
text fields are ``textbox`` roles named by their label, buttons ``button`` roles named by
their text, and texts are found by content. A text box must be clicked before ``fill``,
or Flutter never sees the value.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, Route, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
# Flutter web asks for this script from a CDN and works without it; it is aborted like any other.
HARMLESS_OUTSIDE = re.compile(r"/@rive-app/flutter-native-wasm@[^/]+/wasm/rive_native\.js$")
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
STARTED = re.compile(r"bizdesk 已启动: (http://127\.0\.0\.1:\d+)")
# What the desk prints on stderr when its server never started listening (app/wiring/serving.py).
GAVE_UP = "(server did not start)"
# How long the UI may take to show something on a busy 2-core machine. Every wait ends as soon as
# what it waits for shows, so only a failing test waits this long: generous on purpose.
WAIT_MS = 60_000
# How many WAIT_MS waits a test spends on one thing that must come (the focus in a field, the desk's
# answer) before it gives up: minutes, so only something that never comes fails the test.
PATIENCE_ROUNDS = 5
# Flutter's first load (the engine, the fonts, the semantics tree) on such a machine.
LOAD_MS = 180_000
# What Flet shows instead of a control it could not build, or when the app's main() failed.
FLET_ERRORS = re.compile(r"Error running app|must be provided|Unhandled error|Traceback|Exception:")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class AppServer:
    """A desk UI process started like a person would: ``python -m ...`` with a printed address."""

    args: Sequence[str]
    env: dict[str, str]
    log: Path
    url: str = ""
    process: subprocess.Popen[str] | None = None
    output: list[str] = field(default_factory=list)
    reader: threading.Thread | None = None

    def start(self, timeout: float | None = None) -> str:
        """Start the process and return its address once it printed it.

        Waits for that line or for the process to end, not for a deadline: a busy machine may take
        minutes to start Python and Flet (the suite's pytest-timeout guards against a hang).
        ``timeout``, when given, still bounds the wait.
        """
        with self.log.open("w", encoding="utf-8") as errors:
            self.process = subprocess.Popen(
                [sys.executable, *self.args],
                cwd=ROOT,
                env=self.env,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                encoding="utf-8",
                start_new_session=True,  # stop() ends whatever the desk started, too
            )
        found = threading.Event()
        self.reader = threading.Thread(target=self._read, args=(found,), daemon=True)
        self.reader.start()
        deadline = None if timeout is None else time.monotonic() + timeout
        try:
            while not found.wait(0.5):
                if self.process.poll() is not None and not self.reader.is_alive():
                    raise RuntimeError("the desk UI ended before printing its address")
                if GAVE_UP in self.log.read_text(encoding="utf-8", errors="replace"):
                    raise RuntimeError("the desk UI gave up waiting for its own server")
                if deadline is not None and time.monotonic() > deadline:
                    raise RuntimeError(f"the desk UI printed no address in {timeout} s")
        except BaseException as error:
            self.stop()
            if isinstance(error, RuntimeError):
                raise RuntimeError(
                    f"desk UI did not start ({error}): {self.output} {self.log.read_text(encoding='utf-8')}"
                ) from None
            raise
        return self.url

    def __enter__(self) -> AppServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _read(self, found: threading.Event) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line.rstrip())
            match = STARTED.search(line)
            if match and not found.is_set():
                self.url = match.group(1)
                found.set()

    def stop(self) -> None:
        """End the process group (SIGTERM, then SIGKILL after 10 s), reap it and close its pipe."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait()
        if self.reader is not None:
            self.reader.join()  # the pipe is at its end once the process group is gone
        if self.process.stdout is not None:
            self.process.stdout.close()

    def _signal(self, signum: int) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signum)


def server_env(home: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"DISPLAY", "WAYLAND_DISPLAY"}}
    env.update(
        BIZDESK_HOME=str(home), BIZDESK_PASSPHRASE="e2e-passphrase-2026", PYTHONUNBUFFERED="1", **extra
    )
    return env


@dataclass
class NetworkLog:
    """Every request the page made that was not to the app on 127.0.0.1 (all of them are aborted)."""

    outside: list[str] = field(default_factory=list)
    fonts: list[tuple[str, int]] = field(default_factory=list)

    def route(self, route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def finished(self, request: Request) -> None:
        if "/fonts/" in request.url:
            response = request.response()
            self.fonts.append((request.url, response.status if response else 0))

    def served_fonts(self, page: Page, expected: Collection[str]) -> dict[str, int]:
        """The fonts the app served (file name -> HTTP status), once every one of ``expected`` came.

        Flutter fetches the fallback fonts after the first frame, on a busy machine long after: this
        waits for them (polls 250 ms apart, counted rather than timed) and returns what came.
        """
        served: dict[str, int] = {}
        for _ in range(WAIT_MS // 250):
            served = {url.rsplit("/", 1)[-1]: status for url, status in self.fonts if "/assets/" not in url}
            if set(expected) <= served.keys():
                break
            page.wait_for_timeout(250)
        return served

    def unexpected(self) -> list[str]:
        return [url for url in self.outside if not HARMLESS_OUTSIDE.search(url)]


def browser_window(browser: Browser) -> BrowserContext:
    """A context of its own (a window with its own tab): a test's second person works in one, side by
    side (a second tab of one window would be hidden, and Flutter draws nothing in a hidden tab)."""
    opened = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    # Clicks and fills wait for their element; on a busy machine that can take longer than Playwright's 30 s.
    opened.set_default_timeout(WAIT_MS)
    opened.set_default_navigation_timeout(LOAD_MS)
    return opened


def open_app(page: Page, url: str, route: str = "/") -> None:
    """Load the app, switch on Flutter's semantics tree and wait for the fonts."""
    page.goto(url.rstrip("/") + route, timeout=LOAD_MS)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=LOAD_MS)
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    page.wait_for_selector("flt-semantics", state="attached", timeout=LOAD_MS)
    page.wait_for_load_state("networkidle", timeout=LOAD_MS)


# Where keystrokes for ``box`` go: the semantics text box itself, or Flutter's own editing
# element (class flt-text-editing) when Flutter focused the field (autofocus) and placed
# that element over it.
_TYPING_TARGET_JS = """(box) => {
    const active = document.activeElement;
    if (active === box) return "box";
    if (!active || !active.classList.contains("flt-text-editing")) return "";
    const a = active.getBoundingClientRect(), b = box.getBoundingClientRect();
    const x = a.left + a.width / 2, y = a.top + a.height / 2;
    return x >= b.left && x <= b.right && y >= b.top && y <= b.bottom ? "editing" : "";
}"""


def typing_into(page: Page, label: str) -> bool:
    """True when keystrokes now go to the text field labelled ``label`` (no click: keyboard-only tests)."""
    box = page.get_by_role("textbox", name=label, exact=True)
    return bool(box.count()) and box.first.evaluate(_TYPING_TARGET_JS) in ("box", "editing")


def wait_typing_into(page: Page, label: str, rounds: int = PATIENCE_ROUNDS) -> str:
    """Wait until keystrokes go to the text field labelled ``label``; where they go ("box" or "editing"),
    or "" when they never did.

    The wait ends as soon as the desk's page put the focus there (a click, an autofocus, the desk's own
    move after Enter), however long a busy machine takes: ``rounds`` waits of ``WAIT_MS`` each, minutes
    in all, so only a field that never takes the focus gives up."""
    box = page.get_by_role("textbox", name=label, exact=True).first
    for _ in range(rounds):
        try:
            # the field as drawn now (a redraw may replace its element)
            handle = box.element_handle(timeout=WAIT_MS)
            page.wait_for_function(
                f"(box) => !box.isConnected || ({_TYPING_TARGET_JS})(box) !== ''",
                arg=handle,
                polling=100,
                timeout=WAIT_MS,
            )
        except PlaywrightTimeoutError:
            continue
        found = str(handle.evaluate(_TYPING_TARGET_JS))
        if found:
            return found
    return ""


def fill_field(page: Page, label: str, text: str, attempts: int = PATIENCE_ROUNDS) -> None:
    """Type into the text field labelled ``label``: click it, wait for the focus to be there, fill it.

    Whether the text reached the desk is for the desk to say (``tests.e2e.forms.submit_until`` sends a
    form again when the desk answers that a box was empty); nothing here reads Flutter's copy of the
    box's value. A click the page lost (it was redrawing) is repeated after a patient wait."""
    box = page.get_by_role("textbox", name=label, exact=True)
    for _ in range(attempts):
        box.click()
        if wait_typing_into(page, label, rounds=1):
            # the element that has the focus now, the one just checked: Flutter may keep other (stale)
            # editing elements of earlier screens in the page, and text filled there reaches nobody
            focused = page.evaluate_handle("() => document.activeElement").as_element()
            if focused is not None:
                # Emptied first: Flutter sends a change only when the text differs from what it last
                # saw in the box, and the desk may have emptied the box meanwhile (after a refused
                # password) without the page's element knowing: the same text again would send nothing.
                focused.fill("")
                focused.fill(text)
                return
    active = page.evaluate("() => document.activeElement && document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"text field {label!r} never took the focus; focused instead: {active}")


def press_button(page: Page, label: str) -> None:
    page.get_by_role("button", name=label).first.click()


def text_locator(page: Page, text: str | re.Pattern[str]) -> Locator:
    """Where ``text`` shows (a substring, or a match of a pattern): a text node, or the label Flutter
    merges a card's texts into."""
    return page.get_by_text(text).or_(page.get_by_label(text))


def expect_text(page: Page, text: str | re.Pattern[str], timeout: int = WAIT_MS) -> None:
    """Wait until ``text`` is shown somewhere on the page (substring match).

    ``timeout`` is never taken below ``WAIT_MS``: the wait ends when the text shows, and a shorter
    limit would only fail the test on a busy machine.
    """
    expect(text_locator(page, text).first).to_be_visible(timeout=max(timeout, WAIT_MS))


def expect_no_text(page: Page, text: str | re.Pattern[str], timeout: int = WAIT_MS) -> None:
    """Wait until ``text`` is shown nowhere (at once when it is already gone)."""
    expect(text_locator(page, text)).to_have_count(0, timeout=max(timeout, WAIT_MS))


def flet_errors(page: Page) -> list[str]:
    """Texts of the error boxes Flet draws in place of broken controls (none in a healthy UI)."""
    found = page.get_by_text(FLET_ERRORS).or_(page.get_by_label(FLET_ERRORS))
    boxes = [found.nth(i) for i in range(found.count())]
    return [box.inner_text() or box.get_attribute("aria-label") or "(error box)" for box in boxes]


def screenshot(page: Page, name: str) -> Path:
    """Save a screenshot under test-artifacts/e2e/ (after a pause: right after an action it can be blank)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}.png"
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    return path


def bizdesk_cli(env: dict[str, str], *args: str) -> str:
    """Run ``bizdesk --training ARGS`` on the profile of ``env`` (beside a running desk); its stdout."""
    done = subprocess.run(
        [sys.executable, "-m", "app", "--training", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,  # no timeout: a busy machine may take minutes (pytest-timeout guards a hang)
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout
