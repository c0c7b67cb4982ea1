"""Search benchmark: 案卷查询 as the UI asks it against the repository call alone, in one run.

    .venv/bin/python tests/perf/bench_search.py            # 100,000 cases (several minutes to fill)
    .venv/bin/python tests/perf/bench_search.py --quick    # 1,000 cases, a smoke run (CI runs it)

A training profile is opened the way the desk opens it (``open_profile``: SQLCipher, migrations) and
filled with 100,000 realistic ``bizdesk.case/1`` documents (from the fictitious generator, about
5 KB each) with unique names, ID numbers, mobiles and USCCs, opened over a year. For each kind of
key the same searches run two ways:

- ``ui``: what the 案卷查询 screen does on Enter: ``SearchPresenter.search`` (views) -> the signed-in
  ``LocalDesk.search_cases`` -> ``search_cases`` (parse, decide the key's kind) -> the repository,
  in its own read transaction -> the result rows worded for the screen;
- ``repo``: ``uow.cases.search(query, limit=51)`` alone, on an already open read transaction, with
  the query built beforehand;
- ``repo_tx``: the same call in a read transaction of its own (``read_unit_of_work``), as every
  caller needs one: shown for where the difference goes, not a baseline.

Runs alternate in order and reverse order after a warm-up; the median of ROUNDS is kept. Prints one
JSON object: ms per search on each path, ``ratio`` = ui / repo (the bare call is the baseline) and
``ratio_tx`` = ui / repo_tx. Never a pass/fail: the figures go to docs/performance.md ("Desk: search").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.case.interchange import dump_case
from app.case.summary import case_summary
from app.paths import Profile
from app.seed import generate_cases
from app.services.case_search import SearchRequest, build_query
from app.wiring.profile import OpenedProfile, open_profile
from tests.perf.ratio_line import print_ratios
from views.search_state import SearchPresenter
from views.session import DeskSession

BATCH = 500
SAMPLES = 40  # searches per kind and round
ROUNDS = 5
STATUSES = ("draft", "ready", "queued", "accepted", "needs_correction", "completed")
# Two characters inserted after 寿光市 make every company name unique (100 x 100 x 10 combinations).
CHARS = "晨光鑫源泰和丰华盛隆宏达瑞祥福德永安康宁嘉兴金海天成立信明远新建中国东方春秋恒通顺利昌富万家宝山河"
CHARS = (CHARS * 3)[:100]
OPENED = dt.datetime(2025, 12, 1, 0, 30, tzinfo=dt.UTC)


def _unique_part(i: int) -> str:
    return CHARS[i % 100] + CHARS[(i // 100) % 100] + "0123456789"[(i // 10000) % 10]


def _id_number(i: int) -> str:
    return f"370783{19600101 + i % 400000:08d}{i % 1000:03d}X"


def _uscc(i: int) -> str:
    return f"91370783MA{i:07d}X"


def _mobile(i: int) -> str:
    return f"138{i:08d}"


def _opened(i: int, n: int) -> dt.datetime:
    return OPENED + dt.timedelta(seconds=int(i * (365 * 86400 / n)))


def fill(opened: OpenedProfile, n: int) -> None:
    generated = generate_cases(min(200, max(32, n // 20)), seed=2026, today=dt.date(2026, 11, 26))
    templates = [(dump_case(c), case_summary(c)) for c in generated]
    for first in range(0, n, BATCH):
        with opened.store.unit_of_work() as uow:
            for i in range(first, min(first + BATCH, n)):
                document, summary = templates[i % len(templates)]
                name = summary.company_name.replace("寿光市", "寿光市" + _unique_part(i), 1)
                opened_at = _opened(i, n)
                doc = {**document, "case_id": f"SG-B{i:07d}", "created_at": opened_at.isoformat()}
                row = dataclasses.replace(  # keeps the template's fictitious mark (training profile)
                    summary,
                    case_id=f"SG-B{i:07d}",
                    company_name=name,
                    status=STATUSES[i % len(STATUSES)],
                    updated_at=opened_at,
                )
                keys = [("id_number", _id_number(i)), ("mobile", _mobile(i)), ("uscc", _uscc(i))]
                uow.cases.add(doc, row, keys)
            uow.commit()


def requests(n: int, rng: random.Random, samples: int = SAMPLES) -> dict[str, list[SearchRequest]]:
    picks = [rng.randrange(n) for _ in range(samples)]

    def day(i: int) -> str:
        return (_opened(i, n) + dt.timedelta(hours=8)).date().isoformat()

    return {
        "name_unique": [SearchRequest(key="寿光市" + _unique_part(i)) for i in picks],
        "name_common": [SearchRequest(key="有限公司") for _ in picks],
        "name_absent": [SearchRequest(key="无此名称") for _ in picks],
        "uscc": [SearchRequest(key=_uscc(i)) for i in picks],
        "id_number": [SearchRequest(key=_id_number(i)) for i in picks],
        "mobile": [SearchRequest(key=_mobile(i)) for i in picks],
        "date_range_one_day": [SearchRequest(opened_from=day(i), opened_until=day(i)) for i in picks],
        "state": [SearchRequest(status=STATUSES[i % len(STATUSES)]) for i in picks],
        "name_date_state": [
            SearchRequest(
                key="有限", opened_from=day(i), opened_until=day(min(i + 3000, n - 1)), status="completed"
            )
            for i in picks
        ],
    }


def _timed(action: Callable[[], object], operations: int) -> float:
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000 / operations


def compare(
    opened: OpenedProfile, presenter: SearchPresenter, batch: list[SearchRequest], rounds: int = ROUNDS
) -> dict[str, float]:
    queries = [build_query(request)[0] for request in batch]

    def ui() -> None:
        for r in batch:
            presenter.search(r.key, r.opened_from, r.opened_until, r.status)
            assert presenter.failure is None

    def repo() -> None:
        with opened.store.read_unit_of_work() as uow:
            for query in queries:
                uow.cases.search(query, limit=51)

    def repo_tx() -> None:
        for query in queries:
            with opened.store.read_unit_of_work() as uow:
                uow.cases.search(query, limit=51)

    paths = [("ui", ui), ("repo", repo), ("repo_tx", repo_tx)]
    for _, action in paths:
        action()
    times: dict[str, list[float]] = {name: [] for name, _ in paths}
    for round_ in range(rounds):
        for name, action in paths if round_ % 2 == 0 else list(reversed(paths)):
            times[name].append(_timed(action, len(batch)))
    return {name: statistics.median(values) for name, values in times.items()}


def run(n: int, folder: Path, samples: int = SAMPLES, rounds: int = ROUNDS) -> dict[str, Any]:
    with open_profile(Profile("training", folder / "training")) as opened:
        began = time.perf_counter()
        fill(opened, n)
        filled_s = time.perf_counter() - began
        session = DeskSession(opened.desk())
        session.start("/cases")
        assert session.sign_in("clerk", "peixun2026"), session.notice
        presenter = SearchPresenter(session)
        found = {}
        for kind, batch in requests(n, random.Random(n), samples).items():
            figures = compare(opened, presenter, batch, rounds)
            found[kind] = {
                "ui_ms": round(figures["ui"], 3),
                "repo_ms": round(figures["repo"], 3),
                "repo_tx_ms": round(figures["repo_tx"], 3),
                "ratio": round(figures["ui"] / figures["repo"], 2),
                "ratio_tx": round(figures["ui"] / figures["repo_tx"], 2),
                "rows": len(presenter.rows),
            }
        size_mb = round(opened.profile.database.stat().st_size / 1e6, 1)
    return {"cases": n, "fill_s": round(filled_s, 1), "file_mb": size_mb, "searches": found}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="1,000 cases (a smoke run)")
    parser.add_argument("--cases", type=int, help="cases in the store (100,000)")
    args = parser.parse_args()
    samples, rounds = (10, 3) if args.quick else (SAMPLES, ROUNDS)
    cases = args.cases or (1_000 if args.quick else 100_000)
    with tempfile.TemporaryDirectory(prefix="bizdesk-bench-search-") as folder:  # fictitious data only
        results = run(cases, Path(folder), samples, rounds)
    meta = {
        "python": sys.version.split()[0],
        "samples": samples,
        "rounds": rounds,
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "note": "ms per search, median",
    }
    print(json.dumps({"benchmark": "search", "meta": meta, "results": results}, indent=2, ensure_ascii=False))
    print_ratios(__file__, {kind: found["ratio"] for kind, found in results["searches"].items()})


if __name__ == "__main__":
    main()
