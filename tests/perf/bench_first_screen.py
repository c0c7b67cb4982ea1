"""First screen benchmark: the desk against a bare Flet app with the same fonts, in headless Chromium.

    .venv/bin/python tests/perf/bench_first_screen.py [--rounds 7]
    .venv/bin/python tests/perf/bench_first_screen.py --quick    # 1 round, demo day only (CI runs it)

Both are served the same way (``app.wiring.serving.serve``: web mode, no CDN, the same assets and fonts);
the desk is the training profile started like ``./dev desk`` on a data root seeded with 200 cases,
the baseline is ``tests/perf/bare_flet_app.py`` (the desk's theme and fonts, one text and one text box
labelled 用户名, focused on start like the login's). Each round opens a fresh browser context (nothing
cached) on each app, alternating which goes first, and times from navigation:

- ``login_typeable``: to the user-name box being ready for input: shown in Flutter's semantics tree,
  clicked, and holding the keyboard focus (keystrokes now go into it), the headline figure;
- ``first_text``: to the first screen's text in the semantics tree (the desk's login title 柜台登录,
  the bare app's text);
- ``fonts``: until the primary font file has arrived (the desk's sign-in registers no other; the
  bare app registers all three, the plain way);
- the desk only, ``today_after_sign_in``: from pressing 登录 to the 今日受理 board (queue line) shown.

Prints one JSON object (medians in ms, the ratios desk / bare) and a ratios line. Never a pass/fail:
the figures go to docs/performance.md ("Desk: search", first screen).
"""

from __future__ import annotations

import argparse
import json
import os
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
    WAIT_MS,
    AppServer,
    NetworkLog,
    fill_field,
    free_port,
    server_env,
    text_locator,
)
from tests.perf.bare_flet_app import FIELD_LABEL
from tests.perf.bare_flet_app import TEXT as BARE_TEXT
from tests.perf.ratio_line import print_ratios
from views.fonts import font_plan

FONT_FILES = {font.path.name for font in font_plan().files if font.role == "primary"}


TYPING_TARGET_JS = """(box) => {
    const active = document.activeElement;
    if (active === box) return true;
    if (!active || !active.classList.contains("flt-text-editing")) return false;
    const a = active.getBoundingClientRect(), b = box.getBoundingClientRect();
    const x = a.left + a.width / 2, y = a.top + a.height / 2;
    return x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
}"""  # keystrokes reach the box: it has the focus, or Flutter's editing element sits on it


def _open(browser: Browser, url: str, text: str) -> tuple[Page, dict[str, float]]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    page = context.new_page()
    network = NetworkLog()
    page.route("**/*", network.route)
    page.on("requestfinished", network.finished)
    began = time.perf_counter()
    figures: dict[str, float] = {}
    page.goto(url)
    page.wait_for_selector("flt-semantics-placeholder", state="attached", timeout=WAIT_MS)
    page.locator("flt-semantics-placeholder").dispatch_event("click")
    text_locator(page, text).first.wait_for(state="visible", timeout=WAIT_MS)
    figures["first_text"] = (time.perf_counter() - began) * 1000
    box = page.get_by_role("textbox", name=FIELD_LABEL, exact=True)
    box.wait_for(state="visible", timeout=WAIT_MS)
    box.click()
    page.wait_for_function(TYPING_TARGET_JS, arg=box.element_handle(), polling="raf", timeout=WAIT_MS)
    figures["login_typeable"] = (time.perf_counter() - began) * 1000
    while not {url.rsplit("/", 1)[-1] for url, status in network.fonts if status == 200} >= FONT_FILES:
        # the primary font (the desk registers the rare-character ones after the sign-in)
        page.wait_for_timeout(20)
    figures["fonts"] = (time.perf_counter() - began) * 1000
    return page, figures


def _desk_round(browser: Browser, url: str) -> dict[str, float]:
    page, figures = _open(browser, url, "柜台登录")
    fill_field(page, "用户名", "clerk")
    fill_field(page, "密码", "peixun2026")
    began = time.perf_counter()
    page.get_by_role("button", name="登录").first.click()
    text_locator(page, "报送队列：").first.wait_for(state="visible", timeout=WAIT_MS)
    figures["today_after_sign_in"] = (time.perf_counter() - began) * 1000
    page.context.close()
    return figures


def _bare_round(browser: Browser, url: str) -> dict[str, float]:
    page, figures = _open(browser, url, BARE_TEXT)
    page.context.close()
    return figures


def run(rounds: int, home: Path, *, cases: int = 200, warm_up: bool = True) -> dict[str, Any]:
    env = server_env(home, **TRAINING_TRAINER)  # the seed command signs in (tests/cli_accounts.py)
    if cases:  # else the desk starts on its demo day alone
        seeded = subprocess.run(
            [sys.executable, "-m", "app", "--training", "seed", "--cases", str(cases), "--seed", "7"],
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
            if warm_up:  # both servers have served a page once
                _desk_round(browser, desk_url)
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
    ratios = {
        key: round(median["desk"][key] / median["bare"][key], 2)
        for key in ("login_typeable", "first_text", "fonts")
    }
    return {"median_ms": median, "ratio_desk_over_bare": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, help="alternating rounds after a warm-up one (7)")
    parser.add_argument(
        "--quick", action="store_true", help="1 round, no warm-up, the demo day only (a smoke run)"
    )
    args = parser.parse_args()
    rounds = args.rounds or (1 if args.quick else 7)
    with tempfile.TemporaryDirectory(prefix="bizdesk-bench-first-") as folder:  # fictitious data only
        results = run(rounds, Path(folder), cases=0 if args.quick else 200, warm_up=not args.quick)
    meta = {
        "python": sys.version.split()[0],
        "rounds": rounds,
        "chromium": str(CHROMIUM),
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
    }
    print(
        json.dumps(
            {"benchmark": "first_screen", "meta": meta, "results": results}, indent=2, ensure_ascii=False
        )
    )
    print_ratios(__file__, results["ratio_desk_over_bare"])


if __name__ == "__main__":
    main()
