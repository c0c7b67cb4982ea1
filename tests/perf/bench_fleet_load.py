"""A fleet at once: 30 enrolled desks, each its own process, syncing 50 cases x 7 services through 10%
failures and 10% drops, against the sandbox on SQLite and on PostgreSQL in the same run.

    .venv/bin/python tests/perf/bench_fleet_load.py [--desks 30] [--cases 50] [--backends sqlite,postgresql]
    .venv/bin/python tests/perf/bench_fleet_load.py --quick    # 1 desk x 1 case (CI runs it)

For each backend, one after the other and with the same workload: a fresh ``bizdesk sandbox
--fail-rate 0.1 --drop-rate 0.1`` (agencies deciding at once) on that backend, and fresh desks
(``tests/integration/sync/fleet.py``): each desk its own process with its own profile
(``BIZDESK_HOME``), its cases copied from the fictitious generator's and submitted in-process, then
enrolled; once every desk is ready all go at the same moment, and each syncs with the desk's own sync
(``DeskSync``) pass after pass until its submissions are completed. PostgreSQL is a throwaway server
from Debian's binaries (``tests/postgres.py``).

Prints the figures as JSON: per backend, submissions/s from the go to the last desk done, batch
latency (each desk times its ``POST /v1/submissions/batch`` requests to the answer read in full;
p50/p95/max over every answered one), passes per desk, the errors seen (requests not answered 200,
failed passes, failures in the platform's log, "database is locked" counted apart), the platform's
own counts and the machine's load; and PostgreSQL against SQLite. Exits 1 unless, on every backend,
every submission was accepted exactly once (the platform's counts, per device and (case, service),
and each desk's outbox: nothing pending, nothing duplicated, a further sync sent nothing) with no
"database is locked"; 2 when PostgreSQL was asked for and is not installed (``--quick`` then runs
SQLite alone, its ratios ``n/a``). The ratios line: PostgreSQL's throughput and p95 batch latency over
SQLite's.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.integration.sync.fleet import FleetRun, Workload, run_fleet, write_templates
from tests.perf.ratio_line import print_ratios
from tests.postgres import MISSING_MESSAGE, running_postgres

BACKENDS = ("sqlite", "postgresql")


def _backends(text: str) -> list[str]:
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(BACKENDS))
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"backends are {', '.join(BACKENDS)}; got {text!r}")
    return chosen


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--desks", type=int, help="desks at once (30; 1 with --quick)")
    parser.add_argument("--cases", type=int, help="cases per desk, each with all seven services (50; 1)")
    parser.add_argument("--backends", type=_backends, default=list(BACKENDS), help="sqlite,postgresql")
    parser.add_argument("--quick", action="store_true", help="1 desk x 1 case on each backend (a smoke run)")
    arguments = parser.parse_args(argv)
    arguments.desks = arguments.desks or (1 if arguments.quick else 30)
    arguments.cases = arguments.cases or (1 if arguments.quick else 50)
    return arguments


def _run_all(
    folder: Path, workload: Workload, backends: list[str], *, without_postgres: bool = False
) -> list[FleetRun] | None:
    """One run per backend, in the order asked; None when PostgreSQL is asked for and missing, unless
    ``without_postgres`` (then it is left out)."""
    templates = write_templates(folder / "templates.json", wanted=min(6, workload.cases))
    runs = []
    with running_postgres() as server:
        for backend in backends:
            database_url = None
            if backend == "postgresql":
                if server is None and without_postgres:
                    print(MISSING_MESSAGE, file=sys.stderr)
                    continue
                if server is None:
                    return None
                database_url = server.create_database("fleet_load")
            runs.append(run_fleet(folder / backend, workload, templates, database_url=database_url))
    return runs


def _side_by_side(figures: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if not set(BACKENDS) <= set(figures):
        return {}
    pg, lite = figures["postgresql"], figures["sqlite"]
    p95 = pg["batch_latency_s"]["p95"], lite["batch_latency_s"]["p95"]
    return {
        "throughput_postgresql_over_sqlite": round(pg["submissions_per_s"] / lite["submissions_per_s"], 2),
        "p95_batch_latency_postgresql_over_sqlite": round(p95[0] / p95[1], 2) if all(p95) else None,
    }


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _arguments(argv)
    # SIGTERM ends the run like Ctrl+C: the sandboxes, desks and PostgreSQL started here are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workload = Workload(desks=arguments.desks, cases=arguments.cases)
    load_before = [round(x, 2) for x in os.getloadavg()]
    with tempfile.TemporaryDirectory(prefix="bizdesk-fleet-load-") as tmp:
        runs = _run_all(Path(tmp), workload, arguments.backends, without_postgres=arguments.quick)
    if runs is None:
        print(MISSING_MESSAGE, file=sys.stderr)
        return 2
    figures = {run.backend: run.figures() for run in runs}
    print(
        json.dumps(
            {
                "benchmark": "fleet-load",
                "workload": {"desks": workload.desks, "cases_per_desk": workload.cases, "services": 7},
                "faults": {"fail_rate": workload.fail_rate, "drop_rate": workload.drop_rate},
                "machine": {"cores": os.cpu_count(), "load_average_before": load_before},
                "backends": figures,
                "side_by_side": _side_by_side(figures),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    side_by_side = _side_by_side(figures)
    print_ratios(
        __file__,
        {
            "throughput_postgresql_over_sqlite": side_by_side.get("throughput_postgresql_over_sqlite"),
            "p95_latency_postgresql_over_sqlite": side_by_side.get(
                "p95_batch_latency_postgresql_over_sqlite"
            ),
        },
    )
    return 0 if all(not run.problems() for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
