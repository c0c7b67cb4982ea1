"""A training desk whose last good sync was six days ago and whose network is down (the training
outage, so no pass can be good): 新办企业 refuses a new case with the reason and the way out, and the
同步中心 heads its page with the refusal and the day-without-sync warning.

The profile is seeded with ``bizdesk --training seed``; its sync record is then set six days back
through the profile's own store (as a desk offline since then would have it), and the desk is
started exactly like ``./dev desk``. Its embedded sandbox enrols it at start, which keeps the time of
the last good pass.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.cli_accounts import TRAINING_TRAINER
from tests.e2e.forms import keyboard_sign_in
from tests.e2e.harness import (
    ROOT,
    AppServer,
    bizdesk_cli,
    expect_text,
    free_port,
    open_app,
    press_button,
    screenshot,
    server_env,
)

pytestmark = pytest.mark.e2e

SIX_DAYS_BACK = """
import dataclasses, datetime as dt, os, pathlib
from app.paths import Profile
from app.syncing.outage import set_simulated_offline
from app.wiring.profile import open_profile

opened = open_profile(Profile("training", pathlib.Path(os.environ["BIZDESK_HOME"], "training")))
try:
    with opened.store.unit_of_work() as uow:
        state = uow.outbox.state()
        when = dt.datetime.now(dt.UTC) - dt.timedelta(days=6)
        uow.outbox.save_state(dataclasses.replace(state, last_success_at=when))
        set_simulated_offline(uow.settings, True)
        uow.commit()
finally:
    opened.close()
"""


@pytest.fixture(scope="module")
def stale_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("bizdesk-offline-home")
    env = server_env(home, **TRAINING_TRAINER)
    bizdesk_cli(env, "seed", "--cases", "1", "--seed", "7")
    done = subprocess.run(
        [sys.executable, "-c", SIX_DAYS_BACK], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    command = ["-m", "app", "--training", "run", "--web", "--port", str(free_port())]
    with AppServer(command, env, Path(home) / "server-stderr.log") as server:
        yield server.url


def test_new_cases_are_refused_and_the_sync_centre_says_why(page: Page, stale_desk: str) -> None:
    open_app(page, stale_desk, "/new")
    keyboard_sign_in(page, "clerk", "peixun2026", "切换功能区")
    expect_text(page, "本机已 6 天未与政务平台成功同步")  # the desk's own refusal, on 新办企业
    expect_text(page, "暂停受理新案卷；已有案卷可继续办理、打印、重新报送和移交")
    screenshot(page, "offline_guard_new_case_refused")

    press_button(page, "同步中心")
    expect_text(page, "报送队列")
    expect_text(page, "暂停受理新案卷：本机已 6 天未与政务平台成功同步")
    expect_text(page, "同步提醒：本机已超过1天未与政务平台成功同步")
    screenshot(page, "offline_guard_sync_centre")
