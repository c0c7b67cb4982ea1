"""Fixtures of the browser tests: the real app started through the CLI, Chromium, a guarded page.

One app process per test module (``python -m app --training run --web --port P`` on a
fresh ``BIZDESK_HOME``; the desk profile for the first run), one Chromium for the session,
a new page per test. Every request not to 127.0.0.1 is aborted and recorded: a test fails
if the app needed any besides the known harmless one, or if Flet drew an error box. A
screenshot of every test's last state goes to test-artifacts/e2e/.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from tests.e2e.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LOAD_MS,
    WAIT_MS,
    AppServer,
    NetworkLog,
    browser_window,
    flet_errors,
    free_port,
    screenshot,
    server_env,
)

# expect(...) without a timeout waits 5 s by default: too short for a redraw on a busy machine. A wait
# ends as soon as its condition holds, so only a failing test waits the whole WAIT_MS.
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"Debian chromium is not installed at {CHROMIUM} (./dev test installs it)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS, timeout=LOAD_MS
        )
        try:
            yield launched
        finally:
            launched.close()


def _serve(factory: pytest.TempPathFactory, *args: str) -> Iterator[str]:
    home = factory.mktemp("bizdesk-home")
    command = [*args, "--port", str(free_port())]
    with AppServer(command, server_env(home), home / "server-stderr.log") as server:
        yield server.url


@pytest.fixture(scope="module")
def desk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The training desk on a fresh data root, started exactly as IT staff start it."""
    yield from _serve(tmp_path_factory, "-m", "app", "--training", "run", "--web")


@dataclass(frozen=True)
class TrainingDesk:
    """A running training desk and its environment (its data root), for ``bizdesk_cli`` beside it."""

    url: str
    env: dict[str, str]


@pytest.fixture(scope="module")
def training_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TrainingDesk]:
    """Like ``desk_url`` (a training desk on an empty data root), with the environment to reach it."""
    home = tmp_path_factory.mktemp("bizdesk-training-home")
    env = server_env(home)
    command = ["-m", "app", "--training", "run", "--web", "--port", str(free_port())]
    with AppServer(command, env, home / "server-stderr.log") as server:
        yield TrainingDesk(server.url, env)


@pytest.fixture(scope="module")
def new_desk_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real desk profile on a fresh data root: no account yet, so the first-run set-up shows."""
    yield from _serve(tmp_path_factory, "-m", "app", "run", "--web")


@pytest.fixture(scope="module")
def fake_idle_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same UI over an in-memory desk whose idle lock is 2 s (the real minimum is 60 s)."""
    yield from _serve(tmp_path_factory, "-m", "tests.e2e.fake_app", "--idle-seconds", "2")


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[BrowserContext]:
    opened = browser_window(browser)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def network() -> NetworkLog:
    return NetworkLog()


@pytest.fixture
def page(context: BrowserContext, network: NetworkLog, request: pytest.FixtureRequest) -> Iterator[Page]:
    tab = context.new_page()
    tab.route("**/*", network.route)
    tab.on("requestfinished", network.finished)
    yield tab
    module = Path(str(request.node.path)).stem
    screenshot(tab, f"{module}__{request.node.name}")
    errors = flet_errors(tab)
    tab.close()
    assert network.unexpected() == [], "the app tried to reach outside the machine"
    assert errors == [], "Flet drew error boxes instead of controls"
