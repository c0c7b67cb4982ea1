"""A fleet of enrolled desks syncing at once against one sandbox, each desk its own process.

    run = run_fleet(folder, Workload(desks=30, cases=50), write_templates(folder / "t.json"), database_url)
    run.problems()  # the failed checks; empty: every submission accepted exactly once
    run.figures()   # throughput, p95 batch latency, passes, errors seen (JSON-ready)

The platform is ``bizdesk sandbox`` in its own process (``--fail-rate``/``--drop-rate`` from the
workload, agencies deciding at once, one enrolment code per desk) on SQLite in its data folder or
on ``database_url``; its stderr is kept, since a request that fails inside it leaves a traceback
there (this is where "database is locked" would show). Each desk is ``fleet_desk`` in its own
process with its own ``BIZDESK_HOME``: every desk prepares its profile, then all are told to go at
the same moment, and the run lasts until the last desk has every submission completed.

The checks, per desk and for the whole: the platform's own count of accepted submissions is
desks x cases x 7; per device it accepted each (case, service) of that desk's cases once and nothing
else; each desk's outbox holds every submission completed, one row per (case, service), and a
further pass sent nothing; no "database is locked" in the platform's or the desks' logs; the
agencies decided each submission once (one event per submission and status on the feed); and the
platform's counters add up (items delivered = accepted + rejected + duplicates + conflicts +
invalid + retry later: an increment lost to a race shows here).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.case.enums import Status
from app.case.interchange import dump_case
from app.seed import generate_cases
from tests.integration.sync.support import SERVICES, end_process, sandbox_process

ROOT = Path(__file__).resolve().parents[3]
PASSPHRASE = "fleet desk passphrase: fictitious training profiles"
LOCKED = "database is locked"
# Outcomes published more than once for one submission (each is one event per status: accepted, then
# completed): how many submissions, and how many events too many.
DECIDED_AGAIN = (
    "SELECT count(*), sum(n - 1) FROM (SELECT count(*) AS n FROM events "
    "GROUP BY submission_id, status HAVING count(*) > 1) AS repeated"
)
# uvicorn's log records start like this; a traceback belongs to the record above it.
LOG_RECORD = re.compile(r"^(?:CRITICAL|ERROR|WARNING|INFO|DEBUG):", re.MULTILINE)


def enroll_code(index: int) -> str:
    return f"FLEET-{index:03d}"


@dataclass(frozen=True)
class Workload:
    desks: int
    cases: int  # per desk, each with all seven services
    fail_rate: float = 0.1
    drop_rate: float = 0.1

    @property
    def submissions(self) -> int:
        return self.desks * self.cases * len(SERVICES)

    def sandbox_options(self) -> list[str]:
        codes = [option for i in range(self.desks) for option in ("--enroll-code", enroll_code(i))]
        faults = ["--fail-rate", str(self.fail_rate), "--drop-rate", str(self.drop_rate)]
        return [*faults, "--decision-delay", "0", *codes]


def write_templates(path: Path, wanted: int = 6) -> Path:
    """Ready cases opening all seven services, from the fictitious generator, as a JSON list in ``path``.

    Generated for the day ``submit_case`` checks them against (the machine's local date): the
    generator's own default is Shanghai's date, a day ahead of a UTC machine's from 00:00 to 08:00
    Shanghai time, when a joint-stock company's capital due "today" was refused as due after founding.
    """
    ready = [
        case
        for case in generate_cases(wanted * 24, seed=2026, today=dt.datetime.now().astimezone().date())
        if case.status is Status.READY and len(list(case.services.requested())) == len(SERVICES)
    ]
    if not ready:
        raise AssertionError("the generator gave no ready case with all seven services")
    path.write_text(json.dumps([dump_case(case) for case in ready[:wanted]]), encoding="utf-8")
    return path


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]  # nearest rank


def _failures(log_text: str) -> list[str]:
    """The log records (with their tracebacks) that tell of a failure."""
    starts = [found.start() for found in LOG_RECORD.finditer(log_text)] + [len(log_text)]
    records = [log_text[a:b] for a, b in itertools.pairwise(starts)]
    head = log_text[: starts[0]]
    return [r for r in ([head] if head.strip() else []) + records if not r.startswith("INFO")]


def _last_line(record: str) -> str:
    lines = [line.strip() for line in record.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


@dataclass
class FleetRun:
    """What one fleet run measured and found (``figures()``), and what it got wrong (``problems()``)."""

    backend: str
    workload: Workload
    desks: list[dict[str, Any]]
    stats: dict[str, int]
    accepted: dict[tuple[str, str, str], int]  # (device, case, service) -> accepted submissions
    decided_again: tuple[int, int]  # (submissions, events): outcomes the platform published twice or more
    platform_log: str
    desk_logs: list[str]
    go_at: float
    load: tuple[float, float]  # the machine's 1-minute load average at the go and at the end

    @property
    def seconds(self) -> float:
        return max(float(desk["finished_at"]) for desk in self.desks) - self.go_at

    def locked(self) -> int:
        """How often "database is locked" shows: failed requests in the platform's log, desks' log lines."""
        in_platform = sum(LOCKED in record for record in _failures(self.platform_log))
        return in_platform + sum(log.count(LOCKED) for log in self.desk_logs)

    def problems(self) -> list[str]:
        expected = self.workload.cases * len(SERVICES)
        found = []
        if self.stats["accepted"] != self.workload.submissions:
            found.append(f"the platform accepted {self.stats['accepted']}, not {self.workload.submissions}")
        for desk in self.desks:
            problems = self._desk_problems(desk, expected)
            found += [f"desk {desk['device_id']}: {problem}" for problem in problems]
        found += self._platform_problems()
        return found

    def _platform_problems(self) -> list[str]:
        counted = self.stats
        items = sum(counted[name] for name in ("accepted", "rejected", "duplicates", "conflicts", "invalid"))
        checks = {
            f'"{LOCKED}" in {self.locked()} failures': self.locked() > 0,
            f"the agencies decided {self.decided_again[0]} submissions again "
            f"({self.decided_again[1]} events too many on the feed)": self.decided_again[0] > 0,
            f"the platform's counters do not add up: {counted['deliveries']} items delivered, "
            f"{items + counted['retry_later']} answered": counted["deliveries"]
            != items + counted["retry_later"],
        }
        return [problem for problem, failed in checks.items() if failed]

    def _desk_problems(self, desk: dict[str, Any], expected: int) -> list[str]:
        wanted = {(case, service) for case in desk["cases"] for service in SERVICES}
        got = {(c, s): n for (d, c, s), n in self.accepted.items() if d == desk["device_id"]}
        checks = {
            f"still syncing after {desk['passes']} passes": not desk["done"],
            f"the platform accepted {len(got)} of its {len(wanted)} submissions": set(got) != wanted,
            "the platform accepted a submission more than once": any(n != 1 for n in got.values()),
            f"its outbox holds {desk['counts']}": desk["counts"] != {"completed": expected},
            f"{desk['submissions']} submissions in its outbox": desk["submissions"] != expected,
            f"duplicated in its outbox: {desk['duplicated'][:5]}": bool(desk["duplicated"]),
            f"a further sync sent {desk['further_sent']}": desk["further_sent"] != 0,
        }
        return [problem for problem, failed in checks.items() if failed]

    def figures(self) -> dict[str, Any]:
        batches = [seconds for desk in self.desks for seconds in desk["batch_seconds"]]
        passes = [desk["passes"] for desk in self.desks]
        requests: Counter[str] = Counter()  # "GET /v1/health 200": how many
        failed_passes: Counter[str] = Counter()
        for desk in self.desks:
            requests.update(desk["requests"])
            failed_passes.update(desk["pass_errors"])
        platform_failures = Counter(_last_line(r) for r in _failures(self.platform_log))
        return {
            "backend": self.backend,
            "decided_again": {"submissions": self.decided_again[0], "extra_events": self.decided_again[1]},
            "desks": self.workload.desks,
            "cases_per_desk": self.workload.cases,
            "submissions": self.workload.submissions,
            "accepted_by_platform": self.stats["accepted"],
            "exactly_once": not self.problems(),
            "seconds": round(self.seconds, 1),
            "submissions_per_s": round(self.workload.submissions / self.seconds, 1),
            "batch_latency_s": {
                "answered_batches": len(batches),
                "p50": _rounded(_percentile(batches, 0.5)),
                "p95": _rounded(_percentile(batches, 0.95)),
                "max": _rounded(max(batches, default=None)),
            },
            "passes": {"min": min(passes), "median": statistics.median(passes), "max": max(passes)},
            "errors": {
                "database_is_locked": self.locked(),
                "platform_failures": dict(platform_failures.most_common()),
                "failed_passes": dict(failed_passes.most_common()),
                "requests_not_answered_200": {k: n for k, n in sorted(requests.items()) if k[-4:] != " 200"},
            },
            "requests_answered_200": {k: n for k, n in sorted(requests.items()) if k[-4:] == " 200"},
            "sandbox": self.stats,
            "load_average_1min": {"at_go": self.load[0], "at_end": self.load[1]},
            "problems": self.problems(),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _tail(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-3000:] if path.exists() else ""


@contextmanager
def _desk_processes(
    folder: Path, url: str, workload: Workload, templates: Path
) -> Iterator[list[subprocess.Popen[str]]]:
    """Start every desk (its set-up runs at once in all of them); all are ended whatever happens."""
    with ExitStack() as stack:
        desks = []
        for index in range(workload.desks):
            home = folder / f"desk-{index:02d}"
            home.mkdir(parents=True)
            env = {**os.environ, "BIZDESK_HOME": str(home), "BIZDESK_PASSPHRASE": PASSPHRASE}
            command = [sys.executable, "-m", "tests.integration.sync.fleet_desk", url, enroll_code(index)]
            log = stack.enter_context((folder / f"desk-{index:02d}.log").open("w", encoding="utf-8"))
            desk = subprocess.Popen(
                [*command, str(templates), str(workload.cases)],
                cwd=ROOT,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                start_new_session=True,
            )
            stack.callback(end_process, desk)
            desks.append(desk)
        yield desks


def _go_together(
    folder: Path, desks: list[subprocess.Popen[str]]
) -> tuple[float, float, list[dict[str, Any]]]:
    """Wait until every desk is ready (no deadline), tell all to go: (when, the load then, results)."""
    for index, desk in enumerate(desks):
        assert desk.stdout is not None
        if desk.stdout.readline().strip() != "ready":
            raise RuntimeError(f"desk {index} did not get ready:\n{_tail(folder / f'desk-{index:02d}.log')}")
    go_at, load = time.time(), os.getloadavg()[0]
    for desk in desks:
        assert desk.stdin is not None
        desk.stdin.write("go\n")
        desk.stdin.flush()
    results = []
    for index, desk in enumerate(desks):
        assert desk.stdout is not None
        line = desk.stdout.readline()
        if desk.wait() != 0 or not line.strip():
            raise RuntimeError(f"desk {index} failed:\n{_tail(folder / f'desk-{index:02d}.log')}")
        results.append(json.loads(line))
    return go_at, load, results


def run_fleet(
    folder: Path, workload: Workload, templates: Path, *, database_url: str | None = None
) -> FleetRun:
    """Run ``workload`` against a fresh sandbox on ``database_url``, else on the test's sandbox backend
    (tests/sandbox_backends.py; SQLite in ``folder`` outside a test)."""
    folder.mkdir(parents=True, exist_ok=True)
    platform_log = folder / "platform.log"
    options = workload.sandbox_options()
    platform = sandbox_process(folder / "platform", *options, database_url=database_url, log=platform_log)
    with platform:
        with _desk_processes(folder, platform.url, workload, templates) as desks:
            go_at, load_at_go, results = _go_together(folder, desks)
            load_at_end = os.getloadavg()[0]
        stats, accepted = platform.stats(), platform.accepted_per_device()
        (decided_again,) = platform.query(DECIDED_AGAIN)
    used = platform.database_url  # the test's sandbox backend when none was given
    return FleetRun(
        backend="sqlite" if used is None else used.split(":", 1)[0].split("+", 1)[0],
        workload=workload,
        desks=results,
        stats=stats,
        accepted=accepted,
        decided_again=(int(decided_again[0] or 0), int(decided_again[1] or 0)),
        platform_log=platform_log.read_text(encoding="utf-8", errors="replace"),
        desk_logs=[log.read_text(encoding="utf-8", errors="replace") for log in folder.glob("desk-*.log")],
        go_at=go_at,
        load=(load_at_go, load_at_end),
    )
