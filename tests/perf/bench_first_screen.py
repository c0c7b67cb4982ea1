"""First screen benchmark: the desk against a bare Flet app with the same fonts, in headless Chromium.

    .venv/bin/python tests/perf/bench_first_screen.py [--rounds 7]

Both are served the same way (``app.wiring.serving.serve``: web mode, no CDN, the same assets and fonts);
the desk is the training profile started like ``./dev desk`` on a data root seeded with 200 cases,
the baseline is ``tests/perf/bare_flet_app.py`` (the desk's theme and fonts, one text). Each round
opens a fresh browser context (nothing cached) on each app, alternating which goes first, and times:

- ``first_screen``: from navigation to the first screen's text in Flutter's semantics tree (the
  desk's login card, the bare app's text);
- ``fonts``: from navigation until every bundled font file has arrived;
- the desk only, ``today_after_sign_in``: from pressing 登录 to the 今日受理 board (queue line) shown.

Prints one JSON object: medians in ms and the ratios desk / bare. Never a pass/fail: the figures go
to docs/performance.md ("Desk: search", first screen).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from playwright.sync_api import Browser, Page, sync_playwright

from tests.cli_accounts import TRAINING_TRAINER
from tests.e2e.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    AppServer,
    NetworkLog,
    fill_field,
    free_port,
    server_env,
    text_locator,
)
from tests.perf.bare_flet_app import TEXT as BARE_TEXT
from views.fonts import font_plan

FONT_FILES = {font.path.name for font in font_plan().files}


def _open(browser: Browser, url: str, text: str) -> tuple[Page, NetworkLog, dict[str, float]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    network = NetworkLog()
    page.route("**/*", network.route)
    page.on("requestfinished", network.finished)
    began = time.perf_counter()
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=60_000)
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    text_locator(page, text).first.wait_for(state="visible", timeout=60_000)
    first = (time.perf_counter() - began) * 1000
    while not {url.rsplit("/", 1)[-1] for url, status in network.fonts if status == 200} >= FONT_FILES:
        page.wait_for_timeout(20)
    return page, network, {"first_screen": first, "fonts": (time.perf_counter() - began) * 1000}


def _desk_round(browser: Browser, url: str) -> dict[str, float]:
    page, _, figures = _open(browser, url, "柜台登录")
    fill_field(page, "用户名", "clerk")
    fill_field(page, "密码", "peixun2026")
    began = time.perf_counter()
    page.get_by_role("button", name="登录").first.click()
    text_locator(page, "报送队列：").first.wait_for(state="visible", timeout=60_000)
    figures["today_after_sign_in"] = (time.perf_counter() - began) * 1000
    page.context.close()
    return figures


def _bare_round(browser: Browser, url: str) -> dict[str, float]:
    page, _, figures = _open(browser, url, BARE_TEXT)
    page.context.close()
    return figures


def run(rounds: int, home: Path) -> dict[str, Any]:
    env = server_env(home, **TRAINING_TRAINER)  # the seed command signs in (tests/cli_accounts.py)
    seeded = subprocess.run(
        [sys.executable, "-m", "app", "--training", "seed", "--cases", "200", "--seed", "7"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    desk = AppServer(
        ["-m", "app", "--training", "run", "--web", "--port", str(free_port())], env, home / "desk.log"
    )
    bare = AppServer(["tests/perf/bare_flet_app.py", "--port", str(free_port())], env, home / "bare.log")
    desk_url, bare_url = desk.start(), bare.start()
    times: dict[str, dict[str, list[float]]] = {"desk": {}, "bare": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            _desk_round(browser, desk_url)  # warm-up: both servers have served a page once
            _bare_round(browser, bare_url)
            for round_ in range(rounds):
                order = [("desk", desk_url), ("bare", bare_url)]
                for name, url in order if round_ % 2 == 0 else list(reversed(order)):
                    figures = _desk_round(browser, url) if name == "desk" else _bare_round(browser, url)
                    for key, value in figures.items():
                        times[name].setdefault(key, []).append(value)
            browser.close()
    finally:
        desk.stop()
        bare.stop()
    median = {
        app: {key: round(statistics.median(v), 1) for key, v in found.items()} for app, found in times.items()
    }
    ratios = {key: round(median["desk"][key] / median["bare"][key], 2) for key in ("first_screen", "fonts")}
    return {"median_ms": median, "ratio_desk_over_bare": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bizdesk-bench-first-") as folder:  # fictitious data only
        results = run(args.rounds, Path(folder))
    meta = {"python": sys.version.split()[0], "rounds": args.rounds, "chromium": str(CHROMIUM)}
    print(
        json.dumps(
            {"benchmark": "first_screen", "meta": meta, "results": results}, indent=2, ensure_ascii=False
        )
    )


if __name__ == "__main__":
    main()
