"""The training desk syncs with its built-in sandbox: 同步中心 shows the queue fill and drain.

The desk is started exactly like ``./dev desk`` (``bizdesk --training run``) on a data root
seeded beforehand with ``bizdesk --training seed``; a ready case is submitted from another
``bizdesk`` process while the desk runs (SQLCipher WAL lets both use the profile).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from tests.cli_accounts import TRAINING_TRAINER
from tests.e2e.forms import SIGN_IN_INCOMPLETE, submit_until
from tests.e2e.harness import (
    PATIENCE_ROUNDS,
    WAIT_MS,
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

SANDBOX_LINE = re.compile(r"^内置政务平台沙箱: http://127\.0\.0\.1:\d+$")


@dataclass
class SeededDesk:
    url: str
    env: dict[str, str]
    ready_case: str
    output: list[str]


@pytest.fixture(scope="module")
def seeded_desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeededDesk]:
    home = tmp_path_factory.mktemp("bizdesk-sync-home")
    env = server_env(home, **TRAINING_TRAINER)  # CLI case commands sign in (tests/cli_accounts.py)
    bizdesk_cli(env, "seed", "--cases", "6", "--seed", "7")
    listed = json.loads(bizdesk_cli(env, "case", "list", "--json"))
    ready = [row["case_id"] for row in listed if row["status"] == "ready"]
    assert ready, listed
    with AppServer(
        ["-m", "app", "--training", "run", "--web", "--port", str(free_port())],
        env,
        home / "server-stderr.log",
    ) as server:
        yield SeededDesk(server.url, env, ready[0], server.output)


HELD = ("已受理", "需补正", "已办结")  # states of submissions the platform holds


def chip_count(page: Page, label: str) -> int:
    """The number on the queue chip ``label：N``."""
    chip = page.get_by_text(re.compile(rf"^{label}：\d+$")).first
    expect(chip).to_be_visible(timeout=WAIT_MS)
    return int(chip.inner_text().rsplit("：", 1)[1])


def wait_for_counts(
    page: Page, check: Callable[[dict[str, int]], bool], timeout_s: float = PATIENCE_ROUNDS * WAIT_MS / 1000
) -> dict[str, int]:
    """Poll the queue chips (the view refreshes itself) until ``check`` holds (minutes at most: the
    sync's pass on a busy machine)."""
    deadline = time.monotonic() + timeout_s
    while True:
        counts = {label: chip_count(page, label) for label in ("待报送", *HELD)}
        if check(counts) or time.monotonic() > deadline:
            return counts
        page.wait_for_timeout(250)


def headline_for(counts: dict[str, int]) -> str:
    """The 同步中心's headline in the chips' own terms (views/sync_state.status_sentence)."""
    pending, waiting = counts["待报送"], counts["等待前置办结"]
    if pending and waiting:
        return f"还有 {pending} 项待报送；另有 {waiting} 项等待前置业务办结后报送。"
    if pending:
        return f"还有 {pending} 项待报送。"
    if waiting:
        return f"没有待报送的事项；{waiting} 项等待前置业务办结后报送。"
    return "队列已清空，全部已报送。"


def expect_headline_matching_the_chips(page: Page) -> str:
    """The headline never says more is to send than the 待报送 chip: read both until one refresh of the
    view shows them together (a background pass may change the counts between two reads)."""
    headline = ""
    for _ in range(PATIENCE_ROUNDS * 20):
        counts = {label: chip_count(page, label) for label in ("待报送", "等待前置办结")}
        headline = headline_for(counts)
        if page.get_by_text(headline, exact=True).count() > 0:
            return headline
        page.wait_for_timeout(250)
    raise AssertionError(f"the headline never read {headline!r} beside its counts")


def held(counts: dict[str, int]) -> int:
    return sum(counts[label] for label in HELD)


def test_sync_now_sends_a_submitted_case_to_the_built_in_sandbox(page: Page, seeded_desk: SeededDesk) -> None:
    assert any(SANDBOX_LINE.match(line) for line in seeded_desk.output), seeded_desk.output
    open_app(page, seeded_desk.url)
    submit_until(page, {"用户名": "clerk", "密码": "peixun2026"}, "切换功能区", SIGN_IN_INCOMPLETE)
    press_button(page, "同步中心")
    expect_text(page, "报送队列")
    expect_text(page, "政务平台：http://127.0.0.1:")
    expect_text(page, "上次成功同步：20", timeout=30_000)  # the background pass at start-up
    before = wait_for_counts(page, lambda counts: counts["待报送"] == 0)
    assert before["待报送"] == 0, before
    expect_text(page, "需要处理的报送")

    bizdesk_cli(seeded_desk.env, "case", "submit", seeded_desk.ready_case)
    # The view refreshes itself: the new submissions show without any click.
    queued = wait_for_counts(page, lambda counts: counts["待报送"] > 0)
    assert queued["待报送"] > 0, queued
    expect_headline_matching_the_chips(page)  # the background pass may already be sending them
    screenshot(page, "sync_centre_queued")

    press_button(page, "立即同步")
    after = wait_for_counts(page, lambda counts: counts["待报送"] == 0 and held(counts) > held(before))
    assert after["待报送"] == 0, after
    assert held(after) > held(before), (before, after)
    # What waits for the licence is said apart, never as 待报送 (the headline once counted it: "还有 24
    # 项待报送" over "待报送：0"); a completed licence may turn waiting items into pending ones meanwhile.
    expect_headline_matching_the_chips(page)
    screenshot(page, "sync_centre_after_sync_now")
