"""Desk benchmark: one field change in the 新办企业 flow to its durable save, against a bare save_case.

    .venv/bin/python tests/perf/bench_field_save.py            # store of 100,000 cases (several minutes)
    .venv/bin/python tests/perf/bench_field_save.py --quick    # 300 cases, a smoke run (CI runs it)

The flow path is the whole path from the view's change handler to the commit: ``StepForm``'s
change handler (the same function the text box calls; the debounce it schedules is excluded),
``FlowPresenter.flush``, ``LocalDesk.change_fields`` (load the draft, apply the change, validate,
``save_case``, the draft's position) and the SQLCipher commit (WAL, ``synchronous=FULL``). The
baseline is a bare ``app.services.cases.save_case`` of the same draft with the same change in its
own unit of work. Both run on the same training profile holding N other cases, alternating, after a
warm-up. Prints one JSON object: median and p95 of each and their ratios. Never a pass/fail: the
figures go to docs/performance.md ("Desk: field save").
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.case.interchange import read_case
from app.desk.flow_api import FieldChange
from app.desk.flow_edit import apply_change
from app.desk.local import LocalDesk
from app.idcard.simulated import SimulatedReader
from app.paths import Profile
from app.services.cases import save_case
from app.wiring.profile import OpenedProfile, open_profile
from tests.perf.bench_store import BATCH, _rows, _templates
from tests.perf.ratio_line import print_ratios
from views.i18n import strings
from views.newcase.fields import StepForm, StepHooks
from views.newcase.presenter import FlowPresenter

ROUNDS = 200
WARM_UP = 20
KEY = "company.domicile.address"


def fill_store(opened: OpenedProfile, n: int) -> None:
    templates = _templates(min(200, max(32, n // 10)))
    for first in range(0, n, BATCH):
        with opened.store.unit_of_work() as uow:
            for doc, row, keys in _rows(first, min(first + BATCH, n), templates):
                uow.cases.add(doc, row, keys)
            uow.commit()


def a_draft(desk: LocalDesk) -> str:
    """A draft as far as a clerk gets in the people step: company typed, two founders read."""
    case_id = desk.start_draft().case_id
    changes = {
        "company.name_parts.trade_name": "绿野",
        "company.name_parts.industry": "蔬菜种植",
        "company.registered_capital_wan": "100",
        "company.scope.general": "AG001",
    }
    desk.change_fields(case_id, [FieldChange(k, v) for k, v in changes.items()], step="company", field="")
    for _ in range(2):
        desk.read_id_card(case_id, None)
    return case_id


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(opened: OpenedProfile, rounds: int, warm_up: int = WARM_UP) -> dict[str, float]:
    desk = opened.desk(reader=SimulatedReader(seed=3))
    assert desk.login("clerk", "peixun2026").ok
    case_id = a_draft(desk)
    presenter = FlowPresenter(desk, desk.open_draft(case_id), "company", KEY)
    form = StepForm(presenter, strings("zh"), StepHooks(lambda: None, lambda: None, lambda: None))
    flow_ms: list[float] = []
    bare_ms: list[float] = []
    for i in range(warm_up + rounds):
        text = f"圣城街道农圣街{i}号"
        began = time.perf_counter()
        form._typed(KEY, text)  # the text box's change handler (its debounce is scheduled by a no-op here)
        assert presenter.flush() is not None
        flow = (time.perf_counter() - began) * 1000
        with opened.store.unit_of_work() as uow:
            stored = uow.cases.get(case_id)
            assert stored is not None
            case, _ = read_case(stored.document)
            assert case is not None
        changed = apply_change(case, KEY, text + "甲")
        began = time.perf_counter()
        with opened.store.unit_of_work() as uow:
            save_case(uow, changed, by="clerk", expected_revision=stored.revision)
        bare = (time.perf_counter() - began) * 1000
        if i >= warm_up:
            flow_ms.append(flow)
            bare_ms.append(bare)
    result = {
        "flow_median_ms": statistics.median(flow_ms),
        "flow_p95_ms": percentile(flow_ms, 0.95),
        "bare_median_ms": statistics.median(bare_ms),
        "bare_p95_ms": percentile(bare_ms, 0.95),
    }
    result["ratio_median"] = result["flow_median_ms"] / result["bare_median_ms"]
    result["ratio_p95"] = result["flow_p95_ms"] / result["bare_p95_ms"]
    return {key: round(value, 2) for key, value in result.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--cases", type=int, default=None)
    args = parser.parse_args()
    n = args.cases or (300 if args.quick else 100_000)
    rounds, warm_up = (20, 5) if args.quick else (ROUNDS, WARM_UP)
    with tempfile.TemporaryDirectory(prefix="bizdesk-bench-") as folder:
        began = time.perf_counter()
        with open_profile(Profile("training", Path(folder) / "training")) as opened:
            fill_store(opened, n)
            filled = time.perf_counter() - began
            figures = measure(opened, rounds, warm_up)
    report = {"cases": n, "rounds": rounds, "fill_seconds": round(filled, 1), **figures}
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))
    print(f"measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", file=sys.stderr)
    print_ratios(__file__, {"median": figures["ratio_median"], "p95": figures["ratio_p95"]})


if __name__ == "__main__":
    main()
