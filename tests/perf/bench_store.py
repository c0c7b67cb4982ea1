"""Store benchmark: the same workload on the SQLCipher store and on plain SQLite, in one run.

    .venv/bin/python tests/perf/bench_store.py            # 10k and 100k cases (several minutes)
    .venv/bin/python tests/perf/bench_store.py --quick    # 300 cases, a smoke run (CI runs it)

Both stores go through the real code path (``make_engine`` with and without the data
key, the migrations, ``SqlUnitOfWork``, ``SqlCaseRepository``): save (500 cases per
transaction), load by id, list pages (most recent first, and by status), exact lookup
by ID number and by USCC. Documents are realistic ``bizdesk.case/1`` cases from the
fictitious generator (about 5 KB each), with unique lookup keys per case.

Reads run once to warm up, then ROUNDS times per store in alternating order; the
median is kept. Prints one JSON object: per case count and operation, the time per
operation on each store and the ratio SQLCipher / SQLite. Never a pass/fail: the
figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import functools
import json
import random
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy.orm import sessionmaker

from app.case.interchange import dump_case
from app.case.summary import case_summary
from app.ports import CaseSummary
from app.seed import generate_cases
from app.store import migrate
from app.store.engine import make_engine
from app.store.uow import SqlUnitOfWork
from tests.perf.ratio_line import print_ratios

BATCH = 500
SAMPLES = 1000
ROUNDS = 5
STATUSES = ("draft", "ready", "submitted", "completed")


class Store:
    def __init__(self, path: Path, key: bytes | None) -> None:
        self.engine = make_engine(path, key)
        migrate.upgrade(self.engine)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.sessions, training=True)  # the seeded cases are fictitious


def _templates(count: int = 200) -> list[tuple[dict[str, Any], CaseSummary]]:
    """``count`` generated cases to copy (32 cover every company type and state)."""
    cases = generate_cases(count, seed=2026, today=dt.date(2026, 11, 26))
    return [(dump_case(c), case_summary(c)) for c in cases]


def _id_number(i: int) -> str:
    return f"370783{19600101 + i % 400000:08d}{i % 1000:03d}X"


def _uscc(i: int) -> str:
    return f"91370783MA{i:07d}X"


def _rows(start: int, stop: int, templates: list[tuple[dict[str, Any], CaseSummary]]) -> Iterator[Any]:
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(start, stop):
        document, summary = templates[i % len(templates)]
        case_id = f"SG-B{i:07d}"
        doc = {**document, "case_id": case_id}
        # replace() keeps the template's fictitious mark: the training profile refuses rows without it
        row = dataclasses.replace(
            summary,
            case_id=case_id,
            status=STATUSES[i % len(STATUSES)],
            updated_at=base + dt.timedelta(seconds=i),
        )
        keys = [("id_number", _id_number(i)), ("mobile", f"138{i:08d}"), ("uscc", _uscc(i))]
        yield doc, row, keys


def _save(store: Store, start: int, stop: int, templates: list[tuple[dict[str, Any], CaseSummary]]) -> None:
    for first in range(start, stop, BATCH):
        with store.uow() as uow:
            for doc, row, keys in _rows(first, min(first + BATCH, stop), templates):
                uow.cases.add(doc, row, keys)
            uow.commit()


def _timed(action: Callable[[], object], operations: int) -> float:
    """Milliseconds per operation."""
    began = time.perf_counter()
    action()
    return (time.perf_counter() - began) * 1000 / operations


def _workload(n: int, rng: random.Random, samples: int) -> dict[str, Callable[[Store], object]]:
    ids = [rng.randrange(n) for _ in range(samples)]

    def load(store: Store) -> None:
        with store.uow() as uow:
            for i in ids:
                assert uow.cases.get(f"SG-B{i:07d}") is not None

    def list_pages(store: Store) -> None:
        with store.uow() as uow:
            for page in range(samples // 10):
                uow.cases.list(limit=50, offset=(page % 20) * 50)

    def list_status(store: Store) -> None:
        with store.uow() as uow:
            for page in range(samples // 10):
                uow.cases.list(status=STATUSES[page % 4], limit=50, offset=(page % 20) * 50)

    def find_id(store: Store) -> None:
        with store.uow() as uow:
            for i in ids:
                assert uow.cases.find("id_number", _id_number(i))

    def find_uscc(store: Store) -> None:
        with store.uow() as uow:
            for i in ids:
                assert uow.cases.find("uscc", _uscc(i)) == [f"SG-B{i:07d}"]

    return {
        "load": load,
        "list_page": list_pages,
        "list_by_status": list_status,
        "find_id_number": find_id,
        "find_uscc": find_uscc,
    }


def _per_op(samples: int) -> dict[str, int]:
    return {
        "load": samples,
        "list_page": samples // 10,
        "list_by_status": samples // 10,
        "find_id_number": samples,
        "find_uscc": samples,
    }


def _compare(
    stores: dict[str, Store], action: Callable[[Store], object], operations: int
) -> dict[str, float]:
    """Median of ROUNDS timed runs per store, after one warm-up run each, the order alternating."""
    for store in stores.values():
        action(store)
    times: dict[str, list[float]] = {name: [] for name in stores}
    for round_ in range(ROUNDS):
        order = list(stores.items()) if round_ % 2 == 0 else list(reversed(stores.items()))
        for name, store in order:
            times[name].append(_timed(functools.partial(action, store), operations))
    return {name: statistics.median(values) for name, values in times.items()}


def run(sizes: list[int], folder: Path, samples: int = SAMPLES) -> dict[str, Any]:
    templates = _templates(32 if samples < SAMPLES else 200)
    stores = {
        "sqlcipher": Store(folder / "cipher.db", secrets.token_bytes(32)),
        "sqlite": Store(folder / "plain.db", None),
    }
    results: dict[str, Any] = {}
    done = 0
    for n in sizes:
        figures: dict[str, dict[str, float]] = {"save": {}}
        for name, store in stores.items():  # grow both stores to n, side by side
            figures["save"][name] = _timed(functools.partial(_save, store, done, n, templates), n - done)
        done = n
        for op, action in _workload(n, random.Random(n), samples).items():
            figures[op] = _compare(stores, action, _per_op(samples)[op])
        results[str(n)] = {
            op: {
                "sqlcipher_ms": round(v["sqlcipher"], 4),
                "sqlite_ms": round(v["sqlite"], 4),
                "ratio": round(v["sqlcipher"] / v["sqlite"], 2),
            }
            for op, v in figures.items()
        }
        results[str(n)]["file_mb"] = {
            name: round(Path(store.engine.url.database or "").stat().st_size / 1e6, 1)
            for name, store in stores.items()
        }
    for store in stores.values():
        store.engine.dispose()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="300 cases, 100 samples (a smoke run)")
    args = parser.parse_args()
    sizes = [300] if args.quick else [10_000, 100_000]
    samples = 100 if args.quick else SAMPLES
    with tempfile.TemporaryDirectory(prefix="bizdesk-bench-") as folder:  # fictitious data only
        results = run(sizes, Path(folder), samples)
    meta = {
        "python": sys.version.split()[0],
        "batch": BATCH,
        "samples": samples,
        "rounds": ROUNDS,
        "note": "ms per operation (median of rounds after a warm-up); save: ms per case, one pass",
    }
    print(json.dumps({"benchmark": "store", "meta": meta, "results": results}, indent=2))
    largest = results[str(sizes[-1])]
    print_ratios(__file__, {op: largest[op]["ratio"] for op in ("save", *_per_op(samples))})


if __name__ == "__main__":
    main()
